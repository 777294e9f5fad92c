import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// A photo full screen: pinch (or double-tap) to zoom, swipe between the photos of the item, caption,
// who took it and when; remove it (an operation: the removal syncs, the file stays while referred to).
Popup {
    id: viewer
    //! The item, step key or finding whose photos are shown
    property string target
    property int index: 0
    readonly property var photos: evidence.photos
    readonly property var photo: photos.length > index ? photos[index] : ({})
    modal: true
    padding: 0
    x: 0
    y: 0
    width: parent ? parent.width : 800
    height: parent ? parent.height : 600
    background: Rectangle { color: "black" }
    onOpened: flick.reset()

    // Full photos are fetched only while the viewer is open.
    EvidenceView { id: evidence; evidence: App.inspection.evidence; target: viewer.target; full: viewer.visible }
    onIndexChanged: flick.reset()

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.bottomMargin: bar.height
        clip: true
        contentWidth: Math.max(width, picture.width * picture.scale)
        contentHeight: Math.max(height, picture.height * picture.scale)
        function reset() { picture.scale = 1; contentX = 0; contentY = 0 }
        Image {
            id: picture
            width: flick.width
            height: flick.height
            anchors.centerIn: parent
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            // the thumbnail first, the full photo when it is here
            source: viewer.photo.url || viewer.photo.thumbUrl || ""
            PinchHandler {
                target: picture
                minimumScale: 1
                maximumScale: 6
                minimumRotation: 0
                maximumRotation: 0
                xAxis.enabled: false
                yAxis.enabled: false
            }
            TapHandler {
                onDoubleTapped: picture.scale = picture.scale > 1 ? 1 : 2.5
            }
        }
        // Only while a picture is on its way (a teammate's photo being fetched), and never hidden: a
        // spinner that runs unseen still redraws the window every frame.
        BusyIndicator { anchors.centerIn: parent; running: visible && picture.status !== Image.Ready }
    }
    Rectangle {
        id: bar
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: col.implicitHeight + 16
        color: "#E0000000"
        ColumnLayout {
            id: col
            anchors.fill: parent
            anchors.margins: 8
            Label {
                text: viewer.photo.caption || qsTr("(no caption)")
                color: "white"
                font.pixelSize: Theme.fontTitle
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.fillWidth: true
                Label {
                    text: qsTr("%1 of %2 · by %3 · taken %4").arg(viewer.index + 1).arg(viewer.photos.length)
                          .arg(viewer.photo.author || "").arg(viewer.photo.takenAt || "—")
                    color: "#DDDDDD"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                }
                CeButton { text: "‹"; enabled: viewer.index > 0; onClicked: viewer.index--; Layout.preferredWidth: Theme.touch; Layout.preferredHeight: Theme.touch }
                CeButton { text: "›"; enabled: viewer.index < viewer.photos.length - 1; onClicked: viewer.index++; Layout.preferredWidth: Theme.touch; Layout.preferredHeight: Theme.touch }
                CeButton {
                    visible: App.inspection.canEdit
                    text: qsTr("Remove")
                    Layout.preferredHeight: Theme.touch
                    onClicked: {
                        if (App.inspection.evidence.detachPhoto(viewer.photo.op))
                            viewer.close()
                    }
                }
                CeButton { text: qsTr("Close"); highlighted: true; Layout.preferredHeight: Theme.touch; onClicked: viewer.close() }
            }
        }
    }
}
