pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import CareEval.Core

// Adding a photo: where there is no camera (and always as an option) an image file is imported;
// a caption is asked before it is attached (the attach is an operation, so it syncs).
Item {
    id: root
    property string target
    property string label
    property url file

    function start(target, label) {
        root.target = target
        root.label = label
        if (App.photos.cameraAvailable) {
            caption.text = ""
            root.file = ""
            captionDialog.open() // caption first, then camera or file
        } else {
            caption.text = ""
            files.open()
        }
    }

    function close() {
        files.close()
        captionDialog.close()
    }

    Loader {
        id: cameraLoader
        active: false
        sourceComponent: CameraCapture {
            parent: Overlay.overlay
            onClosed: cameraLoader.active = false
            onFailed: (message) => App.inspection.infoMessage(message)
        }
    }

    FileDialog {
        id: files
        title: App.photos.captureHint()
        nameFilters: [qsTr("Pictures (*.jpg *.jpeg *.png *.heic *.webp *.bmp)"), qsTr("All files (*)")]
        onAccepted: {
            root.file = selectedFile
            captionDialog.open()
        }
    }
    Dialog {
        id: captionDialog
        parent: Overlay.overlay
        modal: true
        title: qsTr("Attach the photo")
        width: Math.min(parent ? parent.width - 32 : 560, 560)
        x: parent ? (parent.width - width) / 2 : 0
        y: 60
        standardButtons: Dialog.Ok | Dialog.Cancel
        footer: CeDialogButtons { }
        onAccepted: {
            if (String(root.file) !== "") {
                App.inspection.evidence.attachPhoto(root.target, String(root.file), caption.text)
            } else if (App.photos.cameraAvailable) {
                cameraLoader.active = true
                cameraLoader.item.target = root.target
                cameraLoader.item.caption = caption.text
                cameraLoader.item.open()
            }
        }
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label { text: root.label; wrapMode: Text.Wrap; Layout.fillWidth: true; font.bold: true }
            RowLayout {
                visible: App.photos.cameraAvailable && String(root.file) === ""
                Layout.fillWidth: true
                Label { text: qsTr("OK opens the camera."); Layout.fillWidth: true; wrapMode: Text.Wrap }
                CeButton { text: qsTr("Import a file instead"); secondary: true; onClicked: { captionDialog.close(); files.open() } }
            }
            Image {
                visible: String(root.file) !== ""
                source: root.file
                asynchronous: true
                sourceSize.height: 240
                fillMode: Image.PreserveAspectFit
                Layout.preferredHeight: 200
                Layout.fillWidth: true
            }
            TextField {
                id: caption
                placeholderText: qsTr("Caption (what the photo shows)")
                Layout.fillWidth: true
            }
            Label {
                text: App.photos.captureHint()
                color: Theme.muted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }
}
