// Seeded sampling: the same seed gives the same residents on every machine (pinned values), draws are
// permutations, replacements continue the same sequence, and draws are not biased.

#include "testutil.h"

#include <careeval/sampling.h>

#include <set>

using namespace careeval;

class TestSampling : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pinnedSequence()
    {
        // Pinned so that a change of algorithm (which would make recorded draws unverifiable) fails here.
        const auto s = drawSequence(20251125, 126, 13);
        const std::vector<std::size_t> expected {11, 113, 25, 105, 74, 123, 12, 5, 8, 51, 31, 28, 23};
        QCOMPARE(s, expected);
    }

    void reproducible_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::addColumn<int>("population");
        QTest::addColumn<int>("k");
        QTest::newRow("small home") << quint64(7) << 30 << 10;
        QTest::newRow("large home") << quint64(123456789) << 1200 << 120;
        QTest::newRow("everyone") << quint64(5) << 12 << 12;
        QTest::newRow("one") << quint64(0) << 1 << 1;
        QTest::newRow("huge seed") << quint64((1ull << 53) - 1) << 100000 << 50;
    }
    void reproducible()
    {
        QFETCH(quint64, seed);
        QFETCH(int, population);
        QFETCH(int, k);
        const Sample a = drawSample(seed, population, k, 5), b = drawSample(seed, population, k, 5);
        QCOMPARE(a.selected, b.selected);
        QCOMPARE(a.replacements, b.replacements);
        QCOMPARE(static_cast<int>(a.selected.size()), k);
        std::set<std::size_t> all(a.selected.begin(), a.selected.end());
        all.insert(a.replacements.begin(), a.replacements.end());
        QCOMPARE(all.size(), a.selected.size() + a.replacements.size()); // nobody twice
        for (auto i : all)
            QVERIFY(i < static_cast<std::size_t>(population));
        QCOMPARE(static_cast<int>(a.replacements.size()), std::min(5, population - k));
    }

    void replacementsContinueTheSequence()
    {
        const Sample s = drawSample(42, 200, 20, 3);
        const auto seq = drawSequence(42, 200, 23);
        QCOMPARE(std::vector<std::size_t>(seq.begin(), seq.begin() + 20), s.selected);
        QCOMPARE(std::vector<std::size_t>(seq.begin() + 20, seq.end()), s.replacements);
        // Drawing more later does not change who was drawn first.
        QCOMPARE(std::vector<std::size_t>(seq.begin(), seq.begin() + 20), drawSample(42, 200, 20, 0).selected);
    }

    void differentSeedsDiffer() { QVERIFY(drawSequence(1, 1000, 10) != drawSequence(2, 1000, 10)); }

    void unbiased()
    {
        // Each of 10 positions is drawn first about equally often over 20,000 seeds (chi-square, 9 dof;
        // 27.9 is the 0.1% critical value). Deterministic: the seeds are fixed.
        std::vector<int> counts(10);
        for (std::uint64_t seed = 0; seed < 20000; ++seed)
            ++counts[drawSequence(seed, 10, 1)[0]];
        double chi = 0;
        for (int c : counts)
            chi += (c - 2000.0) * (c - 2000.0) / 2000.0;
        QVERIFY2(chi < 27.9, qPrintable(QString::number(chi)));
    }

    void freshSeedsFitJson()
    {
        for (int i = 0; i < 100; ++i)
            QVERIFY(freshSeed() < (1ull << 53));
    }
};

QTEST_APPLESS_MAIN(TestSampling)
#include "tst_sampling.moc"
