pragma Singleton
import QtQuick

// The capture tools (photo import, photo viewer, signature pad, resident mode) live once in Main;
// pages and delegates ask for them through these signals.
QtObject {
    signal photoRequested(string target, string label)
    signal viewRequested(string target, int index)
    signal signRequested(string itemId, string label, string signerRole)
    signal interviewRequested(string code, string who)
}
