import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// A number with its unit; saved when the field is left or Enter is pressed.
RowLayout {
    id: editor
    property var value
    property string unit
    property real minValue: 0
    property real maxValue: 1e9
    signal chosen(var value)
    spacing: 8

    TextField {
        id: field
        text: typeof editor.value === "number" ? String(editor.value) : ""
        placeholderText: qsTr("Number")
        inputMethodHints: Qt.ImhFormattedNumbersOnly
        // A number outside the item's range is refused with the range named, never cut short.
        validator: RegularExpressionValidator { regularExpression: /^-?[0-9]*([.][0-9]*)?$/ }
        enabled: App.inspection.canEdit
        Layout.preferredWidth: 200
        Layout.preferredHeight: Theme.touch
        onEditingFinished: {
            if (text !== "" && text !== String(editor.value))
                editor.chosen(text)
            text = Qt.binding(() => typeof editor.value === "number" ? String(editor.value) : "")
        }
    }
    Label { text: editor.unit; color: Theme.muted }
    Item { Layout.fillWidth: true }
}
