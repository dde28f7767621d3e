// SandboxController with the engine faked at the process boundary: the order of engine
// commands, builds when the image is missing, the hook approval gate, port retries,
// stop, and (with a fake OpenCode health endpoint) the whole way to Running.

#include "fakehealthserver.h"
#include "fakeprocesslauncher.h"
#include "sandbox/healthprobe.h"
#include "sandbox/prestarthook.h"
#include "sandbox/sandboxcontroller.h"
#include "sandbox/sandboxrecord.h"
#include "sandbox/startapproval.h"
#include "testhelpers.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace ocs;
using namespace ocs::test;
using State = SandboxController::State;

namespace {
const QStringList ContainerInspect{QStringLiteral("container"), QStringLiteral("inspect")};
const QStringList ImageInspect{QStringLiteral("image"), QStringLiteral("inspect")};
const QStringList Build{QStringLiteral("build")};
const QStringList Run{QStringLiteral("run")};
const QStringList Rm{QStringLiteral("rm")};
const QStringList Stop{QStringLiteral("stop")};
const QByteArray PortTaken =
    "docker: Error response from daemon: driver failed programming external "
    "connectivity on endpoint opencode-sandbox-x: Bind for 127.0.0.1:4096 "
    "failed: port is already allocated.\n";

quint16 publishedPort(const ProcessSpec &run)
{
    // 127.0.0.1:<port>:4096
    return quint16(valuesOf(run.arguments, QStringLiteral("--publish"))
                       .value(0)
                       .section(QLatin1Char(':'), 1, 1)
                       .toUInt());
}
} // namespace

class TestSandboxController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void start_missingImage_buildsThenRunsToRunning();
    void start_existingImage_data();
    void start_existingImage();
    void start_asksAboutTheImageWithTheContainer();
    void start_unansweredHealthCheckIsAskedAgainSoon();
    void start_unansweredHealthCheckDoesNotHoldUpTheNext();
    void start_writesNetworkPolicy();
    void start_hookNotApproved_runsNothing();
    void start_hookEnvironmentFeedsPassthrough();
    void start_injectedSecrets_deliveredOnStdinNeverInArgv();
    void start_injectedSecrets_failedDeliveryIsANotice();
    void start_injectedSecrets_defaultResolverIsTheSecretStore();
    void start_portAlreadyAllocated_retriesWithAnotherPort();
    void start_portRetriesAreBounded();
    void start_publishedPorts_takenHostPortGetsAnother();
    void start_runFails_reportsEngineError();
    void start_ignoredLimitsAreWarned_data();
    void start_ignoredLimitsAreWarned();
    void start_alreadyRunning();
    void start_replacesExitedContainer();
    void start_containerDiesWhileStarting();
    void start_configChangedSinceLastStart_data();
    void start_configChangedSinceLastStart();
    void start_firstStartIsReviewed_data();
    void start_firstStartIsReviewed();
    void start_newProtectedPathIsReviewed();
    void start_insideAnotherProjectWarns();
    void start_refusesSymlinkedGitFolder();
    void start_exitedByGuardSaysWhy();
    void guardLines_onlyItsStopReport();

    void stop_data();
    void stop();

    void configHash();

private:
    std::optional<SandboxController::Outcome> start(SandboxController &c,
                                                    const SandboxController::StartOptions &o = {});
    SandboxController *makeController(const ProjectConfig &config);
    QString passwordFile() const
    {
        return m_project->stateDir() + QStringLiteral("/opencode-password");
    }

    QTemporaryDir m_tmp;
    QString m_base;
    EnvGuard m_env;
    FakeProcessLauncher *m_fake = nullptr;
    FakeHealthServer *m_health = nullptr;
    std::optional<Project> m_project;
    SandboxController *m_controller = nullptr;
    int m_n = 0;
    // start() answers the start review (first start, changes) with yes unless the test gives
    // its own callback or clears this.
    bool m_acceptReviews = true;
    const ContainerEngine m_engine{ContainerEngine::Kind::Docker,
                                   QStringLiteral("/usr/bin/fake-docker")};
};

void TestSandboxController::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_base = canonical(m_tmp.path());
    m_env.set("HOME", m_base + QStringLiteral("/home"));
    m_env.set("OCS_STATE_ROOT", m_base + QStringLiteral("/state"));
    m_env.set("OCS_KEYCHAIN", QStringLiteral("0"));
    m_env.set("OCS_DATA_DIR", m_base + QStringLiteral("/data"));
    m_env.set("OCS_NPM_REGISTRY", QStringLiteral("https://npm.example/"));
    m_env.set("OCS_START_TIMEOUT", QStringLiteral("20"));
    m_env.unset("OCS_EXTRA_HOSTS");
    m_env.unset("OCS_EXTRA_CA_CERTS");
    m_env.unset("OCS_BASE_IMAGE");
    QVERIFY(writeFile(m_base + QStringLiteral("/data/docker/Dockerfile"), "FROM scratch\n"));
}

void TestSandboxController::init()
{
    m_acceptReviews = true;
    const QString root = m_base + QStringLiteral("/projects/p%1").arg(++m_n);
    QVERIFY(QDir().mkpath(root));
    m_project.emplace(root, minimalConfig(QStringLiteral("ctl")));
    m_health = new FakeHealthServer(this);
    m_fake = FakeProcessLauncher::install();

    // A healthy engine where the sandbox does not exist yet and the image is current.
    m_fake->reply(ContainerInspect, 1, {}, "Error: No such container: opencode-sandbox-x\n");
    m_fake->reply(ImageInspect, 0, ImageBuilder::miseHash(*m_project).toUtf8() + '\n');
    m_fake->reply(Build, 0, "Step 1/1 : FROM scratch\nSuccessfully built 1234\n");
    m_fake->reply(Rm, 0, "opencode-sandbox-x\n");
    m_fake->reply(Stop, 0, "opencode-sandbox-x\n");
    // `run` brings up "OpenCode": a fake health endpoint on the published port.
    m_fake->respond(Run, [this](const ProcessSpec &spec) {
        const quint16 port = publishedPort(spec);
        if (!m_health->isListening() && !m_health->listen(port))
            qWarning("fake health server cannot listen on %u", unsigned(port));
        return FakeProcessLauncher::finished(0, "c0ffee0123456789\n");
    });
}

void TestSandboxController::cleanup()
{
    delete m_controller;
    m_controller = nullptr;
    FakeProcessLauncher::uninstall();
    m_fake = nullptr;
    delete m_health;
    m_health = nullptr;
}

SandboxController *TestSandboxController::makeController(const ProjectConfig &config)
{
    const QString root = m_project->root(); // emplace() destroys the old project first
    m_project.emplace(root, config);
    delete m_controller;
    m_controller = new SandboxController(m_engine, *m_project);
    return m_controller;
}

std::optional<SandboxController::Outcome>
TestSandboxController::start(SandboxController &c, const SandboxController::StartOptions &o)
{
    std::optional<SandboxController::Outcome> result;
    int calls = 0;
    SandboxController::StartOptions opts = o;
    if (!opts.confirmConfigChanges && m_acceptReviews)
        opts.confirmConfigChanges = [](const StartReview &, std::function<void(bool)> reply) {
            reply(true);
        };
    c.start(opts, [&](const SandboxController::Outcome &r) {
        ++calls;
        result = r;
    });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        return std::nullopt;
    QTest::qWait(50);
    if (calls > 1)
        qWarning("start() called back %d times", calls);
    return calls == 1 ? result : std::nullopt;
}

void TestSandboxController::start_missingImage_buildsThenRunsToRunning()
{
    m_fake->reply(ImageInspect, 1, {},
                  "Error response from daemon: No such image: opencode-sandbox-x\n");
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    QSignalSpy states(c, &SandboxController::stateChanged);
    QSignalSpy messages(c, &SandboxController::message);
    QSignalSpy progress(c, &SandboxController::buildProgress);

    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    QCOMPARE(c->state(), State::Running);

    // The engine was asked in this order.
    const int inspect = m_fake->indexOf(ContainerInspect);
    const int image = m_fake->indexOf(ImageInspect);
    const int build = m_fake->indexOf(Build);
    const int run = m_fake->indexOf(Run);
    QVERIFY(inspect >= 0);
    QVERIFY2(inspect < image && image < build && build < run,
             qPrintable(QStringLiteral("%1 %2 %3 %4").arg(inspect).arg(image).arg(build).arg(run)));
    QCOMPARE(m_fake->count(Run), 1);
    QCOMPARE(m_fake->count(Rm), 0);
    QCOMPARE(m_fake->calls().at(inspect).arguments.last(), m_project->containerName());
    QCOMPARE(m_fake->calls().at(image).arguments.last(), m_project->imageName());
    QCOMPARE(m_fake->calls().at(build).arguments.value(2),
             m_project->imageName()); // build --tag NAME

    QList<State> seen;
    for (const QList<QVariant> &s : std::as_const(states))
        seen << s.at(0).value<State>();
    QCOMPARE(seen,
             (QList<State>{State::Starting, State::Building, State::Starting, State::Running}));
    bool told = false;
    for (const QList<QVariant> &m : std::as_const(messages))
        told = told || m.at(0).toString().contains(QStringLiteral("No image for ") +
                                                   m_project->sandboxId());
    QVERIFY(told);
    QVERIFY(!progress.isEmpty());

    // The password: generated, kept owner-only, passed by the private env file only (not
    // by argv, not by the engine CLI's environment).
    const QString password = QString::fromUtf8(readFile(passwordFile())).trimmed();
    QCOMPARE(password.size(), 48);
    QCOMPARE(o->password, password);
    const ProcessSpec runSpec = m_fake->calls().at(run);
    QVERIFY(runSpec.privateFileContents.startsWith("OPENCODE_SERVER_PASSWORD=" + password.toUtf8() +
                                                   '\n'));
    QCOMPARE(valuesOf(runSpec.arguments, QStringLiteral("--env-file")),
             QStringList{runSpec.privateFilePath});
    QVERIFY(!runSpec.environment.contains(QStringLiteral("OPENCODE_SERVER_PASSWORD")));
    QVERIFY(!QFileInfo::exists(runSpec.privateFilePath)); // removed once `run` returned
    for (const QString &arg : m_fake->allArguments())
        QVERIFY2(!arg.contains(password), qPrintable(arg));

    // Running on the port it published, remembered for next time, health checked with
    // the password.
    QCOMPARE(o->port, publishedPort(runSpec));
    QCOMPARE(o->port, m_health->port());
    QVERIFY(o->port >= 4096);
    QCOMPARE(SandboxRecord::load(m_project->stateDir()).port, o->port);
    QCOMPARE(SandboxRecord::load(m_project->stateDir()).projectRoot, m_project->root());
    QVERIFY(!m_health->requestHeads().isEmpty());
    QVERIFY(m_health->requestHeads().last().startsWith("GET /global/health "));
    QCOMPARE(m_health->lastHeader("Authorization"),
             HealthProbe::basicAuthHeader(QStringLiteral("opencode"), password));
}

void TestSandboxController::start_existingImage_data()
{
    QTest::addColumn<bool>("stale");
    QTest::newRow("current image") << false;
    QTest::newRow("mise.toml changed since the build") << true;
}

void TestSandboxController::start_existingImage()
{
    QFETCH(bool, stale);
    if (stale)
        m_fake->reply(ImageInspect, 0, "0123456789abcdef\n");
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    QSignalSpy states(c, &SandboxController::stateChanged);
    QSignalSpy messages(c, &SandboxController::message);
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    QCOMPARE(m_fake->count(Build), 0);
    QCOMPARE(m_fake->count(Run), 1);
    QList<State> seen;
    for (const QList<QVariant> &s : std::as_const(states))
        seen << s.at(0).value<State>();
    QCOMPARE(seen, (QList<State>{State::Starting, State::Running}));
    bool toldToRebuild = false;
    for (const QList<QVariant> &m : std::as_const(messages))
        toldToRebuild = toldToRebuild || m.at(0).toString().contains(QStringLiteral("ocs rebuild"));
    QCOMPARE(toldToRebuild, stale);
}

void TestSandboxController::start_asksAboutTheImageWithTheContainer()
{
    QVERIFY(writeFile(m_project->hookPath(), "#!/bin/bash\nexport TOKEN=abc\n"));
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    PreStartHook hook(*m_project);
    QString error;
    QVERIFY(m_project->ensureStateDirs(&error));
    QVERIFY(hook.approve(hook.read().sha256, &error));
    m_fake->reply({QStringLiteral("-c")}, 0, QByteArray("PATH=/usr/bin\0", 14));

    // The first start asks the user (what the sandbox may reach): the image is asked about
    // again after the answer, which may come much later.
    auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    QCOMPARE(m_fake->count(ImageInspect), 2);
    QVERIFY(m_fake->indexOf(ImageInspect, m_fake->indexOf(ImageInspect) + 1) <
            m_fake->indexOf(Run));

    // A start that asks nobody: the image is asked about once, together with the container
    // (before the pre-start hook, not after it), and that answer is used.
    c->stop([](const SandboxController::Outcome &) {});
    QTRY_COMPARE(c->state(), State::Stopped);
    delete m_health;
    m_health = new FakeHealthServer(this);
    m_fake->clearCalls();
    SandboxController::StartOptions noQuestions;
    noQuestions.confirmConfigChanges = [](const StartReview &, std::function<void(bool)> reply) {
        QFAIL("nothing changed: no question expected");
        reply(false);
    };
    o = start(*c, noQuestions);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    QCOMPARE(m_fake->count(ImageInspect), 1);
    const int container = m_fake->indexOf(ContainerInspect);
    const int image = m_fake->indexOf(ImageInspect);
    const int hookRun = m_fake->indexOf({QStringLiteral("-c")});
    QVERIFY2(container == 0 && image == 1 && hookRun > image && hookRun < m_fake->indexOf(Run),
             qPrintable(QStringLiteral("%1 %2 %3").arg(container).arg(image).arg(hookRun)));
}

void TestSandboxController::start_unansweredHealthCheckIsAskedAgainSoon()
{
    // OpenCode took the first health request but never answers it (it was still starting):
    // the start does not wait the full 5 s for it, it asks again after half a second.
    m_health->setUnanswered(1);
    // No container before the start; afterwards (the liveness checks on a slow machine) it runs.
    auto asked = std::make_shared<int>(0);
    m_fake->respond(ContainerInspect, [asked](const ProcessSpec &) {
        return (*asked)++ == 0 ? FakeProcessLauncher::finished(1, {}, "Error: No such container\n")
                               : FakeProcessLauncher::finished(0, "running 4096\n");
    });
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    QElapsedTimer clock;
    clock.start();
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(m_health->requestHeads().size() >= 2);
}

void TestSandboxController::start_unansweredHealthCheckDoesNotHoldUpTheNext()
{
    // OpenCode binds its port a moment before it serves: a request taken then is never
    // answered, and the next one, sent as soon as it serves, is answered at once. The start
    // does not wait the hung request out (HealthProbe::FirstTimeout and more) before it asks
    // again: the next request goes out one HealthInterval later.
    m_health->setUnanswered(1);
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    const QList<qint64> times = m_health->requestTimes();
    QVERIFY(times.size() >= 2);
    const qint64 gap = times.at(1) - times.at(0);
    QVERIFY2(gap < HealthProbe::FirstTimeout.count(),
             qPrintable(QStringLiteral("the second health request went out %1 ms after the "
                                       "first (it waited for the unanswered one)")
                            .arg(gap)));
}

void TestSandboxController::start_writesNetworkPolicy()
{
    // The proxy reads the live policy from the state folder: written before the run, from
    // the config's whitelist (the blacklist is empty for now), with the modes policyfiles.h
    // promises the proxy's user in the container.
    ProjectConfig config = minimalConfig(QStringLiteral("ctl"));
    config.httpDomainWhitelist = {QStringLiteral(".github.com"), QStringLiteral("x.test")};
    SandboxController *c = makeController(config);
    const QString net = m_project->stateDir() + QStringLiteral("/network");
    QVERIFY(!QFileInfo::exists(net));
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    QFile white(net + QStringLiteral("/policy/whitelist"));
    QVERIFY(white.open(QIODevice::ReadOnly));
    QCOMPARE(white.readAll(), QByteArray(".github.com\nx.test\n"));
    QFile black(net + QStringLiteral("/policy/blacklist"));
    QVERIFY(black.open(QIODevice::ReadOnly));
    QCOMPARE(black.readAll(), QByteArray());
    QCOMPARE(QFileInfo(net).permissions().toInt() & 0x0777, 0x0700);
    QCOMPARE(QFileInfo(net + QStringLiteral("/log")).permissions().toInt() & 0x0777, 0x0777);
    QCOMPARE(m_fake->count(Run), 1);
}

void TestSandboxController::start_hookNotApproved_runsNothing()
{
    QVERIFY(writeFile(m_project->hookPath(), "#!/bin/bash\nexport TOKEN=abc\n"));
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY(!o->ok);
    QVERIFY2(o->error.message.contains(QStringLiteral("ocs hook approve")),
             qPrintable(o->error.message));
    QVERIFY2(o->error.message.contains(m_project->hookPath()), qPrintable(o->error.message));
    QCOMPARE(c->state(), State::Error);
    QCOMPARE(m_fake->count(Run), 0);
    QCOMPARE(m_fake->count(Build), 0);
    for (const ProcessSpec &s : m_fake->calls())
        QVERIFY2(s.program == m_engine.program(), qPrintable(s.program)); // no bash
    QVERIFY(!QFile::exists(passwordFile()));
}

void TestSandboxController::start_hookEnvironmentFeedsPassthrough()
{
    QVERIFY(writeFile(m_project->hookPath(), "#!/bin/bash\nexport API_TOKEN=$(get-token)\n"));
    ProjectConfig config = minimalConfig(QStringLiteral("ctl"));
    config.envPassthrough = {{QStringLiteral("API_KEY"), QStringLiteral("API_TOKEN")},
                             {QStringLiteral("OTHER"), QStringLiteral("NOT_EXPORTED_BY_HOOK")}};
    SandboxController *c = makeController(config);
    PreStartHook hook(*m_project);
    QString error;
    QVERIFY(m_project->ensureStateDirs(&error));
    QVERIFY(hook.approve(hook.read().sha256, &error));
    // The hook runs through the launcher too (bash); answer with its environment dump.
    m_fake->respond({QStringLiteral("-c")}, [](const ProcessSpec &) {
        return FakeProcessLauncher::finished(
            0, QByteArray("API_TOKEN=tok-from-hook\0PATH=/usr/bin\0", 38));
    });

    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    const QList<ProcessSpec> hooks = m_fake->callsStartingWith({QStringLiteral("-c")});
    QCOMPARE(hooks.size(), 1);
    QCOMPARE(hooks.first().program, QStringLiteral("bash"));
    // bash sources a private copy of the approved bytes in the state folder, not the path.
    QCOMPARE(hooks.first().arguments.last(), hooks.first().privateFilePath);
    QVERIFY(hooks.first().privateFilePath.startsWith(m_project->stateDir() + QLatin1Char('/')));
    QCOMPARE(hooks.first().privateFileContents, readFile(m_project->hookPath()));
    QCOMPARE(hooks.first().workingDirectory, m_project->root());
    QVERIFY(m_fake->indexOf({QStringLiteral("-c")}) < m_fake->indexOf(Run));

    const ProcessSpec run = m_fake->callsStartingWith(Run).first();
    QVERIFY(run.privateFileContents.contains("\nAPI_KEY=tok-from-hook\n"));
    QVERIFY(!run.environment.contains(QStringLiteral("API_KEY")));
    for (const QString &arg : run.arguments)
        QVERIFY2(!arg.contains(QStringLiteral("tok-from-hook")), qPrintable(arg));
    bool skippedNotice = false;
    for (const QString &n : o->notices)
        skippedNotice = skippedNotice || (n.contains(QStringLiteral("OTHER")) &&
                                          n.contains(QStringLiteral("NOT_EXPORTED_BY_HOOK")));
    QVERIFY2(skippedNotice, qPrintable(o->notices.join(QLatin1Char('\n'))));
}

namespace {
const QStringList ExecLoader{QStringLiteral("exec"), QStringLiteral("-i"), QStringLiteral("--user"),
                             QStringLiteral("0")};
const QByteArray InjectedValue = "sk-injected-9d8c7b6a-never-in-argv";

ProjectConfig injectingConfig()
{
    ProjectConfig config = minimalConfig(QStringLiteral("ctl"));
    config.httpDomainWhitelist = {QStringLiteral("api.example.test")};
    config.injectedSecrets = {{QStringLiteral("E2E_API_KEY"),
                               {QStringLiteral("api.example.test")},
                               QStringLiteral("Authorization"),
                               QStringLiteral("Bearer {}"),
                               QString(),
                               {}},
                              {QStringLiteral("NOT_SET_KEY"),
                               {QStringLiteral("api.example.test")},
                               QStringLiteral("x-api-key"),
                               QStringLiteral("{}"),
                               QString(),
                               {}}};
    return config;
}

QString placeholderIn(const QByteArray &envFile, const QString &name)
{
    for (const QByteArray &line : envFile.split('\n'))
        if (line.startsWith(name.toUtf8() + '='))
            return QString::fromUtf8(line.mid(name.size() + 1));
    return {};
}
} // namespace

void TestSandboxController::start_injectedSecrets_deliveredOnStdinNeverInArgv()
{
    m_fake->reply(ExecLoader, 0, "ocs-secrets: ok 1\n");
    SandboxController *c = makeController(injectingConfig());
    QStringList asked;
    c->setSecretResolver([&asked](const QStringList &names, const QProcessEnvironment &,
                                  std::function<void(const SecretStore::Resolution &)> done) {
        asked = names;
        SecretStore::Resolution r;
        r.values << SecretStore::Resolved{QStringLiteral("E2E_API_KEY"), InjectedValue,
                                          SecretStore::Scope::Project, QStringLiteral("test")};
        r.missing << QStringLiteral("NOT_SET_KEY");
        done(r);
    });
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    QCOMPARE(asked, QStringList({QStringLiteral("E2E_API_KEY"), QStringLiteral("NOT_SET_KEY")}));

    // The loader runs once, as root, right after `run`, in that container.
    const QList<ProcessSpec> loads = m_fake->callsStartingWith(ExecLoader);
    QCOMPARE(loads.size(), 1);
    QVERIFY(m_fake->indexOf(Run) < m_fake->indexOf(ExecLoader));
    QCOMPARE(loads.first().arguments.mid(4),
             QStringList(
                 {m_project->containerName(), QStringLiteral("/usr/local/bin/ocs-secrets-load")}));
    QCOMPARE(loads.first().timeout, std::chrono::milliseconds(std::chrono::seconds(30)));

    // The agent's variables hold placeholders; the value is nowhere but the loader's stdin.
    const ProcessSpec run = m_fake->callsStartingWith(Run).first();
    const QString ph = placeholderIn(run.privateFileContents, QStringLiteral("E2E_API_KEY"));
    const QString ph2 = placeholderIn(run.privateFileContents, QStringLiteral("NOT_SET_KEY"));
    QVERIFY2(ph.startsWith(QStringLiteral("ocs-secret-E2E_API_KEY-")), qPrintable(ph));
    QVERIFY2(ph2.startsWith(QStringLiteral("ocs-secret-NOT_SET_KEY-")), qPrintable(ph2));
    QVERIFY(!run.privateFileContents.contains(InjectedValue));
    for (const ProcessSpec &spec : m_fake->calls()) {
        for (const QString &arg : spec.arguments)
            QVERIFY2(!arg.toUtf8().contains(InjectedValue), qPrintable(arg));
        for (const QString &kv : spec.environment.toStringList())
            QVERIFY2(!kv.toUtf8().contains(InjectedValue), qPrintable(kv));
        QVERIFY(!spec.privateFileContents.contains(InjectedValue));
    }
    // The stdin protocol: the header as the agent sends it -> the header with the value; the
    // secret without a value gets no rule (its placeholder goes out unchanged).
    const QByteArray expected = "ocs-secrets 1\nrule E2E_API_KEY api.example.test Authorization " +
                                ("Bearer " + ph.toUtf8()).toBase64() + ' ' +
                                ("Bearer " + InjectedValue).toBase64() + "\nend\n";
    QCOMPARE(loads.first().standardInput, expected);

    const QString notices = o->notices.join(QLatin1Char('\n'));
    QVERIFY2(notices.contains(
                 QStringLiteral("Injected secrets (the agent sees placeholders): E2E_API_KEY")),
             qPrintable(notices));
    QVERIFY2(notices.contains(QStringLiteral("without a value")) &&
                 notices.contains(QStringLiteral("NOT_SET_KEY")),
             qPrintable(notices));
    QVERIFY(!notices.toUtf8().contains(InjectedValue));
}

void TestSandboxController::start_injectedSecrets_failedDeliveryIsANotice()
{
    m_fake->reply(ExecLoader, 2, {}, "ocs-secrets-load: the secrets were already loaded\n");
    SandboxController *c = makeController(injectingConfig());
    c->setSecretResolver([](const QStringList &, const QProcessEnvironment &,
                            std::function<void(const SecretStore::Resolution &)> done) {
        SecretStore::Resolution r;
        r.values << SecretStore::Resolved{QStringLiteral("E2E_API_KEY"), InjectedValue,
                                          SecretStore::Scope::Project, QStringLiteral("test")};
        done(r);
    });
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    const QString notices = o->notices.join(QLatin1Char('\n'));
    QVERIFY2(notices.contains(QStringLiteral("could not be handed")) &&
                 notices.contains(QStringLiteral("already loaded")),
             qPrintable(notices));
}

void TestSandboxController::start_injectedSecrets_defaultResolverIsTheSecretStore()
{
    m_fake->reply(ExecLoader, 0, "ocs-secrets: ok 1\n");
    SandboxController *c = makeController(injectingConfig());
    // E2E_API_KEY's source: a host variable (recorded in the app's settings, as `ocs secret
    // set --from-env` does); NOT_SET_KEY has none, and the keychain is off (OCS_KEYCHAIN=0).
    SecretStore store(m_project->sandboxId());
    QVERIFY(store
                .setSource(QStringLiteral("E2E_API_KEY"), SecretStore::Scope::Project,
                           SecretSource{SecretSource::Kind::Environment,
                                        QStringLiteral("E2E_CTL_HOST_SECRET"), QString(), 0})
                .ok);
    m_env.set("E2E_CTL_HOST_SECRET", QString::fromUtf8(InjectedValue));
    const auto o = start(*c);
    m_env.unset("E2E_CTL_HOST_SECRET");
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    const QList<ProcessSpec> loads = m_fake->callsStartingWith(ExecLoader);
    QCOMPARE(loads.size(), 1);
    QVERIFY(
        loads.first().standardInput.contains(' ' + ("Bearer " + InjectedValue).toBase64() + '\n'));
    QVERIFY(!loads.first().standardInput.contains("NOT_SET_KEY"));
    for (const ProcessSpec &spec : m_fake->calls())
        for (const QString &arg : spec.arguments)
            QVERIFY2(!arg.toUtf8().contains(InjectedValue), qPrintable(arg));
    const QString notices = o->notices.join(QLatin1Char('\n'));
    QVERIFY2(notices.contains(QStringLiteral("Injected secrets (the agent sees placeholders): "
                                             "E2E_API_KEY")),
             qPrintable(notices));
    QVERIFY2(notices.contains(QStringLiteral("NOT_SET_KEY")), qPrintable(notices));
}

void TestSandboxController::start_portAlreadyAllocated_retriesWithAnotherPort()
{
    m_fake->reply(Run, 125, {}, PortTaken, 1); // the first run only
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    const QList<ProcessSpec> runs = m_fake->callsStartingWith(Run);
    QCOMPARE(runs.size(), 2);
    const quint16 first = publishedPort(runs.at(0));
    const quint16 second = publishedPort(runs.at(1));
    QVERIFY(first >= 4096 && second >= 4096);
    QVERIFY(first != second);
    // The half-created container is removed before the second try.
    const int firstRun = m_fake->indexOf(Run);
    const int rm = m_fake->indexOf(Rm, firstRun);
    QVERIFY(rm > firstRun);
    QVERIFY(rm < m_fake->indexOf(Run, firstRun + 1));
    QCOMPARE(
        m_fake->calls().at(rm).arguments,
        (QStringList{QStringLiteral("rm"), QStringLiteral("--force"), m_project->containerName()}));
    QCOMPARE(o->port, second);
    QCOMPARE(SandboxRecord::load(m_project->stateDir()).port, second);
}

// Issue 15: each published port on the host's 127.0.0.1 at its own number when that is free,
// else at another free one, remembered (ocs-state.json) and named in the start's notices.
void TestSandboxController::start_publishedPorts_takenHostPortGetsAnother()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const quint16 busy = taken.serverPort();
    quint16 free = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        free = probe.serverPort();
    }
    ProjectConfig config = minimalConfig(QStringLiteral("ctl"));
    config.publishedPorts = {busy, free};
    SandboxController *c = makeController(config);
    auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    QStringList publish =
        valuesOf(m_fake->callsStartingWith(Run).last().arguments, QStringLiteral("--publish"));
    QCOMPARE(publish.size(), 3);
    QCOMPARE(publish.at(2), QStringLiteral("127.0.0.1:%1:%1").arg(free));
    QVERIFY2(publish.at(1).startsWith(QStringLiteral("127.0.0.1:")) &&
                 publish.at(1).endsWith(QStringLiteral(":%1").arg(busy)),
             qPrintable(publish.at(1)));
    const quint16 other = quint16(publish.at(1).section(QLatin1Char(':'), 1, 1).toUInt());
    QVERIFY(other != busy && other != free && other != o->port && other != 0);
    SandboxRecord record = SandboxRecord::load(m_project->stateDir());
    QCOMPARE(record.publishedPorts.value(busy), other);
    QCOMPARE(record.publishedPorts.value(free), free);
    const QString notices = o->notices.join(QLatin1Char('\n'));
    QVERIFY2(notices.contains(QStringLiteral("Port %1 of the sandbox: http://127.0.0.1:%2/ (%1 is "
                                             "in use on this computer)")
                                  .arg(busy)
                                  .arg(other)),
             qPrintable(notices));
    QVERIFY2(o->notices.contains(
                 QStringLiteral("Port %1 of the sandbox: http://127.0.0.1:%1/").arg(free)),
             qPrintable(notices));
}

void TestSandboxController::start_portRetriesAreBounded()
{
    m_fake->reply(Run, 125, {}, PortTaken);
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY(!o->ok);
    QVERIFY2(o->error.message.contains(QStringLiteral("port is already allocated")),
             qPrintable(o->error.message));
    QCOMPARE(o->error.kind, Error::Kind::PortTaken);
    const QList<ProcessSpec> runs = m_fake->callsStartingWith(Run);
    QCOMPARE(runs.size(), 6);
    QSet<quint16> ports;
    for (const ProcessSpec &r : runs)
        ports.insert(publishedPort(r));
    QCOMPARE(ports.size(), 6); // a different port each time
    QCOMPARE(c->state(), State::Error);
}

void TestSandboxController::start_runFails_reportsEngineError()
{
    m_fake->reply(Run, 125, {},
                  "docker: Error response from daemon: invalid mount config for type \"bind\".\n");
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY(!o->ok);
    QVERIFY2(
        o->error.message.contains(QStringLiteral("Starting the container failed (exit code 125)")),
        qPrintable(o->error.message));
    QVERIFY2(o->error.message.contains(QStringLiteral("invalid mount config")),
             qPrintable(o->error.message));
    QCOMPARE(m_fake->count(Run), 1);
    QCOMPARE(c->state(), State::Error);
    QVERIFY(!o->error.message.contains(QString::fromUtf8(readFile(passwordFile())).trimmed()));
}

void TestSandboxController::start_ignoredLimitsAreWarned_data()
{
    QTest::addColumn<QByteArray>("runStderr");
    QTest::addColumn<bool>("warned");
    // Recorded from rootless Podman 4.3 on a cgroup v1 host (`podman run --pids-limit 100`).
    QTest::newRow("rootless podman, cgroup v1")
        << QByteArray("time=\"2026-12-03T15:58:02Z\" level=warning msg=\"Resource limits are not "
                      "supported and ignored on cgroups V1 rootless systems\"\n")
        << true;
    QTest::newRow("limits applied") << QByteArray() << false;
}

void TestSandboxController::start_ignoredLimitsAreWarned()
{
    QFETCH(QByteArray, runStderr);
    QFETCH(bool, warned);
    m_fake->respond(Run, [this, runStderr](const ProcessSpec &spec) {
        const quint16 port = publishedPort(spec);
        if (!m_health->isListening() && !m_health->listen(port))
            qWarning("fake health server cannot listen on %u", unsigned(port));
        return FakeProcessLauncher::finished(0, "c0ffee0123456789\n", runStderr);
    });
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    const QString notices = o->notices.join(QLatin1Char('\n'));
    QCOMPARE(notices.contains(QStringLiteral("ignored this sandbox's limits")), warned);
}

void TestSandboxController::start_alreadyRunning()
{
    m_fake->reply(ContainerInspect, 0, "running 4321\n");
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    QCOMPARE(o->port, quint16(4321));
    QCOMPARE(c->state(), State::Running);
    QCOMPARE(m_fake->count(Run), 0);
    QCOMPARE(m_fake->count(Rm), 0);
    QVERIFY(o->notices.join(QLatin1Char(' ')).contains(QStringLiteral("already running")));
    QCOMPARE(o->password, QString::fromUtf8(readFile(passwordFile())).trimmed());
    // How the status was asked for: our label holds the port.
    const QStringList args = m_fake->callsStartingWith(ContainerInspect).first().arguments;
    QVERIFY(args.join(QLatin1Char(' ')).contains(QStringLiteral("io.opencode-sandbox.port")));
}

void TestSandboxController::start_replacesExitedContainer()
{
    m_fake->reply(ContainerInspect, 0, "exited 4100\n", {}, 1);
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    const int rm = m_fake->indexOf(Rm);
    QVERIFY(rm >= 0);
    QVERIFY(rm < m_fake->indexOf(Run));
    QCOMPARE(
        m_fake->calls().at(rm).arguments,
        (QStringList{QStringLiteral("rm"), QStringLiteral("--force"), m_project->containerName()}));
}

void TestSandboxController::start_containerDiesWhileStarting()
{
    // `run` succeeds but nothing ever answers on the port (it is held by a server that
    // closes every connection at once, so that no other test running meanwhile can answer
    // there); the container is gone.
    QTcpServer silent;
    connect(&silent, &QTcpServer::newConnection, &silent, [&silent] {
        while (QTcpSocket *s = silent.nextPendingConnection()) {
            s->abort();
            s->deleteLater();
        }
    });
    m_fake->respond(Run, [&silent](const ProcessSpec &spec) {
        if (!silent.isListening() && !silent.listen(QHostAddress::LocalHost, publishedPort(spec)))
            qWarning("cannot hold port %u", unsigned(publishedPort(spec)));
        return FakeProcessLauncher::finished(0, "c0ffee\n");
    });
    m_fake->reply({QStringLiteral("logs")}, 0, {}, "opencode: fatal: bad config\n");
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY(!o->ok);
    QVERIFY2(o->error.message.contains(QStringLiteral("stopped while starting")),
             qPrintable(o->error.message));
    QCOMPARE(o->error.kind, Error::Kind::ContainerGone);
    QVERIFY2(o->error.message.contains(QStringLiteral("opencode: fatal: bad config")),
             qPrintable(o->error.message));
    QCOMPARE(c->state(), State::Error);
    QCOMPARE(m_fake->callsStartingWith({QStringLiteral("logs")}).first().arguments.last(),
             m_project->containerName());
}

void TestSandboxController::start_configChangedSinceLastStart_data()
{
    QTest::addColumn<int>("answer"); // -1: no confirm callback, 0: declined, 1: accepted
    QTest::newRow("no callback: refused") << -1;
    QTest::newRow("declined") << 0;
    QTest::newRow("accepted") << 1;
}

void TestSandboxController::start_configChangedSinceLastStart()
{
    QFETCH(int, answer);
    ProjectConfig first = minimalConfig(QStringLiteral("ctl"));
    first.httpDomainWhitelist = {QStringLiteral(".allowed.test")};
    SandboxController *c = makeController(first);
    auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    QVERIFY(!SandboxRecord::load(m_project->stateDir()).lastStartedConfig.isEmpty());

    // Stopped; then the config widens the whitelist and adds a host port.
    m_fake->reply(ContainerInspect, 1, {}, "Error: No such container\n");
    ProjectConfig second = first;
    second.httpDomainWhitelist << QStringLiteral("exfil.test");
    second.hostPorts << 5432;
    c = makeController(second);
    delete m_health;
    m_health = new FakeHealthServer(this);
    m_fake->clearCalls();
    SandboxController::StartOptions opts;
    QStringList shown;
    m_acceptReviews = false;
    if (answer >= 0)
        opts.confirmConfigChanges = [&](const StartReview &review,
                                        std::function<void(bool)> reply) {
            QVERIFY(!review.firstStart);
            shown = review.lines;
            reply(answer == 1);
        };
    o = start(*c, opts);
    QVERIFY(o);
    if (answer >= 0)
        QCOMPARE(shown, (QStringList{QStringLiteral("+ whitelist: exfil.test"),
                                     QStringLiteral("+ host port: 5432")}));
    if (answer == 1) {
        QVERIFY2(o->ok, qPrintable(o->error.message));
        QCOMPARE(m_fake->count(Run), 1);
        // Accepted changes are the new baseline: the next start asks nothing.
        QVERIFY(StartApproval::describeChanges(
                    SandboxRecord::load(m_project->stateDir()).lastStartedConfig, second)
                    .isEmpty());
    } else {
        QVERIFY(!o->ok);
        QVERIFY2(o->error.message.contains(QStringLiteral("exfil.test")),
                 qPrintable(o->error.message));
        QCOMPARE(m_fake->count(Run), 0);
        QCOMPARE(c->state(), State::Error);
    }
}

void TestSandboxController::start_firstStartIsReviewed_data()
{
    QTest::addColumn<int>("answer"); // -1: no confirm callback, 0: declined, 1: accepted
    QTest::newRow("no callback: refused") << -1;
    QTest::newRow("declined") << 0;
    QTest::newRow("accepted") << 1;
}

void TestSandboxController::start_firstStartIsReviewed()
{
    // Nothing was ever started from this config (a fresh SANDBOX_ID, e.g. after a new
    // sandbox-name): the start shows everything the sandbox may reach and asks.
    QFETCH(int, answer);
    ProjectConfig cfg = minimalConfig(QStringLiteral("ctl"));
    cfg.httpDomainWhitelist = {QStringLiteral(".exfil.test")};
    cfg.hostPorts = {5432};
    cfg.envPassthrough = {{QStringLiteral("GH_TOKEN"), QStringLiteral("MY_GH_TOKEN")}};
    cfg.env = {{QStringLiteral("MODE"), QStringLiteral("x")}};
    cfg.readOnlyPaths = {QStringLiteral("!.git/hooks")};
    SandboxController *c = makeController(cfg);
    m_acceptReviews = false;
    SandboxController::StartOptions opts;
    std::optional<StartReview> shown;
    if (answer >= 0)
        opts.confirmConfigChanges = [&](const StartReview &review,
                                        std::function<void(bool)> reply) {
            shown = review;
            reply(answer == 1);
        };
    const auto o = start(*c, opts);
    QVERIFY(o);
    if (answer >= 0) {
        QVERIFY(shown);
        QVERIFY(shown->firstStart);
        const QString text = shown->lines.join(QLatin1Char('\n'));
        for (const char *expected : {".exfil.test", "5432", "GH_TOKEN (from host MY_GH_TOKEN)",
                                     "MODE", "protection dropped", ".git/hooks"})
            QVERIFY2(text.contains(QLatin1String(expected)), qPrintable(text));
    }
    if (answer == 1) {
        QVERIFY2(o->ok, qPrintable(o->error.message));
        QCOMPARE(m_fake->count(Run), 1);
    } else {
        QVERIFY(!o->ok);
        QVERIFY2(o->error.message.contains(QStringLiteral("first start")),
                 qPrintable(o->error.message));
        QVERIFY2(o->error.message.contains(QStringLiteral(".exfil.test")),
                 qPrintable(o->error.message));
        QCOMPARE(m_fake->count(Run), 0);
        QVERIFY(SandboxRecord::load(m_project->stateDir()).lastStartedConfig.isEmpty());
    }
}

void TestSandboxController::start_newProtectedPathIsReviewed()
{
    // opencode.json did not exist at the first start, so it was not mounted read-only: the
    // agent could have created it. The next start shows it and asks.
    const ProjectConfig cfg = minimalConfig(QStringLiteral("ctl"));
    SandboxController *c = makeController(cfg);
    auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    m_fake->reply(ContainerInspect, 1, {}, "Error: No such container\n");
    c = makeController(cfg);
    delete m_health;
    m_health = new FakeHealthServer(this);

    // Nothing new: no question (positive control).
    m_acceptReviews = false;
    o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));

    m_fake->reply(ContainerInspect, 1, {}, "Error: No such container\n");
    QVERIFY(writeFile(m_project->root() + QStringLiteral("/opencode.json"),
                      "{\"permission\": \"allow\"}\n"));
    c = makeController(cfg);
    delete m_health;
    m_health = new FakeHealthServer(this);
    m_fake->clearCalls();
    o = start(*c);
    QVERIFY(o);
    QVERIFY(!o->ok);
    QVERIFY2(o->error.message.contains(QStringLiteral("new protected path: opencode.json")),
             qPrintable(o->error.message));
    QCOMPARE(m_fake->count(Run), 0);
}

void TestSandboxController::start_insideAnotherProjectWarns()
{
    // The agent of the outer project can write src/opencode-sandbox-config.yaml.
    QVERIFY(writeFile(m_project->root() + QStringLiteral("/opencode-sandbox-config.yaml"),
                      "sandbox-name: outer\n"));
    const QString inner = m_project->root() + QStringLiteral("/src");
    QVERIFY(QDir().mkpath(inner));
    m_project.emplace(inner, minimalConfig(QStringLiteral("inner")));
    delete m_controller;
    m_controller = new SandboxController(m_engine, *m_project);
    std::optional<StartReview> shown;
    SandboxController::StartOptions opts;
    opts.confirmConfigChanges = [&](const StartReview &review, std::function<void(bool)> reply) {
        shown = review;
        reply(false);
    };
    const auto o = start(*m_controller, opts);
    QVERIFY(o);
    QVERIFY(shown);
    QCOMPARE(shown->warnings.size(), 1);
    QVERIFY2(shown->warnings.first().contains(m_project->root().section(QLatin1Char('/'), 0, -2)),
             qPrintable(shown->warnings.first()));
    QCOMPARE(m_fake->count(Run), 0);
}

void TestSandboxController::start_refusesSymlinkedGitFolder()
{
    // `.git -> elsewhere`: the start would mount whatever the link names (e.g. ~/.kube).
    const QString elsewhere = m_base + QStringLiteral("/home/.kube");
    QVERIFY(writeFile(elsewhere + QStringLiteral("/config"), "secret: yes\n"));
    QVERIFY(QFile::link(elsewhere, m_project->root() + QStringLiteral("/.git")));
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY(!o->ok);
    QVERIFY2(o->error.message.contains(QStringLiteral(".git is a symbolic link")),
             qPrintable(o->error.message));
    QCOMPARE(m_fake->count(Run), 0);
}

void TestSandboxController::start_exitedByGuardSaysWhy()
{
    m_fake->reply(ContainerInspect, 0, "exited 4100\n", {}, 1);
    m_fake->reply({QStringLiteral("logs")}, 0,
                  "ocs-guard: watching 2 protected path(s)\nopencode listening\n",
                  "ocs-guard: stopped: .git/config was replaced on the host\n");
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    QSignalSpy messages(c, &SandboxController::message);
    const auto o = start(*c);
    QVERIFY(o);
    QVERIFY2(o->ok, qPrintable(o->error.message));
    QStringList said;
    for (const QList<QVariant> &m : std::as_const(messages))
        said << m.at(0).toString();
    QVERIFY2(said.join(QLatin1Char('\n'))
                 .contains(QStringLiteral("ocs-guard: stopped: .git/config was replaced")),
             qPrintable(said.join(QLatin1Char('\n'))));
    QVERIFY(!said.join(QLatin1Char('\n')).contains(QStringLiteral("watching")));
    QVERIFY(m_fake->indexOf({QStringLiteral("logs")}) < m_fake->indexOf(Rm));
}

void TestSandboxController::guardLines_onlyItsStopReport()
{
    // What the guard says while it works (what it watches, that there is nothing to guard,
    // a broken environment) is not a report that it stopped the sandbox.
    QCOMPARE(SandboxController::guardLines("ocs-guard: watching 4 protected path(s)\n"
                                           "ocs-guard: no protected path is mounted; nothing to "
                                           "guard\n"
                                           "ocs-guard: OCS_WORKSPACE is not an absolute path\n"),
             QStringList());
    // Its stop report, with or without the engine's timestamps, and nothing else.
    QCOMPARE(SandboxController::guardLines(
                 "ocs-guard: watching 1 protected path(s)\n"
                 "2026-01-01T00:00:00.000Z ocs-guard: stopped: .git/config was replaced\r\n"
                 "opencode: some output mentioning ocs-guard\n"
                 "ocs-guard: stopped: look at it, then start the sandbox again\n"),
             QStringList({QStringLiteral("ocs-guard: stopped: .git/config was replaced"),
                          QStringLiteral("ocs-guard: stopped: look at it, then start the "
                                         "sandbox again")}));
}

void TestSandboxController::stop_data()
{
    QTest::addColumn<int>("stopExit");
    QTest::addColumn<QByteArray>("stopErr");
    QTest::addColumn<int>("rmExit");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected"); // in a notice when ok, in the error otherwise
    QTest::newRow("running") << 0 << QByteArray() << 0 << true << QString();
    QTest::newRow("docker: no such container")
        << 1 << QByteArray("Error response from daemon: No such container: opencode-sandbox-x\n")
        << 1 << true << QStringLiteral("was not running");
    QTest::newRow("podman: no container")
        << 125
        << QByteArray("Error: no container with name or ID \"opencode-sandbox-x\" found: no such "
                      "container\n")
        << 1 << true << QStringLiteral("was not running");
    QTest::newRow("stop fails, rm works")
        << 1 << QByteArray("Error: timed out\n") << 0 << true << QString();
    QTest::newRow("both fail") << 1 << QByteArray("permission denied while trying to connect\n")
                               << 1 << false << QStringLiteral("permission denied");
}

void TestSandboxController::stop()
{
    QFETCH(int, stopExit);
    QFETCH(QByteArray, stopErr);
    QFETCH(int, rmExit);
    QFETCH(bool, ok);
    QFETCH(QString, expected);
    m_fake->reply(Stop, stopExit, {}, stopErr);
    m_fake->reply(Rm, rmExit, {}, rmExit ? stopErr : QByteArray());
    SandboxController *c = makeController(minimalConfig(QStringLiteral("ctl")));
    QSignalSpy states(c, &SandboxController::stateChanged);
    std::optional<SandboxController::Outcome> o;
    c->stop([&](const SandboxController::Outcome &r) { o = r; });
    QTRY_VERIFY(o.has_value());

    const QString name = m_project->containerName();
    QCOMPARE(m_fake->argumentLists(),
             (QList<QStringList>{
                 {QStringLiteral("stop"), QStringLiteral("--time"), QStringLiteral("10"), name},
                 {QStringLiteral("rm"), QStringLiteral("--force"), name}}));
    QCOMPARE(o->ok, ok);
    QCOMPARE(states.first().at(0).value<State>(), State::Stopping);
    if (ok) {
        QCOMPARE(c->state(), State::Stopped);
        if (expected.isEmpty()) {
            QVERIFY(o->notices.isEmpty());
        } else {
            QCOMPARE(o->notices.size(), 1);
            QVERIFY2(o->notices.first().contains(expected), qPrintable(o->notices.first()));
            QVERIFY(o->notices.first().contains(name));
        }
    } else {
        QCOMPARE(c->state(), State::Error);
        QVERIFY2(o->error.message.contains(expected), qPrintable(o->error.message));
        QVERIFY2(o->error.message.contains(QStringLiteral("Stopping ") + name),
                 qPrintable(o->error.message));
    }
}

void TestSandboxController::configHash()
{
    ProjectConfig a = minimalConfig(QStringLiteral("x"));
    a.httpDomainWhitelist = {QStringLiteral("api.example.com")};
    const QString h = SandboxController::configHash(a);
    QCOMPARE(h.size(), 16);
    QCOMPARE(SandboxController::configHash(a), h);
    ProjectConfig b = a;
    b.sandboxName = QStringLiteral("other-name"); // not something the container depends on
    QCOMPARE(SandboxController::configHash(b), h);
    // The network policy is applied live (issue 11): a running container is not outdated by it.
    b.httpDomainWhitelist << QStringLiteral("more.example.com");
    b.httpDomainBlacklist << QStringLiteral("bad.example.com");
    QCOMPARE(SandboxController::configHash(b), h);
    for (int i = 0; i < 4; ++i) {
        ProjectConfig c = a;
        switch (i) {
        case 0:
            c.readOnlyPaths << QStringLiteral("docs");
            break;
        case 1:
            c.hostPorts << 5432;
            break;
        case 2:
            c.env << EnvVar{QStringLiteral("A"), QStringLiteral("1")};
            break;
        case 3:
            c.memoryLimit = QStringLiteral("2g");
            break;
        }
        QVERIFY2(SandboxController::configHash(c) != h, qPrintable(QString::number(i)));
    }
}

QTEST_GUILESS_MAIN(TestSandboxController)
#include "tst_sandboxcontroller.moc"
