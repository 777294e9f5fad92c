import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The slot of a photo or signature item: how many photos are attached against the number required,
// or who signed. Capturing fills the slot (photos and signatures are recorded as operations).
RowLayout {
    id: slot
    property string type
    property int photoCount
    property int photosMin
    property string valueText
    property string signer
    spacing: 8
    Label {
        text: slot.type === "photo" ? "📷" : "✍"
        font.pixelSize: Theme.fontTitle
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        text: slot.type === "photo"
              ? qsTr("%1 of %2 photos attached").arg(slot.photoCount).arg(Math.max(1, slot.photosMin))
              : slot.valueText !== "" ? slot.valueText : qsTr("Not signed yet")
        color: (slot.type === "photo" ? slot.photoCount >= Math.max(1, slot.photosMin) : slot.valueText !== "") ? Theme.pass : Theme.warn
    }
}
