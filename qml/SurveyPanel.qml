pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Step 5 (随机调查服务对象满意程度): draw the sample on the tablet (from the number of residents or a
// pasted roster) with a recorded seed, then work through the sampled residents: interview (resident
// mode), or mark refused / unable, which brings in the next resident of the same seeded sequence.
ColumnLayout {
    id: panel
    readonly property var sample: App.inspection.survey.sample
    readonly property var rows: App.inspection.survey.respondents
    readonly property bool editable: App.inspection.canEdit
    spacing: 8

    CeConfirmDialog { id: confirm; parent: Overlay.overlay }

    CeCard {
        Layout.fillWidth: true
        visible: !panel.sample.drawn
        ColumnLayout {
            width: parent.width
            spacing: 8
            Label { text: qsTr("Draw the residents to ask"); font.pixelSize: Theme.fontTitle; font.bold: true }
            Label {
                text: qsTr("The draw is random but reproducible: its seed is recorded, so a supervisor can redraw it and get the same residents. %1").arg(panel.sample.rule || "")
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                color: Theme.muted
            }
            RowLayout {
                Layout.fillWidth: true
                Label { text: qsTr("Residents (beds in use)") }
                TextField {
                    id: beds
                    inputMethodHints: Qt.ImhDigitsOnly
                    validator: IntValidator { bottom: 1; top: 100000 }
                    Layout.preferredWidth: 140
                    enabled: roster.text.trim() === ""
                }
                Label {
                    readonly property int population: roster.text.trim() !== "" ? roster.text.split("\n").filter(l => l.trim() !== "").length : parseInt(beds.text || "0")
                    text: population > 0 ? qsTr("%1 residents will be asked (of %2)").arg(App.inspection.survey.sampleSizeFor(population)).arg(population) : ""
                    color: Theme.info
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                }
            }
            Label { text: qsTr("…or paste the roster, one name or room/bed a line (it stays on this tablet):"); wrapMode: Text.Wrap; Layout.fillWidth: true }
            ScrollView {
                Layout.fillWidth: true
                Layout.preferredHeight: 120
                TextArea { id: roster; wrapMode: TextEdit.NoWrap; placeholderText: qsTr("张桂兰 3-201\n李秀英 3-202\n…") }
            }
            CeButton {
                enabled: panel.editable
                text: qsTr("Draw the sample")
                highlighted: true
                Layout.preferredHeight: Theme.touch
                onClicked: {
                    const population = roster.text.trim() !== "" ? roster.text.split("\n").filter(l => l.trim() !== "").length : parseInt(beds.text || "0")
                    confirm.ask(qsTr("Draw the sample?"),
                                qsTr("%1 of %2 residents will be drawn, with a recorded seed. The draw is not repeated: the residents drawn are the ones to ask.")
                                    .arg(App.inspection.survey.sampleSizeFor(population)).arg(population),
                                qsTr("Draw"),
                                () => App.inspection.survey.drawSample(parseInt(beds.text || "0"), roster.text))
                }
            }
        }
    }
    CeCard {
        Layout.fillWidth: true
        visible: panel.sample.drawn === true
        ColumnLayout {
            width: parent.width
            spacing: 6
            Label {
                text: App.inspection.surveyText
                font.pixelSize: Theme.fontTitle
                font.bold: true
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("%1 of %2 residents drawn (%3) by %4 at %5 · seed %6")
                      .arg(panel.sample.k).arg(panel.sample.population)
                      .arg(panel.sample.source === "roster" ? qsTr("from the roster") : qsTr("from the bed count"))
                      .arg(panel.sample.author).arg(panel.sample.time).arg(panel.sample.seed)
                color: Theme.muted
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Repeater {
                model: panel.rows
                delegate: RowLayout {
                    id: resident
                    required property var modelData
                    Layout.fillWidth: true
                    spacing: 8
                    Label { text: resident.modelData.code; font.bold: true; Layout.preferredWidth: 48 }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label { text: resident.modelData.who; wrapMode: Text.Wrap; Layout.fillWidth: true }
                        Label {
                            visible: resident.modelData.replaces !== ""
                            text: qsTr("replaces %1").arg(resident.modelData.replaces)
                            color: Theme.muted
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                    CeChip {
                        text: resident.modelData.status === "done" ? qsTr("Done") : resident.modelData.status === "refused" ? qsTr("Refused")
                              : resident.modelData.status === "unable" ? qsTr("Unable to answer")
                              : resident.modelData.status === "proxy" ? qsTr("Answered by a proxy") : qsTr("To do")
                        tone: resident.modelData.status === "done" ? Theme.pass : resident.modelData.status === "todo" ? Theme.info : Theme.warn
                    }
                    CeButton {
                        visible: panel.editable && (resident.modelData.status === "todo" || resident.modelData.status === "done" || resident.modelData.status === "proxy")
                        text: resident.modelData.status === "todo" ? qsTr("Interview") : qsTr("Review answers")
                        highlighted: resident.modelData.status === "todo"
                        Layout.preferredHeight: Theme.touch
                        onClicked: Capture.interviewRequested(resident.modelData.code, resident.modelData.who)
                    }
                    CeButton {
                        visible: panel.editable && resident.modelData.status === "todo"
                        text: qsTr("Refused")
                        secondary: true
                        Layout.preferredHeight: Theme.touch
                        onClicked: confirm.ask(qsTr("%1 refused?").arg(resident.modelData.code),
                                               qsTr("%1 is marked as refusing and the next resident of the drawn sequence is added in their place.").arg(resident.modelData.who),
                                               qsTr("Refused"),
                                               () => App.inspection.survey.setRespondentStatus(resident.modelData.code, "refused"))
                    }
                    CeButton {
                        visible: panel.editable && resident.modelData.status === "todo"
                        text: qsTr("Unable")
                        secondary: true
                        Layout.preferredHeight: Theme.touch
                        onClicked: confirm.ask(qsTr("%1 unable to answer?").arg(resident.modelData.code),
                                               qsTr("%1 is marked as unable to answer and the next resident of the drawn sequence is added in their place.").arg(resident.modelData.who),
                                               qsTr("Unable to answer"),
                                               () => App.inspection.survey.setRespondentStatus(resident.modelData.code, "unable"))
                    }
                    CeButton {
                        // A family member or carer answers for the resident (代答): reported apart.
                        visible: panel.editable && resident.modelData.status === "todo"
                        text: qsTr("Proxy")
                        secondary: true
                        Layout.preferredHeight: Theme.touch
                        onClicked: confirm.ask(qsTr("Answered by a proxy?"),
                                               qsTr("A family member or carer answers for %1; the answers are reported apart.").arg(resident.modelData.who),
                                               qsTr("Proxy answers"),
                                               () => App.inspection.survey.setRespondentStatus(resident.modelData.code, "proxy"))
                    }
                }
            }
            RowLayout {
                // The lead closes a sample that cannot be completed (a small home, many unable to answer).
                visible: panel.editable && App.inspection.review.canSubmit && !panel.sample.closed
                Layout.fillWidth: true
                TextField {
                    id: closeReason
                    placeholderText: qsTr("Why the sample cannot be completed")
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                }
                CeButton {
                    text: qsTr("Close the sample")
                    enabled: closeReason.text.trim() !== ""
                    Layout.preferredHeight: Theme.touch
                    onClicked: if (App.inspection.survey.closeSample(closeReason.text)) closeReason.text = ""
                }
            }
            Label {
                visible: panel.sample.closed === true
                text: qsTr("Sample closed by %1: %2").arg(panel.sample.closedBy).arg(panel.sample.closeReason)
                color: Theme.warn
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }
}
