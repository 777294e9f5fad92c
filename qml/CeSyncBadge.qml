import QtQuick

// The sync state of an inspection in words and colour: all sent, changes waiting, refused, conflicts,
// or — for the demo — kept on this tablet only.
CeChip {
    property int pending: 0
    property int refused: 0
    property int conflicts: 0
    //! The demo inspection: kept on this tablet, never sent (so neither "all sent" nor "waiting").
    property bool localOnly: false
    tone: refused > 0 ? Theme.fail : conflicts > 0 ? Theme.conflict : localOnly ? Theme.muted : pending > 0 ? Theme.warn : Theme.pass
    text: refused > 0 ? qsTr("Refused: %1").arg(refused)
        : conflicts > 0 ? qsTr("Conflicts: %1").arg(conflicts)
        : localOnly ? qsTr("On this tablet only")
        : pending > 0 ? qsTr("Waiting to send: %1").arg(pending)
        : qsTr("All sent")
}
