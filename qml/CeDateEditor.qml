import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// A date as YYYY-MM-DD, with a button for today.
RowLayout {
    id: editor
    property string value
    signal chosen(string value)
    spacing: 8
    TextField {
        text: editor.value
        placeholderText: "2026-11-25"
        inputMask: "9999-99-99;_"
        enabled: App.inspection.canEdit
        Layout.preferredWidth: 200
        Layout.preferredHeight: Theme.touch
        onEditingFinished: if (acceptableInput && text !== editor.value) editor.chosen(text)
    }
    Button {
        text: qsTr("Today")
        enabled: App.inspection.canEdit
        Layout.preferredHeight: Theme.touch
        onClicked: editor.chosen(new Date().toISOString().substring(0, 10))
    }
    Item { Layout.fillWidth: true }
}
