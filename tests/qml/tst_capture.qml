import QtQuick
import QtQuick.Controls
import QtTest
import CareEval
import CareEval.Core

// Capture through the real QML: resident mode answers every question with big buttons and saves a
// response; the signature pad records strokes drawn with the pointer and saves the signature.
Item {
    id: root
    width: 1280
    height: 800

    Component { id: residentComp; ResidentMode { width: 1280; height: 800 } }
    Component { id: cameraComp; CameraCapture { width: 800; height: 600 } }
    Component { id: signatureComp; SignatureDialog { width: 700; height: 560 } }
    // What a page shows of the signature: it notifies when the signature is saved.
    EvidenceView { id: signatureView; evidence: App.inspection.evidence; target: "feedback_rep_signature" }

    TestCase {
        name: "Capture"
        when: windowShown

        function find(item, pred) {
            if (pred(item))
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const r = find(item.children[i], pred)
                if (r)
                    return r
            }
            if (item.contentItem && item.contentItem !== item && item.contentItem.parent !== item) {
                const r = find(item.contentItem, pred)
                if (r)
                    return r
            }
            return null
        }

        function test_residentModeRecordsAResponse() {
            // A replacement resident: refuse one who has not answered yet, then interview the newcomer.
            let rows = App.inspection.survey.respondents
            verify(rows.length > 0)
            const before = rows.length
            let todo = rows.filter(r => r.status === "todo")
            if (todo.length === 0) {
                verify(App.inspection.survey.setRespondentStatus(rows[rows.length - 1].code, "unable"))
                rows = App.inspection.survey.respondents
                compare(rows.length, before + 1)
                todo = rows.filter(r => r.status === "todo")
            }
            verify(todo.length > 0)
            const code = todo[0].code
            const mode = createTemporaryObject(residentComp, root)
            mode.start(code, todo[0].who)
            tryVerify(() => mode.opened)
            // The popup is laid out and drawn before the first tap: under load (ctest -j2) a tap made
            // while it was still being placed landed beside the button.
            waitForRendering(mode.contentItem)
            const n = mode.questions.length
            verify(n >= 5)
            for (let q = 0; q < n; ++q) {
                const b = find(mode.contentItem, it => it.modelData !== undefined && it.modelData.value === "satisfied" && it.visible && typeof it.clicked === "function")
                verify(b !== null, "answer button for question " + (q + 1))
                mouseClick(b)
                compare(mode.index, q + 1)
            }
            verify(mode.finished)
            const save = find(mode.contentItem, it => it.text === "Finish and save" && it.visible)
            verify(save !== null)
            mouseClick(save)
            tryVerify(() => !mode.opened)
            const answers = App.inspection.survey.responseOf(code)
            compare(Object.keys(answers).length, n)
            compare(answers[mode.questions[0].id], "satisfied")
            compare(App.inspection.survey.respondents.find(r => r.code === code).status, "done")
        }

        function test_noCameraSaysSoAndTheCameraPageStillLoads() {
            verify(!App.photos.cameraAvailable)
            compare(App.photos.captureHint(), "This tablet has no camera: import an image file instead.")
            const cam = createTemporaryObject(cameraComp, root)
            verify(cam !== null) // the QtMultimedia types resolve; the page is only offered where a camera exists
            verify(App.photos.captureFile().endsWith(".jpg"))
        }

        function test_signaturePadSavesStrokes() {
            const d = createTemporaryObject(signatureComp, root, { itemId: "feedback_rep_signature", label: "Institution representative", signerRole: "institution" })
            d.open()
            tryVerify(() => d.opened)
            const pad = find(d.contentItem, it => it.preventStealing !== undefined)
            verify(pad !== null)
            mousePress(pad, 20, 100)
            for (let x = 30; x < 300; x += 20)
                mouseMove(pad, x, 100 + ((x / 20) % 2 ? 40 : -40))
            mouseRelease(pad, 300, 100)
            compare(d.strokes.length, 1)
            verify(d.strokes[0].length > 10)
            const name = find(d.contentItem, it => it.placeholderText === "Name of the person signing")
            name.text = "王院长"
            mouseClick(find(d.contentItem, it => it.text === "Save signature" && it.visible))
            tryVerify(() => !d.opened)
            const sig = signatureView.signature
            compare(sig.signer, "王院长")
            compare(sig.role, "institution")
            verify(sig.url.startsWith("file:"))
        }
    }
}
