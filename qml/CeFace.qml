import QtQuick

// A drawn face for answer buttons in resident mode: mood 1 (very happy) … -1 (very sad); no mood
// (NaN) draws a question mark. Drawn, not a font glyph, so it shows on every tablet.
Canvas {
    id: face
    property real mood: NaN
    property color ink: "#37474F"
    implicitWidth: 56
    implicitHeight: 56
    onMoodChanged: requestPaint()
    onPaint: {
        const ctx = getContext("2d")
        const w = width, h = height, r = Math.min(w, h) / 2 - 3
        ctx.reset()
        ctx.lineWidth = 3
        ctx.strokeStyle = ink
        ctx.fillStyle = isNaN(mood) ? "#ECEFF1" : mood > 0.2 ? "#C8E6C9" : mood < -0.2 ? "#FFCDD2" : "#FFF9C4"
        ctx.beginPath()
        ctx.arc(w / 2, h / 2, r, 0, 2 * Math.PI)
        ctx.fill()
        ctx.stroke()
        if (isNaN(mood)) {
            ctx.fillStyle = ink
            ctx.font = "bold " + Math.round(r * 1.3) + "px sans-serif"
            ctx.textAlign = "center"
            ctx.textBaseline = "middle"
            ctx.fillText("?", w / 2, h / 2 + 1)
            return
        }
        ctx.fillStyle = ink
        ctx.beginPath(); ctx.arc(w / 2 - r * 0.35, h / 2 - r * 0.25, r * 0.1, 0, 2 * Math.PI); ctx.fill()
        ctx.beginPath(); ctx.arc(w / 2 + r * 0.35, h / 2 - r * 0.25, r * 0.1, 0, 2 * Math.PI); ctx.fill()
        // the mouth: a curve whose middle rises or falls with the mood
        const y = h / 2 + r * 0.35, dx = r * 0.45
        ctx.beginPath()
        ctx.moveTo(w / 2 - dx, y - mood * r * 0.08)
        ctx.quadraticCurveTo(w / 2, y + mood * r * 0.45, w / 2 + dx, y - mood * r * 0.08)
        ctx.stroke()
    }
}
