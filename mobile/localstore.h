#pragma once
// The tablet's database: the shared core's operation store (the same schema the server keeps) plus
// the app's own tables — assignments per user, templates fetched for offline use, and sign-in
// verifiers. One SQLite file in WAL mode; app tables have their own numbered migrations, recorded in
// the core's meta table so the two never step on each other.

#include <careeval/result.h>
#include <careeval/store.h>
#include <careeval/wire.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct Assignment {
    std::string id;
    std::string institution; //!< institution id
    std::string institutionName; //!< as the server names it (falls back to the id)
    std::string templateId;
    std::string templateVersion;
    std::string status; //!< draft, submitted, returned, approved, locked
    std::string plannedDate;
    std::string myRole; //!< evaluator or lead
    std::vector<std::pair<std::string, std::string>> team; //!< (username, role)
    std::map<std::string, std::string> names; //!< username → the name people know (from the server's registry)
    bool demo = false; //!< created on this tablet, never synced
    std::string pin() const { return templateId + "@" + templateVersion; }
};

//! What lets a user sign in again without the network: a salted PBKDF2 verifier, never the password.
struct Credential {
    std::string username;
    std::string displayName;
    std::string role;
    std::string salt; //!< hex
    std::string verifier; //!< hex
    int iterations = 0;
};

//! A photo, thumbnail or signature stored on this tablet, by content.
struct LocalBlob {
    std::string sha256;
    std::int64_t bytes = 0;
    std::string kind; //!< photo, thumb, signature, strokes
};

class LocalStore
{
public:
    static careeval::Result<std::unique_ptr<LocalStore>> open(const std::string &path);

    careeval::OpStore &ops() { return *m_ops; }

    //! Replaces the server-provided assignments of a user (local demo ones stay).
    careeval::Result<void> replaceAssignments(const std::string &username, const std::vector<Assignment> &list);
    careeval::Result<void> saveAssignment(const std::string &username, const Assignment &a);
    careeval::Result<std::vector<Assignment>> assignments(const std::string &username);
    careeval::Result<std::optional<Assignment>> assignment(const std::string &username, const std::string &id);

    careeval::Result<void> saveTemplate(const std::string &pin, const std::string &text, const std::string &etag);
    careeval::Result<std::optional<std::string>> templateText(const std::string &pin);

    careeval::Result<void> saveCredential(const Credential &c);
    careeval::Result<std::optional<Credential>> credential(const std::string &username);

    //! Records a stored blob (again: no-op; `uploaded` only ever turns on).
    careeval::Result<void> addBlob(const std::string &sha256, std::int64_t bytes, const std::string &kind, bool uploaded = false);
    //! Blobs the server has not confirmed, thumbnails first. The upload queue survives restarts.
    careeval::Result<std::vector<LocalBlob>> blobsToUpload();
    careeval::Result<void> markUploaded(const std::string &sha256);
    //! The survey roster typed on this tablet (names stay here; operations carry only codes).
    careeval::Result<void> saveRoster(const std::string &inspection, const std::vector<std::string> &names);
    careeval::Result<std::vector<std::string>> roster(const std::string &inspection);

private:
    LocalStore() = default;
    careeval::Result<void> migrate();
    std::unique_ptr<careeval::OpStore> m_ops;
};

//! JSON form of an assignment as the server lists it (GET /api/v1/inspections) and as stored here.
careeval::Result<Assignment> assignmentFromJson(const std::string &text);
//! The tablet's view of an assignment from the wire format's (shared/careeval/wire.h).
Assignment assignmentFromSummary(const careeval::AssignmentSummary &summary);
std::string assignmentToJson(const Assignment &a);
