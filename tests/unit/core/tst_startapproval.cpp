#include "sandbox/startapproval.h"

#include <QJsonObject>
#include <QTest>

using namespace ocs;

class TestStartApproval : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstStartAsksNothing();
    void describesChanges_data();
    void describesChanges();
    void olderSnapshotsAskAboutWhatTheyDidNotRecord();
};

static ProjectConfig base()
{
    ProjectConfig c;
    c.sandboxName = QStringLiteral("p");
    c.httpDomainWhitelist = {QStringLiteral(".github.com"), QStringLiteral("api.example.test")};
    c.hostPorts = {5432};
    c.envPassthrough = {{QStringLiteral("GH_TOKEN"), QStringLiteral("MY_GH_TOKEN")}};
    c.env = {{QStringLiteral("A"), QStringLiteral("1")}};
    return c;
}

void TestStartApproval::firstStartAsksNothing()
{
    QVERIFY(StartApproval::describeChanges({}, base()).isEmpty());
}

void TestStartApproval::describesChanges_data()
{
    QTest::addColumn<ProjectConfig>("now");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("unchanged") << base() << QStringList{};
    ProjectConfig staticEnv = base();
    staticEnv.env = {{QStringLiteral("A"), QStringLiteral("2")}};
    QTest::newRow("static env only: not asked") << staticEnv << QStringList{};
    ProjectConfig wider = base();
    wider.httpDomainWhitelist << QStringLiteral(".pastebin.test");
    wider.hostPorts = {5432, 22};
    QTest::newRow("wider") << wider
                           << QStringList{QStringLiteral("+ whitelist: .pastebin.test"),
                                          QStringLiteral("+ host port: 22")};
    ProjectConfig narrower = base();
    narrower.httpDomainWhitelist = {QStringLiteral(".github.com")};
    narrower.hostPorts = {};
    QTest::newRow("narrower") << narrower
                              << QStringList{QStringLiteral("- whitelist: api.example.test"),
                                             QStringLiteral("- host port: 5432")};
    ProjectConfig renamed = base();
    renamed.envPassthrough = {{QStringLiteral("GH_TOKEN"), QStringLiteral("OTHER_SECRET")}};
    QTest::newRow("passthrough source changed")
        << renamed
        << QStringList{QStringLiteral("+ env passthrough: GH_TOKEN (from host OTHER_SECRET)"),
                       QStringLiteral("- env passthrough: GH_TOKEN (from host MY_GH_TOKEN)")};
    // Both widen what the sandbox reaches: a dropped default protection lets the agent change
    // a file the host acts on, an extra CA lets it be intercepted (or intercept).
    ProjectConfig unprotected = base();
    unprotected.readOnlyPaths = {QStringLiteral("!.git/hooks")};
    QTest::newRow("protection dropped")
        << unprotected << QStringList{QStringLiteral("+ protection dropped: .git/hooks")};
    ProjectConfig moreCas = base();
    moreCas.extraCaCertificates = {QStringLiteral("~/certs/mitm.pem")};
    QTest::newRow("extra CA") << moreCas
                              << QStringList{
                                     QStringLiteral("+ extra CA certificate: ~/certs/mitm.pem")};
}

void TestStartApproval::olderSnapshotsAskAboutWhatTheyDidNotRecord()
{
    // A snapshot of an older version knew only the whitelist, host ports and passthrough: a
    // dropped protection is asked about once (then recorded), not waved through.
    QJsonObject old = StartApproval::snapshot(base());
    old.remove(QStringLiteral("read-only-paths"));
    old.remove(QStringLiteral("extra-ca-certificates"));
    QVERIFY(StartApproval::describeChanges(old, base()).isEmpty());
    ProjectConfig unprotected = base();
    unprotected.readOnlyPaths = {QStringLiteral("!mise.toml")};
    QCOMPARE(StartApproval::describeChanges(old, unprotected),
             QStringList{QStringLiteral("+ protection dropped: mise.toml")});
}

void TestStartApproval::describesChanges()
{
    QFETCH(ProjectConfig, now);
    QFETCH(QStringList, expected);
    QCOMPARE(StartApproval::describeChanges(StartApproval::snapshot(base()), now), expected);
}

QTEST_GUILESS_MAIN(TestStartApproval)
#include "tst_startapproval.moc"
