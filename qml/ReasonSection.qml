pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A titled list of open points (missing, conflicts, failures); hidden when empty.
ColumnLayout {
    id: section
    property string title
    property alias model: repeater.model
    property color tone: Theme.warn
    signal itemRequested(int step, string item)
    visible: repeater.count > 0
    spacing: 4
    Label {
        text: section.title + " (" + repeater.count + ")"
        font.bold: true
        font.pixelSize: Theme.fontTitle
        color: section.tone
    }
    Repeater {
        id: repeater
        delegate: ReasonDelegate {
            Layout.fillWidth: true
            tone: section.tone
            onClicked: if (step >= 0) section.itemRequested(step, item)
        }
    }
}
