import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// Every button a person taps: at least Theme.touch (48 px, more with larger text) high and wide, with
// no invisible margin around what is drawn, so what looks tappable is what is tappable. A secondary
// button (what Material draws flat) keeps a tinted, outlined surface: its bounds stay visible.
Button {
    id: control
    property bool secondary: false
    topInset: 0
    bottomInset: 0
    leftInset: 0
    rightInset: 0
    implicitHeight: Math.max(Theme.touch, implicitContentHeight + topPadding + bottomPadding)
    implicitWidth: Math.max(Theme.touch, implicitContentWidth + leftPadding + rightPadding)
    // Only a secondary button changes Material's colours; the others keep the style's own.
    Binding { target: control.Material; property: "background"; value: "#E6F0EE"; when: control.secondary }
    Binding { target: control.Material; property: "foreground"; value: Theme.primary; when: control.secondary }
    Binding { target: control.Material; property: "elevation"; value: 0; when: control.secondary }

    Rectangle {
        // the outline of a secondary button (drawn over its surface, under nothing that matters)
        visible: control.secondary
        anchors.fill: parent
        color: "transparent"
        radius: 4
        border.color: control.enabled ? "#9EBDB7" : Theme.line
    }
}
