// The careeval command-line tool, run as a user would: exit codes, located errors, JSON output.

#include "testutil.h"

#include <careeval/sampling.h>

#include <QProcess>
#include <QSet>

#include <QTemporaryDir>
#include <fstream>

using nlohmann::json;

class TestCli : public QObject
{
    Q_OBJECT

    struct Run {
        int code;
        QString out;
        QString err;
    };
    static Run run(const QStringList &args)
    {
        QProcess p;
        p.start(CAREEVAL_CLI, args);
        p.waitForFinished(60000);
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
    }
    static QString src(const char *rel) { return QString::fromStdString(testutil::sourcePath(rel)); }

private Q_SLOTS:
    void validateShipped()
    {
        const Run r = run({"validate", src("assets/templates/jilin-pilot-standardization.json"),
            src("assets/templates/nursing-home-quality-safety.json"), src("assets/templates/resident-satisfaction.json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.count("ok    "), 3);
        QVERIFY(r.out.contains("jilin-pilot-standardization@1.2.0"));
    }

    void validateReportsLocatedErrors()
    {
        QTemporaryDir dir;
        auto text = careeval::readFile(testutil::sourcePath("assets/templates/resident-satisfaction.json"));
        json t = json::parse(text.value());
        t["steps"][2]["sections"][0]["items"][1]["type"] = "chek";
        t["indicators"][0]["formula"] = "survey_rate() * nothing";
        const QString bad = dir.filePath("bad.json");
        std::ofstream(bad.toStdString()) << t.dump(2);
        const Run r = run({"validate", bad, src("assets/templates/resident-satisfaction.json")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains("FAIL  " + bad));
        QVERIFY(r.out.contains("ok    "));
        QVERIFY2(r.err.contains(bad + ": /steps/2/sections/0/items/1/type: unknown item type \"chek\""), qPrintable(r.err));
        QVERIFY2(r.err.contains(bad + ": /indicators/0/formula: formula refers to \"nothing\""), qPrintable(r.err));
    }

    // Issue 13: the pilot demo plus survey answers bringing satisfaction to 94% reads as a failure, in
    // words, with no excellence band, and the Chinese columns line up.
    void scoreTextPutsTheConclusionFirst()
    {
        QTemporaryDir dir;
        const QString ops = dir.filePath("ops.jsonl");
        {
            std::ofstream out(ops.toStdString());
            std::ifstream in(testutil::sourcePath("assets/demo/pilot.ops.jsonl"));
            out << in.rdbuf();
            testutil::OpBuilder b("demo-pilot-changchun-01");
            for (int i = 0; i < 37; ++i) {
                json a = {{"q_overall", i < 34 ? "satisfied" : "dissatisfied"}};
                out << careeval::serialize(
                    b.make("zhang.wei", careeval::OpKind::SurveyAdd, "extra-" + std::to_string(i), {{"answers", a}}, 1000 + i))
                    << "\n";
            }
        }
        const Run zh = run({"score", src("assets/templates/jilin-pilot-standardization.json"), ops, "--text"});
        QCOMPARE(zh.code, 0);
        QVERIFY2(zh.out.contains("结论: 不合格\n"), qPrintable(zh.out));
        QVERIFY(zh.out.contains("“服务对象满意度”未达到目标"));
        QVERIFY(!zh.out.contains("优秀"));
        QVERIFY(!zh.out.contains("fail"));
        // Every section row's figures start in the same terminal column (a Chinese character is two wide).
        QSet<int> columns;
        for (const QString &line : zh.out.split('\n'))
            if (line.contains(" / ") && line.startsWith("  ")) {
                int cells = 0;
                for (const QChar c : line.left(line.indexOf(" / ") - 5))
                    cells += c.unicode() >= 0x2E80 ? 2 : 1;
                columns.insert(cells);
            }
        QCOMPARE(columns.size(), 1);
        const Run en = run({"score", src("assets/templates/jilin-pilot-standardization.json"), ops, "--text", "--lang", "en"});
        QVERIFY2(en.out.contains("Conclusion: Fail\n"), qPrintable(en.out));
        QVERIFY(!en.out.contains("Excellent"));
    }

    void scoreDemo()
    {
        const Run r = run({"score", src("assets/templates/jilin-pilot-standardization.json"), src("assets/demo/pilot.ops.jsonl")});
        QCOMPARE(r.code, 0);
        const json out = json::parse(r.out.toStdString());
        QCOMPARE(out["inspection"], json("demo-pilot-changchun-01"));
        QCOMPARE(out["score"]["conclusion"]["status"], json("pass"));
        QCOMPARE(out["score"]["total"], json(96.0));
        QCOMPARE(out["state"]["status"], json("submitted"));
    }

    void scoreSkipsDamagedLinesAndSaysWhere()
    {
        QTemporaryDir dir;
        auto text = careeval::readFile(testutil::sourcePath("assets/demo/pilot.ops.jsonl")).value();
        const auto lines = std::count(text.begin(), text.end(), '\n');
        text.resize(text.size() - 40); // the last line cut short, as by a killed writer
        const QString ops = dir.filePath("ops.jsonl");
        std::ofstream(ops.toStdString()) << text;
        const Run r = run({"score", src("assets/templates/jilin-pilot-standardization.json"), ops});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(ops + ":" + QString::number(lines) + ": "), qPrintable(r.err));
        const json out = json::parse(r.out.toStdString());
        QCOMPARE(out["input_errors"].size(), std::size_t(1));
        QCOMPARE(out["state"]["accepted"].get<long>(), static_cast<long>(lines - 1));
    }

    void sampleMatchesTheCore()
    {
        const Run r = run({"sample", "--seed", "20251125", "--population", "126", "--k", "13", "--replacements", "2"});
        QCOMPARE(r.code, 0);
        const json out = json::parse(r.out.toStdString());
        const careeval::Sample s = careeval::drawSample(20251125, 126, 13, 2);
        QCOMPARE(out["sample"].size(), std::size_t(13));
        for (std::size_t i = 0; i < 13; ++i)
            QCOMPARE(out["sample"][i].get<std::size_t>(), s.selected[i] + 1); // people count from 1
        QCOMPARE(out["replacements"][1].get<std::size_t>(), s.replacements[1] + 1);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::newRow("no command") << QStringList {} << 2;
        QTest::newRow("unknown command") << QStringList {"frobnicate"} << 2;
        QTest::newRow("sample missing k") << QStringList {"sample", "--seed", "1", "--population", "5"} << 2;
        QTest::newRow("sample negative") << QStringList {"sample", "--seed", "-1", "--population", "5", "--k", "1"} << 2;
        QTest::newRow("sample k too big") << QStringList {"sample", "--seed", "1", "--population", "5", "--k", "6"} << 1;
        QTest::newRow("missing template file") << QStringList {"validate", "/nonexistent.json"} << 1;
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        const Run r = run(args);
        QCOMPARE(r.code, code);
        QVERIFY(!r.err.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
