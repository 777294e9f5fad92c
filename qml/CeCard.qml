import QtQuick
import QtQuick.Controls

// A white card with a soft border, the container of every block on a page. A tap on the card outside
// its controls takes the focus from whatever field was being edited: the value typed is saved there
// and then, and the next digits cannot land in it.
Pane {
    id: card
    padding: Theme.margin
    background: Rectangle {
        color: Theme.card
        radius: Theme.radius
        border.color: Theme.line
    }
    // The focus goes to the card's background: not the card itself (a focus scope hands the focus
    // straight back to the field it holds), and not a new content item (a card with one child takes
    // that child's size).
    TapHandler {
        onTapped: card.background.forceActiveFocus(Qt.MouseFocusReason)
    }
}
