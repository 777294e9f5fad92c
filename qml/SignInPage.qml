import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Sign-in: online against the server the first time, offline afterwards; or the local demo.
Page {
    id: page
    title: qsTr("Sign in")
    signal signedIn()
    background: Rectangle { color: Theme.background }

    Connections {
        target: App.session
        function onSignedInChanged() {
            if (App.session.signedIn)
                page.signedIn()
        }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 64
        clip: true

        ColumnLayout {
            id: column
            width: Math.min(parent.width - 2 * Theme.margin, 520)
            x: (parent.width - width) / 2
            y: 32
            spacing: Theme.gap

            Label {
                text: qsTr("CareEval")
                font.pixelSize: Theme.fontHeading * 1.3
                font.bold: true
                color: Theme.primary
                Layout.alignment: Qt.AlignHCenter
            }
            Label {
                text: qsTr("On-site evaluation of elderly-care institutions")
                color: Theme.muted
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            CeCard {
                Layout.fillWidth: true
                Layout.topMargin: 16
                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.gap
                    Label { text: qsTr("Server address") }
                    TextField {
                        id: server
                        text: App.settings.serverUrl
                        inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        onEditingFinished: App.settings.serverUrl = text
                    }
                    Label { text: qsTr("User name") }
                    TextField {
                        id: user
                        inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                    }
                    Label { text: qsTr("Password") }
                    TextField {
                        id: password
                        echoMode: TextInput.Password
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        onAccepted: signInButton.clicked()
                    }
                    Label {
                        visible: App.session.errorString !== ""
                        text: App.session.errorString
                        color: Theme.fail
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    CeButton {
                        id: signInButton
                        text: App.session.busy ? qsTr("Signing in…") : qsTr("Sign in")
                        enabled: !App.session.busy
                        highlighted: true
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch + 8
                        onClicked: {
                            App.settings.serverUrl = server.text
                            App.session.signIn(user.text, password.text)
                        }
                    }
                    Label {
                        text: qsTr("After the first sign-in on this tablet you can sign in without a network.")
                        color: Theme.muted
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
            }
            CeButton {
                text: qsTr("Try the demo inspection (no server needed)")
                secondary: true
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                onClicked: App.session.openDemo()
            }
        }
    }
}
