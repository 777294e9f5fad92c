import QtQuick
import QtQuick.Controls

// One open point as a sentence; tapping it goes to the item it names (or the top of its step).
ItemDelegate {
    id: row
    required property string sentence
    required property int step
    required property string item
    property color tone: Theme.warn
    implicitHeight: Math.max(Theme.touch, contentItem.implicitHeight + 16)
    leftPadding: 12
    contentItem: Label {
        text: row.sentence
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontSmall
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        color: row.down ? "#EEEEEE" : "transparent"
        Rectangle { width: 4; height: parent.height; color: row.tone; radius: 2 }
    }
}
