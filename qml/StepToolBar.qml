import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Above a step page: jump to an item, undo the last change, and claim or finish the step.
Pane {
    id: bar
    required property int step
    signal jumpRequested(string query)
    padding: 8
    background: Rectangle { color: Theme.background }

    RowLayout {
        anchors.fill: parent
        spacing: 8
        TextField {
            id: query
            placeholderText: qsTr("Go to item: number or words")
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            onAccepted: bar.jumpRequested(text)
        }
        CeButton {
            text: qsTr("Go")
            enabled: query.text.trim() !== ""
            Layout.preferredHeight: Theme.touch
            onClicked: bar.jumpRequested(query.text)
        }
        CeButton {
            // A reader (the supervisor, a locked evaluation) has nothing to undo or to take on.
            visible: App.inspection.canEdit
            text: qsTr("Undo")
            enabled: App.inspection.canUndo
            Layout.preferredHeight: Theme.touch
            ToolTip.visible: hovered && App.inspection.undoText !== ""
            ToolTip.text: qsTr("Undo the last change: %1").arg(App.inspection.undoText)
            onClicked: App.inspection.undo()
        }
        CeButton {
            readonly property string status: App.inspection.stepStatuses[bar.step] ?? "todo"
            visible: App.inspection.canEdit
            text: status === "done" ? qsTr("Reopen step") : status === "todo" ? qsTr("I take this step") : qsTr("Mark step done")
            // Once someone holds the step, only they or the lead change its status.
            enabled: App.inspection.stepStatusChangeable[bar.step] ?? false
            Layout.preferredHeight: Theme.touch
            onClicked: App.inspection.setStepStatus(bar.step, status === "done" ? "in_progress" : status === "todo" ? "in_progress" : "done")
        }
    }
}
