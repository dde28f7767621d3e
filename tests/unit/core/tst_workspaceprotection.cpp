// WorkspaceProtection: which workspace paths a start mounts read-only, and the layouts it
// refuses because a mount would protect the wrong thing (issue 10, items 2, 11, 12).

#include "project/workspaceprotection.h"
#include "sandbox/runplan.h"
#include "testhelpers.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace ocs;
using namespace ocs::test;

class TestWorkspaceProtection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void plainProjectMountsWhatExists();
    void defaultsCoverOpenCodeConfig();
    void symlinkInParentFolderRefused_data();
    void symlinkInParentFolderRefused();
    void symlinkedLastComponentRefused();
    void hardLinkedProtectedFileRefused();
    void fifoRefused();
    void commondirRefused();
    void worktreeConfigAndSubmodulesProtected();
    void gitFileIsProtectedItself();
    void nestedRepositoriesWarned();
    void droppedDefaultIsNotChecked();

private:
    WorkspaceProtection::Inspection inspect(const QStringList &extra = {}) const
    {
        ProjectConfig cfg;
        cfg.readOnlyPaths = extra;
        return WorkspaceProtection::inspect(m_root, RunPlanner::effectiveReadOnlyPaths(cfg));
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_root;
    QString m_outside;
};

void TestWorkspaceProtection::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    const QString base = canonical(m_tmp->path());
    m_root = base + QStringLiteral("/project");
    m_outside = base + QStringLiteral("/home");
    QVERIFY(
        writeFile(m_root + QStringLiteral("/opencode-sandbox-config.yaml"), "sandbox-name: p\n"));
    QVERIFY(writeFile(m_root + QStringLiteral("/.git/config"), "[core]\n"));
    QVERIFY(QDir().mkpath(m_root + QStringLiteral("/.git/hooks")));
    QVERIFY(writeFile(m_outside + QStringLiteral("/.kube/config"), "token: host-secret\n"));
}

void TestWorkspaceProtection::plainProjectMountsWhatExists()
{
    const auto r = inspect();
    QVERIFY2(r.ok(), qPrintable(r.errors.join(QLatin1Char('\n'))));
    QVERIFY(r.mountGitFolder);
    QVERIFY(r.readOnlyMounts.contains(QStringLiteral("opencode-sandbox-config.yaml")));
    QVERIFY(r.readOnlyMounts.contains(QStringLiteral(".git/config")));
    QVERIFY(r.readOnlyMounts.contains(QStringLiteral(".git/hooks")));
    QVERIFY(!r.readOnlyMounts.contains(QStringLiteral("mise.toml")));
    QVERIFY(r.missing.contains(QStringLiteral("mise.toml")));
    QVERIFY(r.warnings.isEmpty());
}

void TestWorkspaceProtection::defaultsCoverOpenCodeConfig()
{
    // The agent could grant itself permissions through OpenCode's own project config.
    const QStringList defaults = RunPlanner::defaultReadOnlyPaths();
    for (const char *p : {".opencode", "tui.json", "tui.jsonc", "opencode.json", "opencode.jsonc"})
        QVERIFY2(defaults.contains(QLatin1String(p)), p);
    QVERIFY(QDir().mkpath(m_root + QStringLiteral("/.opencode/agent")));
    QVERIFY(writeFile(m_root + QStringLiteral("/tui.json"), "{}\n"));
    const auto r = inspect();
    QVERIFY(r.readOnlyMounts.contains(QStringLiteral(".opencode")));
    QVERIFY(r.readOnlyMounts.contains(QStringLiteral("tui.json")));
}

void TestWorkspaceProtection::symlinkInParentFolderRefused_data()
{
    QTest::addColumn<QString>("link");  // made a symlink to ~/.kube
    QTest::addColumn<QString>("entry"); // a read-only-paths entry
    QTest::newRow(".git -> ~/.kube") << QStringLiteral(".git") << QString();
    QTest::newRow("parent of a listed path")
        << QStringLiteral("conf") << QStringLiteral("conf/config");
}

void TestWorkspaceProtection::symlinkInParentFolderRefused()
{
    QFETCH(QString, link);
    QFETCH(QString, entry);
    QDir(m_root + QLatin1Char('/') + link).removeRecursively();
    QVERIFY(QFile::link(m_outside + QStringLiteral("/.kube"), m_root + QLatin1Char('/') + link));
    const auto r = inspect(entry.isEmpty() ? QStringList{} : QStringList{entry});
    QVERIFY(!r.ok());
    QCOMPARE(r.errors.size(), 1); // one error per link, however many paths lie below it
    QVERIFY2(r.errors.first().contains(link + QStringLiteral(" is a symbolic link")),
             qPrintable(r.errors.first()));
    for (const QString &m : r.readOnlyMounts)
        QVERIFY2(!m.startsWith(link), qPrintable(m));
    if (link == QLatin1String(".git"))
        QVERIFY(!r.mountGitFolder);
}

void TestWorkspaceProtection::symlinkedLastComponentRefused()
{
    // Before, a symlinked protected file was silently left unprotected.
    QVERIFY(QFile::link(m_outside + QStringLiteral("/.kube/config"),
                        m_root + QStringLiteral("/mise.toml")));
    const auto r = inspect();
    QVERIFY(!r.ok());
    QVERIFY2(r.errors.first().contains(QStringLiteral("mise.toml is a symbolic link")),
             qPrintable(r.errors.first()));
}

void TestWorkspaceProtection::hardLinkedProtectedFileRefused()
{
    // The agent would write .git/config through the other name.
    const QString other = m_root + QStringLiteral("/innocent.txt");
    QCOMPARE(::link(QFile::encodeName(m_root + QStringLiteral("/.git/config")).constData(),
                    QFile::encodeName(other).constData()),
             0);
    auto r = inspect();
    QVERIFY(!r.ok());
    QVERIFY2(r.errors.first().contains(QStringLiteral(".git/config has 2 hard links")),
             qPrintable(r.errors.first()));
    QVERIFY(QFile::remove(other));
    r = inspect();
    QVERIFY2(r.ok(), qPrintable(r.errors.join(QLatin1Char('\n')))); // positive control
}

void TestWorkspaceProtection::fifoRefused()
{
    QCOMPARE(::mkfifo(QFile::encodeName(m_root + QStringLiteral("/mise.toml")).constData(), 0600),
             0);
    const auto r = inspect();
    QVERIFY(!r.ok());
    QVERIFY2(r.errors.first().contains(QStringLiteral("mise.toml is neither a file nor a folder")),
             qPrintable(r.errors.first()));
}

void TestWorkspaceProtection::commondirRefused()
{
    QVERIFY(writeFile(m_root + QStringLiteral("/.git/commondir"), "../agent-git\n"));
    const auto r = inspect();
    QVERIFY(!r.ok());
    QVERIFY2(r.errors.first().contains(QStringLiteral(".git/commondir exists")),
             qPrintable(r.errors.first()));
}

void TestWorkspaceProtection::worktreeConfigAndSubmodulesProtected()
{
    QVERIFY(writeFile(m_root + QStringLiteral("/.git/config.worktree"), "[core]\n"));
    QVERIFY(writeFile(m_root + QStringLiteral("/.git/modules/lib/config"), "[core]\n"));
    QVERIFY(QDir().mkpath(m_root + QStringLiteral("/.git/modules/lib/hooks")));
    // A submodule named "vendor/dep" and one nested inside "lib".
    QVERIFY(writeFile(m_root + QStringLiteral("/.git/modules/vendor/dep/config"), "[core]\n"));
    QVERIFY(
        writeFile(m_root + QStringLiteral("/.git/modules/lib/modules/inner/config"), "[core]\n"));
    const auto r = inspect();
    QVERIFY2(r.ok(), qPrintable(r.errors.join(QLatin1Char('\n'))));
    for (const char *p :
         {".git/config.worktree", ".git/modules/lib/config", ".git/modules/lib/hooks",
          ".git/modules/vendor/dep/config", ".git/modules/lib/modules/inner/config"})
        QVERIFY2(r.readOnlyMounts.contains(QLatin1String(p)),
                 qPrintable(r.readOnlyMounts.join(QLatin1Char(' '))));
}

void TestWorkspaceProtection::gitFileIsProtectedItself()
{
    QVERIFY(QDir(m_root + QStringLiteral("/.git")).removeRecursively());
    QVERIFY(writeFile(m_root + QStringLiteral("/.git"), "gitdir: /elsewhere/.git/worktrees/p\n"));
    const auto r = inspect();
    QVERIFY2(r.ok(), qPrintable(r.errors.join(QLatin1Char('\n'))));
    QVERIFY(!r.mountGitFolder);
    QVERIFY(r.readOnlyMounts.contains(QStringLiteral(".git")));
    for (const QString &m : r.readOnlyMounts)
        QVERIFY2(!m.startsWith(QStringLiteral(".git/")), qPrintable(m));
}

void TestWorkspaceProtection::nestedRepositoriesWarned()
{
    QVERIFY(writeFile(m_root + QStringLiteral("/vendor/lib/.git/config"), "[core]\n"));
    QVERIFY(writeFile(m_root + QStringLiteral("/node_modules/x/.git/config"), "[core]\n"));
    const auto r = inspect();
    QVERIFY2(r.ok(), qPrintable(r.errors.join(QLatin1Char('\n'))));
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY2(r.warnings.first().contains(QStringLiteral("vendor/lib")),
             qPrintable(r.warnings.first()));
    QVERIFY2(!r.warnings.first().contains(QStringLiteral("node_modules")),
             qPrintable(r.warnings.first()));
}

void TestWorkspaceProtection::droppedDefaultIsNotChecked()
{
    // "!mise.toml": the user chose to let the agent change it; a link there is their choice.
    QVERIFY(QFile::link(m_outside + QStringLiteral("/.kube/config"),
                        m_root + QStringLiteral("/mise.toml")));
    const auto r = inspect({QStringLiteral("!mise.toml")});
    QVERIFY2(r.ok(), qPrintable(r.errors.join(QLatin1Char('\n'))));
    QVERIFY(!r.readOnlyMounts.contains(QStringLiteral("mise.toml")));
}

QTEST_GUILESS_MAIN(TestWorkspaceProtection)
#include "tst_workspaceprotection.moc"
