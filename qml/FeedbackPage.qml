import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Step 8 (通报评估情况，提出改进意见与建议): the findings list with suggestion, responsible party and
// deadline for each, adding findings by hand, and the feedback meeting's items.
Page {
    id: page
    required property int step
    title: qsTr("Step %1 of 8").arg(step + 1)
    background: Rectangle { color: Theme.background }
    signal itemRequested(int step, string item)

    // The meeting's items come after the findings.
    function positionAtItem(itemId) {
        list.positionViewAtEnd()
        return App.inspection.items.rowOf(itemId) >= 0
    }

    header: StepToolBar {
        step: page.step
        onJumpRequested: (query) => {
            const found = App.inspection.locate(query)
            if (found.step === undefined)
                App.inspection.infoMessage(qsTr("No item in this inspection matches “%1”.").arg(query))
            else if (found.step === page.step)
                page.positionAtItem(found.item)
            else
                page.itemRequested(found.step, found.item)
        }
    }

    ListView {
        id: list
        // No highlight is drawn, but ListView still moves an invisible one after the current item at
        // 400 px/s, redrawing the window for seconds after every reset or scroll: off.
        highlightFollowsCurrentItem: false
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        clip: true
        spacing: 8
        model: App.inspection.findings
        // Qt 6.4 cannot create a bound component as a view's header or footer (see StepPage.qml): these
        // reach the page's ids unqualified; they are only ever created by this list.
        // qmllint disable unqualified
        header: ColumnLayout {
            width: list.width
            spacing: 8
            StepHeader { step: page.step; Layout.fillWidth: true }
            CeCard {
                Layout.fillWidth: true
                RowLayout {
                    width: parent.width
                    Label {
                        id: reportLabel
                        property url last
                        text: String(last) === "" ? qsTr("The evaluation report (PDF): cover, every step, scores, indicators, findings, photos and signatures.")
                                                    : qsTr("Report written: %1").arg(String(last).split("/").pop())
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    CeButton {
                        text: String(reportLabel.last) === "" ? qsTr("Write the report") : qsTr("Write again")
                        highlighted: String(reportLabel.last) === ""
                        Layout.preferredHeight: Theme.touch
                        onClicked: {
                            const url = App.writeReport()
                            if (String(url) !== "") {
                                reportLabel.last = url
                                App.inspection.infoMessage(qsTr("Report written"))
                            }
                        }
                    }
                    CeButton {
                        visible: String(reportLabel.last) !== ""
                        text: qsTr("Open / share")
                        Layout.preferredHeight: Theme.touch
                        onClicked: App.openReport(reportLabel.last)
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Label {
                    text: qsTr("Findings (%1)").arg(App.inspection.findings.count)
                    font.bold: true
                    font.pixelSize: Theme.fontTitle
                    Layout.fillWidth: true
                }
                CeButton {
                    text: qsTr("Add finding")
                    enabled: App.inspection.canEdit
                    highlighted: true
                    Layout.preferredHeight: Theme.touch
                    onClicked: addDialog.open()
                }
            }
            Label {
                visible: App.inspection.findings.count === 0
                text: qsTr("No findings yet. Non-compliant items flagged as hazards appear here by themselves.")
                color: Theme.muted
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
        // qmllint enable unqualified
        delegate: FindingDelegate { width: ListView.view.width }
        // qmllint disable unqualified
        footer: ColumnLayout {
            width: list.width
            spacing: 8
            Label {
                text: qsTr("Feedback meeting")
                font.bold: true
                font.pixelSize: Theme.fontTitle
                Layout.topMargin: 12
            }
            Repeater {
                model: App.inspection.items
                delegate: AnswerDelegate { Layout.fillWidth: true }
            }
            StepFooter {
                step: page.step
                Layout.fillWidth: true
                onStepRequested: (s) => page.itemRequested(s, "")
            }
        }
        // qmllint enable unqualified
    }

    FindingDialog { id: addDialog; parent: Overlay.overlay }
}
