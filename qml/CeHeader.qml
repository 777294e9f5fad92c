import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import CareEval.Core

// The window's tool bar: back, page title, who is signed in (and whether offline), the open
// inspection's sync state, and settings.
ToolBar {
    id: bar
    property bool canGoBack: false
    property string title: ""
    signal backRequested()
    signal settingsRequested()

    Material.foreground: "white"
    height: Theme.touch + 8

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 4
        anchors.rightMargin: 4
        spacing: 4
        ToolButton {
            visible: bar.canGoBack
            text: "‹"
            font.pixelSize: 32
            Layout.preferredWidth: Theme.touch
            Layout.preferredHeight: Theme.touch
            Accessible.name: qsTr("Back")
            onClicked: bar.backRequested()
        }
        Label {
            text: bar.title
            elide: Label.ElideRight
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: "white"
            Layout.fillWidth: true
            Layout.leftMargin: bar.canGoBack ? 0 : 12
        }
        CeSyncBadge {
            visible: App.inspection.isOpen
            pending: App.inspection.pendingCount
            refused: App.inspection.review.refusedCount
            conflicts: App.inspection.conflicts.count
            localOnly: App.inspection.isDemo
        }
        Label {
            visible: App.session.signedIn
            text: App.session.displayName + (App.session.offline ? " · " + qsTr("offline") : "")
            color: "white"
            font.pixelSize: Theme.fontSmall
            elide: Label.ElideRight
            Layout.maximumWidth: bar.width / 4
            Layout.leftMargin: 8
        }
        ToolButton {
            text: "⚙"
            font.pixelSize: 24
            Layout.preferredWidth: Theme.touch
            Layout.preferredHeight: Theme.touch
            Accessible.name: qsTr("Settings")
            onClicked: bar.settingsRequested()
        }
    }
}
