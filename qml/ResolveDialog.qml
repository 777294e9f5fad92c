pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// The lead settles a conflict: every member's value side by side with author and time; choose one,
// give the reason, and the decision is recorded (and synced) like any other change.
Dialog {
    id: dialog
    property string itemId
    property string label
    property var candidates: []
    property var chosen: undefined
    property string type
    // Numbers, scores, dates and text can also be settled with a value nobody entered.
    readonly property bool canEnterOther: type === "number" || type === "score" || type === "text" || type === "date"
    title: qsTr("Settle the conflict")
    modal: true
    standardButtons: Dialog.Ok | Dialog.Cancel
    footer: CeDialogButtons { }
    width: Math.min(parent ? parent.width - 32 : 640, 680)
    x: parent ? (parent.width - width) / 2 : 0
    y: 40
    onAboutToShow: {
        chosen = undefined
        reason.text = ""
        other.text = ""
        otherChoice.checked = false
    }
    onAccepted: {
        if (otherChoice.checked)
            App.inspection.review.resolve(itemId, other.text, reason.text)
        else if (chosen === undefined)
            App.inspection.infoMessage(qsTr("Choose one of the values first."))
        else
            App.inspection.review.resolve(itemId, chosen, reason.text)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label { text: dialog.label; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
        Repeater {
            model: dialog.candidates
            delegate: RadioButton {
                required property var modelData
                text: qsTr("%1 — by %2 at %3").arg(modelData.valueText).arg(modelData.author).arg(modelData.time)
                checked: dialog.chosen === modelData.value && !otherChoice.checked
                onClicked: { dialog.chosen = modelData.value; otherChoice.checked = false }
                Layout.fillWidth: true
            }
        }
        RowLayout {
            visible: dialog.canEnterOther
            Layout.fillWidth: true
            RadioButton {
                id: otherChoice
                text: qsTr("Another value:")
                checkable: true
                autoExclusive: false
            }
            TextField {
                id: other
                Layout.fillWidth: true
                inputMethodHints: dialog.type === "number" || dialog.type === "score" ? Qt.ImhFormattedNumbersOnly : Qt.ImhNone
                onTextEdited: otherChoice.checked = text !== ""
            }
        }
        TextField {
            id: reason
            placeholderText: qsTr("Reason for this decision (required)")
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
        }
    }
}
