// The user's OpenCode settings in the sandbox (opencodesettings.h): what the filtered copy of
// ~/.config/opencode holds and what it leaves out (credential files, links wherever they
// point, special files), its permissions, its limits, and which switch wins.

#include "sandbox/opencodesettings.h"
#include "testhelpers.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

using namespace ocs;
using namespace ocs::test;

namespace {

QStringList filesUnder(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        out << QDir(root).relativeFilePath(it.filePath());
    }
    out.sort();
    return out;
}

int modeOf(const QString &path)
{
    struct stat st
    {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

class TestOpenCodeSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void copiesSettingsAndLeavesCredentialsOut();
    void linksAreNeverFollowed();
    void specialFilesAreLeftOut();
    void permissionsAreOwnerOnly();
    void replacesTheOldCopy();
    void missingFolderSharesNothing();
    void aLinkedFolderItselfIsRead();
    void tooLargeIsNotShared();
    void leftOutNames_data();
    void leftOutNames();
    void whichSwitchWins();
    void hostDirFollowsXdgConfigHome();

private:
    QString src() const { return m_tmp->filePath(QStringLiteral("host/opencode")); }
    QString dest() const { return m_tmp->filePath(QStringLiteral("state/opencode-settings")); }
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestOpenCodeSettings::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    QVERIFY(QDir().mkpath(src()));
    QVERIFY(QDir().mkpath(m_tmp->filePath(QStringLiteral("state"))));
}

void TestOpenCodeSettings::copiesSettingsAndLeavesCredentialsOut()
{
    QVERIFY(writeFile(src() + QStringLiteral("/opencode.json"), "{\"theme\":\"x\"}"));
    QVERIFY(writeFile(src() + QStringLiteral("/AGENTS.md"), "rules"));
    QVERIFY(writeFile(src() + QStringLiteral("/agents/reviewer.md"), "agent"));
    QVERIFY(writeFile(src() + QStringLiteral("/commands/hello.md"), "command"));
    QVERIFY(writeFile(src() + QStringLiteral("/themes/mine.json"), "{}"));
    // Left out by name, also in subfolders.
    QVERIFY(writeFile(src() + QStringLiteral("/auth.json"), "{\"key\":\"sk-secret\"}"));
    QVERIFY(writeFile(src() + QStringLiteral("/agents/Auth.JSON"), "x"));
    QVERIFY(writeFile(src() + QStringLiteral("/mcp-auth.json"), "x"));
    QVERIFY(writeFile(src() + QStringLiteral("/.env"), "X=1"));
    QVERIFY(writeFile(src() + QStringLiteral("/.env.local"), "X=1"));
    QVERIFY(writeFile(src() + QStringLiteral("/server.key"), "k"));
    QVERIFY(writeFile(src() + QStringLiteral("/commands/client.pem"), "p"));
    QVERIFY(writeFile(src() + QStringLiteral("/credentials.json"), "c"));
    QVERIFY(writeFile(src() + QStringLiteral("/token.txt"), "t"));
    QVERIFY(writeFile(src() + QStringLiteral("/my-secrets.json"), "s"));
    QVERIFY(writeFile(src() + QStringLiteral("/node_modules/pkg/index.js"), "js"));
    QVERIFY(writeFile(src() + QStringLiteral("/.git/config"), "[remote]"));

    const opencodesettings::Snapshot s = opencodesettings::make(src(), dest());
    QVERIFY2(s.ok, qPrintable(s.error));
    QVERIFY(!s.empty);
    const QStringList expected{QStringLiteral("AGENTS.md"),
                               QStringLiteral("agents"),
                               QStringLiteral("agents/reviewer.md"),
                               QStringLiteral("commands"),
                               QStringLiteral("commands/hello.md"),
                               QStringLiteral("opencode.json"),
                               QStringLiteral("themes"),
                               QStringLiteral("themes/mine.json")};
    QCOMPARE(filesUnder(dest()), expected);
    QCOMPARE(readFile(dest() + QStringLiteral("/opencode.json")), QByteArray("{\"theme\":\"x\"}"));
    QStringList copied = s.copied;
    copied.sort();
    QCOMPARE(copied,
             (QStringList{QStringLiteral("AGENTS.md"), QStringLiteral("agents/reviewer.md"),
                          QStringLiteral("commands/hello.md"), QStringLiteral("opencode.json"),
                          QStringLiteral("themes/mine.json")}));
    QStringList left = s.leftOut;
    left.sort();
    QCOMPARE(left, (QStringList{QStringLiteral(".env"), QStringLiteral(".env.local"),
                                QStringLiteral(".git"), QStringLiteral("agents/Auth.JSON"),
                                QStringLiteral("auth.json"), QStringLiteral("commands/client.pem"),
                                QStringLiteral("credentials.json"), QStringLiteral("mcp-auth.json"),
                                QStringLiteral("my-secrets.json"), QStringLiteral("node_modules"),
                                QStringLiteral("server.key"), QStringLiteral("token.txt")}));
}

// A link inside, to a file or a folder, inside or outside the folder, is left out: the copy
// never reads through one (e.g. commands/x.md -> ~/.ssh/id_ed25519).
void TestOpenCodeSettings::linksAreNeverFollowed()
{
    const QString outside = m_tmp->filePath(QStringLiteral("outside"));
    QVERIFY(writeFile(outside + QStringLiteral("/id_ed25519"), "PRIVATE KEY"));
    QVERIFY(writeFile(src() + QStringLiteral("/commands/ok.md"), "ok"));
    QVERIFY(QFile::link(outside + QStringLiteral("/id_ed25519"),
                        src() + QStringLiteral("/commands/leak.md")));
    QVERIFY(QFile::link(outside, src() + QStringLiteral("/agents")));
    QVERIFY(QFile::link(src() + QStringLiteral("/commands/ok.md"),
                        src() + QStringLiteral("/inside-link.md")));
    QVERIFY(QFile::link(QStringLiteral("../../outside"), src() + QStringLiteral("/relative")));
    QVERIFY(QFile::link(QStringLiteral("/nonexistent"), src() + QStringLiteral("/dangling")));

    const opencodesettings::Snapshot s = opencodesettings::make(src(), dest());
    QVERIFY2(s.ok, qPrintable(s.error));
    QCOMPARE(filesUnder(dest()),
             (QStringList{QStringLiteral("commands"), QStringLiteral("commands/ok.md")}));
    QStringList left = s.leftOut;
    left.sort();
    QCOMPARE(left, (QStringList{QStringLiteral("agents"), QStringLiteral("commands/leak.md"),
                                QStringLiteral("dangling"), QStringLiteral("inside-link.md"),
                                QStringLiteral("relative")}));
    // Nothing of the key anywhere in the copy.
    QDirIterator it(dest(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        QVERIFY(!readFile(it.next()).contains("PRIVATE KEY"));
}

void TestOpenCodeSettings::specialFilesAreLeftOut()
{
    QVERIFY(writeFile(src() + QStringLiteral("/opencode.json"), "{}"));
    QCOMPARE(::mkfifo(QFile::encodeName(src() + QStringLiteral("/fifo")).constData(), 0600), 0);
    const opencodesettings::Snapshot s = opencodesettings::make(src(), dest());
    QVERIFY2(s.ok, qPrintable(s.error));
    QCOMPARE(filesUnder(dest()), QStringList{QStringLiteral("opencode.json")});
    QCOMPARE(s.leftOut, QStringList{QStringLiteral("fifo")});
}

void TestOpenCodeSettings::permissionsAreOwnerOnly()
{
    QVERIFY(writeFile(src() + QStringLiteral("/commands/hello.md"), "x"));
    QVERIFY(QFile::setPermissions(src() + QStringLiteral("/commands/hello.md"),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther |
                                      QFile::ReadGroup));
    const mode_t old = ::umask(0);
    const opencodesettings::Snapshot s = opencodesettings::make(src(), dest());
    ::umask(old);
    QVERIFY2(s.ok, qPrintable(s.error));
    QCOMPARE(modeOf(dest()), 0700);
    QCOMPARE(modeOf(dest() + QStringLiteral("/commands")), 0700);
    QCOMPARE(modeOf(dest() + QStringLiteral("/commands/hello.md")), 0600);
}

void TestOpenCodeSettings::replacesTheOldCopy()
{
    QVERIFY(writeFile(src() + QStringLiteral("/commands/old.md"), "x"));
    QVERIFY(opencodesettings::make(src(), dest()).ok);
    QVERIFY(QFile::remove(src() + QStringLiteral("/commands/old.md")));
    QVERIFY(writeFile(src() + QStringLiteral("/commands/new.md"), "y"));
    QVERIFY(opencodesettings::make(src(), dest()).ok);
    QCOMPARE(filesUnder(dest()),
             (QStringList{QStringLiteral("commands"), QStringLiteral("commands/new.md")}));
    QVERIFY(!QFileInfo::exists(dest() + QStringLiteral(".new")));
}

void TestOpenCodeSettings::missingFolderSharesNothing()
{
    QVERIFY(writeFile(dest() + QStringLiteral("/stale.md"), "from an earlier start"));
    const opencodesettings::Snapshot s =
        opencodesettings::make(m_tmp->filePath(QStringLiteral("nope")), dest());
    QVERIFY(s.ok);
    QVERIFY(s.empty);
    QVERIFY(!QFileInfo::exists(dest()));
}

// ~/.config/opencode itself may be a link (dotfiles kept elsewhere): that is followed.
void TestOpenCodeSettings::aLinkedFolderItselfIsRead()
{
    QVERIFY(writeFile(src() + QStringLiteral("/commands/hello.md"), "x"));
    const QString link = m_tmp->filePath(QStringLiteral("host/linked"));
    QVERIFY(QFile::link(src(), link));
    const opencodesettings::Snapshot s = opencodesettings::make(link, dest());
    QVERIFY2(s.ok, qPrintable(s.error));
    QCOMPARE(filesUnder(dest()),
             (QStringList{QStringLiteral("commands"), QStringLiteral("commands/hello.md")}));
}

void TestOpenCodeSettings::tooLargeIsNotShared()
{
    QVERIFY(writeFile(src() + QStringLiteral("/small.md"), "x"));
    QFile big(src() + QStringLiteral("/big.bin"));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(opencodesettings::MaxTotalBytes + 1));
    big.close();
    const opencodesettings::Snapshot s = opencodesettings::make(src(), dest());
    QVERIFY(!s.ok);
    QVERIFY2(s.error.contains(QStringLiteral("MiB")), qPrintable(s.error));
    QVERIFY(!QFileInfo::exists(dest()));
    QVERIFY(!QFileInfo::exists(dest() + QStringLiteral(".new")));
}

void TestOpenCodeSettings::leftOutNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("leftOut");
    for (const char *n :
         {"auth.json", "AUTH.json", "mcp-auth.json", "id.key", "cert.PEM", "store.p12", "x.pfx",
          ".env", ".envrc", ".env.production", "credentials", "credentials.json", "token",
          "tokens.json", "client_secret.json", ".git", "node_modules"})
        QTest::newRow(n) << QString::fromLatin1(n) << true;
    for (const char *n :
         {"opencode.json", "opencode.jsonc", "tui.json", "AGENTS.md", "agents", "commands",
          "themes", "plugins", "keybinds.json", "my.keys.md", "environment.md", "auth-notes"})
        QTest::newRow(n) << QString::fromLatin1(n) << false;
}

void TestOpenCodeSettings::leftOutNames()
{
    QFETCH(QString, name);
    QFETCH(bool, leftOut);
    QCOMPARE(opencodesettings::isLeftOut(name), leftOut);
}

// Either switch turns it on; the config's 'false' keeps it off whatever the app says.
void TestOpenCodeSettings::whichSwitchWins()
{
    ProjectConfig c;
    QVERIFY(!opencodesettings::enabled(c, false));
    QVERIFY(opencodesettings::enabled(c, true));
    c.shareOpenCodeSettings = QStringLiteral("true");
    QVERIFY(opencodesettings::enabled(c, false));
    QVERIFY(opencodesettings::enabled(c, true));
    c.shareOpenCodeSettings = QStringLiteral("false");
    QVERIFY(!opencodesettings::enabled(c, false));
    QVERIFY(!opencodesettings::enabled(c, true));
}

void TestOpenCodeSettings::hostDirFollowsXdgConfigHome()
{
    EnvGuard env;
    env.set("XDG_CONFIG_HOME", m_tmp->filePath(QStringLiteral("xdg")));
    QCOMPARE(opencodesettings::hostDir(), m_tmp->filePath(QStringLiteral("xdg/opencode")));
    env.unset("XDG_CONFIG_HOME");
    env.set("HOME", m_tmp->filePath(QStringLiteral("home")));
    QCOMPARE(opencodesettings::hostDir(), m_tmp->filePath(QStringLiteral("home/.config/opencode")));
}

QTEST_GUILESS_MAIN(TestOpenCodeSettings)
#include "tst_opencodesettings.moc"
