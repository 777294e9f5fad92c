import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// The team: each member, the steps they own, how many of their changes are on this tablet against
// how many the server holds (the difference is still on its way), and when they last synced.
ColumnLayout {
    id: panel
    readonly property var members: App.inspection.revision >= 0 ? App.inspection.team() : []
    readonly property var server: App.teamView.members || ({})
    spacing: 4
    Component.onCompleted: App.refreshTeam()
    Connections {
        target: App.sync
        function onRoundFinished(ok) { if (ok) App.refreshTeam() }
    }

    RowLayout {
        Layout.fillWidth: true
        Label { text: qsTr("Team"); font.bold: true; Layout.fillWidth: true }
        Label {
            visible: App.teamView.photosExpected !== undefined
            text: qsTr("Photos on the server: %1 of %2").arg(App.teamView.photosReceived).arg(App.teamView.photosExpected)
            color: App.teamView.photosReceived >= App.teamView.photosExpected ? Theme.pass : Theme.warn
            font.pixelSize: Theme.fontSmall
        }
    }
    Repeater {
        model: panel.members
        delegate: ColumnLayout {
            required property var modelData
            readonly property var remote: panel.server[modelData.user]
            Layout.fillWidth: true
            spacing: 0
            RowLayout {
                Layout.fillWidth: true
                Label { text: modelData.name + (modelData.me ? " " + qsTr("(me)") : ""); font.bold: true }
                Label { text: modelData.role; color: Theme.muted; Layout.fillWidth: true }
                Label {
                    visible: modelData.steps !== ""
                    text: qsTr("Steps %1").arg(modelData.steps)
                    font.pixelSize: Theme.fontSmall
                }
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontSmall
                color: remote !== undefined && remote.operations > modelData.received ? Theme.warn : Theme.muted
                text: {
                    let t = qsTr("%1 changes here").arg(modelData.received)
                    if (modelData.lastChange !== "")
                        t += " · " + qsTr("latest %1").arg(modelData.lastChange)
                    if (remote !== undefined) {
                        if (remote.operations > modelData.received)
                            t += " · " + qsTr("%1 more on the server: sync to receive them").arg(remote.operations - modelData.received)
                        t += " · " + (remote.lastSync !== "" ? qsTr("last synced %1").arg(remote.lastSync) : qsTr("never synced"))
                    }
                    return t
                }
            }
        }
    }
    Label {
        visible: App.teamView.error !== undefined && App.sync.state !== "disabled"
        text: qsTr("The server's view of the team is not available: %1").arg(App.teamView.error || "")
        color: Theme.muted
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
