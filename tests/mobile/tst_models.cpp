// The app's list models under QAbstractItemModelTester, driven by real changes through the controller:
// rows fixed by the template, granular dataChanged, findings inserted and removed as items change.

#include "mobiletestutil.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace careeval;

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_tpl = mobiletest::pilotTemplate();
        m_store = mobiletest::openStore(m_dir);
        m_ctl = std::make_unique<InspectionController>();
        QVERIFY(m_ctl->open(m_store.get(), mobiletest::pilotAssignment(*m_tpl), m_tpl, "li.hua", "tab-1").ok());
        for (QAbstractItemModel *m : std::initializer_list<QAbstractItemModel *> {m_ctl->steps(), m_ctl->items(), m_ctl->findings(),
                 m_ctl->indicators(), m_ctl->missing(), m_ctl->conflicts(), m_ctl->failures()})
            m_testers.emplace_back(std::make_unique<QAbstractItemModelTester>(m, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    void cleanup()
    {
        m_testers.clear();
        m_ctl.reset();
        m_store.reset();
    }

    void stepsAreTheEightOfTheTemplate()
    {
        QCOMPARE(m_ctl->steps()->rowCount(), 8);
        const QModelIndex first = m_ctl->steps()->index(0);
        QCOMPARE(first.data(StepListModel::TitleRole).toString(), QString::fromStdString(m_tpl->steps[0].title.zh));
        QCOMPARE(first.data(StepListModel::StatusRole).toString(), QStringLiteral("todo"));
        QCOMPARE(first.data(StepListModel::TotalRole).toInt(), 6);
    }

    void itemRowsFollowTheStepAndOnlyChangedRowsSignal()
    {
        m_ctl->setCurrentStep(2); // documents
        int expected = 0;
        for (const auto &sec : m_tpl->steps[2].sections)
            expected += static_cast<int>(sec.items.size());
        QCOMPARE(m_ctl->items()->rowCount(), expected);
        QSignalSpy changed(m_ctl->items(), &QAbstractItemModel::dataChanged);
        const QString id = m_ctl->items()->index(1).data(ItemListModel::ItemIdRole).toString();
        QVERIFY(m_ctl->setAnswer(id, QStringLiteral("compliant")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        const QModelIndex row = m_ctl->items()->index(1);
        QCOMPARE(row.data(ItemListModel::ValueRole).toString(), QStringLiteral("compliant"));
        QCOMPARE(row.data(ItemListModel::StatusRole).toString(), QStringLiteral("agreed"));
        QCOMPARE(row.data(ItemListModel::NumberRole).toString(), QStringLiteral("3.1.2"));
        QVERIFY(row.data(ItemListModel::HasValueRole).toBool());
        // The step's progress moved by one.
        QCOMPARE(m_ctl->steps()->index(2).data(StepListModel::AnsweredRole).toInt(), 1);
    }

    void findByNumberAndText_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("row");
        QTest::newRow("full number") << "4.1.2" << 1;
        QTest::newRow("section.item") << "2.1" << 4;
        QTest::newRow("chinese words") << QString::fromStdString(m_tplCache()->steps[3].sections[1].items[0].label.zh).left(4) << 4;
        QTest::newRow("english words") << "site photos" << 8;
        QTest::newRow("nothing") << "no such thing at all" << -1;
    }
    void findByNumberAndText()
    {
        QFETCH(QString, query);
        QFETCH(int, row);
        m_ctl->setCurrentStep(3); // site
        QCOMPARE(m_ctl->findItem(query), row);
    }

    void hazardNonComplianceInsertsAFinding()
    {
        const Item *hazard = nullptr;
        for (const Item *item : m_tpl->items())
            if (item->hazard != Hazard::None) {
                hazard = item;
                break;
            }
        QVERIFY(hazard);
        m_ctl->setCurrentStep(hazard->stepIndex);
        QSignalSpy inserted(m_ctl->findings(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_ctl->findings(), &QAbstractItemModel::rowsRemoved);
        QVERIFY(m_ctl->setAnswer(QString::fromStdString(hazard->id), QStringLiteral("noncompliant")));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(m_ctl->findings()->rowCount(), 1);
        const QModelIndex f = m_ctl->findings()->index(0);
        QVERIFY(f.data(FindingListModel::DerivedRole).toBool());
        QCOMPARE(f.data(FindingListModel::TitleRole).toString(), QString::fromStdString(hazard->label.zh));
        QVERIFY(!f.data(FindingListModel::CompleteRole).toBool());
        QVERIFY(m_ctl->editFinding(f.data(FindingListModel::FindingIdRole).toString(), "suggestion", "整改建议"));
        QCOMPARE(m_ctl->findings()->index(0).data(FindingListModel::SuggestionRole).toString(), QStringLiteral("整改建议"));
        // Back to compliant: the derived finding is gone.
        QVERIFY(m_ctl->setAnswer(QString::fromStdString(hazard->id), QStringLiteral("compliant")));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(m_ctl->findings()->rowCount(), 0);
    }

    void indicatorsAndReasonsFollowTheReport()
    {
        QCOMPARE(m_ctl->indicators()->rowCount(), static_cast<int>(m_tpl->indicators.size()));
        const QModelIndex first = m_ctl->indicators()->index(0);
        QCOMPARE(first.data(IndicatorListModel::StatusRole).toString(), QStringLiteral("incomplete"));
        QVERIFY(m_ctl->missing()->rowCount() > 0);
        const int before = m_ctl->missing()->rowCount();
        QVERIFY(m_ctl->setAnswer("announce_team_present", 3));
        QCOMPARE(m_ctl->missing()->rowCount(), before - 1);
        QVERIFY(m_ctl->setAnswer("staff_total", 40));
        QVERIFY(m_ctl->setAnswer("staff_trained", 38));
        const QModelIndex rate = m_ctl->indicators()->index(0);
        QCOMPARE(rate.data(IndicatorListModel::ValueTextRole).toString(), QStringLiteral("95.0%"));
        QCOMPARE(rate.data(IndicatorListModel::StatusRole).toString(), QStringLiteral("fail"));
    }

private:
    std::shared_ptr<const Template> m_tplCache()
    {
        if (!m_tpl)
            m_tpl = mobiletest::pilotTemplate();
        return m_tpl;
    }
    QTemporaryDir m_dir;
    std::shared_ptr<const Template> m_tpl;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<InspectionController> m_ctl;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
