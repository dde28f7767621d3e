// What the tray tells about blocked hosts (BlockedHostNotifier, no tray needed): a host denied
// for the first time in a run is announced at once, then at most one announcement per
// interval with the hosts blocked meanwhile summarised ("and 2 more"); allowed requests and
// repeated denials say nothing; learning mode announces nothing, collects the denied hosts
// and offers them when it ends or the run ends; a new run starts afresh.

#include "blockedhostnotifier.h"

#include <QSignalSpy>
#include <QTest>

using namespace ocs;
using ocs::tray::BlockedHostNotifier;

namespace {
NetworkDecision decision(const QString &host, bool allowed = false)
{
    NetworkDecision d;
    d.time = QDateTime::currentDateTimeUtc();
    d.allowed = allowed;
    d.host = host;
    d.port = 443;
    d.method = QStringLiteral("CONNECT");
    d.rule = allowed ? QStringLiteral("whitelist ") + host : QStringLiteral("not whitelisted");
    return d;
}

QString titleOf(const QSignalSpy &spy, int i)
{
    return spy.at(i).at(0).toString();
}
QString hostOf(const QSignalSpy &spy, int i)
{
    return spy.at(i).at(2).toString();
}
} // namespace

class TestBlockedHostNotifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstDenialAtOnceThenRateLimited()
    {
        BlockedHostNotifier n(QStringLiteral("alpha"));
        n.setInterval(std::chrono::milliseconds(1000));
        QSignalSpy spy(&n, &BlockedHostNotifier::announce);

        n.addDecision(decision(QStringLiteral("a.test")));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(titleOf(spy, 0), QStringLiteral("alpha: a.test was blocked"));
        QCOMPARE(hostOf(spy, 0), QStringLiteral("a.test"));
        QVERIFY(!spy.at(0).at(1).toString().isEmpty());

        // The same host again, and allowed requests: nothing new.
        n.addDecision(decision(QStringLiteral("a.test")));
        n.addDecision(decision(QStringLiteral("ok.test"), true));
        // Three new hosts within the interval: held back, then one announcement.
        n.addDecision(decision(QStringLiteral("b.test")));
        n.addDecision(decision(QStringLiteral("c.test")));
        n.addDecision(decision(QStringLiteral("b.test")));
        n.addDecision(decision(QStringLiteral("d.test")));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(n.pending(), QStringList({QStringLiteral("b.test"), QStringLiteral("c.test"),
                                           QStringLiteral("d.test")}));
        QTest::qWait(150);
        QCOMPARE(spy.count(), 1); // not before the interval ends
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 4000);
        QCOMPARE(titleOf(spy, 1), QStringLiteral("alpha: b.test and 2 more were blocked"));
        QCOMPARE(hostOf(spy, 1), QStringLiteral("b.test"));
        QVERIFY(n.pending().isEmpty());

        // Right after an announcement the next host waits for the interval too.
        n.addDecision(decision(QStringLiteral("e.test")));
        QCOMPARE(spy.count(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 3, 4000);
        QCOMPARE(titleOf(spy, 2), QStringLiteral("alpha: e.test was blocked"));

        // After a quiet interval a new host is announced at once again.
        QTest::qWait(1100);
        n.addDecision(decision(QStringLiteral("f.test")));
        QCOMPARE(spy.count(), 4);
        QCOMPARE(titleOf(spy, 3), QStringLiteral("alpha: f.test was blocked"));
    }

    void defaultIntervalIsTenSeconds()
    {
        BlockedHostNotifier n(QStringLiteral("alpha"));
        QSignalSpy spy(&n, &BlockedHostNotifier::announce);
        n.addDecision(decision(QStringLiteral("a.test")));
        n.addDecision(decision(QStringLiteral("b.test")));
        QTest::qWait(300);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(BlockedHostNotifier::DefaultInterval, std::chrono::milliseconds(10000));
    }

    void learningSuppressesAndCollects()
    {
        BlockedHostNotifier n(QStringLiteral("beta"));
        n.setInterval(std::chrono::milliseconds(200));
        QSignalSpy spy(&n, &BlockedHostNotifier::announce);
        QSignalSpy learned(&n, &BlockedHostNotifier::learningFinished);

        n.setLearning(true);
        QVERIFY(n.isLearning());
        n.addDecision(decision(QStringLiteral("x.test")));
        n.addDecision(decision(QStringLiteral("y.test")));
        n.addDecision(decision(QStringLiteral("x.test")));
        n.addDecision(decision(QStringLiteral("z.test")));
        // z was allowed meanwhile (the user allowed it): not offered any more.
        n.addDecision(decision(QStringLiteral("z.test"), true));
        QTest::qWait(300);
        QCOMPARE(spy.count(), 0);
        QCOMPARE(n.collected(), QStringList({QStringLiteral("x.test"), QStringLiteral("y.test")}));

        n.setLearning(false);
        QCOMPARE(learned.count(), 1);
        QCOMPARE(learned.at(0).at(0).toStringList(),
                 QStringList({QStringLiteral("x.test"), QStringLiteral("y.test")}));
        QVERIFY(n.collected().isEmpty());
        // Hosts learned are not announced afterwards; a new one is.
        n.addDecision(decision(QStringLiteral("x.test")));
        QCOMPARE(spy.count(), 0);
        n.addDecision(decision(QStringLiteral("w.test")));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(titleOf(spy, 0), QStringLiteral("beta: w.test was blocked"));

        // Nothing collected: turning learning off offers nothing.
        n.setLearning(true);
        n.setLearning(false);
        QCOMPARE(learned.count(), 1);
    }

    void learningTakesOverWhatIsPending()
    {
        BlockedHostNotifier n(QStringLiteral("gamma"));
        n.setInterval(std::chrono::milliseconds(200));
        QSignalSpy spy(&n, &BlockedHostNotifier::announce);
        n.addDecision(decision(QStringLiteral("a.test")));
        n.addDecision(decision(QStringLiteral("b.test")));
        QCOMPARE(spy.count(), 1);
        n.setLearning(true);
        QTest::qWait(350);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(n.collected(), QStringList{QStringLiteral("b.test")});
    }

    void endOfRunOffersAndStartsAfresh()
    {
        BlockedHostNotifier n(QStringLiteral("delta"));
        n.setInterval(std::chrono::milliseconds(200));
        QSignalSpy spy(&n, &BlockedHostNotifier::announce);
        QSignalSpy learned(&n, &BlockedHostNotifier::learningFinished);
        n.addDecision(decision(QStringLiteral("a.test")));
        n.setLearning(true);
        n.addDecision(decision(QStringLiteral("b.test")));
        n.finishRun();
        QCOMPARE(learned.count(), 1);
        QCOMPARE(learned.at(0).at(0).toStringList(), QStringList{QStringLiteral("b.test")});
        QVERIFY(!n.isLearning());

        // The next run: a.test is new again, and announced at once.
        QTest::qWait(250);
        n.addDecision(decision(QStringLiteral("a.test")));
        QCOMPARE(spy.count(), 2);
        QCOMPARE(hostOf(spy, 1), QStringLiteral("a.test"));
    }
};

QTEST_MAIN(TestBlockedHostNotifier)
#include "tst_blockedhostnotifier.moc"
