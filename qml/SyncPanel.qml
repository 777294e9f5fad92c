import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// The sync state in words, with "sync now"; when the server wants a fresh sign-in, a password field.
ColumnLayout {
    id: panel
    spacing: 6
    visible: App.sync.state !== "disabled"

    RowLayout {
        Layout.fillWidth: true
        BusyIndicator {
            running: App.sync.busy && visible // a hidden spinner would still redraw the window every frame
            visible: running
            Layout.preferredWidth: 32
            Layout.preferredHeight: 32
        }
        Label {
            text: App.sync.statusText
            color: App.sync.state === "error" || App.sync.state === "signin" ? Theme.fail
                 : App.sync.state === "offline" ? Theme.warn : Theme.muted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        CeButton {
            text: qsTr("Sync now")
            enabled: !App.sync.busy && App.sync.state !== "signin"
            Layout.preferredHeight: Theme.touch
            onClicked: App.sync.syncNow()
        }
    }
    Label {
        visible: App.sync.errorString !== "" && App.sync.state === "error"
        text: App.sync.errorString
        color: Theme.fail
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    RowLayout {
        visible: App.sync.state === "signin"
        Layout.fillWidth: true
        TextField {
            id: password
            echoMode: TextInput.Password
            placeholderText: qsTr("Password of %1").arg(App.session.username)
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            onAccepted: renew.clicked()
        }
        CeButton {
            id: renew
            text: qsTr("Sign in to send")
            highlighted: true
            Layout.preferredHeight: Theme.touch
            onClicked: {
                App.session.signIn(App.session.username, password.text)
                password.text = ""
            }
        }
    }
}
