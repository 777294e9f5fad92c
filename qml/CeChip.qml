import QtQuick
import QtQuick.Controls

// A small coloured label: statuses, hazards, counts.
Label {
    id: chip
    property color tone: Theme.muted
    leftPadding: 8
    rightPadding: 8
    topPadding: 3
    bottomPadding: 3
    color: "white"
    font.pixelSize: Theme.fontSmall
    font.bold: true
    background: Rectangle {
        radius: height / 2
        color: chip.tone
    }
}
