#include "snapshot.h"

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
