#include "localstore.h"

#include <careeval/jsonutil.h>

#include <sqlite3.h>

using namespace careeval;

namespace {

constexpr const char *kAppMigrations[] = {
    // 1: assignments, cached templates, offline sign-in verifiers.
    R"sql(
CREATE TABLE app_assignments (
    username   TEXT NOT NULL,
    inspection TEXT NOT NULL,
    json       TEXT NOT NULL,
    demo       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (username, inspection)
);
CREATE TABLE app_templates (pin TEXT PRIMARY KEY, json TEXT NOT NULL, etag TEXT NOT NULL DEFAULT '');
CREATE TABLE app_credentials (
    username     TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL,
    salt         TEXT NOT NULL,
    verifier     TEXT NOT NULL,
    iterations   INTEGER NOT NULL
);
)sql",
    // 2: photos, thumbnails and signatures stored here, with whether the server has them; survey rosters
    //    (names never leave the tablet that drew the sample).
    R"sql(
CREATE TABLE app_blobs (
    sha256   TEXT PRIMARY KEY,
    bytes    INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    uploaded INTEGER NOT NULL DEFAULT 0,
    created  INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE TABLE app_rosters (inspection TEXT PRIMARY KEY, names TEXT NOT NULL);
)sql",
};

class Stmt
{
public:
    Stmt(sqlite3 *db, const char *sql) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_s, nullptr); }
    ~Stmt() { sqlite3_finalize(m_s); }
    bool ok() const { return m_rc == SQLITE_OK; }
    void text(int i, const std::string &s) { sqlite3_bind_text(m_s, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT); }
    void integer(int i, std::int64_t v) { sqlite3_bind_int64(m_s, i, v); }
    int step() { return sqlite3_step(m_s); }
    std::string column(int i) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_s, i));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_s, i))) : std::string();
    }
    std::int64_t integerColumn(int i) const { return sqlite3_column_int64(m_s, i); }

private:
    sqlite3_stmt *m_s = nullptr;
    int m_rc;
};

Error dbError(sqlite3 *db, const std::string &what)
{
    return makeError(ErrorCode::Database, what + ": " + sqlite3_errmsg(db));
}

} // namespace

Result<std::unique_ptr<LocalStore>> LocalStore::open(const std::string &path)
{
    auto ops = OpStore::open(path);
    if (!ops)
        return ops.error();
    std::unique_ptr<LocalStore> s(new LocalStore);
    s->m_ops = std::move(ops.value());
    if (auto m = s->migrate(); !m)
        return m.error();
    return s;
}

Result<void> LocalStore::migrate()
{
    auto v = m_ops->meta("app_schema");
    if (!v)
        return v.error();
    int version = v.value() ? std::atoi(v.value()->c_str()) : 0;
    constexpr int latest = static_cast<int>(std::size(kAppMigrations));
    if (version > latest)
        return makeError(
            ErrorCode::Database, "the tablet database was written by a newer app (app schema " + std::to_string(version) + ")");
    for (; version < latest; ++version) {
        Transaction tx(m_ops->handle());
        if (!tx.ok())
            return makeError(ErrorCode::Database, tx.error());
        if (auto r = execSql(m_ops->handle(), kAppMigrations[version]); !r)
            return r.error();
        if (auto r = m_ops->setMeta("app_schema", std::to_string(version + 1)); !r)
            return r.error();
        if (auto r = tx.commit(); !r)
            return r.error();
    }
    return {};
}

Result<void> LocalStore::replaceAssignments(const std::string &username, const std::vector<Assignment> &list)
{
    sqlite3 *db = m_ops->handle();
    Transaction tx(db);
    if (!tx.ok())
        return makeError(ErrorCode::Database, tx.error());
    {
        Stmt del(db, "DELETE FROM app_assignments WHERE username = ?1 AND demo = 0");
        del.text(1, username);
        if (del.step() != SQLITE_DONE)
            return dbError(db, "clearing assignments");
    }
    for (const auto &a : list)
        if (auto r = saveAssignment(username, a); !r)
            return r;
    return tx.commit();
}

Result<void> LocalStore::saveAssignment(const std::string &username, const Assignment &a)
{
    sqlite3 *db = m_ops->handle();
    Stmt s(db,
        "INSERT INTO app_assignments (username, inspection, json, demo) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(username, inspection) DO UPDATE SET json = excluded.json, demo = excluded.demo");
    s.text(1, username);
    s.text(2, a.id);
    s.text(3, assignmentToJson(a));
    s.integer(4, a.demo ? 1 : 0);
    if (s.step() != SQLITE_DONE)
        return dbError(db, "saving assignment " + a.id);
    return {};
}

Result<std::vector<Assignment>> LocalStore::assignments(const std::string &username)
{
    sqlite3 *db = m_ops->handle();
    Stmt s(db, "SELECT json FROM app_assignments WHERE username = ?1 ORDER BY demo, inspection");
    s.text(1, username);
    std::vector<Assignment> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        auto a = assignmentFromJson(s.column(0));
        if (!a)
            return a.error();
        out.push_back(std::move(a.value()));
    }
    if (rc != SQLITE_DONE)
        return dbError(db, "reading assignments");
    return out;
}

Result<std::optional<Assignment>> LocalStore::assignment(const std::string &username, const std::string &id)
{
    auto all = assignments(username);
    if (!all)
        return all.error();
    for (auto &a : all.value())
        if (a.id == id)
            return std::optional<Assignment>(std::move(a));
    return std::optional<Assignment>();
}

Result<void> LocalStore::saveTemplate(const std::string &pin, const std::string &text, const std::string &etag)
{
    sqlite3 *db = m_ops->handle();
    Stmt s(db,
        "INSERT INTO app_templates (pin, json, etag) VALUES (?1, ?2, ?3) "
        "ON CONFLICT(pin) DO UPDATE SET json = excluded.json, etag = excluded.etag");
    s.text(1, pin);
    s.text(2, text);
    s.text(3, etag);
    if (s.step() != SQLITE_DONE)
        return dbError(db, "saving template " + pin);
    return {};
}

Result<std::optional<std::string>> LocalStore::templateText(const std::string &pin)
{
    sqlite3 *db = m_ops->handle();
    Stmt s(db, "SELECT json FROM app_templates WHERE pin = ?1");
    s.text(1, pin);
    const int rc = s.step();
    if (rc == SQLITE_ROW)
        return std::optional<std::string>(s.column(0));
    if (rc != SQLITE_DONE)
        return dbError(db, "reading template " + pin);
    return std::optional<std::string>();
}

Result<void> LocalStore::saveCredential(const Credential &c)
{
    sqlite3 *db = m_ops->handle();
    Stmt s(db,
        "INSERT INTO app_credentials (username, display_name, role, salt, verifier, iterations) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT(username) DO UPDATE SET display_name = excluded.display_name, role = excluded.role, "
        "salt = excluded.salt, verifier = excluded.verifier, iterations = excluded.iterations");
    s.text(1, c.username);
    s.text(2, c.displayName);
    s.text(3, c.role);
    s.text(4, c.salt);
    s.text(5, c.verifier);
    s.integer(6, c.iterations);
    if (s.step() != SQLITE_DONE)
        return dbError(db, "saving the sign-in verifier");
    return {};
}

Result<std::optional<Credential>> LocalStore::credential(const std::string &username)
{
    sqlite3 *db = m_ops->handle();
    Stmt s(db, "SELECT display_name, role, salt, verifier, iterations FROM app_credentials WHERE username = ?1");
    s.text(1, username);
    const int rc = s.step();
    if (rc == SQLITE_ROW)
        return std::optional<Credential>(
            Credential {username, s.column(0), s.column(1), s.column(2), s.column(3), static_cast<int>(s.integerColumn(4))});
    if (rc != SQLITE_DONE)
        return dbError(db, "reading the sign-in verifier");
    return std::optional<Credential>();
}

Assignment assignmentFromSummary(const AssignmentSummary &s)
{
    Assignment a;
    a.id = s.id;
    a.institution = s.institution;
    a.institutionName = s.institutionName.empty() ? s.institution : s.institutionName;
    a.templateId = s.templateId;
    a.templateVersion = s.templateVersion;
    a.status = std::string(toString(s.status));
    a.plannedDate = s.plannedDate;
    a.myRole = s.myRole ? std::string(toString(*s.myRole)) : std::string();
    for (const TeamMember &m : s.team) {
        a.team.emplace_back(m.username, std::string(toString(m.role)));
        if (!m.displayName.empty())
            a.names[m.username] = m.displayName;
    }
    return a;
}

// The tablet keeps an assignment in the wire format the server sent, plus whether it is the local demo.
Result<Assignment> assignmentFromJson(const std::string &text)
{
    auto parsed = parseJson(text);
    if (!parsed)
        return parsed.error();
    auto summary = assignmentSummaryFromJson(parsed.value());
    if (!summary)
        return summary.error();
    Assignment a = assignmentFromSummary(summary.value());
    auto demo = parsed->find("demo");
    a.demo = demo != parsed->end() && demo->is_boolean() && demo->get<bool>();
    return a;
}

std::string assignmentToJson(const Assignment &a)
{
    AssignmentSummary s;
    s.id = a.id;
    s.institution = a.institution;
    s.institutionName = a.institutionName;
    s.templateId = a.templateId;
    s.templateVersion = a.templateVersion;
    s.status = workflowStatusFromString(a.status).value_or(WorkflowStatus::Draft);
    s.plannedDate = a.plannedDate;
    s.myRole = roleFromString(a.myRole);
    for (const auto &[u, r] : a.team) {
        auto n = a.names.find(u);
        s.team.push_back({u, roleFromString(r).value_or(Role::Evaluator), n == a.names.end() ? std::string() : n->second});
    }
    json j = toJson(s);
    j["demo"] = a.demo;
    return j.dump();
}

Result<void> LocalStore::addBlob(const std::string &sha256, std::int64_t bytes, const std::string &kind, bool uploaded)
{
    sqlite3 *db = m_ops->handle();
    Stmt s(db,
        "INSERT INTO app_blobs (sha256, bytes, kind, uploaded) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(sha256) DO UPDATE SET uploaded = max(uploaded, excluded.uploaded)");
    s.text(1, sha256);
    s.integer(2, bytes);
    s.text(3, kind);
    s.integer(4, uploaded ? 1 : 0);
    if (s.step() != SQLITE_DONE)
        return dbError(db, "recording a stored photo");
    return {};
}

Result<std::vector<LocalBlob>> LocalStore::blobsToUpload()
{
    sqlite3 *db = m_ops->handle();
    // Thumbnails first: a teammate sees the evidence before the full photos have all arrived.
    Stmt s(db,
        "SELECT sha256, bytes, kind FROM app_blobs WHERE uploaded = 0 "
        "ORDER BY CASE kind WHEN 'thumb' THEN 0 ELSE 1 END, created, sha256");
    std::vector<LocalBlob> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back({s.column(0), s.integerColumn(1), s.column(2)});
    if (rc != SQLITE_DONE)
        return dbError(db, "listing photos to send");
    return out;
}

Result<void> LocalStore::markUploaded(const std::string &sha256)
{
    sqlite3 *db = m_ops->handle();
    Stmt s(db, "UPDATE app_blobs SET uploaded = 1 WHERE sha256 = ?1");
    s.text(1, sha256);
    if (s.step() != SQLITE_DONE)
        return dbError(db, "recording a sent photo");
    return {};
}

Result<void> LocalStore::saveRoster(const std::string &inspection, const std::vector<std::string> &names)
{
    sqlite3 *db = m_ops->handle();
    Stmt s(db, "INSERT INTO app_rosters (inspection, names) VALUES (?1, ?2) ON CONFLICT(inspection) DO UPDATE SET names = excluded.names");
    s.text(1, inspection);
    s.text(2, json(names).dump());
    if (s.step() != SQLITE_DONE)
        return dbError(db, "saving the roster");
    return {};
}

Result<std::vector<std::string>> LocalStore::roster(const std::string &inspection)
{
    sqlite3 *db = m_ops->handle();
    Stmt s(db, "SELECT names FROM app_rosters WHERE inspection = ?1");
    s.text(1, inspection);
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return std::vector<std::string>();
    if (rc != SQLITE_ROW)
        return dbError(db, "reading the roster");
    auto parsed = parseJson(s.column(0));
    if (!parsed || !parsed.value().is_array())
        return makeError(ErrorCode::Database, "the stored roster is damaged");
    std::vector<std::string> names;
    for (const auto &n : parsed.value())
        if (n.is_string())
            names.push_back(n.get<std::string>());
    return names;
}
