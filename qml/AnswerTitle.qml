import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The first line of an item: number, label, required mark, hazard level and answer state.
RowLayout {
    id: title
    property string number
    property string label
    property bool mandatory
    property string hazard
    property string status
    property bool prefilled
    spacing: 8

    Label {
        text: title.number
        color: Theme.muted
        font.pixelSize: Theme.fontSmall
        Layout.alignment: Qt.AlignTop
        Layout.topMargin: 3
    }
    Label {
        text: title.label + (title.mandatory ? " *" : "")
        font.bold: true
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    CeChip {
        visible: title.hazard === "major" || title.hazard === "general"
        text: title.hazard === "major" ? qsTr("Major hazard") : qsTr("Hazard")
        tone: title.hazard === "major" ? Theme.fail : Theme.warn
        Layout.alignment: Qt.AlignTop
    }
    CeChip {
        visible: title.prefilled
        text: qsTr("Prefilled")
        tone: Theme.info
        Layout.alignment: Qt.AlignTop
    }
    CeChip {
        visible: title.status === "conflict" || title.status === "resolved"
        text: title.status === "conflict" ? qsTr("Conflict") : qsTr("Resolved")
        tone: Theme.statusColor(title.status)
        Layout.alignment: Qt.AlignTop
    }
}
