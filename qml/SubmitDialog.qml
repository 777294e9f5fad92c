import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Before the lead submits: what is still open — changes not yet sent, conflicts, missing required
// items and evidence — so a submission is a decision, not an accident.
Dialog {
    id: dialog
    // The server's view of the team (a map from the sync client)
    readonly property var serverTeam: App.teamView
    title: qsTr("Submit for review")
    modal: true
    standardButtons: Dialog.Ok | Dialog.Cancel
    footer: CeDialogButtons { }
    width: Math.min(parent ? parent.width - 32 : 640, 680)
    x: parent ? (parent.width - width) / 2 : 0
    y: 40
    onAccepted: App.inspection.review.submit(comment.text)
    onAboutToShow: App.refreshTeam()
    // Members whose tablets have not synced for an hour (or ever): their latest work may not be here.
    readonly property var quietMembers: {
        const out = []
        const server = dialog.serverTeam.members || {}
        for (const user in server) {
            const m = server[user]
            if (user !== App.session.username && (m.lastSyncMs === 0 || Date.now() - m.lastSyncMs > 3600 * 1000))
                out.push(m.lastSync !== "" ? qsTr("%1 (last synced %2)").arg(user).arg(m.lastSync) : qsTr("%1 (never synced)").arg(user))
        }
        return out
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            visible: App.sync.pending > 0
            text: qsTr("%1 changes on this tablet have not reached the server yet.").arg(App.sync.pending)
            color: Theme.warn
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: App.inspection.conflicts.count > 0
            text: qsTr("%1 conflicts are not settled.").arg(App.inspection.conflicts.count)
            color: Theme.conflict
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: App.inspection.missing.count > 0
            text: qsTr("%1 required items or photos are missing.").arg(App.inspection.missing.count)
            color: Theme.warn
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: App.inspection.openPoints.count > 0
            text: qsTr("%1 other points keep the conclusion open (see the overview).").arg(App.inspection.openPoints.count)
            color: Theme.warn
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: App.inspection.openMajorHazards > 0
            text: qsTr("%1 major hazards are still open.").arg(App.inspection.openMajorHazards)
            color: Theme.fail
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: dialog.quietMembers.length > 0
            text: qsTr("Team members who may have work not yet synced: %1").arg(dialog.quietMembers.join(", "))
            color: Theme.warn
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: (dialog.serverTeam.photosMissing || []).length > 0
            text: qsTr("%1 photos named in the evaluation have not reached the server yet.").arg((dialog.serverTeam.photosMissing || []).length)
            color: Theme.warn
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: App.sync.pending === 0 && App.inspection.conflicts.count === 0 && App.inspection.missing.count === 0
                     && App.inspection.openPoints.count === 0
                     && dialog.quietMembers.length === 0 && (dialog.serverTeam.photosMissing || []).length === 0
            text: qsTr("Everything is complete and sent.")
            color: Theme.pass
        }
        TextField {
            id: comment
            placeholderText: qsTr("Comment for the supervisor (optional)")
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
        }
    }
}
