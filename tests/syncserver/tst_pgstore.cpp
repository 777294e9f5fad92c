// The PostgreSQL backend as several server instances use it (runs as tst_pgstore_pg, on the test
// cluster only): two stores on one database stand for two careeval-server processes.
//  - The pull cursor never skips an operation: writers on both stores push small batches to one
//    inspection while a reader pages through it by cursor the whole time; every operation written is
//    read exactly once, in increasing seq order, although seq numbers are drawn before commit order
//    is known (pg_store.h says how the design prevents a skip).
//  - Instances starting together migrate once; a session made on one works on the other; a push to
//    one is refused or accepted by the other by the same rules (AlreadyHad for a repeat).

#include "inprocess.h"
#include "storage/server_store.h"
#include "storetest.h"

#include <careeval/wire.h>

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>
#include <set>
#include <thread>

using namespace careeval;
using namespace careeval::server;

namespace {

constexpr const char *kInspection = "demo-pilot-changchun-01";

Operation note(const std::string &author, const std::string &device, std::uint64_t clock, int n)
{
    Operation op;
    op.id = Uuid::generate();
    op.inspection = kInspection;
    op.author = author;
    op.device = device;
    op.clock = clock;
    op.time = nowMillis();
    op.kind = OpKind::Note;
    op.target = "site_photos";
    op.value = "\"note " + std::to_string(n) + "\"";
    return op;
}

} // namespace

class TestPgStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    InProcessServer m_server;
    std::string m_url;

private slots:
    void initTestCase()
    {
        if (!storetest::onPostgres())
            QSKIP("runs on the PostgreSQL test cluster (tst_pgstore_pg)");
        QVERIFY(m_dir.isValid());
        const std::string why = m_server.open(m_dir.path().toStdString());
        QVERIFY2(why.empty(), why.c_str());
        m_url = storetest::location(m_dir.path().toStdString());
        QCOMPARE(std::string(m_server.store->backend()), std::string("postgresql"));
    }

    void migratesOnceWhenStartedTogether()
    {
        const std::string url = storetest::freshDatabase();
        std::vector<std::thread> starts;
        std::atomic<int> ok {0};
        for (int i = 0; i < 4; ++i)
            starts.emplace_back([&] {
                auto s = ServerStore::open(url);
                if (s)
                    ++ok;
                else
                    qWarning("%s", s.error().message.c_str());
            });
        for (auto &t : starts)
            t.join();
        QCOMPARE(ok.load(), 4);
        QCOMPARE(storetest::query(url, "SELECT count(*) FROM server_schema"), std::string("2"));
    }

    // The operation count /healthz and /metrics report is kept per inspection by the pushes (no scan
    // of the log per health check): the same on every instance, and filled in for a database that
    // had operations before the count existed (migration 2).
    void operationCountWithoutAScan()
    {
        auto second = ServerStore::open(m_url);
        QVERIFY(second.ok());
        const ServerStore::PushDecider acceptAll
            = [](const InspectionRecord &, std::vector<Operation> &, std::vector<PushResult> &, WorkflowStatus &) {};
        auto logCount = [&] { return std::stoul(storetest::query(m_url, "SELECT count(*) FROM ops")); };
        const std::size_t before = m_server.store->operationCount();
        QCOMPARE(before, logCount());
        std::vector<Operation> batch {note("wang.fang", "tablet-c", 7000, 1), note("wang.fang", "tablet-c", 7001, 2)};
        QVERIFY(m_server.store->push(kInspection, "wang.fang", batch, acceptAll, nowMillis()).ok());
        batch.push_back(note("wang.fang", "tablet-c", 7002, 3)); // two repeats and one new, on the other instance
        QVERIFY(second.value()->push(kInspection, "wang.fang", batch, acceptAll, nowMillis()).ok());
        QCOMPARE(m_server.store->operationCount(), before + 3);
        QCOMPARE(second.value()->operationCount(), before + 3);
        QCOMPARE(logCount(), before + 3);
        // The progress board's figures, as both instances keep them, are the log's.
        auto figures = [](const OpStats &o) {
            return std::to_string(o.operations) + "," + std::to_string(o.firstTime) + "," + std::to_string(o.lastTime) + ","
                + std::to_string(o.lastSeq);
        };
        const std::string truth = storetest::query(m_url,
            std::string("SELECT count(*) || ',' || min(\"time\") || ',' || max(\"time\") || ',' || max(seq) FROM ops WHERE inspection = '")
                + kInspection + "'");
        QCOMPARE(figures(m_server.store->opStats().value().at(kInspection)), truth);
        QCOMPARE(figures(second.value()->opStats().value().at(kInspection)), truth);

        // A database as schema 1 left it: no count. Opening it counts what is there.
        second.value().reset();
        storetest::query(m_url,
            "ALTER TABLE inspections DROP COLUMN op_count, DROP COLUMN first_time, DROP COLUMN last_time, DROP COLUMN last_seq; "
            "DELETE FROM server_schema WHERE version = 2");
        auto reopened = ServerStore::open(m_url);
        QVERIFY2(reopened.ok(), reopened ? "" : reopened.error().message.c_str());
        QCOMPARE(reopened.value()->operationCount(), before + 3);
        QCOMPARE(figures(reopened.value()->opStats().value().at(kInspection)), truth);
        QCOMPARE(storetest::query(m_url, "SELECT max(version) FROM server_schema"), std::string("2"));
    }

    void sessionWorksOnEveryInstance()
    {
        auto other = ServerStore::open(m_url);
        QVERIFY(other.ok());
        QVERIFY(m_server.store->saveToken("hash-of-a-token", "wang.fang", nowMillis() + 60000).ok());
        auto user = other.value()->userForToken("hash-of-a-token", nowMillis());
        QVERIFY(user.ok() && user.value());
        QCOMPARE(user.value()->username, std::string("wang.fang"));
        QVERIFY(other.value()->deleteToken("hash-of-a-token").ok());
        QVERIFY(!m_server.store->userForToken("hash-of-a-token", nowMillis()).value());
    }

    void cursorNeverSkipsUnderConcurrentWriters()
    {
        auto second = ServerStore::open(m_url);
        QVERIFY(second.ok());
        ServerStore *stores[2] = {m_server.store.get(), second.value().get()};
        const ServerStore::PushDecider acceptAll
            = [](const InspectionRecord &, std::vector<Operation> &, std::vector<PushResult> &, WorkflowStatus &) {};
        const auto start = m_server.store->operationsAfter(kInspection, 0, 1000000);
        QVERIFY(start.ok());
        const std::int64_t from = start->next;

        constexpr int kWriters = 6, kBatches = 60, kBatchSize = 3;
        const char *authors[] = {"wang.fang", "zhang.wei", "li.hua"};
        std::atomic<int> running {kWriters};
        std::mutex writtenMutex;
        std::set<std::string> written;
        std::atomic<int> failures {0};
        std::vector<std::thread> writers;
        for (int w = 0; w < kWriters; ++w)
            writers.emplace_back([&, w] {
                ServerStore *store = stores[w % 2];
                const std::string author = authors[w % 3];
                const std::string device = "tablet-" + std::to_string(w);
                std::uint64_t clock = 1000;
                for (int b = 0; b < kBatches; ++b) {
                    std::vector<Operation> batch;
                    for (int k = 0; k < kBatchSize; ++k)
                        batch.push_back(note(author, device, ++clock, b * kBatchSize + k));
                    auto r = store->push(kInspection, author, batch, acceptAll, nowMillis());
                    if (!r || r->size() != batch.size()) {
                        ++failures;
                        continue;
                    }
                    std::lock_guard lock(writtenMutex);
                    for (std::size_t k = 0; k < batch.size(); ++k)
                        if (r.value()[k].status == PushStatus::Accepted)
                            written.insert(batch[k].id.toString());
                }
                --running;
            });

        // The reader pages by cursor the whole time, alternating instances, small pages.
        std::vector<std::string> read;
        std::int64_t cursor = from, lastSeq = from;
        bool ordered = true;
        int pages = 0;
        auto drain = [&](ServerStore *store) {
            auto page = store->operationsAfter(kInspection, cursor, 5);
            if (!page)
                return false;
            for (const auto &op : page->ops) {
                ordered = ordered && op.seq > lastSeq;
                lastSeq = op.seq;
                read.push_back(op.op.id.toString());
            }
            cursor = page->next;
            ++pages;
            return page->more;
        };
        while (running.load() > 0)
            drain(stores[pages % 2]);
        for (auto &t : writers)
            t.join();
        while (drain(stores[pages % 2])) { }

        QCOMPARE(failures.load(), 0);
        QCOMPARE(written.size(), std::size_t(kWriters * kBatches * kBatchSize));
        QVERIFY(ordered);
        const std::set<std::string> readSet(read.begin(), read.end());
        QCOMPARE(readSet.size(), read.size()); // nothing twice
        std::size_t missed = 0;
        for (const auto &id : written)
            missed += readSet.count(id) ? 0 : 1;
        QVERIFY2(missed == 0, (std::to_string(missed) + " operations were committed behind the reader's cursor and never read").c_str());
        QCOMPARE(readSet.size(), written.size());
        QVERIFY2(pages > 20, "the reader should have paged while the writers wrote");
        qInfo("%d pages read while %d writers on 2 instances pushed %zu operations", pages, kWriters, written.size());
    }

    void repeatOnTheOtherInstanceIsAlreadyHad()
    {
        auto second = ServerStore::open(m_url);
        QVERIFY(second.ok());
        const ServerStore::PushDecider acceptAll
            = [](const InspectionRecord &, std::vector<Operation> &, std::vector<PushResult> &, WorkflowStatus &) {};
        std::vector<Operation> batch {note("wang.fang", "tablet-r", 5000, 1), note("wang.fang", "tablet-r", 5001, 2)};
        auto first = m_server.store->push(kInspection, "wang.fang", batch, acceptAll, nowMillis());
        QVERIFY(first.ok());
        QVERIFY(first.value()[0].status == PushStatus::Accepted);
        // Sent again (the answer was lost) to the other instance, with one new operation and one
        // twice within the batch.
        std::vector<Operation> again = batch;
        again.push_back(note("wang.fang", "tablet-r", 5002, 3));
        again.push_back(again.back());
        auto second_ = second.value()->push(kInspection, "wang.fang", again, acceptAll, nowMillis());
        QVERIFY(second_.ok());
        QVERIFY(second_.value()[0].status == PushStatus::AlreadyHad);
        QVERIFY(second_.value()[1].status == PushStatus::AlreadyHad);
        QVERIFY(second_.value()[2].status == PushStatus::Accepted);
        QVERIFY(second_.value()[3].status == PushStatus::AlreadyHad);
        // Both instances see the same log.
        QCOMPARE(m_server.store->operations(kInspection).value().size(), second.value()->operations(kInspection).value().size());
    }

    void cleanupTestCase() { m_server.close(); }
};

QTEST_GUILESS_MAIN(TestPgStore)
#include "tst_pgstore.moc"
