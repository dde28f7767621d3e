#include "network/decisionlog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace ocs;
using namespace Qt::StringLiterals;

// The decision log as the proxy in the sandbox writes it (recorded samples in
// data/decision-log): a process in the sandbox writes it, so bad lines are skipped, never
// trusted.
class TestDecisionLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesTheContractsLine();
    void rejects_data();
    void rejects();
    void toJsonIsTheLogsFormat();
    void readsTheRotatedFileFirst();
    void skipsGarbage();
    void keepsTheNewestDecisionsOnly();
    void activityFromCounts();
    void activityFallsBackToDecisions();
    void activityOfNothing();
    void followerReportsOnlyNewDecisions();
    void followerWaitsForTheEndOfALine();
    void followerSurvivesRotation();
    void followerSurvivesTruncation();
    void followerSkipsAHugeLine();
    void followerWaitsForTheFile();
    void followerIsWokenByChangesNotByATimer();
    void readsNoFifoNorLink();
};

static QString sample(const char *name)
{
    return QStringLiteral(OCS_DECISION_LOG_DATA "/") + QString::fromUtf8(name);
}

static QByteArray line(const char *time, const char *decision, const char *host,
                       const char *rule = "not whitelisted", int port = 443)
{
    return QStringLiteral(R"({"time":"%1","decision":"%2","host":"%3","port":%4,)"
                          R"("method":"CONNECT","rule":"%5"})")
        .arg(QString::fromUtf8(time), QString::fromUtf8(decision), QString::fromUtf8(host))
        .arg(port)
        .arg(QString::fromUtf8(rule))
        .toUtf8();
}

static void append(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
    QCOMPARE(f.write(bytes), bytes.size());
}

static QStringList hosts(const QList<NetworkDecision> &ds)
{
    QStringList out;
    for (const NetworkDecision &d : ds)
        out << d.host;
    return out;
}

static QStringList hosts(const QList<QVariantList> &signals_)
{
    QStringList out;
    for (const QVariantList &args : signals_)
        out << args.at(0).value<NetworkDecision>().host;
    return out;
}

void TestDecisionLog::parsesTheContractsLine()
{
    const auto d = DecisionLog::parseLine(
        R"({"time":"2026-12-03T18:00:00.123Z","decision":"denied","host":"x.test","port":443,)"
        R"("method":"CONNECT","rule":"not whitelisted"})");
    QVERIFY(d);
    QCOMPARE(d->time, QDateTime(QDate(2026, 12, 3), QTime(18, 0, 0, 123), Qt::UTC));
    QCOMPARE(d->time.timeSpec(), Qt::UTC);
    QVERIFY(!d->allowed);
    QCOMPARE(d->host, QStringLiteral("x.test"));
    QCOMPARE(d->port, 443);
    QCOMPARE(d->method, QStringLiteral("CONNECT"));
    QCOMPARE(d->rule, QStringLiteral("not whitelisted"));
    const auto a = DecisionLog::parseLine(line("2026-12-03T18:00:00.000Z", "allowed", "a.test",
                                               "tls: server name differs: b.test", 80));
    QVERIFY(a);
    QVERIFY(a->allowed);
    QCOMPARE(a->port, 80);
    QCOMPARE(a->rule, QStringLiteral("tls: server name differs: b.test"));
}

void TestDecisionLog::rejects_data()
{
    QTest::addColumn<QByteArray>("line");
    const QByteArray good = line("2026-12-03T18:00:00.000Z", "denied", "x.test");
    QVERIFY(DecisionLog::parseLine(good)); // the positive control of every row below
    const auto with = [&good](const char *from, const char *to) {
        QByteArray l = good;
        l.replace(from, to);
        return l;
    };
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not json") << QByteArray("denied x.test");
    QTest::newRow("array") << QByteArray("[1]");
    QTest::newRow("cut") << good.left(good.size() - 3);
    QTest::newRow("decision") << with("\"denied\"", "\"blocked\"");
    QTest::newRow("decision not a string") << with("\"denied\"", "false");
    QTest::newRow("time") << with("2026-12-03T18:00:00.000Z", "yesterday");
    QTest::newRow("port out of range") << with(":443", ":65536");
    QTest::newRow("port negative") << with(":443", ":-1");
    QTest::newRow("port fraction") << with(":443", ":443.5");
    QTest::newRow("port as text") << with(":443", ":\"443\"");
    QTest::newRow("no host") << with("\"host\":\"x.test\",", "");
    QTest::newRow("empty host") << with("\"x.test\"", "\"\"");
    QTest::newRow("host with an escape") << with("x.test", "x\\u001b[2J.test");
    QTest::newRow("host with a line break") << with("x.test", "x\\n.test");
    QTest::newRow("host with a direction override") << with("x.test", "x\\u202e.test");
    QTest::newRow("host with a space") << with("x.test", "x test");
    QTest::newRow("host too long") << with("x.test", QByteArray(300, 'a').constData());
    QTest::newRow("method") << with("CONNECT", "connect");
    QTest::newRow("method with an escape") << with("CONNECT", "GET\\u001b");
    QTest::newRow("no rule") << with(",\"rule\":\"not whitelisted\"", "");
    QTest::newRow("rule with an escape") << with("not whitelisted", "not\\u001bwhitelisted");
    QByteArray huge = good;
    huge.insert(huge.size() - 1, QByteArray(DecisionLog::MaxLineBytes, ' '));
    QTest::newRow("longer than a line may be") << huge;
}

void TestDecisionLog::rejects()
{
    QFETCH(QByteArray, line);
    QVERIFY(!DecisionLog::parseLine(line));
}

void TestDecisionLog::toJsonIsTheLogsFormat()
{
    NetworkDecision d;
    d.time = QDateTime(QDate(2026, 12, 3), QTime(18, 0, 0, 123), Qt::UTC);
    d.allowed = false;
    d.host = QStringLiteral("x.test");
    d.port = 443;
    d.method = QStringLiteral("CONNECT");
    d.rule = QStringLiteral("not whitelisted");
    QCOMPARE(
        DecisionLog::toJson(d),
        QByteArray(R"({"time":"2026-12-03T18:00:00.123Z","decision":"denied",)"
                   R"("host":"x.test","port":443,"method":"CONNECT","rule":"not whitelisted"})"));
    d.allowed = true;
    d.rule = QStringLiteral("whitelist \"odd\"");
    const auto back = DecisionLog::parseLine(DecisionLog::toJson(d));
    QVERIFY(back);
    QVERIFY(back->allowed);
    QCOMPARE(back->rule, d.rule);
    QCOMPARE(back->time, d.time);
}

void TestDecisionLog::readsTheRotatedFileFirst()
{
    // decisions.1.jsonl (older) then decisions.jsonl; its last line is still being written.
    const QList<NetworkDecision> ds = DecisionLog(sample("rotated")).decisions();
    QCOMPARE(hosts(ds),
             (QStringList{QStringLiteral("api.github.com"), QStringLiteral("tracker.test"),
                          QStringLiteral("tracker.test"), QStringLiteral("x.test"),
                          QStringLiteral("example.com"), QStringLiteral("10.0.0.1"),
                          QStringLiteral("cdn.tracker.test")}));
    QVERIFY(ds.first().allowed);
    QCOMPARE(ds.at(4).method, QStringLiteral("GET"));
    QCOMPARE(ds.at(4).port, 80);
    QCOMPARE(ds.at(5).rule, QStringLiteral("ip address"));
    for (int i = 1; i < ds.size(); ++i)
        QVERIFY(ds.at(i - 1).time <= ds.at(i).time);
}

void TestDecisionLog::skipsGarbage()
{
    // Garbage, invalid fields, control characters, binary bytes, a line over the limit (a
    // valid decision otherwise): only the two good lines around them remain.
    const QString dir = sample("garbage");
    QFile f(dir + QStringLiteral("/decisions.jsonl"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QVERIFY(lines.size() > 15);
    bool hugeSeen = false;
    for (const QByteArray &l : lines) {
        if (l.size() > DecisionLog::MaxLineBytes) {
            hugeSeen = true;
            QVERIFY(QJsonDocument::fromJson(l).isObject()); // valid JSON, only too long
        }
    }
    QVERIFY(hugeSeen);
    QCOMPARE(hosts(DecisionLog(dir).decisions()),
             (QStringList{QStringLiteral("ok-one.test"), QStringLiteral("ok-two.test")}));
    // No rotated file and no counts.json: no problem either.
    QCOMPARE(DecisionLog(dir).activity().size(), 2);
    QCOMPARE(DecisionLog(QStringLiteral("/nonexistent/log")).decisions().size(), 0);
}

void TestDecisionLog::keepsTheNewestDecisionsOnly()
{
    QTemporaryDir tmp;
    QByteArray bytes;
    const int n = int(DecisionLog::MaxDecisions) + 25;
    for (int i = 0; i < n; ++i)
        bytes += line("2026-12-03T18:00:00.000Z", "denied",
                      QByteArray("h" + QByteArray::number(i) + ".test").constData()) +
                 '\n';
    append(tmp.filePath(QStringLiteral("decisions.jsonl")), bytes);
    const QList<NetworkDecision> ds = DecisionLog(tmp.path()).decisions();
    QCOMPARE(ds.size(), DecisionLog::MaxDecisions);
    QCOMPARE(ds.last().host, QStringLiteral("h%1.test").arg(n - 1));
    QCOMPARE(ds.first().host, QStringLiteral("h25.test"));
}

void TestDecisionLog::activityFromCounts()
{
    // counts.json's numbers (which the log's few lines could not give), the bad entries
    // skipped, the most recent first.
    const QList<HostActivity> a = DecisionLog(sample("rotated")).activity();
    QStringList names;
    for (const HostActivity &h : a)
        names << h.host;
    QCOMPARE(names,
             (QStringList{QStringLiteral("example.com"), QStringLiteral("x.test"),
                          QStringLiteral("tracker.test"), QStringLiteral("api.github.com")}));
    QCOMPARE(a.at(2).denied, 41);
    QCOMPARE(a.at(2).allowed, 0);
    QCOMPARE(a.at(2).domain, QStringLiteral("tracker.test"));
    QVERIFY(!a.at(2).lastAllowed);
    QCOMPARE(a.at(3).allowed, 120);
    QCOMPARE(a.at(3).domain, QStringLiteral("github.com"));
    QVERIFY(a.at(3).lastAllowed);
    QCOMPARE(a.at(3).lastRule, QStringLiteral("whitelist .github.com"));
    QCOMPARE(a.at(0).allowed, 3);
    QCOMPARE(a.at(0).denied, 1);
    QCOMPARE(a.at(0).last, QDateTime(QDate(2026, 12, 3), QTime(18, 0, 1), Qt::UTC));
}

void TestDecisionLog::activityFallsBackToDecisions()
{
    QTemporaryDir tmp;
    for (const char *name : {"decisions.1.jsonl", "decisions.jsonl"})
        QVERIFY(QFile::copy(sample("rotated/") + QString::fromUtf8(name),
                            tmp.filePath(QString::fromUtf8(name))));
    // A counts.json that is not one counts as missing.
    append(tmp.filePath(QStringLiteral("counts.json")), "{\"version\":1,\"hosts\":[");
    const QList<HostActivity> a = DecisionLog(tmp.path()).activity();
    QStringList names;
    for (const HostActivity &h : a)
        names << h.host;
    QCOMPARE(names,
             (QStringList{QStringLiteral("cdn.tracker.test"), QStringLiteral("10.0.0.1"),
                          QStringLiteral("example.com"), QStringLiteral("x.test"),
                          QStringLiteral("tracker.test"), QStringLiteral("api.github.com")}));
    QCOMPARE(a.at(0).domain, QStringLiteral("tracker.test"));
    QCOMPARE(a.at(4).denied, 2);
    QCOMPARE(a.at(4).allowed, 0);
    QCOMPARE(a.at(4).last, QDateTime(QDate(2026, 12, 3), QTime(17, 0, 2), Qt::UTC));
    QCOMPARE(a.at(5).allowed, 1);
    QVERIFY(a.at(5).lastAllowed);
    QCOMPARE(a.at(1).lastRule, QStringLiteral("ip address"));
}

void TestDecisionLog::activityOfNothing()
{
    QTemporaryDir tmp;
    QVERIFY(DecisionLog(tmp.path()).activity().isEmpty());
}

void TestDecisionLog::followerReportsOnlyNewDecisions()
{
    QTemporaryDir tmp;
    const QString log = tmp.filePath(QStringLiteral("decisions.jsonl"));
    append(log, line("2026-12-03T18:00:00.000Z", "denied", "old.test") + '\n');
    DecisionLogFollower follower(tmp.path());
    QSignalSpy spy(&follower, &DecisionLogFollower::decided);
    follower.start();
    append(log,
           line("2026-12-03T18:00:01.000Z", "denied", "new1.test") + '\n' + "garbage\n" +
               line("2026-12-03T18:00:02.000Z", "allowed", "new2.test", "whitelist new2.test") +
               '\n');
    QTRY_COMPARE(spy.size(), 2);
    QCOMPARE(hosts(spy), (QStringList{QStringLiteral("new1.test"), QStringLiteral("new2.test")}));
    QVERIFY(spy.at(1).at(0).value<NetworkDecision>().allowed);
    follower.stop();
    append(log, line("2026-12-03T18:00:03.000Z", "denied", "after-stop.test") + '\n');
    QTest::qWait(500);
    QCOMPARE(spy.size(), 2);
}

void TestDecisionLog::followerWaitsForTheEndOfALine()
{
    QTemporaryDir tmp;
    const QString log = tmp.filePath(QStringLiteral("decisions.jsonl"));
    append(log, QByteArray());
    DecisionLogFollower follower(tmp.path());
    QSignalSpy spy(&follower, &DecisionLogFollower::decided);
    follower.start();
    const QByteArray l = line("2026-12-03T18:00:01.000Z", "denied", "split.test");
    append(log, l.left(30));
    QTest::qWait(500); // more than two polls see the first part alone
    QCOMPARE(spy.size(), 0);
    append(log, l.mid(30) + '\n');
    QTRY_COMPARE(spy.size(), 1);
    QCOMPARE(hosts(spy), QStringList{QStringLiteral("split.test")});
}

void TestDecisionLog::followerSurvivesRotation()
{
    QTemporaryDir tmp;
    const QString log = tmp.filePath(QStringLiteral("decisions.jsonl"));
    const QString rotated = tmp.filePath(QStringLiteral("decisions.1.jsonl"));
    append(log, line("2026-12-03T18:00:00.000Z", "denied", "old.test") + '\n');
    DecisionLogFollower follower(tmp.path());
    QSignalSpy spy(&follower, &DecisionLogFollower::decided);
    follower.start();
    append(log, line("2026-12-03T18:00:01.000Z", "denied", "one.test") + '\n');
    QTRY_COMPARE(spy.size(), 1);
    // Between two polls (no event is processed here): a last line into the old file,
    // rotation, and lines into the new one (longer than the old file, so only the inode
    // tells them apart).
    append(log, line("2026-12-03T18:00:02.000Z", "denied", "two.test") + '\n');
    QVERIFY(QFile::rename(log, rotated));
    QByteArray fresh;
    for (int i = 3; i < 8; ++i)
        fresh += line("2026-12-03T18:00:03.000Z", "denied",
                      QByteArray("n" + QByteArray::number(i) + ".test").constData()) +
                 '\n';
    append(log, fresh);
    QTRY_COMPARE(spy.size(), 7);
    QCOMPARE(hosts(spy), (QStringList{QStringLiteral("one.test"), QStringLiteral("two.test"),
                                      QStringLiteral("n3.test"), QStringLiteral("n4.test"),
                                      QStringLiteral("n5.test"), QStringLiteral("n6.test"),
                                      QStringLiteral("n7.test")}));
    // And it keeps following the new file.
    append(log, line("2026-12-03T18:00:04.000Z", "denied", "later.test") + '\n');
    QTRY_COMPARE(spy.size(), 8);
    QCOMPARE(hosts(spy).last(), QStringLiteral("later.test"));
}

void TestDecisionLog::followerSurvivesTruncation()
{
    QTemporaryDir tmp;
    const QString log = tmp.filePath(QStringLiteral("decisions.jsonl"));
    QByteArray many;
    for (int i = 0; i < 5; ++i)
        many += line("2026-12-03T18:00:00.000Z", "denied", "old.test") + '\n';
    append(log, many);
    DecisionLogFollower follower(tmp.path());
    QSignalSpy spy(&follower, &DecisionLogFollower::decided);
    follower.start();
    QTest::qWait(300);
    {
        QFile f(log); // in place: the same inode, shorter
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(line("2026-12-03T18:00:01.000Z", "denied", "fresh.test") + '\n');
    }
    QTRY_COMPARE(spy.size(), 1);
    QCOMPARE(hosts(spy), QStringList{QStringLiteral("fresh.test")});
}

void TestDecisionLog::followerSkipsAHugeLine()
{
    QTemporaryDir tmp;
    const QString log = tmp.filePath(QStringLiteral("decisions.jsonl"));
    append(log, QByteArray());
    DecisionLogFollower follower(tmp.path());
    QSignalSpy spy(&follower, &DecisionLogFollower::decided);
    follower.start();
    // A valid decision padded past the limit, written in pieces over several polls.
    QByteArray huge = line("2026-12-03T18:00:01.000Z", "denied", "huge.test");
    huge.insert(huge.size() - 1, QByteArray(3 * DecisionLog::MaxLineBytes, ' '));
    append(log, huge.left(DecisionLog::MaxLineBytes + 10));
    QTest::qWait(300);
    append(log, huge.mid(DecisionLog::MaxLineBytes + 10, DecisionLog::MaxLineBytes));
    QTest::qWait(300);
    append(log, huge.mid(2 * DecisionLog::MaxLineBytes + 10) + '\n' +
                    line("2026-12-03T18:00:02.000Z", "denied", "next.test") + '\n');
    QTRY_COMPARE(spy.size(), 1);
    QTest::qWait(300);
    QCOMPARE(hosts(spy), QStringList{QStringLiteral("next.test")});
}

void TestDecisionLog::followerWaitsForTheFile()
{
    QTemporaryDir tmp;
    DecisionLogFollower follower(tmp.path());
    QSignalSpy spy(&follower, &DecisionLogFollower::decided);
    follower.start();
    QTest::qWait(300);
    append(tmp.filePath(QStringLiteral("decisions.jsonl")),
           line("2026-12-03T18:00:01.000Z", "denied", "first.test") + '\n');
    QTRY_COMPARE(spy.size(), 1);
    QCOMPARE(hosts(spy), QStringList{QStringLiteral("first.test")});
}

// An idle follower does not poll (the tray keeps one per running sandbox): the file system
// tells it about appends and rotations (issue 14, figure 4: wake-ups of the tray at rest).
void TestDecisionLog::followerIsWokenByChangesNotByATimer()
{
    QTemporaryDir tmp;
    const QString log = tmp.filePath(QStringLiteral("decisions.jsonl"));
    append(log, line("2026-12-03T18:00:00.000Z", "denied", "old.test") + '\n');
    DecisionLogFollower follower(tmp.path());
    follower.setFallbackInterval(std::chrono::hours(1));
    QSignalSpy spy(&follower, &DecisionLogFollower::decided);
    follower.start();
    QTest::qWait(1000);
    QCOMPARE(follower.polls(), 0); // idle: it did not look at all
    append(log, line("2026-12-03T18:00:01.000Z", "denied", "one.test") + '\n');
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 2000);
    // Rotation, then appends to the new file only.
    QVERIFY(QFile::rename(log, tmp.filePath(QStringLiteral("decisions.1.jsonl"))));
    append(log, line("2026-12-03T18:00:02.000Z", "denied", "two.test") + '\n');
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 2, 2000);
    QTest::qWait(200);
    append(log, line("2026-12-03T18:00:03.000Z", "denied", "three.test") + '\n');
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 3, 2000);
    QCOMPARE(hosts(spy), (QStringList{QStringLiteral("one.test"), QStringLiteral("two.test"),
                                      QStringLiteral("three.test")}));
    const int polls = follower.polls();
    QTest::qWait(1000);
    QCOMPARE(follower.polls(), polls); // and idle again
}

// The log folder is written by a process in the sandbox: a FIFO there must not hang the
// reader (the tray polls on its GUI thread), and a link must not lead it to the user's files.
void TestDecisionLog::readsNoFifoNorLink()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString outside = dir.filePath(u"outside.jsonl"_s);
    append(outside, line("2026-12-03T18:00:00.000Z", "denied", "secret.test") + '\n');
    QVERIFY(QFile::exists(outside));
    QDir().mkpath(dir.filePath(u"log"_s));
    const QString log = dir.filePath(u"log"_s);
    // Control: the same file in place of the log is read.
    QVERIFY(QFile::copy(outside, log + u"/decisions.jsonl"_s));
    QCOMPARE(hosts(DecisionLog(log).decisions()), QStringList{u"secret.test"_s});
    QVERIFY(QFile::remove(log + u"/decisions.jsonl"_s));

    QVERIFY(QFile::link(outside, log + u"/decisions.jsonl"_s));
    QVERIFY(::mkfifo(QFile::encodeName(log + u"/decisions.1.jsonl"_s).constData(), 0600) == 0);
    QVERIFY(::mkfifo(QFile::encodeName(log + u"/counts.json"_s).constData(), 0600) == 0);
    QElapsedTimer t;
    t.start();
    const DecisionLog reader(log);
    QVERIFY(reader.decisions().isEmpty());
    QVERIFY(reader.activity().isEmpty());
    DecisionLogFollower follower(log);
    QList<NetworkDecision> seen;
    connect(&follower, &DecisionLogFollower::decided, this,
            [&](const NetworkDecision &d) { seen << d; });
    follower.start();
    append(outside, line("2026-12-03T18:00:01.000Z", "denied", "later.test") + '\n');
    QTest::qWait(600);
    QVERIFY(seen.isEmpty());
    QVERIFY2(t.elapsed() < 5000, "reading a FIFO blocked");
}

QTEST_GUILESS_MAIN(TestDecisionLog)
#include "tst_decisionlog.moc"
