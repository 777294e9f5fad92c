pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// The photos on an item or finding as thumbnails (a teammate's arrive from the server when shown),
// with the count against what the template requires and a button to add one. Tap to view.
ColumnLayout {
    id: strip
    property string target
    property string label
    property int required: 0
    readonly property var photos: evidence.photos
    spacing: 6

    EvidenceView { id: evidence; evidence: App.inspection.evidence; target: strip.target }

    RowLayout {
        Layout.fillWidth: true
        Label {
            visible: strip.required > 0 || strip.photos.length > 0
            text: strip.required > 0 ? qsTr("Photos: %1 of %2 required").arg(strip.photos.length).arg(strip.required)
                                     : qsTr("Photos: %1").arg(strip.photos.length)
            color: strip.photos.length >= strip.required ? Theme.pass : Theme.warn
            font.pixelSize: Theme.fontSmall
        }
        Item { Layout.fillWidth: true }
        CeButton {
            visible: App.inspection.canEdit
            text: "+ " + qsTr("Add photo")
            secondary: true
            Layout.preferredHeight: Theme.touch
            onClicked: Capture.photoRequested(strip.target, strip.label)
        }
    }
    Flow {
        visible: strip.photos.length > 0
        Layout.fillWidth: true
        spacing: 8
        Repeater {
            model: strip.photos
            delegate: ItemDelegate {
                required property var modelData
                required property int index
                width: 120
                height: 100
                padding: 0
                onClicked: Capture.viewRequested(strip.target, index)
                Accessible.name: modelData.caption !== "" ? modelData.caption : qsTr("Photo %1").arg(index + 1)
                Rectangle { anchors.fill: parent; color: Theme.line; radius: 4 }
                Image {
                    anchors.fill: parent
                    anchors.margins: 2
                    fillMode: Image.PreserveAspectCrop
                    asynchronous: true
                    sourceSize.width: 240
                    source: parent.modelData.thumbUrl
                }
                Label {
                    anchors.centerIn: parent
                    visible: parent.children[1].status !== Image.Ready
                    text: App.sync.state === "disabled" ? qsTr("not here") : qsTr("loading…")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.muted
                }
                Label {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    visible: parent.modelData.caption !== ""
                    text: parent.modelData.caption
                    elide: Text.ElideRight
                    color: "white"
                    font.pixelSize: Theme.fontSmall
                    padding: 2
                    background: Rectangle { color: "#99000000" }
                }
            }
        }
    }
}
