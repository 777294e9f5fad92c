#include "snapshot.h"

#include <QList>

#include <nlohmann/json.hpp>

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

std::vector<const careeval::Item *> InspectionSnapshot::signedContent(const careeval::Item &signature) const
{
    std::vector<const careeval::Item *> out;
    if (!valid() || signature.type != careeval::ItemType::Signature)
        return out;
    const careeval::Section &sec
        = tpl->steps[static_cast<std::size_t>(signature.stepIndex)].sections[static_cast<std::size_t>(signature.sectionIndex)];
    for (const careeval::Item &it : sec.items) {
        if (&it == &signature || it.id == signature.id)
            break;
        if (it.type != careeval::ItemType::Signature && it.type != careeval::ItemType::Photo && it.type != careeval::ItemType::Rating)
            out.push_back(&it);
    }
    return out;
}

static nlohmann::json coversOf(const careeval::InspectionState &state, const std::string &signatureId)
{
    const careeval::SlotState *slot = state.item(signatureId);
    if (!slot || !slot->hasTeamValue())
        return nullptr;
    const auto v = nlohmann::json::parse(slot->value, nullptr, false);
    return v.is_object() && v.contains("covers") && v["covers"].is_object() ? v["covers"] : nlohmann::json();
}

std::vector<const careeval::Item *> InspectionSnapshot::changedSinceSigned(const careeval::Item &signature) const
{
    std::vector<const careeval::Item *> out;
    const nlohmann::json covers = coversOf(state, signature.id);
    if (!covers.is_object())
        return out;
    for (const careeval::Item *it : signedContent(signature)) {
        const auto rec = covers.find(it->id);
        const std::string was = rec != covers.end() && rec->is_string() ? rec->get<std::string>() : std::string();
        if (was != shownValue(it->id))
            out.push_back(it);
    }
    return out;
}

const careeval::Item *InspectionSnapshot::signedBy(const careeval::Item &item) const
{
    if (!valid())
        return nullptr;
    const careeval::Section &sec
        = tpl->steps[static_cast<std::size_t>(item.stepIndex)].sections[static_cast<std::size_t>(item.sectionIndex)];
    bool after = false;
    for (const careeval::Item &it : sec.items) {
        if (it.id == item.id) {
            after = true;
            continue;
        }
        if (after && it.type == careeval::ItemType::Signature && coversOf(state, it.id).is_object()
            && coversOf(state, it.id).contains(item.id))
            return &it;
    }
    return nullptr;
}
