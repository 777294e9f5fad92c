pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// Resident mode: the survey for an elderly respondent — large text, one question a screen, big answer
// buttons with words and faces, back and next, a clear finish. It covers the whole app; only the
// evaluator leaves it (press and hold), and the answers given so far are kept.
Popup {
    id: mode
    property string code
    property string who
    property var questions: []
    property var answers: ({})
    property int index: 0
    readonly property bool finished: index >= questions.length
    readonly property var question: finished ? ({}) : questions[index]
    readonly property real big: Theme.fontHeading * 1.35
    // Each question opens at its top, whatever the one before was scrolled to.
    onIndexChanged: options.contentY = 0
    modal: true
    closePolicy: Popup.NoAutoClose
    x: 0
    y: 0
    width: parent ? parent.width : 800
    height: parent ? parent.height : 600
    padding: 24
    background: Rectangle { color: "#FFFDF5" }

    function start(code, who) {
        mode.code = code
        mode.who = who
        questions = App.inspection.survey.questions
        answers = App.inspection.survey.responseOf(code)
        index = 0
        open()
    }
    function choose(value) {
        const a = Object.assign({}, answers)
        a[question.id] = value
        answers = a
        index++
    }
    function finish() {
        if (Object.keys(answers).length > 0)
            App.inspection.survey.saveResponse(code, answers)
        close()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 16
        RowLayout {
            Layout.fillWidth: true
            Label {
                text: mode.finished ? "" : qsTr("Question %1 of %2").arg(mode.index + 1).arg(mode.questions.length)
                font.pixelSize: Theme.fontTitle * 1.2
                color: Theme.muted
                Layout.fillWidth: true
            }
            CeButton {
                id: leave
                text: qsTr("Evaluator: hold to leave")
                secondary: true
                font.pixelSize: Theme.fontSmall
                Layout.preferredHeight: Theme.touch
                onPressAndHold: mode.finish()
            }
        }
        ProgressBar {
            Layout.fillWidth: true
            from: 0
            to: Math.max(1, mode.questions.length)
            value: mode.index
        }
        Label {
            visible: !mode.finished
            text: mode.question.label || ""
            font.pixelSize: mode.big
            font.bold: true
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        // Every answer on the screen at once (two columns when there are more than four on a wide
        // screen), each question starting at its top; scrolling only with the very largest text.
        Flickable {
            id: options
            objectName: "residentOptions"
            visible: !mode.finished
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentHeight: grid.implicitHeight
            boundsBehavior: Flickable.StopAtBounds
            readonly property var list: mode.finished ? [] : (mode.question.options || []).concat(mode.question.allowUnknown ? [{value: "unknown", label: qsTr("Don't know"), mood: NaN}] : [])
            // One column when every answer fits (portrait); two side by side on a wide, low screen.
            readonly property int columns: list.length > 4 && width > 700 && list.length * (Math.min(mode.big * 2.6, 96) + 12) > height ? 2 : 1
            readonly property int rows: Math.ceil(list.length / columns)
            // As tall as fits, never smaller than a large finger target.
            readonly property real optionHeight: Math.max(72, Math.min(mode.big * 2.6, (height - (rows - 1) * 12) / Math.max(1, rows)))
            GridLayout {
                id: grid
                width: options.width
                columns: options.columns
                columnSpacing: 12
                rowSpacing: 12
                Repeater {
                    model: options.list
                    delegate: CeButton {
                        id: option
                        required property var modelData
                        objectName: "residentOption"
                        Layout.fillWidth: true
                        Layout.preferredHeight: options.optionHeight
                        highlighted: mode.answers[mode.question.id] === option.modelData.value
                        contentItem: RowLayout {
                            spacing: 20
                            CeFace {
                                mood: option.modelData.mood
                                implicitWidth: Math.min(mode.big * 2, options.optionHeight - 16)
                                implicitHeight: implicitWidth
                            }
                            Label { text: option.modelData.label; font.pixelSize: mode.big; Layout.fillWidth: true; wrapMode: Text.Wrap }
                        }
                        onClicked: mode.choose(option.modelData.value)
                    }
                }
            }
        }
        ColumnLayout {
            visible: mode.finished
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 24
            Item { Layout.fillHeight: true }
            Label {
                text: qsTr("Thank you!")
                font.pixelSize: mode.big * 1.4
                font.bold: true
                Layout.alignment: Qt.AlignHCenter
            }
            Label {
                text: qsTr("%1 of %2 questions answered.").arg(Object.keys(mode.answers).length).arg(mode.questions.length)
                font.pixelSize: mode.big * 0.8
                Layout.alignment: Qt.AlignHCenter
            }
            CeButton {
                text: qsTr("Finish and save")
                highlighted: true
                font.pixelSize: mode.big
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredHeight: Math.max(88, mode.big * 2.4)
                Layout.preferredWidth: Math.min(parent.width, 520)
                onClicked: mode.finish()
            }
            Item { Layout.fillHeight: true }
        }
        RowLayout {
            Layout.fillWidth: true
            CeButton {
                text: "◀ " + qsTr("Back")
                enabled: mode.index > 0
                font.pixelSize: Theme.fontTitle * 1.2
                Layout.preferredHeight: 72
                Layout.preferredWidth: 200
                onClicked: mode.index--
            }
            Item { Layout.fillWidth: true }
            CeButton {
                visible: !mode.finished
                text: qsTr("Next") + " ▶"
                font.pixelSize: Theme.fontTitle * 1.2
                Layout.preferredHeight: 72
                Layout.preferredWidth: 200
                onClicked: mode.index++
            }
        }
    }
}
