import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// A date, chosen on wheels (never typed into a mask): from minDate to maxDate — by default 1990 to a
// year from today, the range the core takes as plausible for a fact found on site.
RowLayout {
    id: editor
    property string value
    property string minDate: "1990-01-01"
    property string maxDate: Qt.formatDate(new Date(new Date().getTime() + 365 * 86400000), "yyyy-MM-dd")
    property string emptyText: qsTr("Choose a date")
    property bool editable: App.inspection.canEdit
    property bool showToday: true
    signal chosen(string value)
    spacing: 8

    function openPicker() {
        const d = picker.createObject(Overlay.overlay, { minDate: editor.minDate, maxDate: editor.maxDate })
        editor.show(d)
    }
    function show(dialog) {
        dialog.pick(editor.value, editor.minDate, editor.maxDate)
    }

    CeButton {
        objectName: "dateButton"
        text: editor.value !== "" ? editor.value : editor.emptyText
        secondary: editor.value === ""
        enabled: editor.editable
        Layout.preferredWidth: 220
        onClicked: editor.openPicker()
    }
    CeButton {
        text: qsTr("Today")
        visible: editor.showToday
        secondary: true
        enabled: editor.editable
        onClicked: editor.chosen(Qt.formatDate(new Date(), "yyyy-MM-dd"))
    }
    Item { Layout.fillWidth: true }
    Component { id: picker; CeDatePicker { onChosen: (date) => editor.chosen(date); onClosed: destroy() } }
}
