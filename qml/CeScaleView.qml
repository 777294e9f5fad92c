import QtQuick

// A survey question's answer scale, shown on the step page (residents answer it in their responses).
Flow {
    id: view
    property var options: []
    spacing: 6
    Repeater {
        model: view.options
        delegate: CeChip {
            required property var modelData
            text: modelData.label
            tone: Theme.muted
        }
    }
}
