import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// The right-hand column of the overview: score so far, grade, and the open points of the team.
CeCard {
    id: card
    signal itemRequested(int step, string item)
    padding: 0

    SubmitDialog { id: submitDialog; parent: Overlay.overlay }

    Timer {
        id: topLater
        interval: 0
        onTriggered: if (!list.userMoved) list.positionViewAtBeginning()
    }

    ListView {
        id: list
        property bool userMoved: false
        onMovementStarted: userMoved = true
        // No highlight is drawn, but ListView still moves an invisible one after the current item at
        // 400 px/s, redrawing the window for seconds after every reset or scroll: off.
        highlightFollowsCurrentItem: false
        anchors.fill: parent
        anchors.margins: Theme.margin
        clip: true
        spacing: 6
        // Not a bound component file: Qt 6.4 cannot create a bound component as a view's header (with
        // pragma ComponentBehavior: Bound this pane stayed empty, without a warning). The header and
        // delegate reach this card's ids unqualified; only this list creates them.
        // qmllint disable unqualified
        header: ColumnLayout {
            width: list.width
            spacing: 6
            // The header grows once the team and the server's view arrive, and a list grows its header
            // upwards, out of view: while the top is what is shown, keep it there (later, not while the
            // list is still placing its rows).
            onHeightChanged: topLater.restart()
            RowLayout {
                Layout.fillWidth: true
                Label { text: qsTr("Score"); font.bold: true; font.pixelSize: Theme.fontTitle; Layout.fillWidth: true }
                CeChip {
                    text: App.inspection.conclusion === InspectionController.Pass ? qsTr("Passes") : App.inspection.conclusion === InspectionController.Fail ? qsTr("Fails") : qsTr("Not complete")
                    tone: App.inspection.conclusion === InspectionController.Pass ? Theme.pass
                        : App.inspection.conclusion === InspectionController.Fail ? Theme.fail : Theme.muted
                }
            }
            Label {
                text: App.inspection.totalText + " · " + App.inspection.percentText + " · " + App.inspection.gradeText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                visible: App.inspection.surveyText !== ""
                text: qsTr("Survey: %1").arg(App.inspection.surveyText)
                color: Theme.muted
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                visible: App.inspection.review.reviewNote !== ""
                text: App.inspection.review.reviewNote
                color: App.inspection.review.workflow === ReviewController.Returned ? Theme.fail : Theme.info
                font.bold: App.inspection.review.workflow === ReviewController.Returned
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            ReviewPanel { Layout.fillWidth: true }
            SyncPanel { Layout.fillWidth: true; visible: !App.inspection.isDemo && App.sync.state !== "disabled" }
            TeamPanel { Layout.fillWidth: true; Layout.topMargin: 8 }
            ReasonSection {
                Layout.fillWidth: true
                title: qsTr("Changes the server refused")
                model: App.inspection.review.refusedChanges
                tone: Theme.fail
                onItemRequested: (s, i) => card.itemRequested(s, i)
            }
            ReasonSection {
                Layout.fillWidth: true
                title: qsTr("Why it does not pass")
                model: App.inspection.failures
                tone: Theme.fail
                onItemRequested: (s, i) => card.itemRequested(s, i)
            }
            ReasonSection {
                Layout.fillWidth: true
                title: qsTr("Also keeps the conclusion open")
                model: App.inspection.openPoints
                onItemRequested: (s, i) => card.itemRequested(s, i)
            }
            ReasonSection {
                Layout.fillWidth: true
                title: qsTr("Remarks stated with the conclusion")
                model: App.inspection.remarks
                tone: Theme.info
                onItemRequested: (s, i) => card.itemRequested(s, i)
            }
            CeButton {
                visible: App.inspection.review.canSubmit
                text: qsTr("Submit for review…")
                highlighted: true
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                onClicked: submitDialog.open()
            }
            Label {
                text: App.inspection.conflicts.count > 0 ? qsTr("Team conflicts to resolve (%1)").arg(App.inspection.conflicts.count)
                                                         : qsTr("No team conflicts")
                font.bold: true
                color: App.inspection.conflicts.count > 0 ? Theme.conflict : Theme.pass
                Layout.topMargin: 8
            }
            Repeater {
                model: App.inspection.conflicts
                delegate: ReasonDelegate { Layout.fillWidth: true; tone: Theme.conflict; onClicked: if (step >= 0) card.itemRequested(step, item) }
            }
            Label {
                text: App.inspection.missing.count > 0 ? qsTr("Still missing (%1)").arg(App.inspection.missing.count)
                                                       : qsTr("Nothing required is missing")
                font.bold: true
                color: App.inspection.missing.count > 0 ? Theme.warn : Theme.pass
                Layout.topMargin: 8
            }
        }
        model: App.inspection.missing
        delegate: ReasonDelegate {
            width: list.width
            tone: Theme.warn
            onClicked: if (step >= 0) card.itemRequested(step, item)
        }
        // qmllint enable unqualified
    }
}
