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
        files.open()
    }

    FileDialog {
        id: files
        title: App.photos.captureHint()
        nameFilters: [qsTr("Pictures (*.jpg *.jpeg *.png *.heic *.webp *.bmp)"), qsTr("All files (*)")]
        onAccepted: {
            root.file = selectedFile
            caption.text = ""
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
        onAccepted: App.inspection.attachPhoto(root.target, root.file.toString(), caption.text)
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label { text: root.label; wrapMode: Text.Wrap; Layout.fillWidth: true; font.bold: true }
            Image {
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
