// The SQLite operation store: idempotent atomic appends, cursors, the sync queue, settings, schema
// migration, refusal of damaged files, and nothing acknowledged lost when the process is killed.

#include "testutil.h"

#include <careeval/store.h>

#include <sqlite3.h>

#include <QTemporaryDir>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace careeval;

class TestStore : public QObject
{
    Q_OBJECT

    static std::unique_ptr<OpStore> openOrDie(const std::string &path)
    {
        auto s = OpStore::open(path);
        if (!s)
            qFatal("open %s: %s", path.c_str(), s.error().message.c_str());
        return std::move(s.value());
    }

    static std::vector<Operation> batch(testutil::OpBuilder &b, int n, const std::string &prefix = "i")
    {
        std::vector<Operation> ops;
        for (int i = 0; i < n; ++i)
            ops.push_back(b.set("a", prefix + std::to_string(i), i));
        return ops;
    }

private Q_SLOTS:
    void createsSchemaInWalMode()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("ops.db").toStdString();
        auto store = openOrDie(path);
        QCOMPARE(store->schemaVersion(), 1);
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(store->handle(), "PRAGMA journal_mode", -1, &s, nullptr);
        QCOMPARE(sqlite3_step(s), SQLITE_ROW);
        QCOMPARE(QString(reinterpret_cast<const char *>(sqlite3_column_text(s, 0))), QString("wal"));
        sqlite3_finalize(s);
    }

    void appendIsIdempotent()
    {
        auto store = openOrDie(":memory:");
        testutil::OpBuilder b;
        auto ops = batch(b, 3);
        auto first = store->append(ops, SyncState::Pending);
        QVERIFY(first.ok());
        QCOMPARE(first->inserted, std::size_t(3));
        ops.push_back(b.set("a", "new", 1));
        auto second = store->append(ops, SyncState::Remote);
        QVERIFY(second.ok());
        QCOMPARE(second->inserted, std::size_t(1));
        QCOMPARE(second->outcomes,
            (std::vector<AppendOutcome> {
                AppendOutcome::Duplicate, AppendOutcome::Duplicate, AppendOutcome::Duplicate, AppendOutcome::Inserted}));
        QCOMPARE(store->count().value(), std::size_t(4));
        // Stored exactly as given.
        auto back = store->operations("insp-1");
        QVERIFY(back.ok());
        QCOMPARE(back->size(), std::size_t(4));
        for (std::size_t i = 0; i < 4; ++i)
            QCOMPARE(serialize(back.value()[i]), serialize(ops[i]));
    }

    // A long batch is written in chunks of several rows a statement: each operation's outcome and the
    // order of the log must be as if written one by one, wherever a repeat falls.
    void longBatchesKeepEveryOutcome()
    {
        auto store = openOrDie(":memory:");
        testutil::OpBuilder b;
        auto stored = batch(b, 30, "old");
        QVERIFY(store->append(stored, SyncState::Remote).ok());
        std::vector<Operation> ops;
        std::vector<AppendOutcome> expected;
        std::vector<Operation> expectedLog = stored;
        for (int i = 0; i < 83; ++i) {
            if (i % 7 == 3) { // already stored
                ops.push_back(stored[static_cast<std::size_t>(i % 30)]);
                expected.push_back(AppendOutcome::Duplicate);
            } else if (i % 11 == 5) { // given twice in this batch: the first one counts
                ops.push_back(ops[static_cast<std::size_t>(i - 1)]);
                expected.push_back(expected.back() == AppendOutcome::Inserted ? AppendOutcome::Duplicate : expected.back());
            } else {
                ops.push_back(b.set("a", "new" + std::to_string(i), i));
                expected.push_back(AppendOutcome::Inserted);
                expectedLog.push_back(ops.back());
            }
        }
        auto r = store->append(ops, SyncState::Remote);
        QVERIFY(r.ok());
        QCOMPARE(r->outcomes, expected);
        QCOMPARE(r->inserted, static_cast<std::size_t>(std::count(expected.begin(), expected.end(), AppendOutcome::Inserted)));
        auto back = store->storedOperations("insp-1");
        QVERIFY(back.ok());
        QCOMPARE(back->size(), expectedLog.size());
        for (std::size_t i = 0; i < expectedLog.size(); ++i)
            QCOMPARE(serialize(back.value()[i].op), serialize(expectedLog[i])); // in the order given
        QCOMPARE(r->lastSeq, back->back().seq);

        // A failure inside a chunk leaves nothing of the batch behind.
        QVERIFY(execSql(store->handle(),
            "CREATE TRIGGER boom BEFORE INSERT ON ops WHEN NEW.target = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END")
                    .ok());
        auto more = batch(b, 40, "more");
        more[10] = b.set("a", "boom", 1);
        QVERIFY(!store->append(more, SyncState::Remote).ok());
        QCOMPARE(store->count().value(), expectedLog.size());
    }

    void appendIsAllOrNothing()
    {
        auto store = openOrDie(":memory:");
        QVERIFY(execSql(store->handle(),
            "CREATE TRIGGER boom BEFORE INSERT ON ops WHEN NEW.target = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END")
                    .ok());
        testutil::OpBuilder b;
        auto ops = batch(b, 5);
        ops.push_back(b.set("a", "boom", 1));
        auto r = store->append(ops, SyncState::Pending);
        QVERIFY(!r.ok());
        QVERIFY((r.error().code) == (ErrorCode::Database));
        QVERIFY2(QString::fromStdString(r.error().message).contains("disk full (simulated)"), r.error().message.c_str());
        QCOMPARE(store->count().value(), std::size_t(0));
        // The store is still usable afterwards.
        ops.pop_back();
        QVERIFY(store->append(ops, SyncState::Pending).ok());
        QCOMPARE(store->count().value(), std::size_t(5));
    }

    void cursorPages()
    {
        auto store = openOrDie(":memory:");
        testutil::OpBuilder a("insp-a"), c("insp-c");
        QVERIFY(store->append(batch(a, 150), SyncState::Remote).ok());
        QVERIFY(store->append(batch(c, 100), SyncState::Remote).ok());
        std::int64_t cursor = 0;
        std::size_t seen = 0;
        int pages = 0;
        for (;;) {
            auto page = store->after(cursor, 100);
            QVERIFY(page.ok());
            seen += page->ops.size();
            ++pages;
            QVERIFY(page->next > cursor || page->ops.empty());
            cursor = page->next;
            if (!page->more)
                break;
        }
        QCOMPARE(seen, std::size_t(250));
        QCOMPARE(pages, 3);
        auto onlyC = store->after(0, 1000, "insp-c");
        QCOMPARE(onlyC->ops.size(), std::size_t(100));
        QVERIFY(!onlyC->more);
        QCOMPARE(store->after(cursor, 10)->ops.size(), std::size_t(0));
        QCOMPARE(store->inspections().value(), (std::vector<std::string> {"insp-a", "insp-c"}));
    }

    // visitAfter hands out the same pages as after(), where SQLite holds the rows: the same
    // operations in the same order, the same cursor and "more", ids printed canonically even when
    // stored otherwise, and a damaged row an error naming its seq, not skipped.
    void visitedPagesAreThePages()
    {
        auto store = openOrDie(":memory:");
        testutil::OpBuilder a("insp-a"), c("insp-c");
        QVERIFY(store->append(batch(a, 150), SyncState::Remote).ok());
        QVERIFY(store->append(batch(c, 40), SyncState::Remote).ok());
        QVERIFY(store->append(batch(a, 30, "j"), SyncState::Remote).ok());
        for (const std::string inspection : {"", "insp-a", "insp-c"}) {
            std::int64_t cursor = 0;
            for (bool more = true; more;) {
                auto page = store->after(cursor, 64, inspection);
                QVERIFY(page.ok());
                std::vector<std::string> seen;
                auto end = store->visitAfter(cursor, 64, inspection, [&](const StoredOpView &v) -> Result<void> {
                    seen.push_back(std::to_string(v.seq) + "|" + std::string(v.id) + "|" + std::string(v.inspection) + "|"
                        + std::string(v.author) + "|" + std::string(v.device) + "|" + std::to_string(v.clock) + "|" + std::to_string(v.time)
                        + "|" + std::string(v.kind) + "|" + std::string(v.target) + "|" + std::string(v.value));
                    return {};
                });
                QVERIFY(end.ok());
                std::vector<std::string> expected;
                for (const auto &s : page->ops)
                    expected.push_back(std::to_string(s.seq) + "|" + s.op.id.toString() + "|" + s.op.inspection + "|" + s.op.author + "|"
                        + s.op.device + "|" + std::to_string(s.op.clock) + "|" + std::to_string(s.op.time) + "|"
                        + std::string(toString(s.op.kind)) + "|" + s.op.target + "|" + s.op.value);
                QCOMPARE(seen, expected);
                QCOMPARE(end->count, page->ops.size());
                QCOMPARE(end->next, page->next);
                QCOMPARE(end->more, page->more);
                cursor = end->next;
                more = end->more;
            }
        }
        // A visit's own error ends the page and comes back.
        int visited = 0;
        auto stopped = store->visitAfter(0, 100, {}, [&](const StoredOpView &) -> Result<void> {
            if (++visited == 3)
                return makeError(ErrorCode::Io, "enough");
            return {};
        });
        QVERIFY(!stopped.ok());
        QCOMPARE(visited, 3);
        QCOMPARE(QString::fromStdString(stopped.error().message), QString("enough"));

        // An id stored in capitals (by hand) prints as the canonical lowercase id.
        auto first = store->after(0, 1);
        const std::string id = first->ops.front().op.id.toString();
        std::string upper = id;
        std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
        QVERIFY(execSql(store->handle(), ("UPDATE ops SET id = '" + upper + "' WHERE seq = 1").c_str()).ok());
        std::string printed;
        QVERIFY(store
                    ->visitAfter(0, 1, {},
                        [&](const StoredOpView &v) -> Result<void> {
                            printed = std::string(v.id);
                            return {};
                        })
                    .ok());
        QCOMPARE(printed, id);

        // A damaged row (an id that is no id) is an error that names it.
        QVERIFY(execSql(store->handle(), "UPDATE ops SET id = 'not-an-id' WHERE seq = 5").ok());
        visited = 0;
        auto damaged = store->visitAfter(0, 100, {}, [&](const StoredOpView &) -> Result<void> {
            ++visited;
            return {};
        });
        QVERIFY(!damaged.ok());
        QCOMPARE(visited, 4);
        QVERIFY2(QString::fromStdString(damaged.error().message).contains("seq 5"), damaged.error().message.c_str());
        QVERIFY(!store->after(0, 100).ok()); // as after() says
    }

    void syncQueue()
    {
        auto store = openOrDie(":memory:");
        testutil::OpBuilder b;
        auto ops = batch(b, 4);
        QVERIFY(store->append(ops, SyncState::Pending).ok());
        QVERIFY(store->append(std::vector<Operation> {b.set("z", "remote", 1)}, SyncState::Remote).ok());
        QCOMPARE(store->pendingCount().value(), std::size_t(4));
        auto pending = store->pending(2);
        QCOMPARE(pending->size(), std::size_t(2));
        QCOMPARE(pending.value()[0].id, ops[0].id); // oldest first
        const std::vector<Uuid> sent {ops[0].id, ops[1].id};
        QVERIFY(store->markSent(sent).ok());
        QVERIFY(store->markRefused(ops[2].id, "inspection locked (approve by chen)").ok());
        QCOMPARE(store->pendingCount().value(), std::size_t(1));
        auto refused = store->refused();
        QCOMPARE(refused->size(), std::size_t(1));
        QCOMPARE(refused.value()[0].refusal, std::string("inspection locked (approve by chen)"));
        QCOMPARE(refused.value()[0].op.id, ops[2].id); // kept, with its reason, never dropped
        auto found = store->find(ops[1].id);
        QVERIFY(found.ok() && found.value());
        QVERIFY((found.value()->state) == (SyncState::Sent));
        QVERIFY(!store->find(Uuid::generate()).value());
        QCOMPARE(store->maxClock().value(), std::uint64_t(5));
    }

    void settings()
    {
        auto store = openOrDie(":memory:");
        QVERIFY(!store->meta("cursor").value());
        QVERIFY(store->setMeta("cursor", "10").ok());
        QVERIFY(store->setMeta("cursor", "20").ok());
        QCOMPARE(*store->meta("cursor").value(), std::string("20"));
    }

    void survivesReopen()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("ops.db").toStdString();
        testutil::OpBuilder b;
        {
            auto store = openOrDie(path);
            QVERIFY(store->append(batch(b, 10), SyncState::Pending).ok());
            QVERIFY(store->setMeta("device", "tab-02").ok());
        }
        auto store = openOrDie(path);
        QCOMPARE(store->count().value(), std::size_t(10));
        QCOMPARE(*store->meta("device").value(), std::string("tab-02"));
    }

    void refusesDamagedOrNewerFiles()
    {
        QTemporaryDir dir;
        const std::string junk = dir.filePath("junk.db").toStdString();
        {
            QFile f(QString::fromStdString(junk));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        auto r = OpStore::open(junk);
        QVERIFY(!r.ok());
        QVERIFY((r.error().code) == (ErrorCode::Database));
        QVERIFY2(QString::fromStdString(r.error().message).contains(QString::fromStdString(junk)), r.error().message.c_str());
        QCOMPARE(QFileInfo(QString::fromStdString(junk)).size(), 8192); // left as it was
        // Without the page-by-page check (a second connection to a checked file) junk is still refused.
        auto unchecked = OpStore::open(junk, {.check = false});
        QVERIFY(!unchecked.ok());
        QVERIFY2(
            QString::fromStdString(unchecked.error().message).contains(QString::fromStdString(junk)), unchecked.error().message.c_str());
        QCOMPARE(QFileInfo(QString::fromStdString(junk)).size(), 8192);

        const std::string newer = dir.filePath("newer.db").toStdString();
        {
            auto store = openOrDie(newer);
            QVERIFY(execSql(store->handle(), "PRAGMA user_version=99").ok());
        }
        auto n = OpStore::open(newer);
        QVERIFY(!n.ok());
        QVERIFY2(QString::fromStdString(n.error().message).contains("newer than this program"), n.error().message.c_str());
    }

    // A process appending batches is killed with SIGKILL at an arbitrary moment: every batch that
    // returned is there, no batch is half there, and the file is intact.
    void killedMidAppendLosesNothingAcknowledged()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("ops.db").toStdString();
        openOrDie(path); // create before forking
        int pipefd[2];
        QCOMPARE(pipe(pipefd), 0);
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            close(pipefd[0]);
            auto s = OpStore::open(path);
            if (!s)
                _exit(3);
            testutil::OpBuilder b;
            for (int n = 0;; ++n) {
                if (!s.value()->append(batch(b, 50, "b" + std::to_string(n) + "_"), SyncState::Pending))
                    _exit(4);
                const std::int32_t acked = n + 1; // acknowledged batches, reported after each commit
                if (write(pipefd[1], &acked, sizeof acked) != sizeof acked)
                    _exit(5);
            }
        }
        close(pipefd[1]);
        std::int32_t acked = 0, v = 0;
        while (acked < 40 && read(pipefd[0], &v, sizeof v) == sizeof v)
            acked = v;
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        while (read(pipefd[0], &v, sizeof v) == sizeof v)
            acked = v; // acknowledgements already written before the kill
        close(pipefd[0]);
        QVERIFY(WIFSIGNALED(status));
        auto store = openOrDie(path);
        const std::size_t count = store->count().value();
        QVERIFY2(
            count >= static_cast<std::size_t>(acked) * 50, qPrintable(QString("%1 stored, %2 batches acknowledged").arg(count).arg(acked)));
        QCOMPARE(count % 50, std::size_t(0)); // whole batches only
    }
};

QTEST_APPLESS_MAIN(TestStore)
#include "tst_store.moc"
