import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import CareEval.Core

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
        delegate: Button {
            required property var modelData
            visible: modelData.key !== "na" || editor.allowNa
            text: modelData.text
            checkable: true
            checked: editor.value === modelData.key
            enabled: !App.inspection.locked
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch + 4
            Material.background: checked ? modelData.tone : Theme.card
            Material.foreground: checked ? "white" : Theme.text
            onClicked: editor.chosen(modelData.key)
        }
    }
}
