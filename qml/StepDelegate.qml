import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One step of the procedure in the overview's stepper: number, title, owner, progress and what is open.
ItemDelegate {
    id: row
    required property int index
    required property int number
    required property string title
    required property string status
    required property string owner
    required property int answered
    required property int total
    required property real progress
    required property int missing
    required property int conflicts
    required property int findings

    width: ListView.view ? ListView.view.width : implicitWidth
    padding: 12
    background: Rectangle {
        color: row.down ? "#E8F0EE" : Theme.card
        border.color: Theme.line
        radius: Theme.radius
    }

    contentItem: RowLayout {
        spacing: Theme.gap
        Rectangle {
            Layout.preferredWidth: 44
            Layout.preferredHeight: 44
            Layout.alignment: Qt.AlignTop
            radius: 22
            color: row.status === "todo" ? Theme.line : Theme.statusColor(row.status)
            Label {
                anchors.centerIn: parent
                text: row.status === "done" || row.status === "complete" ? "✓" : row.number
                color: row.status === "todo" ? Theme.text : "white"
                font.bold: true
                font.pixelSize: Theme.fontTitle
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            Label {
                text: row.title
                font.bold: true
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: 8
                Layout.fillWidth: true
                Label {
                    text: row.total > 0 ? qsTr("%1 of %2 answered").arg(row.answered).arg(row.total) : qsTr("No items to answer")
                    color: Theme.muted
                    font.pixelSize: Theme.fontSmall
                }
                Label {
                    visible: row.owner !== ""
                    text: qsTr("Owner: %1").arg(row.owner)
                    color: Theme.muted
                    font.pixelSize: Theme.fontSmall
                }
                Item { Layout.fillWidth: true }
                CeChip { visible: row.missing > 0; text: qsTr("Missing: %1").arg(row.missing); tone: Theme.warn }
                CeChip { visible: row.conflicts > 0; text: qsTr("Conflicts: %1").arg(row.conflicts); tone: Theme.conflict }
                CeChip { visible: row.findings > 0; text: qsTr("Findings: %1").arg(row.findings); tone: Theme.fail }
            }
            ProgressBar {
                visible: row.total > 0
                value: row.progress
                Layout.fillWidth: true
            }
        }
    }
}
