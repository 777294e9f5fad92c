import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// One finding (问题) with its improvement suggestion (整改), responsible party (责任) and deadline.
// Each field is saved when it is left.
CeCard {
    id: card
    required property string findingId
    required property string title
    required property string itemLabel
    required property string hazard
    required property bool derived
    required property string suggestion
    required property string responsible
    required property string deadline
    required property bool closed
    required property bool conflict
    required property bool complete

    function save(field, text, old) {
        if (text.trim() !== old)
            App.inspection.editFinding(card.findingId, field, text)
    }

    ColumnLayout {
        width: parent.width
        spacing: 8
        RowLayout {
            Layout.fillWidth: true
            Label { text: card.title; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
            CeChip { visible: card.hazard === "major"; text: qsTr("Major hazard"); tone: Theme.fail }
            CeChip { visible: card.hazard === "general"; text: qsTr("Hazard"); tone: Theme.warn }
            CeChip { visible: card.conflict; text: qsTr("Conflict"); tone: Theme.conflict }
            CeChip { visible: card.closed; text: qsTr("Closed"); tone: Theme.muted }
        }
        Label {
            visible: card.derived
            text: qsTr("From the non-compliant item “%1”").arg(card.itemLabel)
            color: Theme.muted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        GridLayout {
            Layout.fillWidth: true
            columns: card.width > 700 ? 2 : 1
            columnSpacing: Theme.gap
            TextField {
                text: card.suggestion
                placeholderText: qsTr("Improvement suggestion")
                enabled: App.inspection.canEdit
                Layout.fillWidth: true
                Layout.columnSpan: parent.columns
                Layout.preferredHeight: Theme.touch
                onEditingFinished: card.save("suggestion", text, card.suggestion)
            }
            TextField {
                text: card.responsible
                placeholderText: qsTr("Responsible party")
                enabled: App.inspection.canEdit
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                onEditingFinished: card.save("responsible", text, card.responsible)
            }
            RowLayout {
                Layout.fillWidth: true
                Label { text: qsTr("Deadline"); color: Theme.muted }
                CeDateEditor {
                    objectName: "deadlineEditor"
                    value: card.deadline
                    emptyText: qsTr("Choose the deadline")
                    showToday: false
                    minDate: Qt.formatDate(new Date(), "yyyy-MM-dd")
                    maxDate: Qt.formatDate(new Date(new Date().getTime() + 730 * 86400000), "yyyy-MM-dd")
                    onChosen: (v) => card.save("deadline", v, card.deadline)
                    Layout.fillWidth: true
                }
            }
        }
        Label {
            visible: !card.complete && !card.closed
            text: qsTr("Needs a suggestion, a responsible party and a deadline.")
            color: Theme.warn
            font.pixelSize: Theme.fontSmall
        }
        CePhotoStrip {
            Layout.fillWidth: true
            target: "finding:" + card.findingId
            label: card.title
        }
    }
}
