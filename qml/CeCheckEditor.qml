pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts

// Compliant / non-compliant / not applicable, as three large buttons.
RowLayout {
    id: editor
    property string value
    property bool allowNa: true
    signal chosen(string value)
    spacing: 8

    Repeater {
        model: [
            { key: "compliant", text: qsTr("✓ Compliant"), tone: Theme.pass },
            { key: "noncompliant", text: qsTr("✗ Non-compliant"), tone: Theme.fail },
            { key: "na", text: qsTr("Not applicable"), tone: Theme.muted }
        ]
        delegate: CeChoiceButton {
            required property var modelData
            visible: modelData.key !== "na" || editor.allowNa
            text: modelData.text
            selected: editor.value === modelData.key
            tone: modelData.tone
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch + 4
            onClicked: editor.chosen(modelData.key)
        }
    }
}
