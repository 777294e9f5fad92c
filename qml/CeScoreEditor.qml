pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Points from 0 to the item's maximum in its steps: one button per value when there are few,
// a number field otherwise; "N/A" takes the item out of the total and the denominator.
ColumnLayout {
    id: editor
    property var value
    property real maxValue: 0
    property real stepSize: 1
    property bool allowNa: true
    property bool prefilled: false
    signal chosen(var value)
    readonly property int choices: Math.floor(maxValue / stepSize + 1e-9) + 1
    readonly property bool buttons: choices <= 11
    spacing: 6

    Flow {
        visible: editor.buttons
        Layout.fillWidth: true
        spacing: 6
        Repeater {
            model: editor.buttons ? editor.choices : 0
            delegate: CeChoiceButton {
                required property int index
                readonly property real points: Math.round(index * editor.stepSize * 100) / 100
                text: points
                width: Math.max(Theme.touch + 8, implicitWidth)
                selected: typeof editor.value === "number" && Math.abs(editor.value - points) < 1e-6
                tone: editor.prefilled ? Theme.info : Theme.primary
                onClicked: editor.chosen(points)
            }
        }
        CeChoiceButton {
            visible: editor.allowNa
            text: qsTr("N/A")
            selected: editor.value === "na"
            tone: Theme.muted
            onClicked: editor.chosen("na")
        }
    }
    RowLayout {
        visible: !editor.buttons
        TextField {
            id: field
            objectName: "scoreField"
            text: typeof editor.value === "number" ? String(editor.value) : ""
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            // Any number may be typed: one outside 0..max is refused with the range named (by the core's
            // gate, which says why), never silently cut to what a range validator lets through.
            validator: RegularExpressionValidator { regularExpression: /^[0-9]*([.][0-9]*)?$/ }
            enabled: App.inspection.canEdit
            Layout.preferredWidth: 160
            Layout.preferredHeight: Theme.touch
            onEditingFinished: {
                if (text !== "" && text !== String(editor.value))
                    editor.chosen(text)
                text = Qt.binding(() => typeof editor.value === "number" ? String(editor.value) : "")
            }
        }
        Label { text: qsTr("of %1 points").arg(editor.maxValue); color: Theme.muted }
    }
    Label {
        objectName: "rangeHint"
        visible: !editor.buttons && field.text !== "" && !(Number(field.text) <= editor.maxValue)
        text: qsTr("At most %1 points: %2 cannot be saved.").arg(editor.maxValue).arg(field.text)
        color: Theme.fail
        font.pixelSize: Theme.fontSmall
    }
    Label {
        visible: editor.prefilled
        text: qsTr("Computed from earlier steps; tap a value to confirm or change it.")
        color: Theme.info
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
