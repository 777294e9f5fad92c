#pragma once
// The sync wire format, written once for the server and the tablet: the push request and its reply,
// and a page of a pull. Each payload is a struct with its JSON here; neither side types field names
// or status strings of its own.

#include "operation.h"
#include "result.h"
#include "rules.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace careeval {

enum class PushStatus { Accepted, AlreadyHad, Refused };
std::string_view toString(PushStatus s);

//! What became of one operation of a push, in the order they were sent.
struct PushResult {
    Uuid id; //!< nil when the operation's id itself could not be read
    std::size_t index = 0; //!< position in the request
    PushStatus status = PushStatus::Accepted;
    std::string reason; //!< when refused: a sentence a person can read
    RefusalCode code = RefusalCode::Malformed;
};

//! One element of a push request: the operation, or why it could not be read (then refused alone).
struct PushItem {
    std::optional<Operation> op;
    Uuid id; //!< read even from a malformed operation when its id is readable
    std::string error;
};

struct PushRequest {
    std::vector<PushItem> items;
};
//! Reads {"ops": [...]}: an error only when the whole body is unusable; a malformed operation is an
//! item with its error, so it can be refused alone while the rest are accepted.
Result<PushRequest> pushRequestFromJson(const nlohmann::json &body, std::size_t maxOperations);
nlohmann::json pushRequestToJson(const std::vector<Operation> &ops);

struct PushReply {
    std::vector<PushResult> results;
    std::size_t accepted = 0, alreadyHad = 0, refused = 0;
    //! Sets the three counts from the results.
    void count();
};
nlohmann::json toJson(const PushReply &reply);
Result<PushReply> pushReplyFromJson(const nlohmann::json &body);

struct PullPage {
    std::vector<Operation> ops;
    std::int64_t next = 0; //!< the cursor to send for the following page
    bool more = false;
    WorkflowStatus status = WorkflowStatus::Draft;
};
nlohmann::json toJson(const PullPage &page);
//! A damaged operation fails the whole page, naming it: nothing of a page is stored unless all is.
Result<PullPage> pullPageFromJson(const nlohmann::json &body);

} // namespace careeval
