// Operations: the wire/JSON form round-trips exactly, and every malformed operation is rejected with
// the failing field named.

#include "testutil.h"

#include <careeval/jsonutil.h>
#include <careeval/operation.h>
#include <careeval/rules.h>
#include <careeval/wire.h>

#include <cstring>
#include <random>
#include <set>

using namespace careeval;
using nlohmann::json;

class TestOperation : public QObject
{
    Q_OBJECT

    static json valid()
    {
        return {{"id", "6f1c2e9a-3b4d-4c5e-8f70-112233445566"}, {"inspection", "insp-1"}, {"author", "wang.fang"}, {"device", "tab-02"},
            {"clock", 7}, {"time", 1764034200000}, {"kind", "set"}, {"target", "staff_total"}, {"value", 48}};
    }

private Q_SLOTS:
    // Text the server may store on either backend: well-formed UTF-8 only.
    void utf8()
    {
        QVERIFY(validUtf8(""));
        QVERIFY(validUtf8("plain ascii"));
        QVERIFY(validUtf8("长春市福寿养老院"));
        QVERIFY(validUtf8("\xF0\x9F\x98\x80")); // 😀, four bytes
        QVERIFY(validUtf8("\xF4\x8F\xBF\xBF")); // U+10FFFF
        QVERIFY(!validUtf8("\xFF"));
        QVERIFY(!validUtf8("a\xE4\xB8")); // cut short at the end
        QVERIFY(!validUtf8("\xC0\xAF")); // overlong '/'
        QVERIFY(!validUtf8("\xE0\x80\xAF")); // overlong, three bytes
        QVERIFY(!validUtf8("\xED\xA0\x80")); // a surrogate
        QVERIFY(!validUtf8("\xF4\x90\x80\x80")); // past U+10FFFF
        QVERIFY(!validUtf8("\x80")); // a continuation byte alone
        QVERIFY(!validUtf8("\xE4\x41\x41")); // a lead byte without its continuations
        // One character at a time, for text repaired with U+FFFD (log lines, text for PostgreSQL).
        const std::string_view mixed = "a\xE4\xB8\xAD\xC0\xAF\xF0\x9F\x98\x80\x80\xE4\xB8";
        QCOMPARE(utf8CharLength(mixed, 0), std::size_t(1));
        QCOMPARE(utf8CharLength(mixed, 1), std::size_t(3));
        QCOMPARE(utf8CharLength(mixed, 2), std::size_t(0)); // inside 中
        QCOMPARE(utf8CharLength(mixed, 4), std::size_t(0)); // overlong
        QCOMPARE(utf8CharLength(mixed, 6), std::size_t(4)); // 😀
        QCOMPARE(utf8CharLength(mixed, 10), std::size_t(0)); // a continuation byte alone
        QCOMPARE(utf8CharLength(mixed, 11), std::size_t(0)); // cut short at the end
        QCOMPARE(utf8CharLength(mixed, mixed.size()), std::size_t(0));
    }

    void uuid()
    {
        auto u = Uuid::parse("6F1C2E9A-3B4D-4C5E-8F70-112233445566");
        QVERIFY(u);
        QCOMPARE(u->toString(), std::string("6f1c2e9a-3b4d-4c5e-8f70-112233445566"));
        QVERIFY(!Uuid::parse("6f1c2e9a3b4d4c5e8f70112233445566"));
        QVERIFY(!Uuid::parse("6f1c2e9a-3b4d-4c5e-8f70-11223344556g"));
        std::set<Uuid> seen;
        Uuid previous;
        for (int i = 0; i < 1000; ++i) {
            const Uuid g = Uuid::generate();
            QCOMPARE(g.bytes[6] >> 4, 7); // version 7
            QCOMPARE(g.bytes[8] >> 6, 2); // RFC 9562 variant
            QVERIFY(seen.insert(g).second);
            QCOMPARE(Uuid::parse(g.toString()), std::optional<Uuid>(g));
            // Time-ordered: the millisecond prefix never goes backwards.
            QVERIFY(std::memcmp(previous.bytes.data(), g.bytes.data(), 6) <= 0);
            previous = g;
        }
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("value");
        QTest::newRow("set number") << "set"
                                    << "staff_total"
                                    << "48";
        QTest::newRow("set text with unicode") << "set"
                                               << "conclusion_text"
                                               << "\"建议通过验收。\\n第二行\"";
        QTest::newRow("clear") << "clear"
                               << "staff_total"
                               << "null";
        QTest::newRow("note") << "note"
                              << "site_sup_food"
                              << "\"未留样\"";
        QTest::newRow("photo") << "photo.attach"
                               << "site_photos"
                               << "{\"caption\":\"门厅\",\"sha256\":\"" + QString(64, 'a') + "\",\"taken_at\":1}";
        QTest::newRow("resolve") << "resolve"
                                 << "staff_passed"
                                 << "{\"covers\":[\"6f1c2e9a-3b4d-4c5e-8f70-112233445566\"],\"reason\":\"核对原件\",\"value\":48}";
        QTest::newRow("submit") << "submit"
                                << ""
                                << "{\"comment\":\"完成\"}";
        QTest::newRow("sample") << "sample.draw"
                                << "survey"
                                << "{\"k\":10,\"population\":120,\"seed\":42,\"source\":\"beds\"}";
    }
    void roundTrip()
    {
        QFETCH(QString, kind);
        QFETCH(QString, target);
        QFETCH(QString, value);
        json o = valid();
        o["kind"] = kind.toStdString();
        o["target"] = target.toStdString();
        o["value"] = json::parse(value.toStdString());
        auto op = operationFromJson(o);
        QVERIFY2(op.ok(), op.ok() ? "" : op.error().message.c_str());
        const std::string line = serialize(op.value());
        QVERIFY(line.find('\n') == std::string::npos);
        auto again = parseOperation(line);
        QVERIFY(again.ok());
        QCOMPARE(serialize(again.value()), line);
        QCOMPARE(again->value, canonicalJson(o["value"]));
        QCOMPARE(toJson(again.value()), o);
    }

    void canonicalValueIgnoresKeyOrder()
    {
        auto a = parseOperation(
            R"({"id":"6f1c2e9a-3b4d-4c5e-8f70-112233445566","inspection":"i","author":"a","device":"d","clock":1,"time":0,"kind":"finding.edit","target":"f1","value":{"b":1,"a":2}})");
        auto b = parseOperation(
            R"({"value":{"a":2,"b":1},"target":"f1","kind":"finding.edit","time":0,"clock":1,"device":"d","author":"a","inspection":"i","id":"6f1c2e9a-3b4d-4c5e-8f70-112233445566"})");
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a->value, b->value);
        QCOMPARE(serialize(a.value()), serialize(b.value()));
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QString>("message");
        auto row = [](const char *tag, const char *patch, const char *message) { QTest::newRow(tag) << patch << message; };
        row("id missing", R"([{"op":"remove","path":"/id"}])", "\"id\": is missing");
        row("id not uuid", R"([{"op":"replace","path":"/id","value":"op-1"}])", "\"id\": \"op-1\" is not a UUID");
        row("nil id", R"([{"op":"replace","path":"/id","value":"00000000-0000-0000-0000-000000000000"}])", "is not a UUID");
        row("author empty", R"([{"op":"replace","path":"/author","value":""}])", "\"author\": must not be empty");
        row("author number", R"([{"op":"replace","path":"/author","value":5}])", "\"author\": must be a string, found number");
        row("inspection too long",
            R"([{"op":"replace","path":"/inspection","value":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}])",
            "longer than 128");
        row("control characters", R"([{"op":"replace","path":"/device","value":"tab\u0000x"}])", "\"device\": contains control characters");
        row("clock zero", R"([{"op":"replace","path":"/clock","value":0}])", "\"clock\": must be a whole number");
        row("clock negative", R"([{"op":"replace","path":"/clock","value":-3}])", "\"clock\"");
        row("clock fraction", R"([{"op":"replace","path":"/clock","value":1.5}])", "\"clock\"");
        row("time string", R"([{"op":"replace","path":"/time","value":"today"}])", "\"time\": must be milliseconds");
        row("unknown kind", R"([{"op":"replace","path":"/kind","value":"delete"}])", "\"kind\": unknown kind \"delete\"");
        row("unknown field", R"([{"op":"add","path":"/extra","value":1}])", "\"extra\": unknown field");
        row("target missing", R"([{"op":"remove","path":"/target"}])", "\"target\": is missing");
        row("set null", R"([{"op":"replace","path":"/value","value":null}])", "\"value\": must not be null");
        row("note empty", R"([{"op":"replace","path":"/kind","value":"note"},{"op":"replace","path":"/value","value":""}])",
            "non-empty text");
        row("photo bad hash",
            R"([{"op":"replace","path":"/kind","value":"photo.attach"},{"op":"replace","path":"/value","value":{"sha256":"abc"}}])",
            "\"sha256\" must be 64");
        row("photo caption number",
            R"([{"op":"replace","path":"/kind","value":"photo.attach"},{"op":"replace","path":"/value","value":{"sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","caption":7}}])",
            "\"caption\" must be a string");
        row("detach without attach id",
            R"([{"op":"replace","path":"/kind","value":"photo.detach"},{"op":"replace","path":"/value","value":{}}])",
            "\"attach\" must be the id");
        row("resolve without reason",
            R"([{"op":"replace","path":"/kind","value":"resolve"},{"op":"replace","path":"/value","value":{"value":1,"covers":[]}}])",
            "\"reason\" must say why");
        row("resolve covers junk",
            R"([{"op":"replace","path":"/kind","value":"resolve"},{"op":"replace","path":"/value","value":{"value":1,"reason":"r","covers":["x"]}}])",
            "\"covers\" must contain operation ids");
        row("return without comment", R"([{"op":"replace","path":"/kind","value":"return"},{"op":"replace","path":"/value","value":{}}])",
            "\"comment\" must say why");
        row("step status unknown",
            R"([{"op":"replace","path":"/kind","value":"step.status"},{"op":"replace","path":"/value","value":{"status":"half"}}])",
            "\"status\" must be todo");
        row("sample k above population",
            R"([{"op":"replace","path":"/kind","value":"sample.draw"},{"op":"replace","path":"/value","value":{"seed":1,"population":5,"k":6}}])",
            "\"k\" must be at most");
        row("survey without answers",
            R"([{"op":"replace","path":"/kind","value":"survey.add"},{"op":"replace","path":"/value","value":{"answers":[]}}])",
            "\"answers\" must be an object");
        row("finding without title",
            R"([{"op":"replace","path":"/kind","value":"finding.add"},{"op":"replace","path":"/value","value":{"title":""}}])",
            "\"title\" must be non-empty");
        row("close reason number",
            R"([{"op":"replace","path":"/kind","value":"finding.close"},{"op":"replace","path":"/value","value":{"reason":3}}])",
            "\"reason\" must be a string");
    }
    void invalid()
    {
        QFETCH(QString, patch);
        QFETCH(QString, message);
        const json o = valid().patch(json::parse(patch.toStdString()));
        auto op = operationFromJson(o);
        QVERIFY(!op.ok());
        QVERIFY((op.error().code) == (ErrorCode::InvalidOperation));
        QVERIFY2(QString::fromStdString(op.error().message).contains(message), op.error().message.c_str());
    }

    void malformedLines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated") << "{\"id\":\"6f1c2e9a-3b4d-4c5e-8f70-112233445566\",\"inspe"
                                   << "line 1, column";
        QTest::newRow("array") << "[1]"
                               << "must be a JSON object";
        QTest::newRow("deep value") << QString(R"({"value":)") + QString(40, '[') << "nested deeper";
    }
    void malformedLines()
    {
        QFETCH(QString, line);
        QFETCH(QString, message);
        auto op = parseOperation(line.toStdString());
        QVERIFY(!op.ok());
        QVERIFY2(QString::fromStdString(op.error().message).contains(message), op.error().message.c_str());
    }

    // The push route reads the usual body without a JSON tree. Whatever that fast path reads must be
    // exactly what the full parse reads; anything unusual must be left to the full parse.
    void pushFastPathReadsWhatTheFullParseReads()
    {
        const std::string usual = R"({"ops":[)"
                                  R"({"id":"6f1c2e9a-3b4d-4c5e-8f70-112233445566","inspection":"insp-1","author":"wang.fang",)"
                                  R"("device":"tab-02","clock":7,"time":1764034200000,"kind":"set","target":"staff_total","value":48},)"
                                  "\n { \"value\" : {\"b\":[1, 2.0, \"\\u4e2d\"], \"a\":null} , \"kind\":\"set\",\"target\":\"注释\","
                                  "\"clock\":8,\"time\":0,\"device\":\"平板-1\",\"author\":\"wang.fang\",\"inspection\":\"insp-1\","
                                  "\"id\":\"6F1C2E9A-3B4D-4C5E-8F70-112233445567\"},"
                                  R"({"id":"6f1c2e9a-3b4d-4c5e-8f70-112233445568","inspection":"insp-1","author":"li.hua",)"
                                  R"("device":"tab-01","clock":9,"time":5,"kind":"clear","target":"staff_total"}]})";
        auto same = [](const std::string &body, std::size_t maxOps = 100) -> bool {
            auto fast = pushRequestFromText(body, maxOps, kMaxJsonDepth);
            if (!fast)
                return true; // left to the full parse: nothing to compare
            auto doc = parseJson(body);
            if (!doc || !doc->is_object())
                return false;
            auto full = pushRequestFromJson(doc.value(), maxOps);
            if (!full || full->items.size() != fast->items.size())
                return false;
            for (std::size_t i = 0; i < full->items.size(); ++i) {
                const auto &a = full->items[i], &b = fast->items[i];
                if (!a.op || !b.op || a.id != b.id || !b.error.empty())
                    return false;
                if (toJson(*a.op) != toJson(*b.op) || a.op->value != b.op->value)
                    return false;
            }
            return true;
        };
        auto fast = pushRequestFromText(usual, 100, kMaxJsonDepth);
        QVERIFY(fast.has_value());
        QCOMPARE(fast->items.size(), std::size_t(3));
        QCOMPARE(fast->items[1].op->value, std::string(R"({"a":null,"b":[1,2,"中"]})"));
        QCOMPARE(fast->items[1].op->target, std::string("注释"));
        QCOMPARE(fast->items[2].op->value, std::string("null"));
        QVERIFY(same(usual));
        QVERIFY(pushRequestFromText(R"({"ops":[]})", 100, kMaxJsonDepth).has_value());

        // Spellings the fast path leaves alone (each still read, or refused, by the full parse).
        const std::string unusual[] = {
            "\xEF\xBB\xBF" + usual, // a byte order mark
            std::string(usual).insert(usual.size() - 1, R"(,"extra":1)"), // another member beside "ops"
            std::string(usual).replace(usual.find("wang.fang"), 9, "wang\\u002efang"), // an escape in a field
            std::string(usual).replace(usual.find("\"clock\":7"), 9, "\"clock\":7.0"), // a float clock
            std::string(usual).replace(usual.find("\"clock\":7"), 9, "\"clock\":-7"),
            std::string(usual).replace(usual.find("\"clock\":7"), 9, "\"clock\":07"),
            std::string(usual).replace(usual.find("\"target\":\"staff_total\""), 22, "\"target\":null"),
            std::string(usual).replace(usual.find("\"kind\":\"set\""), 12, "\"kind\":\"set\",\"kind\":\"set\""), // a field twice
            std::string(usual).replace(usual.find("\"kind\":\"set\""), 12, "\"kind\":\"set\",\"colour\":1"), // an unknown field
            std::string(usual).replace(usual.find("\"kind\":\"set\""), 12, "\"kind\":\"paint\""), // an unknown kind
            std::string(usual).replace(usual.find("wang.fang"), 9, "wang\xC0\xAF"), // not UTF-8
            std::string(usual).replace(usual.find("wang.fang"), 9, ""), // an empty author
            std::string(usual).replace(usual.find("\"value\":48"), 10, "\"value\":" + std::string(70, '[') + std::string(70, ']')),
            usual + "x", // trailing bytes
        };
        for (const auto &body : unusual) {
            QVERIFY2(!pushRequestFromText(body, 100, kMaxJsonDepth), body.c_str());
            QVERIFY(same(body));
        }
        QVERIFY(!pushRequestFromText(usual, 2, kMaxJsonDepth)); // more operations than allowed: the full parse says so

        // Every one-byte change of the usual body: whenever the fast path reads it, the full parse
        // reads the same.
        const char replacements[] = {'"', '\\', ',', ':', '{', '}', '[', ']', ' ', '0', '9', 'a', '-', '.', 'e', '\x01', '\xC3'};
        std::size_t read = 0, cases = 0;
        for (std::size_t i = 0; i < usual.size(); ++i) {
            std::string cut = usual;
            cut.erase(i, 1);
            ++cases;
            read += pushRequestFromText(cut, 100, kMaxJsonDepth).has_value();
            QVERIFY2(same(cut), cut.c_str());
            for (char r : replacements) {
                if (usual[i] == r)
                    continue;
                std::string changed = usual;
                changed[i] = r;
                ++cases;
                read += pushRequestFromText(changed, 100, kMaxJsonDepth).has_value();
                QVERIFY2(same(changed), changed.c_str());
            }
        }
        QVERIFY(read > 0 && read < cases); // both ways were taken
    }

    // A plain value (a short whole number, a string without escapes) is judged from its text without a
    // parser, on the push route and in the gate. It must be exactly the text the parser would write
    // back, and be admitted or refused exactly as the parsed value is, for every kind.
    void plainValuesAreJudgedAsTheParserJudgesThem()
    {
        std::vector<std::string> texts = {"0", "48", "-7", "-0", "07", "-07", "1.0", "1e2", "+1", "-", "", " 1", "1 ", "999999999999999",
            "-999999999999999", "1000000000000000", "9223372036854775808", "\"\"", "\"a\"", "\"compliant\"", "\"中文 注释\"", "\"a\\\"b\"",
            "\"a\\\\b\"", "\"\\u4e2d\"", "\"a\tb\"", "\"\x7f\"", "\"wang\xC0\xAF\"", "\"\xE4\xB8\"", "\"", "\"\"\"", "null", "true",
            "false", "[]", "{}", "{\"sha256\":\"x\"}", "\"" + std::string(10000, 'x') + "\"", "\"" + std::string(9998, 'x') + "\"",
            "\"" + std::string(20000, 'x') + "\""};
        std::mt19937 rng(7);
        const std::string alphabet[] = {"a", "0", "9", "-", "\"", "\\", " ", "\x01", "\xC3\xA9", "\xC3", "\xE4\xB8\xAD", "\xA9", "."};
        for (int i = 0; i < 3000; ++i) {
            std::string t = i % 2 ? "\"" : "";
            for (int n = static_cast<int>(rng() % 20); n > 0; --n)
                t += i % 3 ? alphabet[rng() % std::size(alphabet)] : std::string(1, static_cast<char>('0' + rng() % 10));
            texts.push_back(i % 2 ? t + "\"" : t);
        }
        std::size_t plainCount = 0;
        for (const auto &t : texts) {
            const auto parsed = parseJson(t, kMaxJsonDepth);
            const PlainValue plain = plainValue(t);
            if (plain != PlainValue::Other) {
                ++plainCount;
                QVERIFY2(parsed.ok(), t.c_str());
                QCOMPARE(canonicalJson(parsed.value()), t);
                QCOMPARE(plain == PlainValue::Text, parsed->is_string());
            }
            for (const char *kind : {"set", "clear", "note", "photo.attach", "step.status"}) {
                auto r = operationFromJson(valid());
                QVERIFY(r.ok());
                Operation op = r.value();
                op.kind = *opKindFromString(kind);
                op.target = std::string(kind) == "step.status" ? "preparation" : "staff_total";
                op.value = t;
                const auto fromText = admitReadOperation(op);
                if (!parsed.ok()) {
                    QVERIFY2(!fromText, t.c_str());
                    continue;
                }
                const auto fromTree = admitReadOperation(op, parsed.value());
                QVERIFY2(fromText.has_value() == fromTree.has_value(), (std::string(kind) + " " + t).c_str());
                if (fromText)
                    QCOMPARE(fromText->value, fromTree->value);
                if (plain != PlainValue::Other && t.size() <= limits::kMaxTextChars) // longText (the gate only) cannot differ
                    QVERIFY2(checkShape(op).has_value() == !fromTree.has_value(), (std::string(kind) + " " + t).c_str());
            }
        }
        QVERIFY(plainCount > 100 && plainCount < texts.size());
        QCOMPARE(plainValue("\"" + std::string(20000, 'x') + "\""), PlainValue::Text); // plain, but too long to judge so
        QVERIFY(checkShape([&] {
            Operation op = operationFromJson(valid()).value();
            op.value = "\"" + std::string(10001, 'x') + "\"";
            return op;
        }())
                    .has_value()); // 10,001 characters: the gate's text limit
    }

    void totalOrder()
    {
        testutil::OpBuilder b;
        Operation x = b.set("b", "t", 1, 5), y = b.set("a", "t", 1, 5), z = b.set("a", "t", 1, 4);
        QVERIFY(Operation::before(z, y)); // clock first
        QVERIFY(Operation::before(y, x)); // then author
        QVERIFY(!Operation::before(x, x));
    }

    // The inspection list and the team view are typed on both sides: what the server writes, the tablet
    // reads back field for field, and a damaged field is named.
    void assignmentSummaryRoundTrips()
    {
        AssignmentSummary a;
        a.id = "insp-9";
        a.institution = "cc-fushou";
        a.institutionName = "长春市福寿养老院";
        a.institutionBeds = 150;
        a.templateId = "jilin-pilot-standardization";
        a.templateVersion = "1.1.0";
        a.status = WorkflowStatus::Returned;
        a.plannedDate = "2026-11-25";
        a.team = {{"li.hua", Role::Lead, "李华"}, {"wang.fang", Role::Evaluator, ""}};
        a.myRole = Role::Lead;
        a.createdAt = 1764034200000;
        auto back = assignmentSummaryFromJson(json::parse(toJson(a).dump()));
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QVERIFY(toJson(back.value()) == toJson(a));
        QVERIFY(back->status == WorkflowStatus::Returned);
        QCOMPARE(back->team[0].displayName, std::string("李华"));
        QVERIFY(back->myRole && *back->myRole == Role::Lead);
        // A supervisor not on the team: no my_role.
        a.myRole.reset();
        QVERIFY(!assignmentSummaryFromJson(toJson(a))->myRole);

        json bad = toJson(a);
        bad["team"][1]["role"] = "chief";
        auto r = assignmentSummaryFromJson(bad);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("team[1].role") != std::string::npos, r.error().message.c_str());
        bad = toJson(a);
        bad["template"].erase("version");
        r = assignmentSummaryFromJson(bad);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("template.version") != std::string::npos, r.error().message.c_str());
        bad = toJson(a);
        bad["status"] = "finished";
        QVERIFY(!assignmentSummaryFromJson(bad).ok());
    }

    void teamViewRoundTrips()
    {
        TeamView v;
        v.members.push_back({"li.hua", Role::Lead, 12, 1764034200000, 1764034300000, 1764034400000, 3, {0, 7}});
        v.members.push_back({"wang.fang", Role::Evaluator, 0, 0, 0, 0, 0, {}});
        v.membersSynced = 1;
        v.photosExpected = 2;
        v.photosReceived = 1;
        v.photosMissing = {std::string(64, 'a')};
        json out {{"inspection", {{"id", "insp-9"}}}};
        addTeamView(out, v);
        QVERIFY(out["members"][0]["steps"] == json({"announce", "feedback"}));
        auto back = teamViewFromJson(out);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->members.size(), std::size_t(2));
        QCOMPARE(back->members[0].operations, std::size_t(12));
        QCOMPARE(back->members[0].lastPull, std::int64_t(1764034400000));
        QCOMPARE(back->members[0].steps, std::vector<int>({0, 7}));
        QCOMPARE(back->photosMissing, v.photosMissing);
        QCOMPARE(back->membersSynced, std::size_t(1));
        out["members"][1]["operations"] = "many";
        auto r = teamViewFromJson(out);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("members[1].operations") != std::string::npos, r.error().message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestOperation)
#include "tst_operation.moc"
