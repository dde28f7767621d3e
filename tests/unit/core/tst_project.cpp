// Project: the reference's SANDBOX_ID (POSIX cksum of the canonical root), finding the
// project root, derived names and the owner-only state folders.

#include "project/project.h"
#include "testhelpers.h"

#include "config/configfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace ocs;
using namespace ocs::test;

class TestProject : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void posixCksum_fixedVectors_data();
    void posixCksum_fixedVectors();
    void posixCksum_matchesSystemCksum_data();
    void posixCksum_matchesSystemCksum();

    void computeSandboxId_data();
    void computeSandboxId();
    void computeSandboxId_noZeroPadding();
    void computeSandboxId_matchesSystemCksum();

    void findRoot_fromNestedSubfolder();
    void findRoot_throughSymlinkedFolder();
    void findRoot_withoutConfig();

    void derivedNames();
    void workspaceMountPoint_data();
    void workspaceMountPoint();

    void ensureStateDirs_createsOwnerOnlyFolders();
    void ensureStateDirs_tightensExistingFolder();

private:
    QTemporaryDir m_tmp;
    EnvGuard m_env;
};

void TestProject::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_env.set("HOME", m_tmp.filePath(QStringLiteral("home")));
    m_env.set("OCS_STATE_ROOT", m_tmp.filePath(QStringLiteral("state-root")));
}

void TestProject::posixCksum_fixedVectors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<quint32>("expected");
    // The CRC-32/CKSUM check values.
    QTest::newRow("empty") << QByteArray() << quint32(4294967295u);
    QTest::newRow("123456789") << QByteArray("123456789") << quint32(930766865u);
    // Values printed by GNU coreutils' `printf '%s' X | cksum`.
    QTest::newRow("/work/main") << QByteArray("/work/main") << quint32(2674982963u);
    QTest::newRow("with space") << QByteArray("/home/dev/My Project") << quint32(796802242u);
    QTest::newRow("utf-8") << QByteArray("/home/jürgen/Mein Projekt") << quint32(1692540229u);
}

void TestProject::posixCksum_fixedVectors()
{
    QFETCH(QByteArray, data);
    QFETCH(quint32, expected);
    QCOMPARE(posixCksum(data), expected);
}

void TestProject::posixCksum_matchesSystemCksum_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("short") << QStringLiteral("/a");
    QTest::newRow("home") << QStringLiteral("/home/someone/src/opencode-sandbox");
    QTest::newRow("spaces and quotes") << QStringLiteral("/home/x/My 'Quoted' \"Project\"");
    QTest::newRow("umlauts") << QStringLiteral("/home/jürgen/Überprojekt/ß");
    QTest::newRow("macOS style") << QStringLiteral("/Users/anna/Library/Mobile Documents/app");
    // Over 255 bytes: the length is fed to the CRC in more than one byte.
    QTest::newRow("long") << QStringLiteral("/very/long/") + QString(300, QLatin1Char('x'));
    QTest::newRow("65536+ bytes") << QStringLiteral("/") + QString(70000, QLatin1Char('y'));
}

void TestProject::posixCksum_matchesSystemCksum()
{
    QFETCH(QString, path);
    const auto expected = systemCksum(path.toUtf8());
    QVERIFY2(expected.has_value(), "could not run `printf '%s' PATH | cksum`");
    QCOMPARE(posixCksum(path.toUtf8()), *expected);
}

void TestProject::computeSandboxId_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("root");
    QTest::addColumn<QString>("expected");
    // Hex of the CRCs above: 9f710033, 2f7e3cc2, 27768b13.
    QTest::newRow("/work/main") << QStringLiteral("main") << QStringLiteral("/work/main")
                                << QStringLiteral("main-9f7100");
    QTest::newRow("space") << QStringLiteral("my-project") << QStringLiteral("/home/dev/My Project")
                           << QStringLiteral("my-project-2f7e3c");
    QTest::newRow("macOS") << QStringLiteral("app") << QStringLiteral("/Users/anna/src/app")
                           << QStringLiteral("app-27768b");
}

void TestProject::computeSandboxId()
{
    QFETCH(QString, name);
    QFETCH(QString, root);
    QFETCH(QString, expected);
    QCOMPARE(ocs::computeSandboxId(name, root), expected);
    QCOMPARE(Project(root, minimalConfig(name)).sandboxId(), expected);
}

void TestProject::computeSandboxId_noZeroPadding()
{
    // cksum("/home/dev/project-8") = 50812378 = 0x30755da: seven hex digits. The reference
    // takes the first six characters of the unpadded hex, so "30755d", not "030755".
    const QString root = QStringLiteral("/home/dev/project-8");
    QCOMPARE(posixCksum(root.toUtf8()), quint32(50812378u));
    QCOMPARE(ocs::computeSandboxId(QStringLiteral("demo"), root), QStringLiteral("demo-30755d"));
}

void TestProject::computeSandboxId_matchesSystemCksum()
{
    // The same derivation as the reference's shell: printf %x of cksum, first 6 chars.
    for (const QString &root : {QStringLiteral("/srv/projects/alpha"), QStringLiteral("/tmp/β"),
                                QStringLiteral("/home/dev/project-8")}) {
        const auto crc = systemCksum(root.toUtf8());
        QVERIFY(crc.has_value());
        const QString hex = QStringLiteral("%1").arg(*crc, 0, 16);
        const QString id = ocs::computeSandboxId(QStringLiteral("n"), root);
        QCOMPARE(id, QStringLiteral("n-") + hex.left(6));
        QCOMPARE(id, id.toLower());
    }
}

void TestProject::findRoot_fromNestedSubfolder()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString root = canonical(tmp.path()) + QStringLiteral("/proj");
    QVERIFY(writeFile(root + QLatin1Char('/') + ConfigFile::FileName, "sandbox-name: x\n"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/src/deep/er")));

    QCOMPARE(Project::findRoot(root + QStringLiteral("/src/deep/er")),
             std::optional<QString>(root));
    QCOMPARE(Project::findRoot(root + QStringLiteral("/src")), std::optional<QString>(root));
    QCOMPARE(Project::findRoot(root), std::optional<QString>(root));

    // The nearest config wins: a nested project is its own root.
    QVERIFY(writeFile(root + QStringLiteral("/src/") + ConfigFile::FileName, "sandbox-name: y\n"));
    QCOMPARE(Project::findRoot(root + QStringLiteral("/src/deep/er")),
             std::optional<QString>(root + QStringLiteral("/src")));
}

void TestProject::findRoot_throughSymlinkedFolder()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString base = canonical(tmp.path());
    const QString root = base + QStringLiteral("/real/proj");
    QVERIFY(writeFile(root + QLatin1Char('/') + ConfigFile::FileName, "sandbox-name: x\n"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/sub/inner")));
    QVERIFY(QDir().mkpath(base + QStringLiteral("/elsewhere")));
    // elsewhere/link -> real/proj/sub: walking up from the link must find real/proj.
    QVERIFY(QFile::link(root + QStringLiteral("/sub"), base + QStringLiteral("/elsewhere/link")));
    // A link to the project root itself.
    QVERIFY(QFile::link(root, base + QStringLiteral("/rootlink")));

    QCOMPARE(Project::findRoot(base + QStringLiteral("/elsewhere/link/inner")),
             std::optional<QString>(root));
    QCOMPARE(Project::findRoot(base + QStringLiteral("/elsewhere/link")),
             std::optional<QString>(root));
    QCOMPARE(Project::findRoot(base + QStringLiteral("/rootlink/sub")),
             std::optional<QString>(root));
    // The SANDBOX_ID comes from the canonical path, so it is the same whichever way in.
    QCOMPARE(Project(*Project::findRoot(base + QStringLiteral("/rootlink")),
                     minimalConfig(QStringLiteral("x")))
                 .sandboxId(),
             ocs::computeSandboxId(QStringLiteral("x"), root));
}

void TestProject::findRoot_withoutConfig()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QVERIFY(QDir().mkpath(tmp.filePath(QStringLiteral("a/b"))));
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/") + ConfigFile::FileName));
    QVERIFY(!QFile::exists(QStringLiteral("/") + ConfigFile::FileName));
    QCOMPARE(Project::findRoot(tmp.filePath(QStringLiteral("a/b"))), std::nullopt);
    QCOMPARE(Project::findRoot(tmp.filePath(QStringLiteral("does/not/exist"))), std::nullopt);
}

void TestProject::derivedNames()
{
    const QString stateRoot = m_tmp.filePath(QStringLiteral("state-root"));
    const Project p(QStringLiteral("/home/dev/project-8"), minimalConfig(QStringLiteral("demo")));
    QCOMPARE(p.sandboxId(), QStringLiteral("demo-30755d"));
    QCOMPARE(p.containerName(), QStringLiteral("opencode-sandbox-demo-30755d"));
    QCOMPARE(p.imageName(), QStringLiteral("opencode-sandbox-demo-30755d"));
    QCOMPARE(p.configPath(), QStringLiteral("/home/dev/project-8/opencode-sandbox-config.yaml"));
    QCOMPARE(p.hookPath(),
             QStringLiteral("/home/dev/project-8/opencode-sandbox-pre-start-container.sh"));
    QCOMPARE(paths::stateRoot(), stateRoot);
    QCOMPARE(p.stateDir(), stateRoot + QStringLiteral("/demo-30755d"));
    QCOMPARE(p.agentStateDir(), stateRoot + QStringLiteral("/demo-30755d/opencode-state"));

    // Without OCS_STATE_ROOT: ~/.opencode-sandbox.
    EnvGuard env;
    env.unset("OCS_STATE_ROOT");
    QCOMPARE(paths::stateRoot(),
             m_tmp.filePath(QStringLiteral("home")) + QStringLiteral("/.opencode-sandbox"));
}

void TestProject::workspaceMountPoint_data()
{
    QTest::addColumn<QString>("root");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("/home/dev/app") << QStringLiteral("/app");
    QTest::newRow("space") << QStringLiteral("/home/dev/My Project")
                           << QStringLiteral("/My Project");
    QTest::newRow("dots") << QStringLiteral("/srv/x/site.example.com")
                          << QStringLiteral("/site.example.com");
    QTest::newRow("filesystem root") << QStringLiteral("/") << QStringLiteral("/workspace");
}

void TestProject::workspaceMountPoint()
{
    QFETCH(QString, root);
    QFETCH(QString, expected);
    QCOMPARE(Project(root, minimalConfig(QStringLiteral("x"))).workspaceMountPoint(), expected);
}

void TestProject::ensureStateDirs_createsOwnerOnlyFolders()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    EnvGuard env;
    const QString stateRoot = tmp.filePath(QStringLiteral("fresh/.opencode-sandbox"));
    env.set("OCS_STATE_ROOT", stateRoot);
    const Project p(QStringLiteral("/home/dev/app"), minimalConfig(QStringLiteral("app")));
    QVERIFY(!QFile::exists(stateRoot));

    QString error;
    QVERIFY2(p.ensureStateDirs(&error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(fileMode(stateRoot), 0700);
    QCOMPARE(fileMode(p.stateDir()), 0700);
    QCOMPARE(fileMode(p.agentStateDir()), 0700);
    QVERIFY(p.stateDir().startsWith(stateRoot + QLatin1Char('/')));

    // Idempotent.
    QVERIFY(p.ensureStateDirs(&error));
    QCOMPARE(fileMode(p.agentStateDir()), 0700);
}

void TestProject::ensureStateDirs_tightensExistingFolder()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    EnvGuard env;
    const QString stateRoot = tmp.filePath(QStringLiteral("state"));
    env.set("OCS_STATE_ROOT", stateRoot);
    const Project p(QStringLiteral("/home/dev/app"), minimalConfig(QStringLiteral("app")));
    QVERIFY(QDir().mkpath(p.agentStateDir()));
    for (const QString &d : {stateRoot, p.stateDir(), p.agentStateDir()}) {
        QVERIFY(setMode(d, 0755));
        QCOMPARE(fileMode(d), 0755);
    }
    // Content is kept.
    QVERIFY(writeFile(p.agentStateDir() + QStringLiteral("/keep.txt"), "keep"));

    QString error;
    QVERIFY2(p.ensureStateDirs(&error), qPrintable(error));
    QCOMPARE(fileMode(stateRoot), 0700);
    QCOMPARE(fileMode(p.stateDir()), 0700);
    QCOMPARE(fileMode(p.agentStateDir()), 0700);
    QCOMPARE(readFile(p.agentStateDir() + QStringLiteral("/keep.txt")), QByteArray("keep"));
}

QTEST_GUILESS_MAIN(TestProject)
#include "tst_project.moc"
