import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// The signature pad: the signer writes with a finger; the strokes are recorded and stored with an
// image, the signer's name, role and time. Signing again replaces the signature (an operation).
Dialog {
    id: dialog
    property string itemId
    property string label
    property string signerRole
    property var strokes: []
    onStrokesChanged: pad.requestPaint()
    modal: true
    title: qsTr("Signature")
    width: Math.min(parent ? parent.width - 32 : 760, 760)
    x: parent ? (parent.width - width) / 2 : 0
    y: 24
    closePolicy: Popup.CloseOnEscape
    onAboutToShow: {
        strokes = []
        pad.requestPaint()
        signer.text = signerRole === "lead" ? App.session.displayName : ""
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label { text: dialog.label; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
        TextField {
            id: signer
            placeholderText: qsTr("Name of the person signing")
            Layout.fillWidth: true
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: width / 3
            color: "white"
            border.color: Theme.line
            radius: 4
            Canvas {
                id: pad
                anchors.fill: parent
                onPaint: {
                    const ctx = getContext("2d")
                    ctx.reset()
                    ctx.strokeStyle = "#141E50"
                    ctx.lineWidth = 3
                    ctx.lineCap = "round"
                    ctx.lineJoin = "round"
                    for (const s of dialog.strokes) {
                        if (s.length === 0) continue
                        ctx.beginPath()
                        ctx.moveTo(s[0].x, s[0].y)
                        for (let i = 1; i < s.length; ++i) ctx.lineTo(s[i].x, s[i].y)
                        ctx.stroke()
                    }
                }
            }
            MouseArea {
                anchors.fill: parent
                preventStealing: true
                onPressed: (m) => { dialog.strokes.push([{x: m.x, y: m.y}]); pad.requestPaint() }
                onPositionChanged: (m) => { dialog.strokes[dialog.strokes.length - 1].push({x: m.x, y: m.y}); pad.requestPaint() }
            }
            Label {
                anchors.left: parent.left
                anchors.bottom: parent.bottom
                anchors.margins: 8
                text: qsTr("Sign here")
                color: Theme.muted
                visible: dialog.strokes.length === 0
            }
        }
        RowLayout {
            Layout.fillWidth: true
            CeButton { text: qsTr("Clear"); secondary: true; Layout.preferredHeight: Theme.touch; onClicked: { dialog.strokes = []; pad.requestPaint() } }
            Item { Layout.fillWidth: true }
            CeButton { text: qsTr("Cancel"); secondary: true; Layout.preferredHeight: Theme.touch; onClicked: dialog.reject() }
            CeButton {
                text: qsTr("Save signature")
                highlighted: true
                Layout.preferredHeight: Theme.touch
                onClicked: {
                    if (App.inspection.evidence.sign(dialog.itemId, dialog.strokes, pad.width, pad.height, signer.text))
                        dialog.accept()
                }
            }
        }
        Label {
            visible: App.inspection.errorString !== ""
            text: App.inspection.errorString
            color: Theme.fail
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
