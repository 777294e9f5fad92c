pragma ComponentBehavior: Bound
import QtQuick

// Single choice (one button per option) or multiple choice (check boxes) from the template's options.
Flow {
    id: editor
    property var value
    property var options: []
    property bool multiple: false
    signal chosen(var value)
    spacing: 8

    function selected(key) {
        if (editor.multiple)
            return Array.isArray(editor.value) && editor.value.indexOf(key) >= 0
        return editor.value === key
    }
    function toggle(key) {
        if (!editor.multiple) {
            editor.chosen(key)
            return
        }
        let list = Array.isArray(editor.value) ? editor.value.slice() : []
        const at = list.indexOf(key)
        if (at >= 0)
            list.splice(at, 1)
        else
            list.push(key)
        editor.chosen(list)
    }

    Repeater {
        model: editor.options
        delegate: CeChoiceButton {
            required property var modelData
            text: (editor.multiple ? (editor.selected(modelData.value) ? "☑ " : "☐ ") : "") + modelData.label
            selected: editor.selected(modelData.value)
            onClicked: editor.toggle(modelData.value)
        }
    }
}
