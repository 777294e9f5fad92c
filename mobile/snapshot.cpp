#include "snapshot.h"

#include <QList>

QString InspectionSnapshot::plainText(const careeval::LocalizedText &t) const
{
    return QString::fromStdString(careeval::withoutPictographs(text(t).toStdString()));
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
