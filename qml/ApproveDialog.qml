import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Before a supervisor approves: approval locks the evaluation for good, so say what is still open —
// an incomplete conclusion and why, open major hazards, conflicts — and ask once more.
Dialog {
    id: dialog
    property string comment
    signal approved(string comment)
    title: qsTr("Approve and lock?")
    modal: true
    standardButtons: Dialog.Cancel
    footer: CeDialogButtons { }
    width: Math.min(parent ? parent.width - 32 : 640, 680)
    x: parent ? (parent.width - width) / 2 : 0
    y: 40
    readonly property bool incomplete: App.inspection.conclusion === InspectionController.Incomplete
    readonly property int openMajor: App.inspection.openMajorHazards

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            text: qsTr("Approving locks the evaluation: nobody can change it afterwards, and the report becomes the record.")
            font.bold: true
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "incompleteWarning"
            visible: dialog.incomplete
            text: qsTr("The conclusion is not complete: %1 required items missing, %2 conflicts, %3 other open points.")
                  .arg(App.inspection.missing.count).arg(App.inspection.conflicts.count).arg(App.inspection.openPoints.count)
            color: Theme.warn
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "majorWarning"
            visible: dialog.openMajor > 0
            text: qsTr("%1 major hazards are still open.").arg(dialog.openMajor)
            color: Theme.fail
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: !dialog.incomplete && dialog.openMajor === 0 && App.inspection.conflicts.count === 0
            text: qsTr("The conclusion is complete: %1.").arg(App.inspection.conclusion === InspectionController.Pass ? qsTr("passes") : qsTr("does not pass"))
            color: Theme.pass
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            Item { Layout.fillWidth: true }
            CeButton {
                objectName: "confirmApprove"
                text: dialog.incomplete || dialog.openMajor > 0 ? qsTr("Approve anyway and lock") : qsTr("Approve and lock")
                highlighted: true
                Layout.preferredHeight: Theme.touch
                onClicked: {
                    dialog.approved(dialog.comment)
                    dialog.close()
                }
            }
        }
    }
}
