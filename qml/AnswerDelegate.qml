import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// One item of a step page: its number, label, guidance and the editor for its type. Every change
// goes straight to App.inspection (saved as an operation at once). Shows conflicts, prefilled
// values, the note a non-compliance needs, the photo/signature slot, and what is still missing.
CeCard {
    id: card
    required property string itemId
    required property string number
    required property string type
    required property string label
    required property string guidance
    required property bool mandatory
    required property string hazard
    required property real minValue
    required property real maxValue
    required property real stepSize
    required property string unit
    required property var options
    required property bool allowNa
    required property bool naNeedsReason
    required property bool noteRequired
    required property bool photoRequired
    required property int photosMin
    required property var value
    required property string valueText
    required property bool hasValue
    required property bool mine
    required property var candidates
    required property string status
    required property string conflictText
    required property bool prefilled
    required property string note
    required property int noteCount
    required property int photoCount
    required property string missing
    required property string signer
    required property var answers
    required property bool listed

    readonly property bool nonCompliant: type === "check" && value === "noncompliant"
    property bool noteOpen: false

    function answer(v) {
        if (v === "na" && card.naNeedsReason) {
            const d = naReasonDialog.createObject(Overlay.overlay, { itemId: card.itemId, label: card.label })
            d.closed.connect(d.destroy)
            d.open()
        } else {
            App.inspection.setAnswer(card.itemId, v)
        }
    }

    ColumnLayout {
        width: parent.width
        spacing: 8
        AnswerTitle {
            Layout.fillWidth: true
            number: card.number
            label: card.label
            mandatory: card.mandatory
            hazard: card.hazard
            status: card.status
            prefilled: card.prefilled
        }
        Label {
            visible: card.guidance !== ""
            text: card.guidance
            color: Theme.muted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Loader {
            Layout.fillWidth: true
            sourceComponent: {
                // A reader sees every answer plainly; evidence and survey scales show the same for both.
                if (!App.inspection.canEdit && card.type !== "photo" && card.type !== "signature" && card.type !== "rating")
                    return readOnlyView
                switch (card.type) {
                case "check": return checkEditor
                case "score": return scoreEditor
                case "number": return numberEditor
                case "single": case "multiple": return choiceEditor
                case "text": return textEditor
                case "date": return dateEditor
                case "rating": return scaleView
                default: return evidenceSlot
                }
            }
        }
        RowLayout {
            visible: card.status === "conflict"
            Layout.fillWidth: true
            Label {
                text: qsTr("Team members disagree: %1. The lead chooses the value.").arg(card.conflictText)
                color: Theme.conflict
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            CeButton {
                visible: App.inspection.review.canResolve
                text: qsTr("Settle")
                Layout.preferredHeight: Theme.touch
                onClicked: {
                    const d = resolveDialog.createObject(Overlay.overlay, { itemId: card.itemId, label: card.label,
                                                                            candidates: card.candidates, type: card.type })
                    d.closed.connect(d.destroy)
                    d.open()
                }
            }
        }
        CeNoteField {
            visible: App.inspection.canEdit && card.type !== "text" && (card.noteCount > 0 || card.noteOpen || (card.nonCompliant && card.noteRequired))
            Layout.fillWidth: true
            itemId: card.itemId
            note: card.note
            needed: card.nonCompliant && card.noteRequired
        }
        // Created only for checks that have or need photos: most rows never pay for it.
        // qmllint disable unqualified
        Loader {
            active: card.type === "check" && ((card.photoRequired && card.nonCompliant) || card.photoCount > 0)
            visible: active
            Layout.fillWidth: true
            sourceComponent: CePhotoStrip {
                target: card.itemId
                label: card.number + " " + card.label
                required: card.photoRequired && card.nonCompliant ? 1 : 0
            }
        }
        // qmllint enable unqualified
        RowLayout {
            Layout.fillWidth: true
            visible: App.inspection.canEdit && card.type !== "text" && card.type !== "rating"
            Item { Layout.fillWidth: true }
            CeButton {
                // A non-compliance the template does not flag as a hazard is a finding in one tap.
                objectName: "listAsFinding"
                visible: card.nonCompliant && card.hazard !== "major" && card.hazard !== "general"
                enabled: !card.listed
                secondary: true
                text: card.listed ? qsTr("On the findings list") : qsTr("Put on the findings list")
                onClicked: App.inspection.listAsFinding(card.itemId)
            }
            CeButton {
                visible: card.type === "check" && card.photoCount === 0 && !(card.photoRequired && card.nonCompliant)
                secondary: true
                text: "+ " + qsTr("Photo")
                onClicked: Capture.photoRequested(card.itemId, card.number + " " + card.label)
            }
            CeButton {
                visible: card.noteCount === 0 && !card.noteOpen && !(card.nonCompliant && card.noteRequired)
                secondary: true
                text: qsTr("Add note")
                onClicked: card.noteOpen = true
            }
            CeButton {
                visible: card.mine && !App.inspection.locked
                secondary: true
                text: qsTr("Clear")
                onClicked: App.inspection.clearAnswer(card.itemId)
            }
        }
        Label {
            // What is still missing, on one line whose space is kept when it is empty: answering must
            // not move the cards below under the finger.
            objectName: "missingHint"
            text: card.missing
            color: Theme.warn
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
            maximumLineCount: 1
            Layout.fillWidth: true
            Layout.preferredHeight: hintMetrics.height
        }
    }
    FontMetrics { id: hintMetrics; font.pixelSize: Theme.fontSmall }

    // Made when the lead settles a conflict: a dialog in every row made each row slow to create.
    Component { id: resolveDialog; ResolveDialog { } }
    Component { id: naReasonDialog; NaReasonDialog { } }

    // The editors are made by the Loader above, for this row only. Qt 6.4's Loader cannot create a bound
    // component (pragma ComponentBehavior: Bound fails with "Cannot instantiate bound component outside
    // its creation context"), so they reach the card unqualified, which is safe: no other context
    // creates them.
    // qmllint disable unqualified
    Component { id: readOnlyView; CeReadOnlyAnswer { type: card.type; value: card.value; valueText: card.valueText; status: card.status; prefilled: card.prefilled; answers: card.answers } }
    Component { id: checkEditor; CeCheckEditor { value: card.value === undefined ? "" : card.value; allowNa: card.allowNa; onChosen: (v) => card.answer(v) } }
    Component { id: scoreEditor; CeScoreEditor { value: card.value; maxValue: card.maxValue; stepSize: card.stepSize; allowNa: card.allowNa; prefilled: card.prefilled; onChosen: (v) => card.answer(v) } }
    Component { id: numberEditor; CeNumberEditor { value: card.value; unit: card.unit; minValue: card.minValue; maxValue: card.maxValue; onChosen: (v) => card.answer(v) } }
    Component { id: choiceEditor; CeChoiceEditor { value: card.value; options: card.options; multiple: card.type === "multiple"; onChosen: (v) => card.answer(v) } }
    Component { id: textEditor; CeTextEditor { value: card.value === undefined ? "" : card.value; onChosen: (v) => card.answer(v) } }
    Component { id: dateEditor; CeDateEditor { value: card.value === undefined ? "" : card.value; onChosen: (v) => card.answer(v) } }
    Component { id: scaleView; CeScaleView { options: card.options } }
    Component { id: evidenceSlot; CeEvidenceSlot { itemId: card.itemId; label: card.number + " " + card.label; type: card.type; photoCount: card.photoCount; photosMin: card.photosMin; valueText: card.valueText; signer: card.signer } }
    // qmllint enable unqualified
}
