pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// The team: each member, the steps they own, how many of their changes are on this tablet against
// how many the server holds (the difference is still on its way), and when they last synced.
ColumnLayout {
    id: panel
    // The server's view of the team (a map from the sync client)
    readonly property var serverTeam: App.teamView
    readonly property var members: App.inspection.team
    readonly property var server: panel.serverTeam.members || ({})
    spacing: 4
    Component.onCompleted: App.refreshTeam()
    Connections {
        target: App.sync
        function onRoundFinished(ok) { if (ok) App.refreshTeam() }
    }

    RowLayout {
        Layout.fillWidth: true
        Label { text: qsTr("Team"); font.bold: true; Layout.fillWidth: true; Layout.alignment: Qt.AlignTop }
        Label {
            visible: panel.serverTeam.photosExpected !== undefined
            // The server counts every file the inspection names: photos and signature images.
            text: qsTr("Photos and signatures on the server: %1 of %2").arg(panel.serverTeam.photosReceived).arg(panel.serverTeam.photosExpected)
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignRight
            Layout.maximumWidth: panel.width * 0.6
            color: panel.serverTeam.photosReceived >= panel.serverTeam.photosExpected ? Theme.pass : Theme.warn
            font.pixelSize: Theme.fontSmall
        }
    }
    Repeater {
        model: panel.members
        delegate: ColumnLayout {
            id: member
            required property var modelData
            readonly property var remote: panel.server[member.modelData.user]
            Layout.fillWidth: true
            spacing: 0
            RowLayout {
                Layout.fillWidth: true
                Label { text: member.modelData.name + (member.modelData.me ? " " + qsTr("(me)") : ""); font.bold: true }
                Label { text: member.modelData.role; color: Theme.muted; Layout.fillWidth: true }
                Label {
                    visible: member.modelData.steps !== ""
                    text: qsTr("Steps %1").arg(member.modelData.steps)
                    font.pixelSize: Theme.fontSmall
                }
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontSmall
                color: member.remote !== undefined && member.remote.operations > member.modelData.received ? Theme.warn : Theme.muted
                text: {
                    // Mine were made here; a teammate's were made on their tablet and received here.
                    let t = member.modelData.me ? qsTr("%1 changes made on this tablet").arg(member.modelData.received)
                                                : qsTr("%1 of their changes received on this tablet").arg(member.modelData.received)
                    if (member.modelData.lastChange !== "")
                        t += " · " + qsTr("latest %1").arg(member.modelData.lastChange)
                    if (member.remote !== undefined) {
                        if (member.remote.operations > member.modelData.received)
                            t += " · " + qsTr("%1 more on the server: sync to receive them").arg(member.remote.operations - member.modelData.received)
                        t += " · " + (member.remote.lastSync !== "" ? qsTr("last synced %1").arg(member.remote.lastSync) : qsTr("never synced"))
                    }
                    return t
                }
            }
        }
    }
    Label {
        visible: panel.serverTeam.error !== undefined && App.sync.state !== "disabled"
        text: qsTr("The server's view of the team is not available: %1").arg(panel.serverTeam.error || "")
        color: Theme.muted
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
