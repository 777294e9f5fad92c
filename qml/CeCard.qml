import QtQuick
import QtQuick.Controls

// A white card with a soft border, the container of every block on a page.
Pane {
    padding: Theme.margin
    background: Rectangle {
        color: Theme.card
        radius: Theme.radius
        border.color: Theme.line
    }
}
