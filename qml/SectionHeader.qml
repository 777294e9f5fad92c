import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// A section's title in a step page, with its subtotal when the section scores.
RowLayout {
    id: header
    required property string section
    readonly property string subtotal: (App.inspection.sections[section] ?? {}).score ?? ""
    height: Math.max(Theme.touch, title.implicitHeight + 16)
    Label {
        id: title
        text: (App.inspection.sections[header.section] ?? {}).title ?? ""
        font.pixelSize: Theme.fontTitle
        font.bold: true
        color: Theme.primary
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    Label {
        visible: header.subtotal !== ""
        text: header.subtotal
        font.bold: true
    }
}
