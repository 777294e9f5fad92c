import QtQuick
import QtQuick.Controls
import CareEval.Core

// Free text, saved a moment after typing stops and when the field is left.
TextArea {
    id: editor
    property string value
    signal chosen(string value)
    text: value
    wrapMode: TextArea.Wrap
    placeholderText: qsTr("Type here")
    enabled: App.inspection.canEdit
    implicitHeight: Math.max(Theme.touch * 2, contentHeight + topPadding + bottomPadding)
    function commit() {
        pause.stop()
        if (text !== value)
            editor.chosen(text)
    }
    onTextChanged: if (activeFocus) pause.restart()
    onEditingFinished: commit()
    onActiveFocusChanged: if (!activeFocus) commit()
    Timer {
        id: pause
        interval: 1500
        onTriggered: editor.commit()
    }
}
