pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// The inspection at a glance: the eight steps as a stepper with progress and owners, the score so
// far, and what is still open — missing answers, team conflicts, findings. Two columns in landscape.
Page {
    id: page
    title: App.inspection.institution
    signal itemRequested(int step, string item)
    background: Rectangle { color: Theme.background }
    readonly property bool wide: width > height && width > 900

    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: page.wide ? 2 : 1
        columnSpacing: Theme.margin
        rowSpacing: Theme.gap

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: page.wide ? page.width * 0.58 : -1
            spacing: Theme.gap
            CeCard {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 4
                    Label { text: App.inspection.templateTitle; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    Label {
                        text: App.inspection.plannedDate + " · " + App.inspection.review.workflowText + " · "
                              + qsTr("%1 of %2 items answered").arg(App.inspection.answered).arg(App.inspection.answerable)
                        color: Theme.muted
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    ProgressBar {
                        value: App.inspection.answerable > 0 ? App.inspection.answered / App.inspection.answerable : 0
                        Layout.fillWidth: true
                    }
                }
            }
            ListView {
                id: steps
                // No highlight is drawn, but ListView still moves an invisible one after the current item at
                // 400 px/s, redrawing the window for seconds after every reset or scroll: off.
                highlightFollowsCurrentItem: false
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 200
                clip: true
                spacing: 8
                model: App.inspection.steps
                delegate: StepDelegate {
                    onClicked: page.itemRequested(index, "")
                }
            }
        }
        OverviewSummary {
            Layout.fillWidth: true
            Layout.fillHeight: page.wide
            Layout.preferredWidth: page.wide ? page.width * 0.38 : -1
            Layout.preferredHeight: page.wide ? -1 : page.height * 0.34
            onItemRequested: (step, item) => page.itemRequested(step, item)
        }
    }
}
