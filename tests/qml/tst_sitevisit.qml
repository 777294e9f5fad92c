import QtQuick
import QtQuick.Controls
import QtTest
import CareEval
import CareEval.Core

// A site visit on the tablet (issue 14): what a reader sees, layout that stays put under the finger,
// finding one's way, dates chosen not typed, one-tap findings, touch targets, resident mode, and
// confirmation before what cannot simply be taken back.
Item {
    id: root
    width: 1280
    height: 800

    Component { id: stepComp; StepPage { width: 1280; height: 800 } }
    Component { id: residentComp; ResidentMode { width: 1280; height: 800 } }
    Component { id: dateComp; CeDateEditor { width: 600 } }
    Component { id: reasonsComp; ReasonSection { width: 600 } }
    Component { id: surveyComp; SurveyPanel { width: 1100 } }
    Component { id: settingsComp; SettingsPage { width: 1280; height: 800 } }
    Component { id: faceComp; CeFace { width: 80; height: 80 } }
    Component { id: teamComp; TeamPanel { width: 500 } }
    SignalSpy { id: itemSpy; signalName: "itemRequested" }
    SignalSpy { id: chosenSpy; signalName: "chosen" }

    TestCase {
        name: "SiteVisit"
        when: windowShown

        function find(item, pred) {
            if (!item)
                return null
            if (pred(item))
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const r = find(item.children[i], pred)
                if (r)
                    return r
            }
            return null
        }
        function findAll(item, pred, out) {
            if (!item)
                return out
            if (pred(item))
                out.push(item)
            for (let i = 0; i < item.children.length; ++i)
                findAll(item.children[i], pred, out)
            return out
        }
        function isButton(i) { return typeof i.toggle === "function" && i.text !== undefined }
        // No popup, and no modal shade of one, is left on the overlay (closing transitions included).
        function overlayClear(overlay) {
            for (let k = 0; k < overlay.children.length; ++k)
                if (overlay.children[k].visible)
                    return false
            return true
        }
        function shown(i) {
            for (let p = i; p; p = p.parent)
                if (!p.visible || p.opacity === 0)
                    return false
            return i.width > 0 && i.height > 0
        }
        function rowOfValue(value) {
            const items = App.inspection.items
            for (let r = 0; r < items.count; ++r)
                if (items.data(items.index(r, 0), ItemListModel.TypeRole) === "check")
                    return r
            return -1
        }
        function itemAt(r) { return App.inspection.items.data(App.inspection.items.index(r, 0), ItemListModel.ItemIdRole) }
        function cardOf(page, id) { return find(page, (i) => i.itemId === id && i.nonCompliant !== undefined) }
        function openStep(step) {
            App.inspection.currentStep = step
            const page = createTemporaryObject(stepComp, root, { step: step })
            tryVerify(() => App.inspection.items.count > 0)
            waitForRendering(page)
            return page
        }

        function cleanup() {
            verify(Fixture.reopenDemo())
        }

        // Point 1: a supervisor's page shows the team value plainly (不符合 in red with ✗, never like 符合),
        // each member's differing value by name, and notes; no answer buttons.
        function test_readOnlyPageShowsEveryAnswer() {
            verify(Fixture.openDemoAs("supervisor"))
            verify(!App.inspection.canEdit)
            App.inspection.currentStep = 3
            tryVerify(() => App.inspection.items.count > 0)
            const r = rowOfValue()
            const id = itemAt(r)
            const second = itemAt(r + 1)
            // Arriving from the team: one non-compliance with a note, one disagreement.
            verify(Fixture.teammateAnswers("zhang.wei", id, "noncompliant"))
            verify(Fixture.teammateNote("zhang.wei", id, "扶手松动"))
            verify(Fixture.teammateAnswers("zhang.wei", second, "compliant"))
            verify(Fixture.teammateAnswers("wang.fang", second, "noncompliant"))
            const page = openStep(3)
            const card = cardOf(page, id)
            verify(card !== null)
            const value = find(card, (i) => i.objectName === "teamValue")
            verify(value !== null)
            verify(shown(value))
            verify(value.text.indexOf("✗") === 0, value.text)
            verify(Qt.colorEqual(value.color, Theme.fail))
            verify(find(card, (i) => String(i.text).indexOf("Note by") === 0 && String(i.text).indexOf("扶手松动") > 0 && shown(i)) !== null)
            verify(find(card, (i) => isButton(i) && shown(i) && String(i.text).indexOf("Compliant") >= 0) === null)
            const conflict = cardOf(page, second)
            const line = find(conflict, (i) => i.objectName === "authorAnswer" && String(i.text).indexOf("张伟 answered") === 0)
            verify(line !== null && shown(line))
            verify(find(conflict, (i) => i.objectName === "teamValue").text.indexOf("disagree") > 0)
        }

        // Point 2: a card keeps its height when its "still missing" hint goes, so the card below stays
        // where the finger expects it; a tap outside a field ends its editing (the value is saved).
        function test_answeringDoesNotMoveTheCardsBelow() {
            verify(Fixture.openLargeSheet(30)) // its first step is not answered yet
            App.inspection.currentStep = 0
            const items = App.inspection.items
            const r = items.rowOf("announce_procedure")
            verify(r >= 0)
            tryVerify(() => items.data(items.index(r, 0), ItemListModel.MissingRole) !== "")
            const page = openStep(0)
            page.positionAtItem("announce_procedure")
            waitForRendering(page)
            const card = cardOf(page, "announce_procedure"), below = cardOf(page, itemAt(r + 1))
            verify(card !== null && below !== null)
            const h = card.height, y = below.mapToItem(page, 0, 0).y
            const button = find(card, (i) => isButton(i) && i.text === "✓ Compliant")
            mouseClick(button)
            tryVerify(() => items.data(items.index(r, 0), ItemListModel.MissingRole) === "")
            waitForRendering(page)
            compare(card.height, h)
            compare(below.mapToItem(page, 0, 0).y, y)
        }

        function test_tapOutsideEndsEditing() {
            verify(Fixture.openLargeSheet(30))
            const page = openStep(0)
            const items = App.inspection.items
            page.positionAtItem("announce_team_present")
            waitForRendering(page)
            const card = cardOf(page, "announce_team_present")
            verify(card !== null)
            const field = find(card, (i) => i.placeholderText === "Number" && shown(i))
            verify(field !== null)
            mouseClick(field)
            tryVerify(() => field.activeFocus)
            keyClick(Qt.Key_4)
            compare(field.text, "4")
            // a tap on the card's title: not a control
            const title = find(card, (i) => i.text !== undefined && i.font !== undefined && i.font.bold && !isButton(i) && String(i.text).length > 2)
            verify(title !== null)
            mouseClick(title)
            tryVerify(() => !field.activeFocus)
            tryVerify(() => items.data(items.index(items.rowOf("announce_team_present"), 0), ItemListModel.ValueRole) === 4)
        }

        // Point 7: the jump box finds an item on any step; the page asks for that step and item. The
        // end of each step leads on to the next.
        function test_jumpAnywhereAndStepToStep() {
            const page = openStep(0)
            itemSpy.clear()
            itemSpy.target = page
            const found = App.inspection.locate("消防")
            verify(found.step !== undefined)
            verify(found.step !== 0)
            const box = find(page.header, (i) => i.placeholderText !== undefined && String(i.placeholderText).indexOf("Go to item") === 0)
            verify(box !== null)
            box.text = "消防"
            box.accepted()
            compare(itemSpy.count, 1)
            compare(itemSpy.signalArguments[0][0], found.step)
            compare(itemSpy.signalArguments[0][1], found.item)
            const list = find(page, (i) => i.objectName === "itemList")
            // Delegates of varying height settle as they load (slowly under load): position again
            // until the step's end is on screen.
            let next = null
            tryVerify(() => {
                list.positionViewAtEnd()
                next = find(page, (i) => i.objectName === "nextStep")
                if (next === null || list.moving || !shown(next))
                    return false
                const at = next.mapToItem(list, 0, 0)
                return at.y >= 0 && at.y + next.height <= list.height
            }, 10000)
            waitForRendering(page)
            verify(next.height >= 48)
            // A press in the same moments as the list's programmatic repositioning is taken by the
            // Flickable under load (a person's tap never comes that soon): let it settle first.
            wait(300)
            mouseClick(next)
            tryCompare(itemSpy, "count", 2)
            compare(itemSpy.signalArguments[1][0], 1)
            compare(itemSpy.signalArguments[1][1], "")
        }

        // Point 8: a reason is tappable to its item, not only its step.
        function test_reasonLeadsToItsItem() {
            verify(Fixture.openLargeSheet(30)) // its first step is not answered yet
            const id = "announce_team_present"
            tryVerify(() => App.inspection.missing.count > 0)
            const section = createTemporaryObject(reasonsComp, root, { title: "Missing", model: App.inspection.missing })
            itemSpy.clear()
            itemSpy.target = section
            waitForRendering(section)
            let row = null
            const rows = findAll(section, (i) => i.sentence !== undefined && i.item === id, [])
            verify(rows.length === 1)
            mouseClick(rows[0])
            compare(itemSpy.count, 1)
            compare(itemSpy.signalArguments[0][0], 0)
            compare(itemSpy.signalArguments[0][1], id)
        }

        // Point 9: a date is chosen on wheels within its bounds, never typed into a mask.
        function test_dateIsChosenWithinBounds() {
            const e = createTemporaryObject(dateComp, root, { value: "", minDate: "2026-01-01", maxDate: "2027-06-30", showToday: false })
            chosenSpy.clear()
            chosenSpy.target = e
            verify(find(e, (i) => i.inputMask !== undefined) === null)
            mouseClick(find(e, (i) => i.objectName === "dateButton"))
            let picker = null
            tryVerify(() => (picker = find(e.Overlay.overlay, (i) => i.objectName === "pickedDate")) !== null)
            const dialog = picker.parent.parent.parent
            const years = find(e.Overlay.overlay, (i) => i.objectName === "yearWheel")
            const months = find(e.Overlay.overlay, (i) => i.objectName === "monthWheel")
            const days = find(e.Overlay.overlay, (i) => i.objectName === "dayWheel")
            compare(years.count, 2) // 2026 and 2027 only
            years.currentIndex = 1
            months.currentIndex = 11 // December 2027: past the bound
            tryCompare(picker, "text", "2027-12-" + String(days.currentIndex + 1).padStart(2, "0"))
            const ok = find(e.Overlay.overlay, (i) => i.objectName === "dateOk")
            verify(!ok.enabled)
            months.currentIndex = 1 // February 2027 has 28 days
            days.currentIndex = 27
            tryCompare(picker, "text", "2027-02-28")
            verify(ok.enabled)
            mouseClick(ok)
            tryCompare(chosenSpy, "count", 1)
            compare(chosenSpy.signalArguments[0][0], "2027-02-28")
        }

        // Point 10: a non-compliance without a hazard level goes on the findings list in one tap.
        function test_oneTapFinding() {
            App.inspection.currentStep = 3
            tryVerify(() => App.inspection.items.count > 0)
            const items = App.inspection.items
            let r = -1
            for (let i = 0; i < items.count && r < 0; ++i)
                if (items.data(items.index(i, 0), ItemListModel.TypeRole) === "check"
                        && items.data(items.index(i, 0), ItemListModel.HazardRole) === "none")
                    r = i
            verify(r >= 0)
            const id = itemAt(r)
            verify(App.inspection.setAnswer(id, "noncompliant"))
            const page = openStep(3)
            page.positionAtItem(id)
            waitForRendering(page)
            const card = cardOf(page, id)
            const button = find(card, (i) => i.objectName === "listAsFinding")
            verify(button !== null && shown(button))
            const before = App.inspection.findings.count
            mouseClick(button)
            tryCompare(App.inspection.findings, "count", before + 1)
            tryVerify(() => !button.enabled)
            verify(items.data(items.index(r, 0), ItemListModel.ListedRole))
        }

        // Point 12: every button on a step page is at least 48 px each way with its bounds drawn
        // (no flat button), and none is a plain Material button with an invisible margin.
        function test_touchTargets() {
            for (const step of [2, 3, 4]) {
                const page = openStep(step)
                const buttons = findAll(page, (i) => isButton(i) && shown(i), [])
                verify(buttons.length > 5)
                for (const b of buttons) {
                    verify(b.height >= 48 && b.width >= 48, "step " + step + " “" + b.text + "” is " + b.width + "×" + b.height)
                    verify(!b.flat, "“" + b.text + "” is flat")
                    compare(b.topInset, 0)
                    compare(b.bottomInset, 0)
                }
                page.destroy()
            }
            // The largest text size enlarges the controls with the text.
            const scale = App.settings.textScale
            App.settings.textScale = 1.3
            const big = openStep(3)
            for (const b of findAll(big, (i) => isButton(i) && shown(i), []))
                verify(b.height >= Math.round(48 * 1.3), "“" + b.text + "” is " + b.height + " high with large text")
            App.settings.textScale = scale
        }

        // Point 13: a grade band below the pass mark is never drawn in a passing colour.
        function test_failingGradeIsNotGreen() {
            const page = openStep(5)
            const chip = find(page, (i) => i.objectName === "gradeChip")
            verify(chip !== null)
            verify(Qt.colorEqual(chip.tone, App.inspection.gradePasses ? Theme.pass : App.inspection.gradeText === "—" ? Theme.muted : Theme.fail))
            if (!App.inspection.gradePasses)
                verify(!Qt.colorEqual(chip.tone, Theme.pass) && !Qt.colorEqual(chip.tone, Theme.primary))
        }

        // Point 14: five distinct faces; every answer (six with "don't know") visible at 1280×800
        // without scrolling; each question starts at its top.
        function test_residentModeFitsAndFacesDiffer() {
            const kinds = {}
            const images = []
            for (const mood of [1, 0.5, 0, -0.5, -1]) {
                const f = createTemporaryObject(faceComp, root, { mood: mood })
                kinds[f.kind] = true
                waitForRendering(f)
                images.push(grabImage(f))
            }
            compare(Object.keys(kinds).length, 5)
            for (let i = 0; i < images.length; ++i)
                for (let j = i + 1; j < images.length; ++j)
                    verify(!images[i].equals(images[j]), "faces " + i + " and " + j + " look the same")

            App.inspection.currentStep = 4
            const rows = App.inspection.survey.respondents
            verify(rows.length > 0)
            const mode = createTemporaryObject(residentComp, root)
            mode.start(rows[0].code, rows[0].who)
            tryVerify(() => mode.opened)
            waitForRendering(mode.contentItem)
            const options = findAll(mode.contentItem, (i) => i.objectName === "residentOption" && shown(i), [])
            verify(options.length >= 6, "options: " + options.length)
            for (const o of options) {
                const p = o.mapToItem(mode.contentItem, 0, 0)
                verify(p.y >= 0 && p.y + o.height <= mode.contentItem.height, "“" + o.text + "” is off screen at y " + p.y)
            }
            const flick = find(mode.contentItem, (i) => i.objectName === "residentOptions")
            flick.contentY = 40
            mode.index = 1
            compare(flick.contentY, 0)
            mode.close()
        }

        // Point 15: the team panel says whose changes were made here and whose were received here.
        function test_teamPanelSaysWhereChangesWereMade() {
            const panel = createTemporaryObject(teamComp, root)
            waitForRendering(panel)
            const mine = find(panel, (i) => String(i.text).indexOf("changes made on this tablet") > 0)
            const theirs = findAll(panel, (i) => String(i.text).indexOf("of their changes received on this tablet") > 0, [])
            verify(mine !== null)
            compare(theirs.length, App.inspection.team.length - 1)
            verify(find(panel, (i) => String(i.text).indexOf(" changes here") > 0) === null)
        }

        // Point 16: refusing a resident and signing out ask first; nothing happens until confirmed.
        function test_refusalAndSignOutAskFirst() {
            verify(Fixture.openLargeSheet(30)) // no sample drawn yet
            App.inspection.currentStep = 4
            verify(App.inspection.survey.drawSample(40, ""))
            const panel = createTemporaryObject(surveyComp, root)
            waitForRendering(panel)
            const rows = App.inspection.survey.respondents
            let todo = null
            for (const r of rows)
                if (r.status === "todo")
                    todo = r
            verify(todo !== null)
            const refuse = find(panel, (i) => isButton(i) && i.text === "Refused" && shown(i))
            verify(refuse !== null)
            mouseClick(refuse)
            const overlay = panel.Overlay.overlay
            let cancel = null
            tryVerify(() => (cancel = find(overlay, (i) => i.objectName === "confirmCancel" && shown(i))) !== null)
            const count = App.inspection.survey.respondents.length
            mouseClick(cancel)
            tryVerify(() => find(overlay, (i) => i.objectName === "confirmCancel" && shown(i)) === null)
            compare(App.inspection.survey.respondents.length, count) // nothing changed
            tryVerify(() => overlayClear(overlay)) // the closing transition, during which the modal shade takes taps
            mouseClick(refuse)
            let ok = null
            tryVerify(() => (ok = find(overlay, (i) => i.objectName === "confirmOk" && shown(i))) !== null)
            mouseClick(ok)
            tryVerify(() => App.inspection.survey.respondents.length === count + 1) // refused, and the next one drawn
            // Until the dialog has finished closing its modal shade takes taps (a loaded machine stretches that).
            tryVerify(() => overlayClear(overlay))

            const settings = createTemporaryObject(settingsComp, root)
            waitForRendering(settings)
            const out = find(settings, (i) => i.objectName === "signOut")
            verify(out !== null)
            mouseClick(out)
            tryVerify(() => (cancel = find(settings.Overlay.overlay, (i) => i.objectName === "confirmCancel" && shown(i))) !== null)
            mouseClick(cancel)
            verify(App.session.signedIn)
        }
    }
}
