import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// The slot of a photo or signature item: the photos attached against the number required, or the
// signature with who signed and when, and the button that captures them (recorded as operations).
ColumnLayout {
    id: slot
    property string itemId
    property string label
    property string type
    property int photoCount
    property int photosMin
    property string valueText
    property string signer
    readonly property var signature: signed.signature
    spacing: 6

    EvidenceView { id: signed; evidence: App.inspection.evidence; target: slot.type === "signature" ? slot.itemId : "" }

    CePhotoStrip {
        visible: slot.type === "photo"
        Layout.fillWidth: true
        target: slot.itemId
        label: slot.label
        required: Math.max(1, slot.photosMin)
    }
    RowLayout {
        visible: slot.type === "signature"
        Layout.fillWidth: true
        spacing: 12
        Rectangle {
            visible: slot.signature.sha256 !== undefined
            Layout.preferredWidth: 240
            Layout.preferredHeight: 80
            border.color: Theme.line
            color: "white"
            Image {
                anchors.fill: parent
                anchors.margins: 2
                fillMode: Image.PreserveAspectFit
                source: slot.signature.url ?? ""
            }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: slot.signature.sha256 !== undefined
                  ? qsTr("Signed by %1 on %2").arg(slot.signature.signer).arg((slot.signature.signedAt || "").replace("T", " ").substring(0, 16))
                  : qsTr("Not signed yet")
            color: slot.signature.sha256 !== undefined ? Theme.pass : Theme.warn
        }
        CeButton {
            visible: App.inspection.canEdit
            text: (slot.signature.sha256 !== undefined ? qsTr("Sign again") : qsTr("Sign"))
            highlighted: slot.signature.sha256 === undefined
            Layout.preferredHeight: Theme.touch
            onClicked: Capture.signRequested(slot.itemId, slot.label, slot.signer)
        }
    }
}
