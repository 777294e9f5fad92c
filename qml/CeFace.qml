import QtQuick

// A drawn face for answer buttons in resident mode, one distinct face for each step of the scale:
// mood 1 (very happy: broad open smile, raised cheeks) … -1 (very sad: deep frown, tear); no mood (NaN)
// draws a question mark. Drawn, not a font glyph, so it shows on every tablet.
Canvas {
    id: face
    property real mood: NaN
    property color ink: "#37474F"
    //! Which of the five faces (or "unknown") this mood draws
    readonly property string kind: isNaN(mood) ? "unknown" : mood > 0.75 ? "very_happy" : mood > 0.25 ? "happy"
                                 : mood >= -0.25 ? "neutral" : mood >= -0.75 ? "unhappy" : "very_unhappy"
    implicitWidth: 56
    implicitHeight: 56
    onKindChanged: requestPaint()
    onWidthChanged: requestPaint()
    onPaint: {
        const ctx = getContext("2d")
        const w = width, h = height, r = Math.min(w, h) / 2 - 3
        const cx = w / 2, cy = h / 2
        ctx.reset()
        ctx.lineWidth = Math.max(2, r * 0.1)
        ctx.lineCap = "round"
        ctx.strokeStyle = ink
        const fill = { very_happy: "#81C784", happy: "#C5E1A5", neutral: "#FFF59D", unhappy: "#FFCC80", very_unhappy: "#EF9A9A", unknown: "#ECEFF1" }
        ctx.fillStyle = fill[kind]
        ctx.beginPath()
        ctx.arc(cx, cy, r, 0, 2 * Math.PI)
        ctx.fill()
        ctx.stroke()
        ctx.fillStyle = ink
        if (kind === "unknown") {
            ctx.font = "bold " + Math.round(r * 1.3) + "px sans-serif"
            ctx.textAlign = "center"
            ctx.textBaseline = "middle"
            ctx.fillText("?", cx, cy + 1)
            return
        }
        const ex = r * 0.35, ey = cy - r * 0.25
        if (kind === "very_happy") {
            // eyes closed in a smile: two arcs
            ctx.beginPath(); ctx.arc(cx - ex, ey + r * 0.05, r * 0.13, Math.PI, 2 * Math.PI); ctx.stroke()
            ctx.beginPath(); ctx.arc(cx + ex, ey + r * 0.05, r * 0.13, Math.PI, 2 * Math.PI); ctx.stroke()
        } else {
            ctx.beginPath(); ctx.arc(cx - ex, ey, r * 0.1, 0, 2 * Math.PI); ctx.fill()
            ctx.beginPath(); ctx.arc(cx + ex, ey, r * 0.1, 0, 2 * Math.PI); ctx.fill()
        }
        const y = cy + r * 0.3, dx = r * 0.45
        ctx.beginPath()
        switch (kind) {
        case "very_happy":
            // a broad open smile, filled
            ctx.moveTo(cx - dx * 1.15, y - r * 0.05)
            ctx.quadraticCurveTo(cx, y + r * 0.75, cx + dx * 1.15, y - r * 0.05)
            ctx.closePath()
            ctx.fillStyle = "#5D4037"
            ctx.fill()
            ctx.stroke()
            break
        case "happy":
            ctx.moveTo(cx - dx, y)
            ctx.quadraticCurveTo(cx, y + r * 0.35, cx + dx, y)
            ctx.stroke()
            break
        case "neutral":
            ctx.moveTo(cx - dx, y + r * 0.1)
            ctx.lineTo(cx + dx, y + r * 0.1)
            ctx.stroke()
            break
        case "unhappy":
            ctx.moveTo(cx - dx, y + r * 0.2)
            ctx.quadraticCurveTo(cx, y - r * 0.1, cx + dx, y + r * 0.2)
            ctx.stroke()
            break
        case "very_unhappy":
            ctx.moveTo(cx - dx * 1.1, y + r * 0.35)
            ctx.quadraticCurveTo(cx, y - r * 0.35, cx + dx * 1.1, y + r * 0.35)
            ctx.stroke()
            // slanted brows and a tear
            ctx.beginPath()
            ctx.moveTo(cx - ex - r * 0.18, ey - r * 0.3); ctx.lineTo(cx - ex + r * 0.15, ey - r * 0.2)
            ctx.moveTo(cx + ex + r * 0.18, ey - r * 0.3); ctx.lineTo(cx + ex - r * 0.15, ey - r * 0.2)
            ctx.stroke()
            ctx.beginPath()
            ctx.fillStyle = "#1E88E5"
            ctx.arc(cx + ex, ey + r * 0.28, r * 0.09, 0, 2 * Math.PI)
            ctx.fill()
            break
        }
    }
}
