pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import CareEval.Core

// The window: a header with back, title, sync state and settings; a StackView of pages. Navigation
// lives here (openInspection, openStep, showPage); pages ask for it and hold no navigation state.
ApplicationWindow {
    id: window
    readonly property var currentPage: stack.currentItem
    visible: true
    title: qsTr("CareEval")
    color: Theme.background
    Material.theme: Material.Light
    Material.primary: Theme.primary
    Material.accent: Theme.accent
    font.pixelSize: Theme.fontBody

    //! True while a page transition runs (the page walker waits for it)
    readonly property bool pageBusy: stack.busy
    readonly property bool portrait: height > width

    function openAssignments() {
        stack.replace(null, assignmentsPage, {}, StackView.Immediate)
    }
    function openInspection(id) {
        if (!App.openInspection(id)) {
            toast.show(App.errorString)
            return false
        }
        stack.push(overviewPage)
        return true
    }
    //! A step page, at one of its items when `item` is given (a reason tapped, a jump, a conflict).
    function openStep(step, item) {
        App.inspection.currentStep = step
        const page = step === 6 ? conclusionPage : step === 7 ? feedbackPage : stepPage
        if (stack.depth > 2)
            stack.pop(stack.get(1), StackView.Immediate)
        stack.push(page, {"step": step})
        if (item !== undefined && item !== "")
            positionOn(stack.currentItem, item)
    }
    // Every step page (StepPage, ConclusionPage, FeedbackPage) has positionAtItem(itemId).
    function positionOn(page, item) {
        if (page && typeof page.positionAtItem === "function")
            page.positionAtItem(item)
    }
    function openSettings() {
        stack.push(settingsPage)
    }
    function back() {
        if (stack.depth <= 1)
            return
        stack.pop()
        if (stack.depth === 2)
            App.inspection.currentStep = -1
        if (stack.depth === 1)
            App.closeInspection()
    }
    //! For the page walker (--self-test, --screenshots): shows a page by name.
    function showPage(name) {
        if (name === "signin") {
            stack.replace(null, signInPage, {}, StackView.Immediate)
            return true
        }
        if (name === "assignments") {
            openAssignments()
            return true
        }
        if (name === "settings") {
            residentMode.close()
            openSettings()
            return true
        }
        if (!App.inspection.isOpen)
            return false
        if (name === "overview") {
            openAssignments()
            stack.push(overviewPage, {}, StackView.Immediate)
            return true
        }
        if (name.startsWith("step")) {
            openStep(parseInt(name.substring(4)))
            return true
        }
        if (name === "photo") {
            openStep(3)
            Capture.viewRequested("site_photos", 0)
            photoViewer.index = Math.max(0, photoViewer.photos.length - 1)
            return photoViewer.photos.length > 0
        }
        if (name === "signature") {
            photoViewer.close()
            openStep(7)
            Capture.signRequested("feedback_rep_signature", qsTr("Institution representative"), "institution")
            signatureDialog.strokes = [[{x: 40, y: 160}, {x: 90, y: 40}, {x: 140, y: 170}, {x: 200, y: 60}, {x: 260, y: 150}],
                                       [{x: 300, y: 90}, {x: 420, y: 95}, {x: 380, y: 40}, {x: 360, y: 180}]]
            return true
        }
        if (name === "resident") {
            signatureDialog.close()
            openStep(4)
            const rows = App.inspection.survey.respondents
            if (rows.length === 0)
                return false
            residentMode.start(rows[rows.length - 1].code, rows[rows.length - 1].who)
            residentMode.choose("satisfied")
            return true
        }
        if (name === "datepicker") {
            photoAdd.close()
            openStep(0)
            datePicker.pick("2026-11-25", "1990-01-01", Qt.formatDate(new Date(new Date().getTime() + 365 * 86400000), "yyyy-MM-dd"))
            return true
        }
        if (name === "signout") {
            // A confirmation in the chosen language: the settings page asks before signing out.
            datePicker.close()
            openSettings()
            confirm.ask(qsTr("Sign out?"), qsTr("Signing out needs the server and the password to sign in again."), qsTr("Sign out"), () => {})
            return true
        }
        if (name === "reasons") {
            // The conclusion with what keeps it open: one of the lead's answers taken back.
            confirm.close()
            App.inspection.clearAnswer("announce_date")
            openAssignments()
            stack.push(overviewPage, {}, StackView.Immediate)
            openStep(6)
            return true
        }
        if (name === "readonly") {
            openAssignments()
            stack.push(overviewPage, {}, StackView.Immediate)
            // A step with a non-compliance, a note and photos, as the supervisor reviews it.
            openStep(3)
            const items = App.inspection.items
            for (let r = 0; r < items.count; ++r)
                if (items.data(items.index(r, 0), ItemListModel.ValueRole) === "noncompliant") {
                    positionOn(stack.currentItem, items.data(items.index(r, 0), ItemListModel.ItemIdRole))
                    break
                }
            return true
        }
        if (name === "photoadd") {
            // A dialog with Qt's standard buttons, to see them in the chosen language.
            residentMode.close()
            openStep(3)
            photoAdd.start("site_photos", qsTr("Photos"))
            return true
        }
        return false
    }

    header: CeHeader {
        canGoBack: stack.depth > 1
        title: window.currentPage && window.currentPage.title !== undefined ? window.currentPage.title : ""
        onBackRequested: window.back()
        onSettingsRequested: window.openSettings()
    }

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: App.session.signedIn ? assignmentsPage : signInPage
    }

    Component { id: signInPage; SignInPage { onSignedIn: window.openAssignments() } }
    Component { id: assignmentsPage; AssignmentsPage { onOpenRequested: (id) => window.openInspection(id) } }
    Component { id: overviewPage; OverviewPage { onItemRequested: (step, item) => window.openStep(step, item) } }
    Component { id: stepPage; StepPage { onItemRequested: (step, item) => Qt.callLater(window.openStep, step, item) } }
    Component { id: conclusionPage; ConclusionPage { onItemRequested: (step, item) => Qt.callLater(window.openStep, step, item) } }
    Component { id: feedbackPage; FeedbackPage { onItemRequested: (step, item) => Qt.callLater(window.openStep, step, item) } }
    Component { id: settingsPage; SettingsPage {} }

    CeToast { id: toast }
    // For the page walker's screenshots of a date picker and a confirmation in the chosen language.
    CeDatePicker { id: datePicker; parent: Overlay.overlay }
    CeConfirmDialog { id: confirm; parent: Overlay.overlay }

    // The capture tools, once for the whole app.
    PhotoAddDialog { id: photoAdd }
    PhotoViewer { id: photoViewer; parent: Overlay.overlay }
    SignatureDialog { id: signatureDialog; parent: Overlay.overlay }
    ResidentMode { id: residentMode; parent: Overlay.overlay }
    Connections {
        target: Capture
        function onPhotoRequested(target, label) { photoAdd.start(target, label) }
        function onViewRequested(target, index) {
            photoViewer.target = target
            photoViewer.index = index
            photoViewer.open()
        }
        function onSignRequested(itemId, label, signerRole) {
            signatureDialog.itemId = itemId
            signatureDialog.label = label
            signatureDialog.signerRole = signerRole
            signatureDialog.open()
        }
        function onInterviewRequested(code, who) { residentMode.start(code, who) }
    }
    Connections {
        target: App
        function onErrorChanged() {
            if (App.errorString !== "")
                toast.show(App.errorString)
        }
    }

    Connections {
        target: App.inspection
        function onInfoMessage(message) { toast.show(message) }
    }
    Connections {
        target: App.session
        function onSignedInChanged() {
            if (!App.session.signedIn)
                stack.replace(null, signInPage, {}, StackView.Immediate)
        }
    }

    Component.onCompleted: {
        if (App.fatalError !== "")
            toast.show(App.fatalError)
        // Reopen where the evaluator was when the app stopped.
        const step = App.resumeStep()
        const item = App.resumeItem()
        if (App.session.signedIn && App.resume()) {
            stack.push(overviewPage, {}, StackView.Immediate)
            if (step >= 0) {
                openStep(step)
                if (stack.currentItem.positionAt)
                    stack.currentItem.positionAt(item)
            }
        }
    }
}
