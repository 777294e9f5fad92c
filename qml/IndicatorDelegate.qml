import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One indicator against its target: the computed figure, the target, and a clear pass/fail mark.
Rectangle {
    id: row
    required property string label
    required property string valueText
    required property string targetText
    required property string status
    required property string notes
    implicitHeight: layout.implicitHeight + 16
    color: status === "pass" ? "#E8F5E9" : status === "fail" ? "#FFEBEE" : "#F5F5F5"
    radius: Theme.radius
    border.color: Theme.statusColor(status)

    RowLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: 8
        spacing: Theme.gap
        Label {
            text: row.status === "pass" ? "✓" : row.status === "fail" ? "✗" : "…"
            color: Theme.statusColor(row.status)
            font.pixelSize: Theme.fontHeading
            font.bold: true
            Layout.preferredWidth: 32
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label { text: row.label; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
            Label {
                visible: row.notes !== ""
                text: row.notes
                color: Theme.muted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
        ColumnLayout {
            spacing: 2
            Label {
                text: row.valueText
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.statusColor(row.status)
                Layout.alignment: Qt.AlignRight
            }
            Label {
                visible: row.targetText !== ""
                text: qsTr("target %1").arg(row.targetText)
                color: Theme.muted
                font.pixelSize: Theme.fontSmall
                Layout.alignment: Qt.AlignRight
            }
        }
    }
}
