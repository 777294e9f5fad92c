import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// "Not applicable" on an item the template accepts it for only with a reason (sprinklers, a lift, an
// in-house clinic …): the reason is recorded with the answer and printed with it.
Dialog {
    id: dialog
    property string itemId
    property string label
    title: qsTr("Why does this not apply?")
    modal: true
    standardButtons: Dialog.Ok | Dialog.Cancel
    footer: CeDialogButtons { }
    width: Math.min(parent ? parent.width - 32 : 560, 560)
    x: parent ? (parent.width - width) / 2 : 0
    y: 60
    onAccepted: App.inspection.setNotApplicable(itemId, reason.text)
    Component.onCompleted: standardButton(Dialog.Ok).text = qsTr("Save")

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label { text: dialog.label; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
        Label {
            text: qsTr("This item counts in every rate unless it truly does not apply. Say why, for the record.")
            wrapMode: Text.Wrap
            color: Theme.muted
            Layout.fillWidth: true
        }
        TextArea {
            id: reason
            placeholderText: qsTr("e.g. single-storey building, no lift")
            wrapMode: TextEdit.Wrap
            Layout.fillWidth: true
            Layout.preferredHeight: 96
            focus: true
        }
    }
}
