pragma Singleton
import QtQuick
import CareEval.Core

// Sizes and colours in one place. Font sizes follow the text-size setting; touch targets stay
// at least 48 px; colours carry meaning (pass, fail, conflict) consistently across pages.
QtObject {
    readonly property real textScale: App.settings.textScale
    // The largest text sizes enlarge every control with the text: a bigger label in the same 48 px
    // button would be cramped.
    readonly property int touch: Math.round(48 * Math.max(1, textScale))
    readonly property int gap: 12
    readonly property int margin: 16
    readonly property int radius: 8

    readonly property int fontSmall: Math.round(14 * textScale)
    readonly property int fontBody: Math.round(17 * textScale)
    readonly property int fontTitle: Math.round(20 * textScale)
    readonly property int fontHeading: Math.round(26 * textScale)

    readonly property color primary: "#00695C"
    readonly property color accent: "#FF8F00"
    readonly property color background: "#F2F4F3"
    readonly property color card: "#FFFFFF"
    readonly property color text: "#1C1B1F"
    readonly property color muted: "#5F6368"
    readonly property color line: "#D7DBD9"
    readonly property color pass: "#2E7D32"
    readonly property color fail: "#C62828"
    readonly property color warn: "#E65100"
    readonly property color conflict: "#6A1B9A"
    readonly property color info: "#1565C0"

    function statusColor(status) {
        switch (status) {
        case "pass": case "done": case "complete": case "agreed": case "resolved": return pass
        case "fail": return fail
        case "conflict": return conflict
        case "in_progress": return info
        default: return muted
        }
    }
}
