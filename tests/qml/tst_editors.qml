import QtQuick
import QtQuick.Controls
import QtTest
import CareEval
import CareEval.Core

// The item editors emit what the controller needs, and a step page shows the template's items and
// saves a tap as an answer.
Item {
    id: root
    width: 1280
    height: 800

    Component { id: checkComp; CeCheckEditor { width: 600 } }
    Component { id: choiceComp; CeChoiceEditor { width: 600 } }
    Component { id: scoreComp; CeScoreEditor { width: 600 } }
    Component { id: stepComp; StepPage { width: 1280; height: 800 } }
    Component { id: badgeComp; CeSyncBadge { } }
    Component { id: summaryComp; OverviewSummary { width: 500; height: 700 } }
    Component { id: reviewComp; ReviewPanel { width: 600 } }
    SignalSpy { id: reviewedSpy; target: App; signalName: "reviewed" }

    SignalSpy { id: spy; signalName: "chosen" }

    TestCase {
        name: "Editors"
        when: windowShown

        function findButton(item, label) {
            if (typeof item.toggle === "function" && item.text === label && item.visible)
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const b = findButton(item.children[i], label)
                if (b)
                    return b
            }
            return null
        }

        function test_checkEditorOffersThreeAnswers() {
            const e = createTemporaryObject(checkComp, root, { value: "", allowNa: true })
            spy.clear()
            spy.target = e
            const non = findButton(e, "✗ Non-compliant")
            verify(non !== null)
            mouseClick(non)
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], "noncompliant")
            e.allowNa = false
            compare(findButton(e, "Not applicable"), null)
        }

        function test_syncBadgeSaysWhereTheWorkIs() {
            const b = createTemporaryObject(badgeComp, root, {})
            compare(b.text, "All sent")
            b.pending = 3
            compare(b.text, "Waiting to send: 3")
            // The demo never syncs: its changes are neither "sent" nor "waiting".
            b.localOnly = true
            compare(b.text, "On this tablet only")
            b.pending = 0
            compare(b.text, "On this tablet only")
            // What the lead must act on still shows first.
            b.conflicts = 2
            compare(b.text, "Conflicts: 2")
            b.refused = 1
            compare(b.text, "Refused: 1")
        }

        function test_multipleChoiceTogglesOptions() {
            const e = createTemporaryObject(choiceComp, root, {
                multiple: true, value: ["a"],
                options: [{ value: "a", label: "Alpha" }, { value: "b", label: "Beta" }]
            })
            spy.clear()
            spy.target = e
            mouseClick(findButton(e, "☐ Beta"))
            compare(spy.signalArguments[0][0], ["a", "b"])
            mouseClick(findButton(e, "☑ Alpha"))
            compare(spy.signalArguments[1][0], [])
        }

        function test_scoreEditorHasOneButtonPerStep() {
            const e = createTemporaryObject(scoreComp, root, { value: 2, maxValue: 4, stepSize: 0.5, allowNa: true })
            spy.clear()
            spy.target = e
            verify(findButton(e, "2").checked)
            mouseClick(findButton(e, "3.5"))
            compare(spy.signalArguments[0][0], 3.5)
            mouseClick(findButton(e, "N/A"))
            compare(spy.signalArguments[1][0], "na")
        }

        // Issue 14: typing 12 into a field "of 8 points" gives 12 to the core (which refuses it with the
        // range named), never a silently cut 1; the field says so while the value is typed.
        function test_scoreFieldPassesWhatWasTyped() {
            const e = createTemporaryObject(scoreComp, root, { value: undefined, maxValue: 8, stepSize: 0.5, allowNa: false })
            spy.clear()
            spy.target = e
            const field = findChild(e, "scoreField")
            verify(field !== null)
            field.forceActiveFocus()
            keyClick(Qt.Key_1)
            keyClick(Qt.Key_2)
            compare(field.text, "12")
            verify(findChild(e, "rangeHint").visible)
            keyClick(Qt.Key_Return)
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], "12")
        }

        function findText(item, pred) {
            if (item.text !== undefined && item.visible && typeof item.text === "string" && pred(item.text))
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const t = findText(item.children[i], pred)
                if (t)
                    return t
            }
            if (item.contentItem && item.contentItem !== item && item.contentItem.parent !== item)
                return findText(item.contentItem, pred)
            return null
        }

        // The overview's right-hand pane shows the score, the conclusion and the team (it once stayed
        // empty, silently, when its list header could not be created).
        function test_overviewSummaryShowsTheScore() {
            const pane = createTemporaryObject(summaryComp, root)
            verify(pane !== null)
            tryVerify(() => findText(pane, t => t.indexOf(App.inspection.totalText) === 0) !== null)
            const score = findText(pane, t => t.indexOf(App.inspection.totalText) === 0)
            verify(score.width > 0 && score.height > 0)
            verify(findText(pane, t => t === "Score") !== null)
        }

        // Approval locks the evaluation: the button asks first and says what is still open; only the
        // confirmation sends the decision (issue 14, point 6).
        function test_approvalIsConfirmed() {
            const panel = createTemporaryObject(reviewComp, root)
            panel.visible = true // as for a supervisor while the evaluation is submitted
            const dialog = findChild(panel, "approveDialog")
            verify(dialog !== null)
            reviewedSpy.clear()
            const approve = findText(panel, t => t === "Approve and lock")
            verify(approve !== null)
            mouseClick(approve)
            tryVerify(() => dialog.opened)
            compare(reviewedSpy.count, 0) // nothing sent yet
            verify(findText(dialog.contentItem, t => t.indexOf("nobody can change it afterwards") >= 0) !== null)
            compare(findChild(dialog, "incompleteWarning").visible, App.inspection.conclusion === InspectionController.Incomplete)
            compare(findChild(dialog, "majorWarning").visible, App.inspection.openMajorHazards > 0)
            dialog.reject()
            tryVerify(() => !dialog.visible)
            compare(reviewedSpy.count, 0) // cancelled: nothing sent
            mouseClick(approve)
            tryVerify(() => dialog.opened)
            mouseClick(findChild(dialog, "confirmApprove"))
            tryVerify(() => reviewedSpy.count === 1) // sent (this test has no server: the answer is an error)
        }

        function test_stepPageSavesATap() {
            App.inspection.currentStep = 2
            const page = createTemporaryObject(stepComp, root, { step: 2 })
            verify(page !== null)
            tryCompare(App.inspection.items, "count", 20)
            // Answer the first documents item through the controller and see the page's model follow.
            const id = App.inspection.items.data(App.inspection.items.index(0, 0), ItemListModel.ItemIdRole)
            const before = App.inspection.pendingCount
            // The assignments list shows the open inspection's changes waiting, answer by answer.
            const list = App.workspace.assignments
            let row = -1
            for (let r = 0; r < list.count; ++r)
                if (list.data(list.index(r, 0), AssignmentListModel.InspectionIdRole) === App.inspection.inspectionId)
                    row = r
            verify(row >= 0)
            const waiting = () => list.data(list.index(row, 0), AssignmentListModel.PendingRole)
            compare(waiting(), before)
            verify(App.inspection.setAnswer(id, "noncompliant"))
            compare(App.inspection.pendingCount, before + 1)
            compare(waiting(), before + 1)
            compare(App.inspection.items.data(App.inspection.items.index(0, 0), ItemListModel.ValueRole), "noncompliant")
            verify(App.inspection.undo())
            compare(waiting(), before + 2)
            compare(App.inspection.items.data(App.inspection.items.index(0, 0), ItemListModel.ValueRole), "compliant")
        }

        function findWhere(item, pred) {
            if (pred(item))
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const r = findWhere(item.children[i], pred)
                if (r)
                    return r
            }
            return null
        }

        // A teammate's different answer makes a conflict; the lead's "Settle" opens the dialog
        // (made only then) with both values by name, and choosing one settles it.
        function test_leadSettlesAConflict() {
            App.inspection.currentStep = 2
            const page = createTemporaryObject(stepComp, root, { step: 2 })
            tryCompare(App.inspection.items, "count", 20)
            const items = App.inspection.items
            const id = items.data(items.index(0, 0), ItemListModel.ItemIdRole)
            verify(App.inspection.setAnswer(id, "compliant"))
            verify(Fixture.teammateAnswers("zhang.wei", id, "noncompliant"))
            tryCompare(items, "count", 20)
            compare(items.data(items.index(0, 0), ItemListModel.StatusRole), "conflict")
            waitForRendering(page)
            const settle = findWhere(page, (i) => typeof i.toggle === "function" && i.text === "Settle" && i.visible)
            verify(settle !== null)
            mouseClick(settle)
            const overlay = page.Overlay.overlay
            let theirs = null
            tryVerify(() => (theirs = findWhere(overlay, (i) => typeof i.toggle === "function" && String(i.text).indexOf("by 张伟") >= 0 && i.visible)) !== null)
            verify(findWhere(overlay, (i) => typeof i.toggle === "function" && String(i.text).indexOf("by 李华") >= 0) !== null)
            mouseClick(theirs)
            const reason = findWhere(overlay, (i) => i.placeholderText !== undefined && String(i.placeholderText).indexOf("Reason") === 0)
            verify(reason !== null)
            reason.text = "照片显示未达标"
            const ok = findWhere(overlay, (i) => typeof i.toggle === "function" && i.text === "OK" && i.visible)
            verify(ok !== null)
            mouseClick(ok)
            // The dialog goes away (and with it the modal shade over the page).
            tryVerify(() => findWhere(overlay, (i) => i.text === "Settle the conflict") === null)
            tryVerify(() => items.data(items.index(0, 0), ItemListModel.StatusRole) !== "conflict")
            compare(items.data(items.index(0, 0), ItemListModel.ValueRole), "noncompliant")
        }
            function findNamed(item, name) {
            if (item.objectName === name)
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const r = findNamed(item.children[i], name)
                if (r)
                    return r
            }
            return null
        }

        // A page left alone draws nothing, even after scrolling a 500-item sheet: ListView moved an
        // invisible highlight after its current item at 400 px/s and kept the window redrawing at
        // 60 frames a second, long after the list stood still.
        function test_idleStepPageDrawsNoFrames() {
            verify(Fixture.openLargeSheet(500))
            App.inspection.currentStep = 5
            const page = createTemporaryObject(stepComp, root, { step: 5 })
            const list = findNamed(page, "itemList")
            verify(list !== null)
            tryVerify(() => list.count >= 500)
            waitForRendering(page)
            for (let y = 400; y < list.contentHeight - list.height; y += 400) {
                list.contentY = y
                wait(5)
            }
            wait(300)
            let frames = 0
            const count = () => { ++frames }
            page.Window.window.frameSwapped.connect(count)
            wait(1500)
            page.Window.window.frameSwapped.disconnect(count)
            page.destroy()
            verify(Fixture.reopenDemo())
            verify(frames <= 3, "frames drawn in 1.5 s of doing nothing: " + frames)
        }
    }
}
