pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A date chosen, not typed: year, month and day wheels kept within plausible bounds (an inspection
// date from 1990 to a year ahead; a rectification deadline from today to two years ahead). pick()
// shows it; chosen(date) gives the date as 2026-12-31.
Dialog {
    id: dialog
    property string minDate: "1990-01-01"
    property string maxDate: "2100-12-31"
    signal chosen(string date)
    modal: true
    title: qsTr("Choose a date")
    width: Math.min(parent ? parent.width - 32 : 520, 520)
    x: parent ? (parent.width - width) / 2 : 0
    y: parent ? Math.max(24, (parent.height - height) / 3) : 0
    closePolicy: Popup.CloseOnEscape

    readonly property int minYear: parseInt(minDate.substring(0, 4))
    readonly property int maxYear: parseInt(maxDate.substring(0, 4))
    readonly property int year: minYear + years.currentIndex
    readonly property int month: months.currentIndex + 1
    readonly property int daysInMonth: new Date(year, month, 0).getDate()
    readonly property string date: year + "-" + String(month).padStart(2, "0") + "-" + String(Math.min(days.currentIndex + 1, daysInMonth)).padStart(2, "0")
    readonly property bool inBounds: date >= minDate && date <= maxDate

    function pick(current, min, max) {
        minDate = min
        maxDate = max
        let d = /^\d{4}-\d{2}-\d{2}$/.test(current) ? current : Qt.formatDate(new Date(), "yyyy-MM-dd")
        d = d < min ? min : d > max ? max : d
        years.currentIndex = parseInt(d.substring(0, 4)) - minYear
        months.currentIndex = parseInt(d.substring(5, 7)) - 1
        days.currentIndex = parseInt(d.substring(8, 10)) - 1
        open()
    }
    function setDate(d) {
        years.currentIndex = parseInt(d.substring(0, 4)) - minYear
        months.currentIndex = parseInt(d.substring(5, 7)) - 1
        days.currentIndex = parseInt(d.substring(8, 10)) - 1
    }
    onAccepted: if (inBounds) chosen(date)

    ColumnLayout {
        width: parent.width
        spacing: Theme.gap
        Label {
            objectName: "pickedDate"
            text: dialog.date
            font.pixelSize: Theme.fontHeading
            font.bold: true
            Layout.alignment: Qt.AlignHCenter
        }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            spacing: 24
            Tumbler {
                id: years
                objectName: "yearWheel"
                model: dialog.maxYear - dialog.minYear + 1
                visibleItemCount: 3
                wrap: false
                delegate: Label {
                    required property int index
                    text: dialog.minYear + index
                    font.pixelSize: Theme.fontTitle
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                Layout.preferredWidth: 110
                Layout.preferredHeight: Theme.touch * 3
            }
            Tumbler {
                id: months
                objectName: "monthWheel"
                model: 12
                visibleItemCount: 3
                delegate: Label {
                    required property int index
                    text: qsTr("%1 month").arg(index + 1)
                    font.pixelSize: Theme.fontTitle
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                Layout.preferredWidth: 110
                Layout.preferredHeight: Theme.touch * 3
            }
            Tumbler {
                id: days
                objectName: "dayWheel"
                model: dialog.daysInMonth
                visibleItemCount: 3
                delegate: Label {
                    required property int index
                    text: qsTr("%1 day").arg(index + 1)
                    font.pixelSize: Theme.fontTitle
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                Layout.preferredWidth: 110
                Layout.preferredHeight: Theme.touch * 3
            }
        }
        Label {
            visible: !dialog.inBounds
            text: qsTr("Choose a date from %1 to %2.").arg(dialog.minDate).arg(dialog.maxDate)
            color: Theme.fail
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            CeButton {
                text: qsTr("Today")
                secondary: true
                onClicked: dialog.setDate(Qt.formatDate(new Date(), "yyyy-MM-dd"))
            }
            Item { Layout.fillWidth: true }
            CeButton { text: qsTr("Cancel"); secondary: true; onClicked: dialog.reject() }
            CeButton {
                objectName: "dateOk"
                text: qsTr("Use this date")
                highlighted: true
                enabled: dialog.inBounds
                onClicked: dialog.accept()
            }
        }
    }
}
