// One result on every device, as a property. Random days of team work on one inspection — three
// tablets editing offline around submit, return and approve, random sync moments, forged clocks,
// duplicated and re-sent batches — go through the real Service (in process, its real SQLite store).
// Checked for every seed:
//  - merge() over what the server accepted (shuffled, with duplicates) equals the server's /state;
//  - every tablet, once synced, shows exactly that state (what the server refused is kept but not merged);
//  - once approved, no operation anyone holds — refused, late, forged — changes the approved state:
//    merge() over the union of every replica's operations gives the approved state again.

#include "api/service.h"
#include "demo.h"
#include "inprocess.h"
#include "storage/server_store.h"

#include "../shared/testutil.h"

#include <careeval/jsonutil.h>
#include <careeval/merge.h>
#include <careeval/report_json.h>
#include <careeval/rules.h>
#include <careeval/wire.h>

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>
#include <random>
#include <set>

using namespace careeval;
using namespace careeval::server;

namespace {

struct Replica {
    std::string user;
    std::string device;
    std::string token;
    std::vector<Operation> ops; //!< everything it holds (its own and pulled)
    std::set<Uuid> pending, refused;
    std::int64_t cursor = 0;

    std::vector<Operation> merged() const
    {
        std::vector<Operation> out;
        for (const auto &op : ops)
            if (!refused.count(op.id))
                out.push_back(op);
        return out;
    }
};

} // namespace

class TestOneResult : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    InProcessServer m_server;
    ServerStore *m_store = nullptr;
    Service *m_service = nullptr;
    std::shared_ptr<const Template> m_tpl;
    std::map<std::string, Role> m_roles;
    std::string m_supToken;
    std::map<std::string, std::string> m_tokens;
    int m_approved = 0, m_refusedSeen = 0, m_returned = 0;
    int m_inspections = 0;

    HttpResponse call(const std::string &method, const std::string &path, const std::string &token, const nlohmann::json &body = nullptr)
    {
        HttpRequest req;
        req.method = method;
        const auto q = path.find('?');
        req.path = path.substr(0, q);
        if (q != std::string::npos) {
            std::string rest = path.substr(q + 1);
            std::size_t start = 0;
            while (start < rest.size()) {
                const auto amp = rest.find('&', start);
                const std::string kv = rest.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
                const auto eq = kv.find('=');
                req.query[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
                start = amp == std::string::npos ? rest.size() : amp + 1;
            }
        }
        if (!token.empty())
            req.headers["authorization"] = "Bearer " + token;
        if (!body.is_null()) {
            req.body = body.dump();
            req.headers["content-type"] = "application/json";
        }
        req.remote = "127.0.0.1";
        return m_service->handle(req);
    }

    std::string login(const std::string &user)
    {
        auto r = call("POST", "/api/v1/auth/login", {}, {{"username", user}, {"password", kDemoPassword}});
        const auto j = nlohmann::json::parse(r.body);
        return j.value("token", std::string());
    }

    std::string statePath(const std::string &id) { return "/api/v1/inspections/" + id + "/state"; }

    void push(Replica &r, const std::string &inspection, std::mt19937_64 &rng)
    {
        std::vector<Operation> batch;
        for (const auto &op : r.ops)
            if (r.pending.count(op.id))
                batch.push_back(op);
        // Sometimes an acknowledged batch is re-sent (a lost answer).
        if (!r.ops.empty() && rng() % 4 == 0)
            batch.push_back(r.ops[rng() % r.ops.size()]);
        if (batch.empty())
            return;
        std::shuffle(batch.begin(), batch.end(), rng);
        auto res = call("POST", "/api/v1/inspections/" + inspection + "/ops", r.token, pushRequestToJson(batch));
        QCOMPARE(res.status, 200);
        auto reply = pushReplyFromJson(nlohmann::json::parse(res.body));
        QVERIFY(reply.ok());
        for (const auto &pr : reply->results) {
            const Uuid id = batch[pr.index].id;
            if (!r.pending.count(id))
                continue;
            r.pending.erase(id);
            if (pr.status == PushStatus::Refused)
                r.refused.insert(id);
        }
    }

    void pull(Replica &r, const std::string &inspection)
    {
        for (bool more = true; more;) {
            auto res = call("GET", "/api/v1/inspections/" + inspection + "/ops?after=" + std::to_string(r.cursor) + "&limit=7", r.token);
            QCOMPARE(res.status, 200);
            auto page = pullPageFromJson(nlohmann::json::parse(res.body));
            QVERIFY(page.ok());
            std::set<Uuid> have;
            for (const auto &op : r.ops)
                have.insert(op.id);
            for (auto &op : page->ops)
                if (!have.count(op.id))
                    r.ops.push_back(std::move(op));
            r.cursor = page->next;
            more = page->more;
        }
    }

    // A change the way the tablet makes one: clock = merged maximum + 1, through the gate.
    bool edit(Replica &r, Role role, const std::string &inspection, std::mt19937_64 &rng)
    {
        const auto ops = r.merged();
        const InspectionState st = merge(inspection, ops, {m_tpl.get(), {}});
        static const std::vector<std::pair<std::string, std::vector<std::string>>> choices = {
            {"staff_total", {"40", "41", "42"}},
            {"staff_trained", {"38", "39", "40"}},
            {"doc_system_manual", {"\"compliant\"", "\"noncompliant\""}},
            {"site_sup_food", {"\"compliant\"", "\"noncompliant\""}},
            {"site_sup_fire", {"\"compliant\"", "\"noncompliant\""}},
        };
        Operation op;
        op.id = Uuid::generate();
        op.inspection = inspection;
        op.author = r.user;
        op.device = r.device;
        op.clock = st.maxClock + 1;
        op.time = nowMillis();
        const auto pick = rng() % 10;
        if (pick < 6) {
            const auto &[item, values] = choices[rng() % choices.size()];
            op.kind = OpKind::Set;
            op.target = item;
            op.value = values[rng() % values.size()];
        } else if (pick < 7) {
            op.kind = OpKind::Note;
            op.target = "staff_total";
            op.value = canonicalJson(nlohmann::json("备注 " + std::to_string(rng() % 1000)));
        } else if (pick < 8 && role == Role::Lead) {
            op.kind = OpKind::Submit;
            op.value = "{}";
        } else if (pick < 9 && role == Role::Lead && !st.conflicts().empty()) {
            const std::string slot = st.conflicts().front();
            const SlotState *s = st.item(slot);
            if (!s)
                return false;
            nlohmann::json covers = nlohmann::json::array();
            for (const auto &v : s->values)
                covers.push_back(v.op.toString());
            op.kind = OpKind::Resolve;
            op.target = slot;
            op.value = canonicalJson({{"value", nlohmann::json::parse(s->values.front().value)}, {"reason", "核实"}, {"covers", covers}});
        } else {
            // A forged clock now and then: far beyond anything the inspection has seen.
            op.kind = OpKind::Set;
            op.target = "staff_total";
            op.value = "43";
            op.clock = st.maxClock + limits::kMaxClockStep + 1 + rng() % ((1ull << 53) - st.maxClock - limits::kMaxClockStep - 1);
            r.ops.push_back(op);
            r.pending.insert(op.id);
            return true;
        }
        GateContext gate {m_tpl.get(), true, role, st.status, st.maxClock};
        if (admit(op, gate))
            return false; // the tablet refuses it before storing, as the app does
        r.ops.push_back(op);
        r.pending.insert(op.id);
        return true;
    }

private Q_SLOTS:
    void cleanupTestCase()
    {
        // The scenarios must reach what they test: approvals, returns and refusals.
        std::printf("oneresult: %d inspections, %d approved, %d returns, %d operations refused\n", m_inspections, m_approved, m_returned,
            m_refusedSeen);
        QVERIFY(m_approved >= 5);
        QVERIFY(m_returned >= 3);
        QVERIFY(m_refusedSeen >= 20);
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string why = m_server.open(m_dir.path().toStdString());
        QVERIFY2(why.empty(), why.c_str());
        m_store = m_server.store.get();
        m_service = m_server.service.get();
        m_tpl = std::make_shared<const Template>(testutil::shippedTemplate("jilin-pilot-standardization"));
        m_roles = {{"li.hua", Role::Lead}, {"wang.fang", Role::Evaluator}, {"zhang.wei", Role::Evaluator}, {"chen.jing", Role::Supervisor}};
        m_supToken = login("chen.jing");
        for (const char *u : {"li.hua", "wang.fang", "zhang.wei"})
            m_tokens[u] = login(u);
        QVERIFY(!m_supToken.empty());
    }

    void randomDays_data()
    {
        QTest::addColumn<int>("seed");
        for (int s = 1; s <= 24; ++s)
            QTest::newRow(qPrintable(QString("seed %1").arg(s))) << s;
    }

    void randomDays()
    {
        QFETCH(int, seed);
        std::mt19937_64 rng(static_cast<std::uint64_t>(seed) * 7919);
        const std::string id = "prop-" + std::to_string(++m_inspections);
        InspectionRecord rec {id, "cc-fushou", "jilin-pilot-standardization", "1.2.0", WorkflowStatus::Draft, "2026-12-01",
            {{"li.hua", Role::Lead}, {"wang.fang", Role::Evaluator}, {"zhang.wei", Role::Evaluator}}, nowMillis(), {}};
        QVERIFY(m_store->createInspection(rec).ok());
        std::vector<Replica> team(3);
        const Role roles[] = {Role::Lead, Role::Evaluator, Role::Evaluator};
        const char *users[] = {"li.hua", "wang.fang", "zhang.wei"};
        for (int i = 0; i < 3; ++i) {
            team[i].user = users[i];
            team[i].device = "tab-" + team[i].user + "-" + std::to_string(seed);
            team[i].token = m_tokens[users[i]];
        }
        std::optional<std::string> approved; // the approved state, once the server has one
        std::vector<Operation> approvedOps;
        for (int step = 0; step < 120; ++step) {
            const auto who = rng() % 3;
            const auto what = rng() % 10;
            if (what < 6)
                edit(team[who], roles[who], id, rng);
            else if (what < 8) {
                push(team[who], id, rng);
                pull(team[who], id);
            } else if (what < 9) {
                // The supervisor decides on what the server has now.
                const auto st = nlohmann::json::parse(call("GET", statePath(id), m_supToken).body);
                if (st["state"]["status"] == "submitted") {
                    const bool approve = rng() % 2;
                    auto r = call("POST", "/api/v1/inspections/" + id + "/review", m_supToken,
                        approve ? nlohmann::json {{"action", "approve"}} : nlohmann::json {{"action", "return"}, {"comment", "补充"}});
                    QCOMPARE(r.status, 200);
                }
            }
            if (!approved) {
                const auto st = nlohmann::json::parse(call("GET", statePath(id), m_supToken).body);
                if (st["state"]["status"] == "approved")
                    approved = st["state"].dump();
            }
            if (QTest::currentTestFailed())
                return;
        }
        // Everyone syncs twice: all that can arrive has arrived.
        for (int round = 0; round < 2; ++round)
            for (auto &r : team) {
                push(r, id, rng);
                pull(r, id);
            }
        if (QTest::currentTestFailed())
            return;

        const auto server = nlohmann::json::parse(call("GET", statePath(id), m_supToken).body);
        const std::string serverState = server["state"].dump();
        // The server's /state is merge() over its operations, whatever their order and copies.
        std::vector<Operation> stored = m_store->operations(id).value();
        std::vector<Operation> shuffled = stored;
        for (std::size_t i = 0; i < stored.size() / 3; ++i)
            shuffled.push_back(stored[rng() % stored.size()]);
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        InspectionState again = merge(id, shuffled, {m_tpl.get(), m_roles});
        again.duplicates = 0;
        QCOMPARE(QString::fromStdString(stateToJson(again).dump()), QString::fromStdString(serverState));
        // Every tablet shows the server's state.
        for (const auto &r : team)
            QCOMPARE(
                QString::fromStdString(stateToJson(merge(id, r.merged(), {m_tpl.get(), {}})).dump()), QString::fromStdString(serverState));
        for (const auto &r : team)
            m_refusedSeen += static_cast<int>(r.refused.size());
        for (const auto &h : server["state"]["history"])
            m_returned += h["kind"] == "return";
        if (approved) {
            ++m_approved;
            QCOMPARE(QString::fromStdString(serverState), QString::fromStdString(*approved));
            // Nothing anyone holds changes the approved state, however it is merged.
            std::vector<Operation> all = stored;
            for (const auto &r : team)
                all.insert(all.end(), r.ops.begin(), r.ops.end());
            std::shuffle(all.begin(), all.end(), rng);
            nlohmann::json a = stateToJson(merge(id, all, {m_tpl.get(), m_roles}));
            nlohmann::json b = nlohmann::json::parse(*approved);
            for (const char *k : {"items", "findings", "notes", "photos", "responses", "respondents", "steps", "status", "history"})
                QCOMPARE(QString::fromStdString(a[k].dump()), QString::fromStdString(b[k].dump()));
        }
    }
};

QTEST_GUILESS_MAIN(TestOneResult)
#include "tst_oneresult.moc"
