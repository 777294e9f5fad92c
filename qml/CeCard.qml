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
        // Where the focus goes: not the card itself (a focus scope hands the focus straight back to
        // the field it holds), and not among the card's content items, which must stay a single child
        // for the card to take its size.
        Item { id: focusSink }
    }
    TapHandler {
        onTapped: focusSink.forceActiveFocus(Qt.MouseFocusReason)
    }
}
