import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Step 7 (形成考核评估结论): indicators against their targets, total and grade band, what is still
// missing, team conflicts the lead must settle, and the conclusion items of the template.
Page {
    id: page
    required property int step
    title: qsTr("Step %1 of 8").arg(step + 1)
    signal itemRequested(int step, string item)
    background: Rectangle { color: Theme.background }


    function positionAtItem(itemId) {
        for (let i = 0; i < answers.count; ++i) {
            const row = answers.itemAt(i)
            if (row && row.itemId === itemId) {
                flick.contentY = Math.min(row.y, Math.max(0, flick.contentHeight - flick.height))
                return true
            }
        }
        return false
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + 80
        clip: true
        ColumnLayout {
            id: column
            x: Theme.margin
            width: parent.width - 2 * Theme.margin
            spacing: Theme.gap
            StepHeader { step: page.step; Layout.fillWidth: true }
            CeCard {
                Layout.fillWidth: true
                RowLayout {
                    width: parent.width
                    ColumnLayout {
                        Layout.fillWidth: true
                        Label { text: qsTr("Conclusion"); font.bold: true; font.pixelSize: Theme.fontTitle }
                        Label {
                            text: App.inspection.conclusion === InspectionController.Pass ? qsTr("The institution passes.")
                                : App.inspection.conclusion === InspectionController.Fail ? qsTr("The institution does not pass.")
                                : qsTr("Not complete: the points below are still open. Tap one to go to it.")
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                    CeChip {
                        text: App.inspection.conclusion === InspectionController.Pass ? qsTr("Passes") : App.inspection.conclusion === InspectionController.Fail ? qsTr("Fails") : qsTr("Not complete")
                        tone: App.inspection.conclusion === InspectionController.Pass ? Theme.pass
                        : App.inspection.conclusion === InspectionController.Fail ? Theme.fail : Theme.muted
                        font.pixelSize: Theme.fontTitle
                    }
                }
            }
            ReasonSection {
                Layout.fillWidth: true
                title: qsTr("Why it does not pass")
                model: App.inspection.failures
                tone: Theme.fail
                onItemRequested: (s, i) => page.itemRequested(s, i)
            }
            ReasonSection {
                Layout.fillWidth: true
                title: qsTr("Team conflicts for the lead")
                model: App.inspection.conflicts
                tone: Theme.conflict
                onItemRequested: (s, i) => page.itemRequested(s, i)
            }
            ReasonSection {
                Layout.fillWidth: true
                title: qsTr("Required items still missing")
                model: App.inspection.missing
                tone: Theme.warn
                onItemRequested: (s, i) => page.itemRequested(s, i)
            }
            ReasonSection {
                Layout.fillWidth: true
                title: qsTr("Also keeps the conclusion open")
                model: App.inspection.openPoints
                tone: Theme.warn
                onItemRequested: (s, i) => page.itemRequested(s, i)
            }
            ReasonSection {
                Layout.fillWidth: true
                title: qsTr("Remarks stated with the conclusion")
                model: App.inspection.remarks
                tone: Theme.info
                onItemRequested: (s, i) => page.itemRequested(s, i)
            }
            Label { text: qsTr("Indicators"); font.bold: true; font.pixelSize: Theme.fontTitle }
            Repeater {
                model: App.inspection.indicators
                delegate: IndicatorDelegate { Layout.fillWidth: true }
            }
            Label { text: qsTr("Conclusion of the team"); font.bold: true; font.pixelSize: Theme.fontTitle }
            Repeater {
                id: answers
                model: App.inspection.items
                delegate: AnswerDelegate { Layout.fillWidth: true }
            }
            StepFooter {
                step: page.step
                Layout.fillWidth: true
                onStepRequested: (s) => page.itemRequested(s, "")
            }
        }
    }
}
