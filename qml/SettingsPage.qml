import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Language, server address, text size; who is signed in and on which device.
Page {
    id: page
    title: qsTr("Settings")
    background: Rectangle { color: Theme.background }
    CeConfirmDialog { id: confirm; parent: Overlay.overlay }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 64
        clip: true
        ColumnLayout {
            id: column
            width: Math.min(parent.width - 2 * Theme.margin, 720)
            x: (parent.width - width) / 2
            y: Theme.margin
            spacing: Theme.gap

            CeCard {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    Label { text: qsTr("Language"); font.bold: true }
                    RowLayout {
                        RadioButton { text: "中文"; checked: App.settings.language === "zh"; onClicked: App.settings.language = "zh" }
                        RadioButton { text: "English"; checked: App.settings.language === "en"; onClicked: App.settings.language = "en" }
                    }
                }
            }
            CeCard {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    Label { text: qsTr("Text size"); font.bold: true }
                    RowLayout {
                        Repeater {
                            model: [{ scale: 1.0, text: qsTr("Normal") }, { scale: 1.25, text: qsTr("Large") }, { scale: 1.5, text: qsTr("Extra large") }]
                            delegate: RadioButton {
                                required property var modelData
                                text: modelData.text
                                checked: Math.abs(App.settings.textScale - modelData.scale) < 0.01
                                onClicked: App.settings.textScale = modelData.scale
                            }
                        }
                    }
                }
            }
            CeCard {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    Label { text: qsTr("Server address"); font.bold: true }
                    TextField {
                        text: App.settings.serverUrl
                        inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        onEditingFinished: App.settings.serverUrl = text
                    }
                    Label {
                        text: qsTr("Device: %1 · version %2").arg(App.settings.deviceId).arg(App.version)
                        color: Theme.muted
                        font.pixelSize: Theme.fontSmall
                    }
                }
            }
            CeCard {
                Layout.fillWidth: true
                visible: App.session.signedIn
                RowLayout {
                    anchors.fill: parent
                    Label {
                        text: qsTr("Signed in as %1 (%2)").arg(App.session.displayName).arg(App.session.roleText)
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    CeButton {
                        text: qsTr("Sign out")
                        Layout.preferredHeight: Theme.touch
                        objectName: "signOut"
                        onClicked: confirm.ask(qsTr("Sign out?"),
                                               (App.sync.pending > 0 || App.sync.photosWaiting > 0
                                                ? qsTr("%1 changes and %2 photos have not reached the server yet. They stay on this tablet and are sent after %3 signs in again; nobody else can send them.")
                                                      .arg(App.sync.pending).arg(App.sync.photosWaiting).arg(App.session.displayName) + "\n\n"
                                                : "")
                                               + qsTr("Signing out needs the server and the password to sign in again."),
                                               qsTr("Sign out"),
                                               () => App.signOut())
                    }
                }
            }
        }
    }
}
