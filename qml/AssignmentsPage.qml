pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CareEval.Core

// "My assignments": the inspections assigned to me, refreshed from the server when it can be reached.
Page {
    id: page
    title: qsTr("My assignments")
    signal openRequested(string inspectionId)
    background: Rectangle {
        color: Theme.background
    }

    header: Pane {
        padding: 8
        background: Rectangle {
            color: Theme.background
        }
        ColumnLayout {
            anchors.fill: parent
            SyncPanel {
                Layout.fillWidth: true
                Layout.leftMargin: 8
            }
            RowLayout {
                Layout.fillWidth: true
                Label {
                    text: App.workspace.errorString !== "" ? App.workspace.errorString : App.session.offline ? qsTr("Working offline: changes are kept on this tablet.") : qsTr("Signed in as %1 (%2).").arg(App.session.displayName).arg(App.session.roleText)
                    color: App.workspace.errorString !== "" ? Theme.warn : Theme.muted
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Layout.leftMargin: 8
                }
                BusyIndicator {
                    running: App.workspace.busy && visible // a hidden spinner would still redraw the window every frame
                    visible: running
                    Layout.preferredHeight: Theme.touch
                    Layout.preferredWidth: Theme.touch
                }
                CeButton {
                    text: qsTr("Refresh")
                    enabled: !App.workspace.busy
                    Layout.preferredHeight: Theme.touch
                    onClicked: App.workspace.refresh()
                }
            }
        }
    }

    ListView {
        id: list
        // No highlight is drawn, but ListView still moves an invisible one after the current item at
        // 400 px/s, redrawing the window for seconds after every reset or scroll: off.
        highlightFollowsCurrentItem: false
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        clip: true
        model: App.workspace.assignments
        delegate: AssignmentDelegate {
            onClicked: page.openRequested(inspectionId)
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 64, 480)
        visible: list.count === 0
        spacing: Theme.gap
        Label {
            text: qsTr("No inspections are assigned to you on this tablet yet.")
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        CeButton {
            text: qsTr("Open the demo inspection")
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredHeight: Theme.touch
            onClicked: {
                if (App.openDemo())
                    page.openRequested(App.inspection.inspectionId);
            }
        }
    }
}
