import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One assignment: institution, date, template, my role, progress and sync state.
ItemDelegate {
    id: row
    required property string inspectionId
    required property string institution
    required property string plannedDate
    required property string templateTitle
    required property string myRole
    required property string statusText
    required property real progress
    required property int pending
    required property int conflicts
    required property int refused
    required property bool demo

    width: ListView.view ? ListView.view.width : implicitWidth
    padding: Theme.margin
    background: Rectangle {
        color: row.down ? "#E8F0EE" : Theme.card
        border.color: Theme.line
        radius: Theme.radius
    }

    contentItem: ColumnLayout {
        spacing: 6
        RowLayout {
            Layout.fillWidth: true
            Label {
                text: row.institution
                font.pixelSize: Theme.fontTitle
                font.bold: true
                elide: Label.ElideRight
                Layout.fillWidth: true
            }
            CeChip {
                visible: row.demo
                text: qsTr("Demo")
                tone: Theme.info
            }
            CeSyncBadge {
                pending: row.pending
                conflicts: row.conflicts
                refused: row.refused
                localOnly: row.demo
            }
        }
        Label {
            text: row.templateTitle
            color: Theme.muted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Label { text: row.plannedDate; color: Theme.muted }
            Label { text: row.myRole; color: Theme.muted }
            Label { text: row.statusText; color: Theme.primary; font.bold: true }
            Item { Layout.fillWidth: true }
            Label { text: qsTr("%1% done").arg(Math.round(row.progress * 100)); color: Theme.muted }
        }
        ProgressBar {
            value: row.progress
            Layout.fillWidth: true
        }
    }
}
