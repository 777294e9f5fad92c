import QtQuick
import QtQuick.Controls
import CareEval.Core

// One step of the procedure, driven entirely by the template: its sections and items, each with
// the editor for its type. Jump to an item by number or text; undo the last change on this page.
// Step 6 (scoring) adds the running total; step 5 (survey) the survey's progress.
Page {
    id: page
    required property int step
    title: qsTr("Step %1 of 8").arg(step + 1)
    background: Rectangle { color: Theme.background }
    //! Another place in the inspection: a step, and an item on it ("" for its top)
    signal itemRequested(int step, string item)

    // Later, not while the list is still building its delegates.
    Timer { id: headerLater; interval: 0; onTriggered: page.keepHeaderInView() }
    function keepHeaderInView() {
        if (!list.moving && list.indexAt(10, list.contentY + 10) < 0)
            list.positionViewAtBeginning()
    }

    function positionAtItem(itemId) {
        const row = App.inspection.items.rowOf(itemId)
        if (row >= 0) {
            page.positionAt(row)
            App.rememberPosition(page.step, row)
        }
        return row >= 0
    }

    function positionAt(row) {
        // The first item means the top of the page, with the step's title and progress above it.
        if (row === 0)
            list.positionViewAtBeginning()
        else if (row > 0 && row < list.count)
            list.positionViewAtIndex(row, ListView.Beginning)
    }

    header: StepToolBar {
        step: page.step
        onJumpRequested: (query) => {
            // Anywhere in the inspection, this page first: a number or words from any step.
            const found = App.inspection.locate(query)
            if (found.step === undefined) {
                App.inspection.infoMessage(qsTr("No item in this inspection matches “%1”.").arg(query))
                return
            }
            if (found.step === page.step)
                page.positionAtItem(found.item)
            else
                page.itemRequested(found.step, found.item)
        }
    }

    ListView {
        id: list
        objectName: "itemList"
        // No highlight is drawn, but ListView still moves an invisible one after the current item at
        // 400 px/s, redrawing the window for seconds after every reset or scroll: off.
        highlightFollowsCurrentItem: false
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        clip: true
        spacing: 8
        // The first frame builds only what is on screen (on a 500-item sheet a cache built up front
        // doubled the time to show the page); once it is shown, a screen's worth either side is
        // kept ready so scrolling stays smooth.
        cacheBuffer: 0
        reuseItems: true
        model: App.inspection.items
        // Qt 6.4 cannot create a bound component (pragma ComponentBehavior: Bound) as a view's header,
        // footer or section ("Cannot instantiate bound component outside its creation context"), so these
        // reach the page's ids unqualified, which is safe: they are only ever created by this list.
        // qmllint disable unqualified
        header: StepHeader {
            width: list.width
            step: page.step
            // A title that wraps (portrait) makes the header taller after the list has placed it,
            // and the list grows it upwards, out of view: while the header is what is on top, keep
            // its top in view (later, not while the list is still building its delegates).
            onHeightChanged: headerLater.restart()
        }
        section.property: "sectionId"
        section.delegate: SectionHeader {
            width: list.width
        }
        // qmllint enable unqualified
        delegate: AnswerDelegate {
            width: ListView.view.width
        }
        // qmllint disable unqualified
        footer: StepFooter {
            width: list.width
            step: page.step
            onStepRequested: (s) => page.itemRequested(s, "")
        }
        // qmllint enable unqualified
        onMovementEnded: App.rememberPosition(page.step, indexAt(10, contentY + 10))

    }

    Connections {
        target: page.Window.window
        enabled: list.cacheBuffer === 0
        function onFrameSwapped() { list.cacheBuffer = 800 }
    }
}
