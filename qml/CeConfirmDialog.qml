import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// Asks before an act that is not simply taken back: says what will happen, then Cancel or the act,
// named. ask() shows it; the act runs only on confirmation.
Dialog {
    id: dialog
    property string text
    property string confirmText: qsTr("Confirm")
    property bool destructive: false
    property var action: null
    modal: true
    width: Math.min(parent ? parent.width - 32 : 560, 560)
    x: parent ? (parent.width - width) / 2 : 0
    y: parent ? Math.max(24, (parent.height - height) / 3) : 0
    closePolicy: Popup.CloseOnEscape

    function ask(title, text, confirmText, action, destructive) {
        dialog.title = title
        dialog.text = text
        dialog.confirmText = confirmText
        dialog.action = action
        dialog.destructive = destructive === true
        open()
    }
    onAccepted: {
        const act = dialog.action
        dialog.action = null
        if (act)
            act()
    }
    onRejected: dialog.action = null

    ColumnLayout {
        width: parent.width
        spacing: Theme.gap
        Label {
            text: dialog.text
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            Item { Layout.fillWidth: true }
            CeButton {
                objectName: "confirmCancel"
                text: qsTr("Cancel")
                secondary: true
                onClicked: dialog.reject()
            }
            CeButton {
                objectName: "confirmOk"
                text: dialog.confirmText
                highlighted: true
                Material.accent: dialog.destructive ? Theme.fail : Theme.primary
                onClicked: dialog.accept()
            }
        }
    }
}
