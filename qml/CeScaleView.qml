import QtQuick
import QtQuick.Controls

// A survey question's answer scale, shown on the step page as plain text (residents answer it in
// resident mode; nothing here is tapped, so nothing here looks like a button).
Label {
    id: view
    property var options: []
    text: qsTr("Answers: %1").arg(view.options.map(o => o.label).join(" / "))
    color: Theme.muted
    font.pixelSize: Theme.fontSmall
    wrapMode: Text.Wrap
}
