#include "snapshot.h"

#include <QList>

QString InspectionSnapshot::plainText(const careeval::LocalizedText &t) const
{
    QList<uint> kept;
    for (const uint c : text(t).toUcs4()) {
        const bool pictograph = QChar::category(c) == QChar::Symbol_Other // ☺ ★ and the astral emoji
            || (c >= 0xFE00 && c <= 0xFE0F) // variation selectors
            || c == 0x200D; // zero-width joiner
        if (!pictograph)
            kept << c;
    }
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(kept.constData()), kept.size()).simplified();
}

QString InspectionSnapshot::person(const std::string &username) const
{
    const auto it = names.find(username);
    return QString::fromStdString(it != names.end() && !it->second.empty() ? it->second : username);
}

std::string InspectionSnapshot::shownValue(const std::string &itemId) const
{
    const careeval::SlotState *slot = state.item(itemId);
    if (!slot)
        return {};
    if (slot->hasTeamValue())
        return slot->value;
    return myValue(itemId);
}

std::string InspectionSnapshot::myValue(const std::string &itemId) const
{
    const careeval::SlotState *slot = state.item(itemId);
    if (!slot)
        return {};
    for (const auto &v : slot->values)
        if (v.author == me)
            return v.value;
    return {};
}
