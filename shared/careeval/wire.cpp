#include "wire.h"

#include "jsonutil.h"

namespace careeval {

std::string_view toString(PushStatus s)
{
    switch (s) {
    case PushStatus::Accepted:
        return "accepted";
    case PushStatus::AlreadyHad:
        return "already_had";
    case PushStatus::Refused:
        return "refused";
    }
    return "refused";
}

namespace {
std::optional<PushStatus> pushStatusFromString(std::string_view s)
{
    for (auto p : {PushStatus::Accepted, PushStatus::AlreadyHad, PushStatus::Refused})
        if (toString(p) == s)
            return p;
    return std::nullopt;
}

std::optional<RefusalCode> refusalCodeFromString(std::string_view s)
{
    for (auto c : {RefusalCode::Malformed, RefusalCode::ClockJump, RefusalCode::Locked, RefusalCode::NotMember, RefusalCode::Forbidden,
             RefusalCode::Workflow, RefusalCode::Template})
        if (toString(c) == s)
            return c;
    return std::nullopt;
}
} // namespace

Result<PushRequest> pushRequestFromJson(const json &body, std::size_t maxOperations)
{
    if (!body.is_object())
        return makeError(ErrorCode::InvalidArgument, "the request body must be a JSON object with \"ops\"");
    auto list = body.find("ops");
    if (list == body.end() || !list->is_array())
        return makeError(ErrorCode::InvalidArgument, "field \"ops\" must be a list of operations");
    if (list->size() > maxOperations)
        return makeError(ErrorCode::InvalidArgument, "at most " + std::to_string(maxOperations) + " operations per push");
    PushRequest req;
    req.items.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json &o = (*list)[i];
        PushItem item;
        auto op = operationFromJson(o);
        if (op) {
            item.id = op->id;
            item.op = std::move(op.value());
        } else {
            item.error = "ops[" + std::to_string(i) + "]: " + op.error().message;
            if (o.is_object() && o.contains("id") && o["id"].is_string())
                if (auto id = Uuid::parse(o["id"].get<std::string>()))
                    item.id = *id;
        }
        req.items.push_back(std::move(item));
    }
    return req;
}

json pushRequestToJson(const std::vector<Operation> &ops)
{
    json list = json::array();
    for (const auto &op : ops)
        list.push_back(toJson(op));
    return json {{"ops", std::move(list)}};
}

json toJson(const PushReply &reply)
{
    json out = json::array();
    for (const auto &r : reply.results) {
        json o {{"index", r.index}, {"status", std::string(toString(r.status))}};
        if (!r.id.isNil())
            o["id"] = r.id.toString();
        if (r.status == PushStatus::Refused) {
            o["reason"] = r.reason;
            o["code"] = std::string(toString(r.code));
        }
        out.push_back(std::move(o));
    }
    return {{"results", out}, {"accepted", reply.accepted}, {"already_had", reply.alreadyHad}, {"refused", reply.refused}};
}

void PushReply::count()
{
    accepted = alreadyHad = refused = 0;
    for (const auto &r : results)
        ++(r.status == PushStatus::Accepted ? accepted : r.status == PushStatus::AlreadyHad ? alreadyHad : refused);
}

Result<PushReply> pushReplyFromJson(const json &body)
{
    if (!body.is_object() || !body.contains("results") || !body["results"].is_array())
        return makeError(ErrorCode::InvalidArgument, "the push reply has no \"results\" list");
    PushReply reply;
    std::size_t i = 0;
    for (const auto &o : body["results"]) {
        if (!o.is_object())
            return makeError(ErrorCode::InvalidArgument, "results[" + std::to_string(i) + "] is not an object");
        PushResult r;
        r.index = o.contains("index") && o["index"].is_number_unsigned() ? o["index"].get<std::size_t>() : i;
        if (o.contains("id") && o["id"].is_string())
            if (auto id = Uuid::parse(o["id"].get<std::string>()))
                r.id = *id;
        auto status = o.contains("status") && o["status"].is_string() ? pushStatusFromString(o["status"].get<std::string>()) : std::nullopt;
        if (!status)
            return makeError(ErrorCode::InvalidArgument, "results[" + std::to_string(i) + "] has no known \"status\"");
        r.status = *status;
        if (o.contains("reason") && o["reason"].is_string())
            r.reason = o["reason"].get<std::string>();
        if (o.contains("code") && o["code"].is_string())
            r.code = refusalCodeFromString(o["code"].get<std::string>()).value_or(RefusalCode::Malformed);
        reply.results.push_back(std::move(r));
        ++i;
    }
    reply.count();
    return reply;
}

json toJson(const PullPage &page)
{
    json ops = json::array();
    for (const auto &op : page.ops)
        ops.push_back(toJson(op));
    return {{"ops", std::move(ops)}, {"next", page.next}, {"more", page.more}, {"status", std::string(toString(page.status))}};
}

Result<PullPage> pullPageFromJson(const json &body)
{
    if (!body.is_object() || !body.contains("ops") || !body["ops"].is_array() || !body.contains("next")
        || !body["next"].is_number_integer())
        return makeError(ErrorCode::InvalidArgument, "the page has no \"ops\" list or no \"next\" cursor");
    PullPage page;
    page.next = body["next"].get<std::int64_t>();
    page.more = body.contains("more") && body["more"].is_boolean() && body["more"].get<bool>();
    if (body.contains("status") && body["status"].is_string())
        page.status = workflowStatusFromString(body["status"].get<std::string>()).value_or(WorkflowStatus::Draft);
    page.ops.reserve(body["ops"].size());
    for (const auto &j : body["ops"]) {
        auto op = operationFromJson(j);
        if (!op)
            return makeError(ErrorCode::InvalidOperation, op.error().message);
        page.ops.push_back(std::move(op.value()));
    }
    return page;
}

} // namespace careeval
