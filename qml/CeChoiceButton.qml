import QtQuick
import QtQuick.Controls.Material
import CareEval.Core

// A large answer button: filled with its tone when it is the current answer, outlined otherwise.
CeButton {
    id: button
    property bool selected: false
    property color tone: Theme.primary
    height: Theme.touch + 4
    implicitHeight: Theme.touch + 4
    checkable: true
    checked: selected
    enabled: App.inspection.canEdit
    Material.elevation: 0
    Material.background: selected ? tone : Theme.card
    Material.foreground: selected ? "white" : Theme.text

    Rectangle {
        anchors.fill: parent
        visible: !button.selected
        color: "transparent"
        radius: 4
        border.color: button.enabled ? "#9EA7A4" : Theme.line
    }
}
