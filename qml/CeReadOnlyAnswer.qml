pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// An answer as a reader sees it (the supervisor; everyone once it is locked): the team value in plain
// words and colour — 不符合 never looks like 符合 — then each author's value where they differ or
// disagree, and each author's note.
ColumnLayout {
    id: view
    property string type
    property var value
    property string valueText
    property string status
    property bool prefilled
    property var answers: []
    spacing: 4

    readonly property color tone: view.type === "check" && view.value === "noncompliant" ? Theme.fail
                                : view.type === "check" && view.value === "compliant" ? Theme.pass
                                : view.status === "conflict" ? Theme.conflict
                                : view.valueText === "" ? Theme.muted : Theme.text
    readonly property bool showAuthors: view.status === "conflict" || view.answers.some(a => a.differs)

    Label {
        objectName: "teamValue"
        Layout.fillWidth: true
        text: view.status === "conflict" ? qsTr("No team value: the members disagree")
            : view.valueText === "" ? qsTr("Not answered")
            : view.type === "check" && view.value === "noncompliant" ? "✗ " + view.valueText
            : view.type === "check" && view.value === "compliant" ? "✓ " + view.valueText
            : view.valueText + (view.prefilled ? " " + qsTr("(computed, not confirmed)") : "")
        color: view.tone
        font.bold: view.valueText !== "" || view.status === "conflict"
        font.pixelSize: Theme.fontTitle
        wrapMode: Text.Wrap
    }
    Repeater {
        model: view.answers
        delegate: Label {
            id: line
            required property var modelData
            objectName: "authorAnswer"
            Layout.fillWidth: true
            // A member's own value is shown where it differs from the team's; every note is shown.
            visible: text !== ""
            text: {
                const parts = []
                if (view.showAuthors && line.modelData.valueText !== "")
                    parts.push(qsTr("%1 answered %2").arg(line.modelData.author).arg(line.modelData.valueText))
                if (line.modelData.note !== "")
                    parts.push(qsTr("Note by %1: %2").arg(line.modelData.author).arg(line.modelData.note))
                return parts.join(" · ")
            }
            color: line.modelData.differs ? Theme.conflict : Theme.text
            wrapMode: Text.Wrap
        }
    }
}
