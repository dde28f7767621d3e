#include "config/configfile.h"
#include "network/livepolicy.h"
#include "network/policyfiles.h"
#include "project/project.h"
#include "sandbox/sandboxrecord.h"
#include "sandbox/startapproval.h"
#include "testhelpers.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace ocs;
using namespace ocs::test;

// The project's live policy: what is written for the proxy, and what counts as reviewed.
// (`ocs allow`/`deny` end to end: tst_cli.)
class TestLivePolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void approvedWhitelist();
    void applyWritesTheConfigsLists();
    void applyApprovedHoldsUnreviewedEntries();
    void applyEditedCountsAsReviewed();
    void allowAndDenyOnAStartedSandbox();

private:
    Project project(const ProjectConfig &c);
    QStringList policy(const Project &p, const char *list) const;

    QTemporaryDir m_tmp;
    EnvGuard m_env;
    int m_n = 0;
};

void TestLivePolicy::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_env.set("HOME", m_tmp.filePath(QStringLiteral("home")));
    m_env.set("OCS_STATE_ROOT", m_tmp.filePath(QStringLiteral("state")));
}

Project TestLivePolicy::project(const ProjectConfig &c)
{
    const QString root = m_tmp.filePath(QStringLiteral("p%1").arg(++m_n));
    QDir().mkpath(root);
    QString error;
    if (!ConfigFile::save(root + QLatin1Char('/') + ConfigFile::FileName, c, &error))
        qWarning("%s", qPrintable(error));
    return Project(canonical(root), c);
}

QStringList TestLivePolicy::policy(const Project &p, const char *list) const
{
    QStringList out = QString::fromUtf8(readFile(policyfiles::policyDir(p.stateDir()) +
                                                 QLatin1Char('/') + QString::fromLatin1(list)))
                          .split(QLatin1Char('\n'));
    out.removeAll(QString());
    return out;
}

static ProjectConfig config(const QStringList &white, const QStringList &black = {})
{
    ProjectConfig c;
    c.sandboxName = QStringLiteral("live");
    c.httpDomainWhitelist = white;
    c.httpDomainBlacklist = black;
    return c;
}

static QJsonObject snapshotOf(const QStringList &white)
{
    return StartApproval::snapshot(config(white));
}

void TestLivePolicy::approvedWhitelist()
{
    const QStringList white{QStringLiteral(".github.com"),   QStringLiteral("api.github.com"),
                            QStringLiteral("sneaky.test"),   QStringLiteral(".example.org"),
                            QStringLiteral("a.example.org"), QStringLiteral(".sub.example.org")};
    // No snapshot (never started): everything; the first start reviews it.
    QCOMPARE(networkpolicy::approvedWhitelist(white, {}), white);
    QStringList held;
    const QStringList approved = networkpolicy::approvedWhitelist(
        white, snapshotOf({QStringLiteral(".github.com"), QStringLiteral("a.example.org")}), &held);
    // Covered by an approved entry: approved; an exact entry does not cover its domain.
    QCOMPARE(approved, (QStringList{QStringLiteral(".github.com"), QStringLiteral("api.github.com"),
                                    QStringLiteral("a.example.org")}));
    QCOMPARE(held, (QStringList{QStringLiteral("sneaky.test"), QStringLiteral(".example.org"),
                                QStringLiteral(".sub.example.org")}));
}

void TestLivePolicy::applyWritesTheConfigsLists()
{
    const ProjectConfig c = config({QStringLiteral(".github.com"), QStringLiteral("x.test")},
                                   {QStringLiteral("gist.github.com")});
    const Project p = project(c);
    QString error;
    QVERIFY2(networkpolicy::apply(p, c, &error), qPrintable(error));
    QCOMPARE(policy(p, "whitelist"), c.httpDomainWhitelist);
    QCOMPARE(policy(p, "blacklist"), c.httpDomainBlacklist);
    QVERIFY(!(QFileInfo(policyfiles::networkDir(p.stateDir())).permissions() &
              (QFile::ReadOther | QFile::ReadGroup | QFile::ExeOther | QFile::ExeGroup)));
    // An emptied list empties the file.
    QVERIFY(networkpolicy::apply(p, config({}), &error));
    QCOMPARE(policy(p, "whitelist"), QStringList{});
    QCOMPARE(policy(p, "blacklist"), QStringList{});
}

void TestLivePolicy::applyApprovedHoldsUnreviewedEntries()
{
    const ProjectConfig c = config({QStringLiteral(".github.com"), QStringLiteral("sneaky.test")},
                                   {QStringLiteral("new-block.test")});
    const Project p = project(c);
    QString error;
    QVERIFY(p.ensureStateDirs(&error));
    SandboxRecord r;
    r.lastStartedConfig = snapshotOf({QStringLiteral(".github.com")});
    QVERIFY(r.save(p.stateDir(), &error));
    QStringList held;
    QVERIFY2(networkpolicy::applyApproved(p, c, &error, &held), qPrintable(error));
    QCOMPARE(policy(p, "whitelist"), QStringList{QStringLiteral(".github.com")});
    QCOMPARE(held, QStringList{QStringLiteral("sneaky.test")});
    // The blacklist only narrows: all of it, reviewed or not.
    QCOMPARE(policy(p, "blacklist"), QStringList{QStringLiteral("new-block.test")});
}

void TestLivePolicy::applyEditedCountsAsReviewed()
{
    const ProjectConfig before = config(
        {QStringLiteral(".github.com"), QStringLiteral("old.test"), QStringLiteral("sneaky.test")});
    const Project p = project(before);
    QString error;
    QVERIFY(p.ensureStateDirs(&error));
    SandboxRecord r;
    r.lastStartedConfig = snapshotOf({QStringLiteral(".github.com"), QStringLiteral("old.test")});
    r.port = 4242;
    QVERIFY(r.save(p.stateDir(), &error));
    // In the settings: old.test removed, typed.test added; sneaky.test was there unreviewed.
    const ProjectConfig after =
        config({QStringLiteral(".github.com"), QStringLiteral("sneaky.test"),
                QStringLiteral("typed.test")});
    QStringList held;
    QVERIFY2(networkpolicy::applyEdited(p, before, after, &error, &held), qPrintable(error));
    QCOMPARE(policy(p, "whitelist"),
             (QStringList{QStringLiteral(".github.com"), QStringLiteral("typed.test")}));
    QCOMPARE(held, QStringList{QStringLiteral("sneaky.test")});
    const SandboxRecord saved = SandboxRecord::load(p.stateDir());
    QCOMPARE(saved.port, 4242);
    // The next start asks about sneaky.test only.
    QCOMPARE(StartApproval::describeChanges(saved.lastStartedConfig, after),
             QStringList{QStringLiteral("+ whitelist: sneaky.test")});
}

void TestLivePolicy::allowAndDenyOnAStartedSandbox()
{
    const ProjectConfig c = config({QStringLiteral(".github.com")});
    const Project p = project(c);
    QString error;
    QVERIFY(p.ensureStateDirs(&error));
    SandboxRecord r;
    r.lastStartedConfig = snapshotOf(c.httpDomainWhitelist);
    QVERIFY(r.save(p.stateDir(), &error));

    networkpolicy::PolicyEdit e = networkpolicy::allowHost(p, QStringLiteral(".Example.org"));
    QVERIFY2(e.ok, qPrintable(e.error));
    QCOMPARE(e.host, QStringLiteral("example.org"));
    QVERIFY(e.configChanged);
    QVERIFY(!e.before.allowed);
    QCOMPARE(e.after.rule, QStringLiteral("whitelist .example.org"));
    QCOMPARE(e.live.rule, QStringLiteral("whitelist .example.org"));
    QCOMPARE(e.changes, QStringList{QStringLiteral("+ whitelist: .example.org")});
    QCOMPARE(policy(p, "whitelist"),
             (QStringList{QStringLiteral(".github.com"), QStringLiteral(".example.org")}));

    e = networkpolicy::denyHost(p, QStringLiteral("raw.github.com"));
    QVERIFY2(e.ok, qPrintable(e.error));
    QVERIFY(e.before.allowed);
    QCOMPARE(e.after.rule, QStringLiteral("blacklist raw.github.com"));
    QCOMPARE(policy(p, "blacklist"), QStringList{QStringLiteral("raw.github.com")});

    e = networkpolicy::denyHost(p, QStringLiteral("example.org"));
    QVERIFY2(e.ok, qPrintable(e.error)); // .example.org still allows it: blacklisted
    QCOMPARE(e.changes, QStringList{QStringLiteral("+ blacklist: example.org")});

    const auto loaded = ConfigFile::load(p.configPath());
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.config->httpDomainWhitelist,
             (QStringList{QStringLiteral(".github.com"), QStringLiteral(".example.org")}));
    QCOMPARE(loaded.config->httpDomainBlacklist,
             (QStringList{QStringLiteral("raw.github.com"), QStringLiteral("example.org")}));
    // Nothing of this is asked about at the next start.
    QCOMPARE(StartApproval::describeChanges(SandboxRecord::load(p.stateDir()).lastStartedConfig,
                                            *loaded.config),
             QStringList{});
    QVERIFY(!networkpolicy::denyHost(p, QStringLiteral(".example.org")).ok);
    QVERIFY(!networkpolicy::allowHost(p, QStringLiteral("10.0.0.1")).ok);
}

QTEST_GUILESS_MAIN(TestLivePolicy)
#include "tst_livepolicy.moc"
