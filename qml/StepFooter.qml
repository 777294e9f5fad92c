import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// The end of a step page: on to the next step, or back to the one before, without the overview.
RowLayout {
    id: footer
    required property int step
    signal stepRequested(int step)
    spacing: Theme.gap

    CeButton {
        id: previous
        objectName: "previousStep"
        visible: footer.step > 0
        secondary: true
        text: "‹ " + qsTr("Previous: %1").arg(App.inspection.stepTitles[footer.step - 1] ?? "")
        Layout.maximumWidth: footer.width / 2 - Theme.gap
        onClicked: footer.stepRequested(footer.step - 1)
        contentItem: Label {
            text: previous.text
            elide: Text.ElideRight
            color: Theme.primary
            verticalAlignment: Text.AlignVCenter
        }
    }
    Item { Layout.fillWidth: true; Layout.preferredHeight: 100 }
    CeButton {
        id: next
        objectName: "nextStep"
        visible: footer.step < 7
        highlighted: true
        text: qsTr("Next: %1").arg(App.inspection.stepTitles[footer.step + 1] ?? "") + " ›"
        Layout.maximumWidth: footer.width / 2 - Theme.gap
        onClicked: footer.stepRequested(footer.step + 1)
        contentItem: Label {
            text: next.text
            elide: Text.ElideRight
            color: "white"
            verticalAlignment: Text.AlignVCenter
        }
    }
}
