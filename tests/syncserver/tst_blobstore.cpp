// The blob store in process: photos and signatures by SHA-256, resumable chunked uploads kept per
// user, verified before they become visible, within a quota, expiring when abandoned.

#include "storage/blob_store.h"
#include "storage/crypto.h"
#include "storage/object_store.h"

#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>

using namespace careeval;
using namespace careeval::server;
using O = BlobStore::Outcome;

namespace {

std::string bytes(std::size_t n, int seed)
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast<char>((static_cast<std::int64_t>(i) * 131 + seed * 7) & 0xff);
    return s;
}

constexpr std::int64_t kMax = 64LL << 20;

//! Bytes without a period (a shifted or repeated region hashes differently).
std::string noise(std::size_t n, std::uint64_t seed)
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        s[i] = static_cast<char>(seed >> 56);
    }
    return s;
}

std::string fileBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

class TestBlobStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<BlobStore> m_store;

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        std::filesystem::remove_all(m_dir.path().toStdString() + "/blobs");
        std::filesystem::remove_all(m_dir.path().toStdString() + "/uploads");
        m_store = std::make_unique<BlobStore>(m_dir.path().toStdString());
        QVERIFY(m_store->init().ok());
        m_store->setQuota(1LL << 30);
    }

    void namesAreLowerCaseSha256()
    {
        QVERIFY(BlobStore::validName(std::string(64, 'a')));
        QVERIFY(!BlobStore::validName(std::string(64, 'A')));
        QVERIFY(!BlobStore::validName(std::string(63, 'a')));
        QVERIFY(!BlobStore::validName("../" + std::string(61, 'a')));
    }

    // The incremental SHA-256 that verifies blobs, on both of its block functions: the standard's
    // vectors, agreement with libsodium's one-shot hash over every length around a block boundary and
    // over irregular cuts, a running hash saved and continued elsewhere, and junk refused as a state.
    void sha256_data()
    {
        QTest::addColumn<bool>("cpu");
        QTest::newRow("portable") << false;
        if (sha256UseCpuExtensions(true))
            QTest::newRow("cpu-extensions") << true;
        else
            qInfo("this CPU has no SHA extensions: only the portable code is tested");
    }
    void sha256()
    {
        QFETCH(bool, cpu);
        QVERIFY(sha256UseCpuExtensions(cpu));
        const auto digest = [](std::string_view data) {
            Sha256 h;
            h.update(data);
            return h.finishHex();
        };
        QCOMPARE(digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QCOMPARE(digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QCOMPARE(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        {
            Sha256 h; // a million 'a', in pieces of 1000
            const std::string piece(1000, 'a');
            for (int i = 0; i < 1000; ++i)
                h.update(piece);
            QCOMPARE(h.finishHex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
            QCOMPARE(h.finishHex(), digest("")); // finishing starts again
        }
        const std::string data = noise(1 << 20, 99);
        for (std::size_t n = 0; n <= 300; ++n)
            QCOMPARE(digest(std::string_view(data).substr(0, n)), sha256Hex(data.substr(0, n)));
        // Irregular cuts (1, 63, 64, 65, ... bytes), and the state saved and restored at each cut.
        Sha256 whole, resumed;
        std::size_t at = 0;
        for (std::size_t step = 1; at < data.size(); step = step * 7 % 4099 + 1) {
            const auto part = std::string_view(data).substr(at, step);
            whole.update(part);
            Sha256 elsewhere;
            QVERIFY(elsewhere.restore(resumed.save()));
            elsewhere.update(part);
            resumed = elsewhere;
            at += part.size();
        }
        const std::string expected = sha256Hex(data);
        QCOMPARE(whole.finishHex(), expected);
        QCOMPARE(resumed.finishHex(), expected);

        // A state saved by a server that hashed with OpenSSL (its SHA256_CTX) continues here, and ours
        // continues there: partial uploads survive the change.
        SHA256_CTX ctx;
        SHA256_Init(&ctx);
        SHA256_Update(&ctx, data.data(), 100003);
        Sha256 continued;
        QVERIFY(continued.restore(std::string_view(reinterpret_cast<const char *>(&ctx), sizeof ctx)));
        continued.update(std::string_view(data).substr(100003));
        QCOMPARE(continued.finishHex(), expected);
        Sha256 ours;
        ours.update(std::string_view(data).substr(0, 777777));
        const std::string saved = ours.save();
        QCOMPARE(saved.size(), sizeof ctx);
        std::memcpy(&ctx, saved.data(), sizeof ctx);
        SHA256_Update(&ctx, data.data() + 777777, data.size() - 777777);
        unsigned char raw[32];
        SHA256_Final(raw, &ctx);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(raw), 32).toHex().toStdString(), expected);

        // Not a running hash: refused, and the hash it was given to is unchanged.
        Sha256 kept;
        kept.update("abc");
        QVERIFY(!kept.restore(saved.substr(1)));
        QVERIFY(!kept.restore(std::string(saved.size(), '\xff')));
        std::string badCount = saved;
        badCount[32] ^= 8; // one byte more in the count than the pending bytes say
        QVERIFY(!kept.restore(badCount));
        QCOMPARE(kept.finishHex(), digest("abc"));
        sha256UseCpuExtensions(true);
    }

    // Two chunks: the first is kept (and reported) as received; the second completes and verifies.
    void chunkedUploadCompletesAndReadsBack()
    {
        const std::string data = bytes(300000, 1), sha = sha256Hex(data);
        const auto total = static_cast<std::int64_t>(data.size());
        auto r = m_store->putChunk(sha, "wang.fang", 0, total, data.substr(0, 100000), kMax);
        QCOMPARE(r.outcome, O::Stored);
        QCOMPARE(r.received, 100000);
        QCOMPARE(m_store->received(sha, "wang.fang"), 100000);
        QVERIFY(!m_store->size(sha)); // not visible before it is complete and verified
        r = m_store->putChunk(sha, "wang.fang", 100000, total, data.substr(100000), kMax);
        QCOMPARE(r.outcome, O::Complete);
        QCOMPARE(*m_store->size(sha), total);
        QCOMPARE(m_store->received(sha, "wang.fang"), 0); // the partial is gone
        auto part = m_store->read(sha, 1000, 5000);
        QVERIFY(part.ok());
        QCOMPARE(part.value(), data.substr(1000, 5000));
        // Uploading a stored blob again is a no-op for one who may know it exists.
        r = m_store->putChunk(sha, "zhang.wei", 0, total, data.substr(0, 10), kMax, true);
        QCOMPARE(r.outcome, O::Complete);
        // One who may not know it is stored uploads it like any other: the bytes prove possession.
        r = m_store->putChunk(sha, "zhang.wei", 0, total, data.substr(0, 10), kMax, false);
        QCOMPARE(r.outcome, O::Stored);
        QCOMPARE(r.received, 10);
    }

    void wrongOffsetSaysWhereToContinue()
    {
        const std::string data = bytes(5000, 2), sha = sha256Hex(data);
        QCOMPARE(m_store->putChunk(sha, "u", 0, 5000, data.substr(0, 2000), kMax).outcome, O::Stored);
        const auto r = m_store->putChunk(sha, "u", 3000, 5000, data.substr(3000), kMax);
        QCOMPARE(r.outcome, O::OffsetMismatch);
        QCOMPARE(r.received, 2000);
        QVERIFY(r.message.find("2000") != std::string::npos);
        QCOMPARE(m_store->putChunk(sha, "u", 2000, 5000, data.substr(2000), kMax).outcome, O::Complete);
    }

    // Bytes that do not hash to the name are discarded; nothing becomes visible.
    void hashMismatchDiscards()
    {
        const std::string data = bytes(4096, 3);
        const std::string wrongName = sha256Hex("something else");
        const auto r = m_store->putChunk(wrongName, "u", 0, 4096, data, kMax);
        QCOMPARE(r.outcome, O::HashMismatch);
        QVERIFY(!m_store->size(wrongName));
        QCOMPARE(m_store->received(wrongName, "u"), 0);
    }

    // One user's unfinished upload is theirs: another's final chunk with a smaller total, or a
    // wrong one, never discards or continues it.
    void partialsAreKeptPerUser()
    {
        const std::string data = bytes(10000, 4), sha = sha256Hex(data);
        QCOMPARE(m_store->putChunk(sha, "alice", 0, 10000, data.substr(0, 6000), kMax).outcome, O::Stored);
        const auto mallory = m_store->putChunk(sha, "mallory", 0, 100, data.substr(0, 100), kMax);
        QCOMPARE(mallory.outcome, O::HashMismatch);
        QCOMPARE(m_store->received(sha, "alice"), 6000);
        QCOMPARE(m_store->received(sha, "mallory"), 0);
        QCOMPARE(m_store->putChunk(sha, "alice", 6000, 10000, data.substr(6000), kMax).outcome, O::Complete);
    }

    void quotaAndSizeLimits()
    {
        m_store->setQuota(50000);
        const std::string a = bytes(40000, 5), b = bytes(20000, 6);
        QCOMPARE(m_store->putChunk(sha256Hex(a), "u", 0, 40000, a.substr(0, 39000), kMax).outcome, O::Stored);
        // What the user's unfinished uploads hold, with the new blob's whole size: 39,000 + 20,000
        // is past the quota, so the bytes on disk can never exceed it.
        const auto r = m_store->putChunk(sha256Hex(b), "u", 0, 20000, b.substr(0, 1000), kMax);
        QCOMPARE(r.outcome, O::TooLarge);
        QVERIFY(r.message.find("per user") != std::string::npos);
        // Another user's quota is their own.
        QCOMPARE(m_store->putChunk(sha256Hex(b), "v", 0, 20000, b.substr(0, 1000), kMax).outcome, O::Stored);
        // A blob larger than the per-photo limit, or a chunk past its total, is refused.
        QCOMPARE(m_store->putChunk(sha256Hex(b), "w", 0, 20000, b, 10000).outcome, O::TooLarge);
        QCOMPARE(m_store->putChunk(sha256Hex(b), "w", 0, 100, b.substr(0, 200), kMax).outcome, O::TooLarge);
    }

    void abandonedUploadsExpire()
    {
        const std::string old = bytes(3000, 7), fresh = bytes(3000, 8);
        QCOMPARE(m_store->putChunk(sha256Hex(old), "u", 0, 3000, old.substr(0, 1000), kMax).outcome, O::Stored);
        QCOMPARE(m_store->putChunk(sha256Hex(fresh), "u", 0, 3000, fresh.substr(0, 1000), kMax).outcome, O::Stored);
        // Age the first upload's files by three days.
        namespace fs = std::filesystem;
        for (const auto &e : fs::recursive_directory_iterator(m_dir.path().toStdString() + "/uploads"))
            if (e.is_regular_file() && e.path().filename().string().rfind(sha256Hex(old), 0) == 0)
                fs::last_write_time(e.path(), fs::file_time_type::clock::now() - std::chrono::hours(72));
        QCOMPARE(m_store->expire(48 * 3600), 1);
        QCOMPARE(m_store->received(sha256Hex(old), "u"), 0);
        QCOMPARE(m_store->received(sha256Hex(fresh), "u"), 1000);
    }

    // A streamed chunk cut midway keeps what arrived; the upload continues right after it.
    void streamedChunkCutResumes()
    {
        const std::string data = bytes(200000, 9), sha = sha256Hex(data);
        BlobStore::ChunkResult refusal;
        {
            auto up = m_store->begin(sha, "u", 0, 200000, 200000, kMax, refusal);
            QVERIFY(up);
            QVERIFY(up->write(data.data(), 70000));
            QVERIFY(up->write(data.data() + 70000, 30000));
            QCOMPARE(up->written(), 100000);
        } // dropped without finish(): the connection was cut
        QCOMPARE(m_store->received(sha, "u"), 100000);
        auto up = m_store->begin(sha, "u", 100000, 200000, 100000, kMax, refusal);
        QVERIFY(up);
        QVERIFY(up->write(data.data() + 100000, 100000));
        const auto r = up->finish();
        QCOMPARE(r.outcome, O::Complete);
        QCOMPARE(*m_store->size(sha), 200000);
    }

    // A newer upload of the same blob by the same user takes over from one still hanging.
    void newerUploadTakesOver()
    {
        const std::string data = bytes(50000, 10), sha = sha256Hex(data);
        BlobStore::ChunkResult refusal;
        auto older = m_store->begin(sha, "u", 0, 50000, 50000, kMax, refusal);
        QVERIFY(older);
        QVERIFY(older->write(data.data(), 10000));
        auto newer = m_store->begin(sha, "u", 10000, 50000, 40000, kMax, refusal);
        QVERIFY(newer);
        QVERIFY(!older->write(data.data() + 10000, 1000));
        QCOMPARE(older->finish().outcome, O::OffsetMismatch);
        QVERIFY(newer->write(data.data() + 10000, 40000));
        QCOMPARE(newer->finish().outcome, O::Complete);
    }

    // Chunks of 1 MiB and more are hashed on a thread of their own, reading back what was written:
    // the same blob, the same verdicts — complete, cut and resumed, taken over, a byte changed, the
    // store reopened between chunks (the saved state), a last chunk too small to be hashed aside.
    void largeChunksHashedAsideStillVerify_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("complete") << 0;
        QTest::newRow("cut mid-chunk, resumed") << 1;
        QTest::newRow("a byte changed") << 2;
        QTest::newRow("taken over mid-chunk") << 3;
        QTest::newRow("store reopened between chunks") << 4;
    }
    void largeChunksHashedAsideStillVerify()
    {
        QFETCH(int, mode);
        const std::size_t total = 3 * 1536 * 1024 + 300000, chunk = 1536 * 1024, piece = 65536 + 17;
        const std::string data = noise(total, 42 + static_cast<std::uint64_t>(mode)), sha = sha256Hex(data);
        std::string sent = data;
        if (mode == 2)
            sent[chunk + 777777] ^= 0x20;
        BlobStore::ChunkResult refusal, last;
        auto stream = [&](BlobStore::Upload &up, std::size_t from, std::size_t to) {
            for (std::size_t at = from; at < to; at += piece)
                if (!up.write(sent.data() + at, std::min(piece, to - at)))
                    return false;
            return true;
        };
        std::size_t at = 0;
        int round = 0;
        bool reopen = false;
        while (at < total) {
            if (reopen) { // as after a restart: the next chunk finds only what is on disk
                m_store = std::make_unique<BlobStore>(m_dir.path().toStdString());
                QVERIFY(m_store->init().ok());
                m_store->setQuota(1LL << 30);
                reopen = false;
            }
            const std::size_t len = std::min(chunk, total - at);
            auto up = m_store->begin(
                sha, "u", static_cast<std::int64_t>(at), static_cast<std::int64_t>(total), static_cast<std::int64_t>(len), kMax, refusal);
            QVERIFY2(up, refusal.message.c_str());
            if (round++ == 1 && mode == 1) {
                QVERIFY(stream(*up, at, at + 700001));
                up.reset(); // the connection is cut
                at = static_cast<std::size_t>(m_store->received(sha, "u"));
                QCOMPARE(at, chunk + 700001);
                continue;
            }
            if (round == 2 && mode == 3) {
                QVERIFY(stream(*up, at, at + 500000));
                const std::size_t from = at + 500000;
                auto newer = m_store->begin(sha, "u", static_cast<std::int64_t>(from), static_cast<std::int64_t>(total),
                    static_cast<std::int64_t>(chunk - 500000), kMax, refusal);
                QVERIFY(newer);
                QVERIFY(!up->write(sent.data() + from, 1000));
                QCOMPARE(up->finish().outcome, O::OffsetMismatch);
                up.reset();
                QVERIFY(stream(*newer, from, at + chunk));
                last = newer->finish();
                QCOMPARE(last.outcome, O::Stored);
                at += chunk;
                continue;
            }
            QVERIFY(stream(*up, at, at + len));
            last = up->finish();
            at += len;
            if (at < total) {
                QCOMPARE(last.outcome, O::Stored);
                QCOMPARE(last.received, static_cast<std::int64_t>(at));
                reopen = mode == 4;
            }
        }
        if (mode == 2) {
            QCOMPARE(last.outcome, O::HashMismatch);
            QVERIFY(!m_store->size(sha));
            return;
        }
        QCOMPARE(last.outcome, O::Complete);
        QCOMPARE(*m_store->size(sha), static_cast<std::int64_t>(total));
        QVERIFY(fileBytes(*m_store->localPath(sha)) == data);
    }

    // A chunk's hasher waits a moment for the next chunk; left alone, it saves the running hash
    // beside the partial file (as a chunk hashed on its own thread does), for the next chunk.
    void aLingeringHasherSavesTheRunningHash()
    {
        const std::size_t total = 2 * 1200 * 1024;
        const std::string data = noise(total, 7), sha = sha256Hex(data);
        BlobStore::ChunkResult refusal;
        {
            auto up = m_store->begin(sha, "u", 0, total, total / 2, kMax, refusal);
            QVERIFY(up);
            QVERIFY(up->write(data.data(), total / 2));
            QCOMPARE(up->finish().outcome, O::Stored);
        }
        const std::string part = m_dir.path().toStdString() + "/uploads/" + sha256Hex("u").substr(0, 24) + "/" + sha + ".part";
        const std::string state = part + ".sha";
        QTRY_VERIFY_WITH_TIMEOUT(std::filesystem::exists(state), 10000);
        std::int64_t at = 0;
        const std::string saved = fileBytes(state);
        QVERIFY(saved.size() > 8);
        std::memcpy(&at, saved.data(), 8);
        QCOMPARE(at, static_cast<std::int64_t>(total / 2));
        auto up = m_store->begin(sha, "u", total / 2, total, total / 2, kMax, refusal);
        QVERIFY(up);
        QVERIFY(up->write(data.data() + total / 2, total / 2));
        QCOMPARE(up->finish().outcome, O::Complete);
        QVERIFY(fileBytes(*m_store->localPath(sha)) == data);
    }

    // --blobs s3://…: what is wrong with a location is said before the server starts; credentials
    // come from the environment only.
    void objectStoreLocations()
    {
        ::setenv("AWS_ACCESS_KEY_ID", "id", 1);
        ::setenv("AWS_SECRET_ACCESS_KEY", "secret", 1);
        auto ok = ObjectStore::parse("s3://photos?endpoint=http%3A%2F%2F10.0.0.5%3A9000/&region=cn-north-1&prefix=p/");
        QVERIFY(ok.ok());
        QCOMPARE(ok->bucket, std::string("photos"));
        QCOMPARE(ok->endpoint, std::string("http://10.0.0.5:9000"));
        QCOMPARE(ok->region, std::string("cn-north-1"));
        QCOMPARE(ok->prefix, std::string("p/"));
        QCOMPARE(ok->accessKey, std::string("id"));
        QCOMPARE(ObjectStore(ok.value()).describe(std::string(64, 'a')), "http://10.0.0.5:9000/photos/p/" + std::string(64, 'a'));
        auto plain = ObjectStore::parse("s3://photos?endpoint=https://s3.example.cn");
        QVERIFY(plain.ok());
        QCOMPARE(plain->region, std::string("us-east-1"));
        QCOMPARE(plain->prefix, std::string("blobs/"));
        const std::pair<const char *, const char *> bad[] = {
            {"/var/lib/photos", "s3://"},
            {"s3://?endpoint=http://h", "bucket"},
            {"s3://a/b?endpoint=http://h", "bucket"},
            {"s3://photos", "endpoint"},
            {"s3://photos?endpoint=ftp://h", "endpoint"},
            {"s3://photos?endpoint=http://h&regoin=x", "regoin"},
            {"s3://photos?endpoint=http://h&region=", "region"},
        };
        for (const auto &[location, named] : bad) {
            auto r = ObjectStore::parse(location);
            QVERIFY2(!r.ok(), location);
            QVERIFY2(r.error().message.find(named) != std::string::npos, r.error().message.c_str());
        }
        ::unsetenv("AWS_SECRET_ACCESS_KEY");
        auto noSecret = ObjectStore::parse("s3://photos?endpoint=http://h");
        QVERIFY(!noSecret.ok());
        QVERIFY(noSecret.error().message.find("AWS_SECRET_ACCESS_KEY") != std::string::npos);
        ::unsetenv("AWS_ACCESS_KEY_ID");
    }
};

QTEST_GUILESS_MAIN(TestBlobStore)
#include "tst_blobstore.moc"
