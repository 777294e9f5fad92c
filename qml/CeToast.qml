import QtQuick
import QtQuick.Controls

// A short message at the bottom of the window that fades after a few seconds.
Popup {
    id: toast
    property string text
    function show(message) {
        toast.text = message
        open()
        timer.restart()
    }
    x: (parent.width - width) / 2
    y: parent.height - height - 32
    width: Math.min(parent.width - 32, contentItem.implicitWidth + 48)
    padding: 14
    closePolicy: Popup.CloseOnPressOutside
    background: Rectangle {
        color: "#323232"
        radius: Theme.radius
    }
    contentItem: Label {
        text: toast.text
        color: "white"
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
    }
    Timer {
        id: timer
        interval: 4000
        onTriggered: toast.close()
    }
}
