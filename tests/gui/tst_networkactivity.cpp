// The "Network activity" window against a recorded decision log (decisions.jsonl and
// counts.json in a sandbox's state folder, in the format of policyfiles.h): hosts grouped by
// domain with their counts, the filter and the Show choice, the buttons (enabled only with a
// host selected; Enter allows), Allow host / Allow domain and subdomains / Deny writing the
// config (comments kept, same file) and the live policy files, and decisions appended while
// it is open appearing within a second without reloading everything. Then the tray around it:
// a blocked host of a running sandbox is notified (not when switched off), the click opens
// the window with the host selected, and learning mode collects quietly and offers the hosts
// when the sandbox stops.

#include "blockedhostnotifier.h"
#include "config/configfile.h"
#include "guitest.h"
#include "learnedhostsdialog.h"
#include "network/policyfiles.h"
#include "networkactivitymodel.h"
#include "networkactivitywindow.h"
#include "project/project.h"
#include "projectmenu.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <sys/stat.h>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::NetworkActivityFilter;
using ocs::tray::NetworkActivityModel;
using ocs::tray::NetworkActivityWindow;
using ocs::tray::ProjectAction;
using State = ManagedSandbox::State;

namespace {

const QByteArray ConfigYaml = "# Network test project (this comment stays)\n"
                              "sandbox-name: netproj # the name\n"
                              "\n"
                              "# Domains the agent may reach\n"
                              "http-domain-whitelist:\n"
                              "  - .github.com\n"
                              "  - cdn.example.test\n"
                              "\n"
                              "x-team-note: keep this unknown key # and its comment\n";

struct Line
{
    const char *time;
    bool allowed;
    const char *host;
    int port;
    const char *rule;
};

// The recorded run: every line of decisions.jsonl; counts.json says the same.
const QList<Line> Recorded = {
    {"2026-12-03T18:00:01.000Z", true, "api.github.com", 443, "whitelist .github.com"},
    {"2026-12-03T18:00:02.000Z", true, "api.github.com", 443, "whitelist .github.com"},
    {"2026-12-03T18:00:03.000Z", true, "api.github.com", 443, "whitelist .github.com"},
    {"2026-12-03T18:00:04.000Z", true, "api.github.com", 443, "whitelist .github.com"},
    {"2026-12-03T18:00:05.000Z", true, "api.github.com", 443, "whitelist .github.com"},
    {"2026-12-03T18:01:00.000Z", false, "uploads.github.com", 443, "blacklist uploads.github.com"},
    {"2026-12-03T18:01:01.000Z", false, "uploads.github.com", 443, "blacklist uploads.github.com"},
    {"2026-12-03T18:02:00.000Z", false, "tracker.example.test", 443, "not whitelisted"},
    {"2026-12-03T18:02:01.000Z", false, "tracker.example.test", 443, "not whitelisted"},
    {"2026-12-03T18:02:02.000Z", false, "tracker.example.test", 443, "not whitelisted"},
    {"2026-12-03T18:03:00.000Z", true, "cdn.example.test", 443, "whitelist cdn.example.test"},
    {"2026-12-03T18:03:30.000Z", false, "cdn.example.test", 8443, "port"},
    {"2026-12-03T18:04:00.000Z", false, "www.bbc.co.uk", 443, "not whitelisted"},
};

QByteArray jsonLine(const char *time, bool allowed, const QString &host, int port, const char *rule)
{
    return QStringLiteral("{\"time\":\"%1\",\"decision\":\"%2\",\"host\":\"%3\",\"port\":%4,"
                          "\"method\":\"%5\",\"rule\":\"%6\"}\n")
        .arg(QLatin1String(time), allowed ? QStringLiteral("allowed") : QStringLiteral("denied"),
             host, QString::number(port),
             port == 80 ? QStringLiteral("GET") : QStringLiteral("CONNECT"), QLatin1String(rule))
        .toUtf8();
}

void append(const QString &file, const QByteArray &text)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::Append));
    f.write(text);
}

// Writes the recorded log into the state folder's network/log.
void writeRecordedLog(const QString &stateDir)
{
    QString error;
    QVERIFY2(policyfiles::prepare(stateDir, &error), qPrintable(error));
    const QDir log(policyfiles::logDir(stateDir));
    QByteArray lines;
    struct Count
    {
        int allowed = 0, denied = 0;
        QString last, decision, rule;
    };
    QMap<QString, Count> counts;
    for (const Line &l : Recorded) {
        lines += jsonLine(l.time, l.allowed, QLatin1String(l.host), l.port, l.rule);
        Count &c = counts[QLatin1String(l.host)];
        (l.allowed ? c.allowed : c.denied) += 1;
        c.last = QLatin1String(l.time);
        c.decision = l.allowed ? QStringLiteral("allowed") : QStringLiteral("denied");
        c.rule = QLatin1String(l.rule);
    }
    QFile f(log.filePath(QStringLiteral("decisions.jsonl")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(lines);
    f.close();
    QStringList hosts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        hosts << QStringLiteral("\"%1\":{\"allowed\":%2,\"denied\":%3,\"last\":\"%4\","
                                "\"decision\":\"%5\",\"rule\":\"%6\"}")
                     .arg(it.key())
                     .arg(it->allowed)
                     .arg(it->denied)
                     .arg(it->last, it->decision, it->rule);
    QFile c(log.filePath(QStringLiteral("counts.json")));
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write("{\"version\":1,\"hosts\":{" + hosts.join(QLatin1Char(',')).toUtf8() + "}}\n");
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

QStringList lines(const QString &path)
{
    return QString::fromUtf8(readAll(path)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

ino_t inodeOf(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}

QStringList whitelistOf(const QString &config)
{
    const auto loaded = ConfigFile::load(config);
    return loaded.ok() ? loaded.config->httpDomainWhitelist : QStringList{QStringLiteral("?")};
}

QStringList blacklistOf(const QString &config)
{
    const auto loaded = ConfigFile::load(config);
    return loaded.ok() ? loaded.config->httpDomainBlacklist : QStringList{QStringLiteral("?")};
}

// What the view shows: domains, and "domain/host" for each visible host.
QStringList shownDomains(const NetworkActivityWindow &w)
{
    QStringList out;
    const QAbstractItemModel *m = w.view()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r, 0).data().toString();
    out.sort();
    return out;
}

QStringList shownHosts(const NetworkActivityWindow &w)
{
    QStringList out;
    const QAbstractItemModel *m = w.view()->model();
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex domain = m->index(r, 0);
        for (int c = 0; c < m->rowCount(domain); ++c)
            out << m->index(c, 0, domain).data().toString();
    }
    out.sort();
    return out;
}

QString cell(const QModelIndex &sourceFirst, int column)
{
    return sourceFirst.siblingAtColumn(column).data().toString();
}

// A project, its state folder with the recorded log, and a window on it.
struct Fixture
{
    GuiTestEnvironment env;
    QString root;
    QString config;
    QString stateDir;
    bool running = false;
    std::unique_ptr<NetworkActivityWindow> window;

    Fixture()
    {
        root = env.makeProject(QStringLiteral("netproj"), ConfigYaml);
        config = QDir(root).filePath(ConfigFile::FileName);
        const auto project = Project::open(root, nullptr);
        QVERIFY(project);
        stateDir = project->stateDir();
        writeRecordedLog(stateDir);
    }
    NetworkActivityWindow *open()
    {
        NetworkActivityWindow::Target t;
        t.name = QStringLiteral("netproj");
        t.root = root;
        t.stateDir = stateDir;
        t.running = [this] {
            return running;
        };
        window = std::make_unique<NetworkActivityWindow>(t);
        window->setAttribute(Qt::WA_DeleteOnClose, false);
        window->show();
        return window.get();
    }
    QString policyFile(const char *name) const
    {
        return QDir(policyfiles::policyDir(stateDir)).filePath(QLatin1String(name));
    }
    QString logFile() const
    {
        return QDir(policyfiles::logDir(stateDir)).filePath(QStringLiteral("decisions.jsonl"));
    }
};

} // namespace

class TestNetworkActivity : public QObject
{
    Q_OBJECT
private:
    static FakeEngine *engine() { return static_cast<FakeEngine *>(&ProcessLauncher::instance()); }

private Q_SLOTS:
    void groupsHostsByDomainWithCounts()
    {
        Fixture f;
        NetworkActivityWindow *w = f.open();
        QTRY_VERIFY_WITH_TIMEOUT(w->isLoaded(), 5000);
        QVERIFY(w->windowTitle().contains(QStringLiteral("netproj")));
        QCOMPARE(shownDomains(*w),
                 QStringList({QStringLiteral("bbc.co.uk"), QStringLiteral("example.test"),
                              QStringLiteral("github.com")}));
        QCOMPARE(
            shownHosts(*w),
            QStringList({QStringLiteral("api.github.com"), QStringLiteral("cdn.example.test"),
                         QStringLiteral("tracker.example.test"),
                         QStringLiteral("uploads.github.com"), QStringLiteral("www.bbc.co.uk")}));
        NetworkActivityModel *m = w->model();
        // The hosts under their domains, with their counts.
        const QModelIndex github = m->indexOfDomain(QStringLiteral("github.com"));
        QCOMPARE(m->rowCount(github), 2);
        QCOMPARE(cell(github, NetworkActivityModel::AllowedColumn), QStringLiteral("5"));
        QCOMPARE(cell(github, NetworkActivityModel::DeniedColumn), QStringLiteral("2"));
        const QModelIndex uploads = m->indexOfHost(QStringLiteral("uploads.github.com"));
        QCOMPARE(uploads.parent(), github);
        QCOMPARE(cell(uploads, NetworkActivityModel::AllowedColumn), QStringLiteral("0"));
        QCOMPARE(cell(uploads, NetworkActivityModel::DeniedColumn), QStringLiteral("2"));
        QCOMPARE(cell(uploads, NetworkActivityModel::RuleColumn),
                 QStringLiteral("blacklist uploads.github.com"));
        QVERIFY(cell(uploads, NetworkActivityModel::LastColumn).contains(QStringLiteral(":01")));
        const QModelIndex cdn = m->indexOfHost(QStringLiteral("cdn.example.test"));
        QCOMPARE(cdn.parent(), m->indexOfDomain(QStringLiteral("example.test")));
        QCOMPARE(cell(cdn, NetworkActivityModel::AllowedColumn), QStringLiteral("1"));
        QCOMPARE(cell(cdn, NetworkActivityModel::DeniedColumn), QStringLiteral("1"));
        QCOMPARE(cell(cdn, NetworkActivityModel::RuleColumn), QStringLiteral("port"));
        const QModelIndex example = m->indexOfDomain(QStringLiteral("example.test"));
        QCOMPARE(cell(example, NetworkActivityModel::DeniedColumn), QStringLiteral("4"));
        QCOMPARE(m->indexOfHost(QStringLiteral("www.bbc.co.uk")).parent(),
                 m->indexOfDomain(QStringLiteral("bbc.co.uk")));
        // The domains are expanded: their hosts are on screen.
        QVERIFY(w->view()->isExpanded(w->filter()->mapFromSource(github)));
    }

    void filterAndShowChoice()
    {
        Fixture f;
        NetworkActivityWindow *w = f.open();
        QTRY_VERIFY_WITH_TIMEOUT(w->isLoaded(), 5000);
        QVERIFY(!w->filterEdit()->accessibleName().isEmpty());
        QVERIFY(!w->showCombo()->accessibleName().isEmpty());
        QVERIFY(!w->view()->accessibleName().isEmpty());

        QTest::keyClicks(w->filterEdit(), QStringLiteral("TRACK"));
        QCOMPARE(shownHosts(*w), QStringList{QStringLiteral("tracker.example.test")});
        QCOMPARE(shownDomains(*w), QStringList{QStringLiteral("example.test")});
        w->filterEdit()->clear();
        QCOMPARE(shownHosts(*w).size(), 5);

        QComboBox *show = w->showCombo();
        show->setCurrentIndex(show->findData(int(NetworkActivityFilter::Show::Denied)));
        QCOMPARE(
            shownHosts(*w),
            QStringList({QStringLiteral("cdn.example.test"), QStringLiteral("tracker.example.test"),
                         QStringLiteral("uploads.github.com"), QStringLiteral("www.bbc.co.uk")}));
        QTest::keyClicks(w->filterEdit(), QStringLiteral("github"));
        QCOMPARE(shownHosts(*w), QStringList{QStringLiteral("uploads.github.com")});
        w->filterEdit()->clear();

        show->setCurrentIndex(show->findData(int(NetworkActivityFilter::Show::Allowed)));
        QCOMPARE(shownHosts(*w), QStringList({QStringLiteral("api.github.com"),
                                              QStringLiteral("cdn.example.test")}));
        QCOMPARE(shownDomains(*w),
                 QStringList({QStringLiteral("example.test"), QStringLiteral("github.com")}));
        show->setCurrentIndex(show->findData(int(NetworkActivityFilter::Show::All)));
        QCOMPARE(shownHosts(*w).size(), 5);
    }

    void buttonsNeedASelectedHost()
    {
        Fixture f;
        NetworkActivityWindow *w = f.open();
        QTRY_VERIFY_WITH_TIMEOUT(w->isLoaded(), 5000);
        auto buttonsEnabled = [w] {
            return QList<bool>{w->allowHostButton()->isEnabled(),
                               w->allowDomainButton()->isEnabled(), w->denyButton()->isEnabled()};
        };
        const QList<bool> none{false, false, false}, all{true, true, true};
        QCOMPARE(buttonsEnabled(), none);
        for (QPushButton *b : {w->allowHostButton(), w->allowDomainButton(), w->denyButton()})
            QVERIFY(!b->accessibleName().isEmpty());

        w->selectHost(QStringLiteral("tracker.example.test"));
        QCOMPARE(w->selectedHost(), QStringLiteral("tracker.example.test"));
        QCOMPARE(buttonsEnabled(), all);
        QVERIFY(w->allowDomainButton()->toolTip().contains(QStringLiteral(".example.test")));

        // A domain row is not a host.
        const QModelIndex domain =
            w->filter()->mapFromSource(w->model()->indexOfDomain(QStringLiteral("github.com")));
        w->view()->setCurrentIndex(domain);
        QVERIFY(w->selectedHost().isEmpty());
        QCOMPARE(buttonsEnabled(), none);

        // The keyboard: down from the domain reaches its first host.
        w->view()->setFocus();
        QTest::keyClick(w->view(), Qt::Key_Down);
        QVERIFY(!w->selectedHost().isEmpty());
        QCOMPARE(buttonsEnabled(), all);

        w->view()->clearSelection();
        QCOMPARE(buttonsEnabled(), none);

        // Filtered away: nothing selected any more.
        w->selectHost(QStringLiteral("tracker.example.test"));
        QTest::keyClicks(w->filterEdit(), QStringLiteral("bbc"));
        QCOMPARE(buttonsEnabled(), none);
    }

    void allowHostWritesConfigAndLivePolicy()
    {
        Fixture f;
        const ino_t inode = inodeOf(f.config);
        QVERIFY(inode != 0);
        NetworkActivityWindow *w = f.open();
        QTRY_VERIFY_WITH_TIMEOUT(w->isLoaded(), 5000);
        QSignalSpy changed(w, &NetworkActivityWindow::policyChanged);

        w->selectHost(QStringLiteral("tracker.example.test"));
        w->allowHostButton()->click();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(whitelistOf(f.config),
                 QStringList({QStringLiteral(".github.com"), QStringLiteral("cdn.example.test"),
                              QStringLiteral("tracker.example.test")}));
        const QByteArray text = readAll(f.config);
        QVERIFY2(text.contains("# Network test project (this comment stays)"), text.constData());
        QVERIFY(text.contains("sandbox-name: netproj # the name"));
        QVERIFY(text.contains("# Domains the agent may reach"));
        QVERIFY(text.contains("x-team-note: keep this unknown key # and its comment"));
        QCOMPARE(inodeOf(f.config), inode); // rewritten in place
        QVERIFY(lines(f.policyFile("whitelist")).contains(QStringLiteral("tracker.example.test")));
        QVERIFY(lines(f.policyFile("whitelist")).contains(QStringLiteral(".github.com")));
        QVERIFY(!lines(f.policyFile("blacklist")).contains(QStringLiteral("tracker.example.test")));
        QVERIFY(w->statusLabel()->isVisibleTo(w));
        QVERIFY2(w->statusLabel()->text().contains(QStringLiteral("applies at the next start")),
                 qPrintable(w->statusLabel()->text()));

        // Running: Enter on a host allows it, and says it is in force now.
        f.running = true;
        w->selectHost(QStringLiteral("www.bbc.co.uk"));
        QTest::keyClick(w->view(), Qt::Key_Return);
        QVERIFY(whitelistOf(f.config).contains(QStringLiteral("www.bbc.co.uk")));
        QVERIFY(lines(f.policyFile("whitelist")).contains(QStringLiteral("www.bbc.co.uk")));
        QVERIFY2(
            w->statusLabel()->text().contains(QStringLiteral("applied to the running sandbox")),
            qPrintable(w->statusLabel()->text()));
        QCOMPARE(changed.count(), 2);
    }

    void allowDomainWritesTheDomainAndSubdomains()
    {
        Fixture f;
        NetworkActivityWindow *w = f.open();
        QTRY_VERIFY_WITH_TIMEOUT(w->isLoaded(), 5000);
        w->selectHost(QStringLiteral("tracker.example.test"));
        w->allowDomainButton()->click();
        const QStringList whitelist = whitelistOf(f.config);
        QVERIFY2(whitelist.contains(QStringLiteral(".example.test")),
                 qPrintable(whitelist.join(QLatin1Char(','))));
        QVERIFY(!whitelist.contains(QStringLiteral("tracker.example.test")));
        QVERIFY(whitelist.contains(QStringLiteral(".github.com")));
        QVERIFY(readAll(f.config).contains("# Domains the agent may reach"));
        QVERIFY(lines(f.policyFile("whitelist")).contains(QStringLiteral(".example.test")));
        QVERIFY(w->statusLabel()->text().contains(QStringLiteral(".example.test")));
    }

    void denyRemovesOrBlacklists()
    {
        Fixture f;
        NetworkActivityWindow *w = f.open();
        QTRY_VERIFY_WITH_TIMEOUT(w->isLoaded(), 5000);
        // An exact entry: out of the whitelist.
        w->selectHost(QStringLiteral("cdn.example.test"));
        w->denyButton()->click();
        QCOMPARE(whitelistOf(f.config), QStringList{QStringLiteral(".github.com")});
        QVERIFY(!lines(f.policyFile("whitelist")).contains(QStringLiteral("cdn.example.test")));
        QVERIFY(readAll(f.config).contains("# Network test project (this comment stays)"));
        QVERIFY(w->statusLabel()->text().contains(QStringLiteral("Denied")));

        // Allowed by a wider entry (.github.com): blacklisted, the wider entry stays.
        w->selectHost(QStringLiteral("api.github.com"));
        w->denyButton()->click();
        QCOMPARE(whitelistOf(f.config), QStringList{QStringLiteral(".github.com")});
        QCOMPARE(blacklistOf(f.config), QStringList{QStringLiteral("api.github.com")});
        QVERIFY(lines(f.policyFile("blacklist")).contains(QStringLiteral("api.github.com")));
        QVERIFY(lines(f.policyFile("whitelist")).contains(QStringLiteral(".github.com")));
    }

    void followsTheLogWhileOpen()
    {
        Fixture f;
        NetworkActivityWindow *w = f.open();
        QTRY_VERIFY_WITH_TIMEOUT(w->isLoaded(), 5000);
        NetworkActivityModel *m = w->model();
        QStandardItem *api = m->itemFromIndex(m->indexOfHost(QStringLiteral("api.github.com")));
        QSignalSpy resets(m, &QAbstractItemModel::modelReset);

        append(f.logFile(),
               jsonLine("2026-12-03T19:00:00.000Z", false, QStringLiteral("fresh.new.test"), 443,
                        "not whitelisted") +
                   jsonLine("2026-12-03T19:00:01.000Z", false, QStringLiteral("uploads.github.com"),
                            443, "blacklist uploads.github.com"));
        QTRY_VERIFY_WITH_TIMEOUT(m->indexOfHost(QStringLiteral("fresh.new.test")).isValid(), 1000);
        QTRY_COMPARE_WITH_TIMEOUT(cell(m->indexOfHost(QStringLiteral("uploads.github.com")),
                                       NetworkActivityModel::DeniedColumn),
                                  QStringLiteral("3"), 1000);
        const QModelIndex fresh = m->indexOfHost(QStringLiteral("fresh.new.test"));
        QCOMPARE(fresh.parent(), m->indexOfDomain(QStringLiteral("new.test")));
        QCOMPARE(cell(fresh, NetworkActivityModel::DeniedColumn), QStringLiteral("1"));
        QCOMPARE(cell(m->indexOfDomain(QStringLiteral("github.com")),
                      NetworkActivityModel::DeniedColumn),
                 QStringLiteral("3"));
        QVERIFY(shownHosts(*w).contains(QStringLiteral("fresh.new.test")));
        // Updated in place: no reset, the other rows are the same items.
        QCOMPARE(resets.count(), 0);
        QCOMPARE(m->itemFromIndex(m->indexOfHost(QStringLiteral("api.github.com"))), api);
    }

    void selectsAHostAskedForBeforeTheLogIsRead()
    {
        Fixture f;
        NetworkActivityWindow *w = f.open();
        w->selectHost(QStringLiteral("www.bbc.co.uk"));
        QTRY_VERIFY_WITH_TIMEOUT(w->isLoaded(), 5000);
        QCOMPARE(w->selectedHost(), QStringLiteral("www.bbc.co.uk"));
        QVERIFY(w->allowHostButton()->isEnabled());
    }

    // The tray: a running sandbox's blocked hosts are notified, the click opens the window on
    // the host, learning mode collects quietly and offers the hosts when the sandbox stops.
    void trayNotifiesAndLearns()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("netrun"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        tray::ProjectMenu *pm = app.tray->projectMenu(root);
        QVERIFY(pm);
        ManagedSandbox *s = pm->sandbox();
        const QString stateDir = s->project()->stateDir();
        QString error;
        QVERIFY2(policyfiles::prepare(stateDir, &error), qPrintable(error));
        const QString log =
            QDir(policyfiles::logDir(stateDir)).filePath(QStringLiteral("decisions.jsonl"));
        QAction *activity = pm->action(ProjectAction::NetworkActivity);
        QAction *learning = pm->action(ProjectAction::LearningMode);
        QVERIFY(activity->isEnabled()); // also for a stopped sandbox
        QVERIFY(!learning->isEnabled());

        engine()->addImage(s->project()->imageName());
        pm->action(ProjectAction::Start)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Running, 10000);
        app.flush();
        QVERIFY(learning->isEnabled() && learning->isCheckable() && !learning->isChecked());
        // A short interval: what the switch and learning mode suppress would show at once.
        app.tray->blockedHostNotifier(root)->setInterval(std::chrono::milliseconds(100));

        append(log, jsonLine("2026-12-03T19:00:00.000Z", false, QStringLiteral("blocked.test"), 443,
                             "not whitelisted"));
        auto notified = [&app](const QString &title) {
            for (const auto &n : app.tray->notifications()) {
                if (n.title == title)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(notified(QStringLiteral("netrun: blocked.test was blocked")),
                                 2000);

        // Clicking the message: the window, the host selected (Allow is one click away).
        Q_EMIT app.tray->trayIcon()->messageClicked();
        NetworkActivityWindow *w = app.tray->networkActivity(root);
        QVERIFY(w);
        QTRY_VERIFY_WITH_TIMEOUT(w->isLoaded(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(w->selectedHost(), QStringLiteral("blocked.test"), 2000);
        QVERIFY(w->allowHostButton()->isEnabled());
        w->close();

        // Switched off in the preferences: no notification.
        app.settings->setBlockedHostNotificationsEnabled(false);
        append(log, jsonLine("2026-12-03T19:00:30.000Z", false, QStringLiteral("quiet.test"), 443,
                             "not whitelisted"));
        QTest::qWait(700);
        QVERIFY(!notified(QStringLiteral("netrun: quiet.test was blocked")));
        app.settings->setBlockedHostNotificationsEnabled(true);
        // Switched on again: the next new host is notified (the control).
        append(log, jsonLine("2026-12-03T19:00:40.000Z", false, QStringLiteral("loud.test"), 443,
                             "not whitelisted"));
        QTRY_VERIFY_WITH_TIMEOUT(notified(QStringLiteral("netrun: loud.test was blocked")), 2000);

        // Learning mode: nothing notified, the hosts are collected.
        learning->trigger();
        QVERIFY(learning->isChecked());
        const int before = int(app.tray->notifications().size());
        append(log, jsonLine("2026-12-03T19:01:00.000Z", false, QStringLiteral("learn.test"), 443,
                             "not whitelisted") +
                        jsonLine("2026-12-03T19:01:01.000Z", false, QStringLiteral("learn2.test"),
                                 443, "not whitelisted"));
        QTRY_VERIFY_WITH_TIMEOUT(app.tray->blockedHostNotifier(root)->collected().contains(
                                     QStringLiteral("learn2.test")),
                                 2000);
        QVERIFY(app.tray->blockedHostNotifier(root)->collected().contains(
            QStringLiteral("learn.test")));
        QCOMPARE(app.tray->notifications().size(), before);

        // The sandbox stops: the hosts are offered, all checked; Allow selected writes them.
        pm->action(ProjectAction::Stop)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Stopped, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(app.tray->learnedHostsDialog(root), 2000);
        tray::LearnedHostsDialog *dlg = app.tray->learnedHostsDialog(root);
        QVERIFY(dlg->checkedHosts().contains(QStringLiteral("learn.test")));
        QVERIFY(dlg->checkedHosts().contains(QStringLiteral("learn2.test")));
        const auto items = dlg->list()->findItems(QStringLiteral("learn2.test"), Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        items.first()->setCheckState(Qt::Unchecked);
        QVERIFY(dlg->allowButton()->isEnabled());
        dlg->allowButton()->click();
        const QStringList whitelist = whitelistOf(QDir(root).filePath(ConfigFile::FileName));
        QVERIFY2(whitelist.contains(QStringLiteral("learn.test")),
                 qPrintable(whitelist.join(QLatin1Char(','))));
        QVERIFY(!whitelist.contains(QStringLiteral("learn2.test")));
        QVERIFY(lines(QDir(policyfiles::policyDir(stateDir)).filePath(QStringLiteral("whitelist")))
                    .contains(QStringLiteral("learn.test")));
        QVERIFY(app.tray->notifications().constLast().text.contains(QStringLiteral("learn.test")));
        app.flush();
        QVERIFY(!learning->isChecked());
    }
};

QTEST_MAIN(TestNetworkActivity)
#include "tst_networkactivity.moc"
