import QtQuick
import QtQuick.Controls
import CareEval.Core

// The note on an item (what was found); required by the template for some non-compliances.
TextField {
    id: field
    property string itemId
    property string note
    property bool needed: false
    text: note
    placeholderText: needed ? qsTr("Required: describe what was found") : qsTr("Note")
    enabled: App.inspection.canEdit
    implicitHeight: Theme.touch
    onEditingFinished: if (text.trim() !== "" && text !== note) App.inspection.addNote(itemId, text)
}
