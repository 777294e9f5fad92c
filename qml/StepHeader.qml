import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// The top of a step page: the step's title from the template and its guidance; on the scoring step
// the running total and grade; on the survey step the survey's progress and satisfaction.
ColumnLayout {
    id: header
    required property int step
    spacing: 6

    Label {
        text: App.inspection.stepTitles[header.step] ?? ""
        font.pixelSize: Theme.fontHeading
        font.bold: true
        wrapMode: Text.Wrap
        Layout.fillWidth: true
        Layout.topMargin: 8
    }
    SurveyPanel {
        visible: header.step === 4
        Layout.fillWidth: true
    }
    CeCard {
        visible: header.step === 5
        Layout.fillWidth: true
        RowLayout {
            width: parent.width
            Label {
                text: qsTr("Total: %1").arg(App.inspection.totalText)
                font.pixelSize: Theme.fontTitle
                font.bold: true
                Layout.fillWidth: true
            }
            Label { text: App.inspection.percentText; font.pixelSize: Theme.fontTitle }
            CeChip {
                objectName: "gradeChip"
                text: App.inspection.gradeText
                // A band below the pass mark (不合格) is never drawn in a passing colour.
                tone: App.inspection.gradePasses ? Theme.pass : App.inspection.gradeText === "—" ? Theme.muted : Theme.fail
            }
        }
    }
    Item { height: 4 }
}
