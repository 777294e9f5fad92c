import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Adds a finding by hand (problems seen that no checklist item covers).
Dialog {
    id: dialog
    title: qsTr("New finding")
    modal: true
    standardButtons: Dialog.Ok | Dialog.Cancel
    footer: CeDialogButtons { }
    width: Math.min(parent ? parent.width - 32 : 600, 640)
    x: parent ? (parent.width - width) / 2 : 0
    y: 40
    onAboutToShow: {
        problem.text = ""
        suggestion.text = ""
        responsible.text = ""
        deadline.value = ""
        problem.forceActiveFocus()
    }
    onAccepted: App.inspection.addFinding(problem.text, suggestion.text, responsible.text, deadline.value)

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        TextField { id: problem; placeholderText: qsTr("Problem found"); Layout.fillWidth: true; Layout.preferredHeight: Theme.touch }
        TextField { id: suggestion; placeholderText: qsTr("Improvement suggestion"); Layout.fillWidth: true; Layout.preferredHeight: Theme.touch }
        TextField { id: responsible; placeholderText: qsTr("Responsible party"); Layout.fillWidth: true; Layout.preferredHeight: Theme.touch }
        // A rectification deadline is a date from today to two years ahead, chosen, not typed.
        CeDateEditor {
            id: deadline
            emptyText: qsTr("Choose the deadline")
            showToday: false
            minDate: Qt.formatDate(new Date(), "yyyy-MM-dd")
            maxDate: Qt.formatDate(new Date(new Date().getTime() + 730 * 86400000), "yyyy-MM-dd")
            onChosen: (v) => deadline.value = v
            Layout.fillWidth: true
        }
    }
}
