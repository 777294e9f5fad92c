import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import CareEval.Core

// Taking a photo with the tablet's camera (QtMultimedia): a live view, a big shutter button; the
// picture is written to a capture file, imported like any photo (scaled, hashed, thumbnail) and
// attached with its caption. Only created where a camera exists.
Popup {
    id: popup
    property string target
    property string caption
    signal failed(string message)
    modal: true
    padding: 0
    x: 0
    y: 0
    width: parent ? parent.width : 800
    height: parent ? parent.height : 600
    background: Rectangle { color: "black" }

    CaptureSession {
        camera: Camera { id: camera; active: popup.opened }
        imageCapture: ImageCapture {
            id: capture
            onImageSaved: (requestId, path) => {
                App.inspection.evidence.attachPhoto(popup.target, path, popup.caption)
                App.photos.discardCapture(path)
                popup.close()
            }
            onErrorOccurred: (requestId, error, message) => popup.failed(message)
        }
        videoOutput: preview
    }
    VideoOutput {
        id: preview
        anchors.fill: parent
        fillMode: VideoOutput.PreserveAspectFit
    }
    RowLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 16
        CeButton { text: qsTr("Cancel"); Layout.preferredHeight: Theme.touch; onClicked: popup.close() }
        Item { Layout.fillWidth: true }
        RoundButton {
            text: qsTr("Take")
            enabled: capture.readyForCapture
            Layout.preferredWidth: 88
            Layout.preferredHeight: 88
            onClicked: capture.captureToFile(App.photos.captureFile())
        }
        Item { Layout.fillWidth: true }
    }
    Label {
        anchors.centerIn: parent
        visible: camera.error !== Camera.NoError
        text: camera.errorString
        color: "white"
    }
}
