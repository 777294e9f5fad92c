import QtQuick
import QtQuick.Controls

// The OK/Cancel row of a dialog with the same 48 px buttons as everywhere else (Material's dialog
// buttons are flat, 36 px tall inside their touch area, with no visible bounds).
DialogButtonBox {
    id: box
    spacing: 8
    padding: 12
    delegate: CeButton {
        // The accepting button is the filled one; the others keep an outlined surface.
        // The roles as Qt numbers them (QPlatformDialogHelper::ButtonRole: Accept 0, Yes 5, Apply 8).
        readonly property bool accepting: DialogButtonBox.buttonRole === 0 || DialogButtonBox.buttonRole === 5
                                         || DialogButtonBox.buttonRole === 8
        secondary: !accepting
        highlighted: accepting
    }
}
