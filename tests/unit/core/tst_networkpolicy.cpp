#include "network/networkpolicy.h"

#include <QFile>
#include <QTest>

using namespace ocs;

// The host-side verdict. Its cases are shared with the proxy's helper in the container
// (tests/data/policy-cases.txt); the list edits and the grouping are the host's alone.
class TestNetworkPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sharedCases_data();
    void sharedCases();
    void defaultPortIsHttps();
    void allowed_data();
    void allowed();
    void denied_data();
    void denied();
    void deniedHostIsDeniedAfterwards();
    void domainOf_data();
    void domainOf();
};

static QStringList listField(const QString &field)
{
    const QString f = field.trimmed();
    if (f == QLatin1String("-"))
        return {};
    QStringList out;
    for (const QString &e : f.split(QLatin1Char(',')))
        out << e.trimmed();
    return out;
}

void TestNetworkPolicy::sharedCases_data()
{
    QTest::addColumn<QStringList>("whitelist");
    QTest::addColumn<QStringList>("blacklist");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("rule");
    QFile f(QStringLiteral(OCS_POLICY_CASES));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    int n = 0;
    int lineNo = 0;
    int allowedCount = 0;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        ++lineNo;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList fields = line.split(QLatin1Char('|'));
        QVERIFY2(fields.size() == 5,
                 qPrintable(QStringLiteral("line %1: %2").arg(lineNo).arg(line)));
        bool portOk = false;
        const int port = fields[3].trimmed().toInt(&portOk);
        QVERIFY2(portOk, qPrintable(QStringLiteral("line %1: port").arg(lineNo)));
        const QString expected = fields[4].trimmed();
        const QString verdict = expected.section(QLatin1Char(' '), 0, 0);
        QVERIFY2(verdict == QLatin1String("allowed") || verdict == QLatin1String("denied"),
                 qPrintable(QStringLiteral("line %1: expected").arg(lineNo)));
        allowedCount += verdict == QLatin1String("allowed");
        QTest::addRow("line %d: %s", lineNo, qPrintable(fields[2].trimmed()))
            << listField(fields[0]) << listField(fields[1]) << fields[2].trimmed() << port
            << (verdict == QLatin1String("allowed")) << expected.section(QLatin1Char(' '), 1);
        ++n;
    }
    // The file is read at all, and holds both outcomes.
    QVERIFY2(n >= 60, qPrintable(QString::number(n)));
    QVERIFY(allowedCount >= 10 && n - allowedCount >= 10);
}

void TestNetworkPolicy::sharedCases()
{
    QFETCH(QStringList, whitelist);
    QFETCH(QStringList, blacklist);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(bool, allowed);
    QFETCH(QString, rule);
    const PolicyVerdict v = networkpolicy::check(whitelist, blacklist, host, port);
    QCOMPARE(v.rule, rule);
    QCOMPARE(v.allowed, allowed);
}

void TestNetworkPolicy::defaultPortIsHttps()
{
    const QStringList white{QStringLiteral("example.com")};
    QVERIFY(networkpolicy::check(white, {}, QStringLiteral("example.com")).allowed);
    QCOMPARE(networkpolicy::check(white, {}, QStringLiteral("example.com"), 8443).rule,
             QStringLiteral("port"));
}

void TestNetworkPolicy::allowed_data()
{
    QTest::addColumn<QStringList>("whitelist");
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("subdomains");
    QTest::addColumn<QStringList>("expected");
    const auto L = [](std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *i : items)
            out << QString::fromUtf8(i);
        return out;
    };
    QTest::newRow("new name") << L({".github.com"}) << QStringLiteral("x.test") << false
                              << L({".github.com", "x.test"});
    QTest::newRow("new domain") << L({".github.com"}) << QStringLiteral("x.test") << true
                                << L({".github.com", ".x.test"});
    QTest::newRow("normalised") << L({}) << QStringLiteral("X.Test.") << false << L({"x.test"});
    QTest::newRow("already exact")
        << L({"x.test", "a.test"}) << QStringLiteral("x.test") << false << L({"x.test", "a.test"});
    QTest::newRow("already exact, other case")
        << L({"X.TEST"}) << QStringLiteral("x.test") << false << L({"X.TEST"});
    QTest::newRow("covered by a wider entry")
        << L({".github.com"}) << QStringLiteral("api.github.com") << false << L({".github.com"});
    QTest::newRow("domain covered by a wider entry")
        << L({".github.com"}) << QStringLiteral("api.github.com") << true << L({".github.com"});
    QTest::newRow("domain already")
        << L({".x.test"}) << QStringLiteral("x.test") << true << L({".x.test"});
    QTest::newRow("exact does not cover the domain")
        << L({"x.test"}) << QStringLiteral("x.test") << true << L({".x.test"});
    QTest::newRow("the domain drops what it covers")
        << L({"a.x.test", "b.test", ".c.x.test", "x.test", "notx.test"}) << QStringLiteral("x.test")
        << true << L({"b.test", "notx.test", ".x.test"});
    QTest::newRow("an exact name drops nothing else")
        << L({"a.x.test", "b.test"}) << QStringLiteral("x.test") << false
        << L({"a.x.test", "b.test", "x.test"});
}

void TestNetworkPolicy::allowed()
{
    QFETCH(QStringList, whitelist);
    QFETCH(QString, host);
    QFETCH(bool, subdomains);
    QFETCH(QStringList, expected);
    const QStringList result = networkpolicy::allowed(whitelist, host, subdomains);
    QCOMPARE(result, expected);
    QVERIFY(networkpolicy::check(result, {}, host).allowed);
    if (subdomains)
        QVERIFY(networkpolicy::check(result, {}, QStringLiteral("deep.below.") + host).allowed);
}

void TestNetworkPolicy::denied_data()
{
    QTest::addColumn<QStringList>("whitelist");
    QTest::addColumn<QStringList>("blacklist");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QStringList>("expectedWhite");
    QTest::addColumn<QStringList>("expectedBlack");
    const auto L = [](std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *i : items)
            out << QString::fromUtf8(i);
        return out;
    };
    QTest::newRow("exact entry removed")
        << L({"a.test", "x.test", "b.test"}) << L({}) << QStringLiteral("x.test")
        << L({"a.test", "b.test"}) << L({});
    QTest::newRow("every spelling of it removed")
        << L({"X.test", "a.test", "x.test."}) << L({}) << QStringLiteral("x.test") << L({"a.test"})
        << L({});
    QTest::newRow("a wider entry still allows it: blacklisted")
        << L({".github.com"}) << L({}) << QStringLiteral("Gist.GitHub.com") << L({".github.com"})
        << L({"gist.github.com"});
    QTest::newRow("exact and wider entries")
        << L({"gist.github.com", ".github.com"}) << L({"other.test"})
        << QStringLiteral("gist.github.com") << L({".github.com"})
        << L({"other.test", "gist.github.com"});
    QTest::newRow("the domain's own entry is wider than the name")
        << L({".x.test"}) << L({}) << QStringLiteral("x.test") << L({".x.test"}) << L({"x.test"});
    QTest::newRow("not allowed: unchanged")
        << L({"a.test"}) << L({}) << QStringLiteral("x.test") << L({"a.test"}) << L({});
    QTest::newRow("already blacklisted: unchanged")
        << L({".github.com"}) << L({".gist.github.com"}) << QStringLiteral("a.gist.github.com")
        << L({".github.com"}) << L({".gist.github.com"});
}

void TestNetworkPolicy::denied()
{
    QFETCH(QStringList, whitelist);
    QFETCH(QStringList, blacklist);
    QFETCH(QString, host);
    QFETCH(QStringList, expectedWhite);
    QFETCH(QStringList, expectedBlack);
    const auto [white, black] = networkpolicy::denied(whitelist, blacklist, host);
    QCOMPARE(white, expectedWhite);
    QCOMPARE(black, expectedBlack);
}

void TestNetworkPolicy::deniedHostIsDeniedAfterwards()
{
    // Whatever the lists, a denied host is denied, and its siblings keep their verdict.
    const QStringList white{QStringLiteral(".github.com"), QStringLiteral("api.github.com"),
                            QStringLiteral("x.test")};
    for (const QString &host : {QStringLiteral("api.github.com"), QStringLiteral("github.com"),
                                QStringLiteral("x.test"), QStringLiteral("y.test")}) {
        const auto [w, b] = networkpolicy::denied(white, {}, host);
        QVERIFY2(!networkpolicy::check(w, b, host).allowed, qPrintable(host));
        QVERIFY(networkpolicy::check(w, b, QStringLiteral("raw.github.com")).allowed);
    }
}

void TestNetworkPolicy::domainOf_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("domain");
    QTest::newRow("two labels") << QStringLiteral("github.com") << QStringLiteral("github.com");
    QTest::newRow("three") << QStringLiteral("api.github.com") << QStringLiteral("github.com");
    QTest::newRow("deep") << QStringLiteral("a.b.c.example.org") << QStringLiteral("example.org");
    QTest::newRow("case, trailing dot")
        << QStringLiteral("API.GitHub.com.") << QStringLiteral("github.com");
    QTest::newRow("co.uk") << QStringLiteral("www.bbc.co.uk") << QStringLiteral("bbc.co.uk");
    QTest::newRow("com.au") << QStringLiteral("a.b.example.com.au")
                            << QStringLiteral("example.com.au");
    QTest::newRow("the generic label itself") << QStringLiteral("co.uk") << QStringLiteral("co.uk");
    QTest::newRow("not generic") << QStringLiteral("a.example.de") << QStringLiteral("example.de");
    QTest::newRow("generic word under a long tld")
        << QStringLiteral("x.co.example") << QStringLiteral("co.example");
    QTest::newRow("one label") << QStringLiteral("localhost") << QStringLiteral("localhost");
    QTest::newRow("ipv4") << QStringLiteral("10.0.0.1") << QStringLiteral("10.0.0.1");
    QTest::newRow("ipv6") << QStringLiteral("[2001:db8::1]") << QStringLiteral("[2001:db8::1]");
}

void TestNetworkPolicy::domainOf()
{
    QFETCH(QString, host);
    QFETCH(QString, domain);
    QCOMPARE(networkpolicy::domainOf(host), domain);
}

QTEST_APPLESS_MAIN(TestNetworkPolicy)
#include "tst_networkpolicy.moc"
