import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Supervisor mode: approve a submitted evaluation (which locks it) or return it to the team with
// comments. Works online; the decision comes back to every tablet as an operation.
ColumnLayout {
    id: panel
    spacing: 6
    visible: App.inspection.review.canReview

    Connections {
        target: App
        function onReviewed(ok, message) {
            App.inspection.infoMessage(message)
            if (ok)
                comment.text = ""
        }
    }
    ApproveDialog {
        id: approveDialog
        objectName: "approveDialog"
        parent: Overlay.overlay
        comment: comment.text
        onApproved: (text) => App.review("approve", text)
    }
    Label { text: qsTr("Review"); font.bold: true; font.pixelSize: Theme.fontTitle }
    TextArea {
        id: comment
        placeholderText: qsTr("Comments for the team (required to return)")
        wrapMode: TextArea.Wrap
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touch * 2
    }
    RowLayout {
        Layout.fillWidth: true
        CeButton {
            text: qsTr("Return to the team")
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            onClicked: App.review("return", comment.text)
        }
        CeButton {
            text: qsTr("Approve and lock")
            highlighted: true
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            // Approval locks the evaluation: confirmed first, with what is still open.
            onClicked: approveDialog.open()
        }
    }
}
