#include "managedsandbox.h"

#include "appsettings.h"
#include "config/configfile.h"
#include "gateway/sandboxgateway.h"
#include "gateway/webgateway.h"
#include "logging.h"
#include "sandbox/imagebuilder.h"
#include "sandbox/passwordstore.h"

#include <QDir>
#include <QFileInfo>

namespace ocs {

namespace {
constexpr int MaxOutputLines = 2000;
const QString WebUser = QStringLiteral("opencode");
} // namespace

ManagedSandbox::ManagedSandbox(const QString &root, QObject *parent)
    : QObject(parent)
    , m_root(root)
{
    qRegisterMetaType<ocs::ManagedSandbox::Result>();
    m_healthTimer.setSingleShot(true);
    m_healthTimer.setInterval(DefaultHealthCheckInterval);
    connect(&m_healthTimer, &QTimer::timeout, this, &ManagedSandbox::checkHealth);
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(200);
    connect(&m_reloadTimer, &QTimer::timeout, this, &ManagedSandbox::reloadProject);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_reloadTimer.start(); });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        // An atomic save replaces the file: watch the new one.
        for (const QString &name : {ConfigFile::FileName, Project::HookFileName}) {
            const QString path = QDir(m_root).filePath(name);
            if (m_watcher.files().contains(path) != QFileInfo::exists(path))
                m_reloadTimer.start();
        }
    });
    reloadProject();
}

ManagedSandbox::~ManagedSandbox()
{
    closeGateway();
}

QString ManagedSandbox::displayName() const
{
    if (m_project)
        return m_project->config().sandboxName;
    return QFileInfo(m_root).fileName();
}

QString ManagedSandbox::sandboxId() const
{
    return m_project ? m_project->sandboxId() : QString();
}

bool ManagedSandbox::configOutdated() const
{
    if (m_pendingProject)
        return true;
    return m_project && m_state == State::Running && !m_runningConfigHash.isEmpty() &&
           m_runningConfigHash != m_configHash;
}

bool ManagedSandbox::canStart() const
{
    return m_engine && !isBusy() && (m_state == State::Stopped || m_state == State::Error);
}

bool ManagedSandbox::canStop() const
{
    if (!m_engine || m_operation == Operation::Stop)
        return false;
    if (m_operation == Operation::Start || m_operation == Operation::Restart)
        return !m_stopRequested;
    if (isBusy())
        return false;
    return m_state == State::Running || m_state == State::Starting ||
           (m_state == State::Error && !m_containerState.isEmpty());
}

bool ManagedSandbox::canRestart() const
{
    return m_engine && !isBusy() && (m_state == State::Running || m_state == State::Error);
}

bool ManagedSandbox::canRebuild() const
{
    return m_engine && !isBusy() && m_state != State::Stopping;
}

bool ManagedSandbox::canOpenWebUi() const
{
    return m_state == State::Running && m_port != 0;
}

void ManagedSandbox::watchConfigFile()
{
    if (!m_watcher.directories().contains(m_root) && QFileInfo(m_root).isDir())
        m_watcher.addPath(m_root);
    for (const QString &name : {ConfigFile::FileName, Project::HookFileName}) {
        const QString path = QDir(m_root).filePath(name);
        if (!m_watcher.files().contains(path) && QFileInfo::exists(path))
            m_watcher.addPath(path);
    }
}

void ManagedSandbox::reloadProject()
{
    watchConfigFile();
    QString error;
    auto project = Project::open(m_root, &error);
    if (!project) {
        // Keep the last good project: its container can still be stopped.
        m_configError = error.isEmpty() ? tr("%1 cannot be read.").arg(m_root) : error;
        Q_EMIT changed();
        return;
    }
    m_configError.clear();
    const bool newId = m_project && project->sandboxId() != m_project->sandboxId();
    const bool oldRuns = isBusy() || m_containerState == QLatin1String("running") ||
                         m_state == State::Running || m_state == State::Starting ||
                         m_state == State::Stopping;
    if (newId && oldRuns) {
        qCInfo(lcSandbox) << m_root << "becomes" << project->sandboxId() << "once"
                          << m_project->sandboxId() << "is stopped";
        m_pendingProject = std::move(project);
        Q_EMIT changed();
        return;
    }
    adoptProject(std::move(*project));
}

void ManagedSandbox::adoptProject(Project project)
{
    const QString before = sandboxId();
    m_pendingProject.reset();
    m_project = std::move(project);
    m_configHash = SandboxController::configHash(m_project->config());
    m_hookStatus = PreStartHook(*m_project).status();
    if (before != sandboxId()) {
        qCInfo(lcSandbox) << m_root << "is now sandbox" << sandboxId();
        if (!before.isEmpty()) {
            m_containerState.clear();
            m_runningConfigHash.clear();
            m_port = 0;
        }
    }
    Q_EMIT changed();
}

void ManagedSandbox::setEngine(const std::optional<ContainerEngine> &engine,
                               const QString &unavailableMessage)
{
    setEngine(engine, engine ? Error() : Error(Error::Kind::EngineNotRunning, unavailableMessage));
}

void ManagedSandbox::setEngine(const std::optional<ContainerEngine> &engine,
                               const Error &unavailable)
{
    m_engine = engine;
    m_engineError = unavailable;
    if (!engine)
        stopHealthWatch();
    Q_EMIT changed();
}

void ManagedSandbox::setHealthCheckInterval(std::chrono::milliseconds interval)
{
    m_healthTimer.setInterval(interval);
}

void ManagedSandbox::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    if (s != State::Starting)
        stopHealthWatch();
    if (s != State::Running) {
        m_publishedPorts.clear();
        m_usage = SandboxUsage();
    }
    if (s == State::Stopped) {
        closeGateway();
        m_password.clear();
        if (m_pendingProject && !isBusy())
            adoptProject(std::move(*m_pendingProject));
    }
    Q_EMIT changed();
}

void ManagedSandbox::refreshUsage()
{
    if (m_state != State::Running || !m_engine || !m_project || m_readingUsage)
        return;
    m_readingUsage = true;
    QPointer<ManagedSandbox> self(this);
    sandboxusage::read(*m_engine, m_project->containerName(), this,
                       [self](const sandboxusage::Reading &r) {
                           if (!self)
                               return;
                           self->m_readingUsage = false;
                           if (self->m_state != State::Running)
                               return;
                           self->m_publishedPorts = r.ports;
                           self->m_usage = r.usage;
                           Q_EMIT self->changed();
                       });
}

void ManagedSandbox::applyContainerState(const QString &state, quint16 port,
                                         const QString &configHash)
{
    m_containerState = state;
    if (port)
        m_port = port;
    if (!configHash.isEmpty())
        m_runningConfigHash = configHash;
    if (isBusy()) {
        Q_EMIT changed();
        return; // the operation in progress owns the state
    }
    if (state == QLatin1String("running")) {
        if (m_state != State::Running)
            watchHealth();
        else
            Q_EMIT changed();
        return;
    }
    if (m_state == State::Error && state.isEmpty()) {
        Q_EMIT changed(); // keep showing why the last start failed
        return;
    }
    const bool endedByItself =
        m_state == State::Running && !state.isEmpty() && m_engine && m_project;
    setState(State::Stopped);
    Q_EMIT changed();
    if (endedByItself)
        explainUnexpectedEnd();
}

void ManagedSandbox::explainUnexpectedEnd()
{
    // The container ended without the app asking: if ocs-guard ended it (a protected file
    // was replaced on the host), that is an error the user must see, with its reason.
    auto *c = new SandboxController(*m_engine, *m_project, this);
    QPointer<ManagedSandbox> self(this);
    c->guardReport([self, c](const QStringList &lines) {
        c->deleteLater();
        if (!self || lines.isEmpty() || self->isBusy() || self->m_state != State::Stopped)
            return;
        // The guard's own words (from the container's output): shown as they are.
        self->m_lastError = Error(Error::Kind::Failed, lines.join(QLatin1Char('\n')));
        self->setState(State::Error);
        Q_EMIT self->protectionLost(self->m_lastError.message);
    });
}

// --- health of sandboxes started outside the app (or adopted at launch) ------------------

void ManagedSandbox::watchHealth()
{
    if (m_healthWatch)
        return;
    m_healthWatch = true;
    m_healthClock.start();
    m_probe.resetTimeout();
    m_state = State::Starting;
    Q_EMIT changed();
    checkHealth();
}

void ManagedSandbox::stopHealthWatch()
{
    m_healthWatch = false;
    m_healthTimer.stop();
}

void ManagedSandbox::checkHealth()
{
    if (!m_healthWatch)
        return;
    if (!m_port) {
        m_healthTimer.start();
        return;
    }
    QPointer<ManagedSandbox> self(this);
    obtainPassword([self](const QString &password, const QString &error) {
        if (!self || !self->m_healthWatch)
            return;
        if (password.isEmpty()) {
            self->stopHealthWatch();
            self->m_lastError = Error(Error::Kind::Failed, error);
            self->setState(State::Error);
            return;
        }
        self->m_probe.check(self->m_port, password, [self](const HealthProbe::Result &h) {
            if (!self || !self->m_healthWatch)
                return;
            if (h.healthy) {
                self->stopHealthWatch();
                self->m_lastError = Error();
                self->setState(State::Running);
                return;
            }
            if (self->m_healthClock.elapsed() > SandboxController::startTimeout().count()) {
                self->stopHealthWatch();
                self->m_lastError =
                    Error(Error::Kind::Timeout, tr("OpenCode in %1 does not answer its health "
                                                   "check (last: %2).")
                                                    .arg(self->sandboxId(), h.error));
                self->setState(State::Error);
                return;
            }
            self->m_healthTimer.start();
        });
    });
}

void ManagedSandbox::obtainPassword(std::function<void(const QString &, const QString &)> done)
{
    if (!m_password.isEmpty())
        return done(m_password, QString());
    if (!m_project)
        return done(QString(), m_configError);
    QString error;
    if (!m_project->ensureStateDirs(&error))
        return done(QString(), error);
    auto *store = new PasswordStore(m_project->sandboxId(), m_project->stateDir(), this);
    QPointer<ManagedSandbox> self(this);
    store->obtain([self, store, done](const PasswordStore::Result &r) {
        store->deleteLater();
        if (!self)
            return;
        if (!r.ok)
            return done(QString(), r.error);
        self->m_password = r.password;
        done(r.password, QString());
    });
}

// --- operations ----------------------------------------------------------------------------

SandboxController *ManagedSandbox::newController()
{
    auto *c = new SandboxController(*m_engine, *m_project, this);
    connect(c, &SandboxController::stateChanged, this, [this, c](State s) {
        if (c != m_controller)
            return;
        // A rebuild ends in "stopped" even with the container still running.
        if (m_operation == Operation::Rebuild && s == State::Stopped)
            return;
        if (s == State::Error)
            return; // finishOperation() records the error first
        setState(s);
    });
    connect(c, &SandboxController::buildProgress, this,
            [this, c](int step, int total, const QString &line) {
                if (c != m_controller)
                    return;
                m_progress = {step, total, line};
                addOutput(line);
                Q_EMIT changed();
            });
    connect(c, &SandboxController::message, this, [this](const QString &text) {
        addOutput(text);
        Q_EMIT message(text);
    });
    return c;
}

void ManagedSandbox::addOutput(const QString &line)
{
    m_output << line;
    if (m_output.size() > MaxOutputLines)
        m_output.remove(0, m_output.size() - MaxOutputLines);
}

void ManagedSandbox::beginOperation(Operation op)
{
    m_operation = op;
    m_progress = {};
    m_output.clear();
    m_lastLogPath.clear();
    stopHealthWatch();
    qCInfo(lcSandbox) << m_root << "operation" << op;
    Q_EMIT changed();
}

void ManagedSandbox::failEarly(Operation op, const Error &error)
{
    Result r;
    r.operation = op;
    r.error = error;
    if (!r.error.isError())
        r.error.kind = Error::Kind::Failed;
    m_lastError = r.error;
    Q_EMIT changed();
    Q_EMIT operationFinished(r);
}

void ManagedSandbox::finishOperation(Result result)
{
    if (m_controller)
        m_controller->deleteLater();
    m_controller = nullptr;
    m_operation = Operation::None;
    if (m_state == State::Stopped && m_pendingProject)
        adoptProject(std::move(*m_pendingProject));
    if (result.ok) {
        m_lastError = Error();
    } else {
        m_lastError = result.error;
        if (result.logPath.isEmpty())
            result.logPath = result.error.logPath;
        m_lastLogPath = result.logPath;
    }
    Q_EMIT changed();
    Q_EMIT operationFinished(result);
}

void ManagedSandbox::start()
{
    if (!m_engine)
        return failEarly(Operation::Start, m_engineError);
    if (isBusy())
        return;
    reloadProject();
    if (!m_configError.isEmpty()) {
        setState(State::Error);
        return failEarly(Operation::Start,
                         Error(Error::Kind::ConfigInvalid, tr("The configuration has errors:") +
                                                               QLatin1Char('\n') + m_configError));
    }
    const Operation op = m_startAfterStop ? Operation::Restart : Operation::Start;
    m_startAfterStop = false;
    m_stopRequested = false;
    beginOperation(op);
    m_controller = newController();
    SandboxController::StartOptions options; // base image etc. from the environment
    // The Preferences as saved now (the same file the tray's AppSettings writes).
    options.shareOpenCodeSettings = AppSettings().shareOpenCodeSettings();
    QPointer<ManagedSandbox> self(this);
    options.confirmConfigChanges = [self](const StartReview &review,
                                          std::function<void(bool)> answer) {
        if (!self || !self->m_confirmChanges)
            return answer(false);
        self->m_confirmChanges(self, review, std::move(answer));
    };
    QPointer<SandboxController> c = m_controller;
    const QString hash = SandboxController::configHash(m_project->config());
    c->start(options, [this, c, op, hash](const SandboxController::Outcome &o) {
        if (c != m_controller)
            return;
        Result r;
        r.operation = op;
        r.ok = o.ok;
        r.error = o.error;
        r.notices = o.notices;
        if (m_stopRequested) {
            // The user stopped it meanwhile; the stop reports the outcome.
            m_controller->deleteLater();
            m_controller = nullptr;
            m_operation = Operation::None;
            m_stopRequested = false;
            stop();
            return;
        }
        if (o.ok) {
            m_port = o.port;
            m_password = o.password;
            m_containerState = QStringLiteral("running");
            m_runningConfigHash = hash;
            setState(State::Running);
        } else {
            setState(State::Error);
        }
        finishOperation(r);
    });
}

void ManagedSandbox::stop()
{
    if (!m_engine)
        return failEarly(Operation::Stop, m_engineError);
    if (!m_project)
        return failEarly(Operation::Stop, Error(Error::Kind::ConfigInvalid, m_configError));
    if (m_operation == Operation::Start || m_operation == Operation::Restart) {
        // Let the start come to an end (an image build is cancelled), then stop.
        m_stopRequested = true;
        addOutput(tr("Stop requested."));
        if (m_controller) {
            for (ImageBuilder *b : m_controller->findChildren<ImageBuilder *>())
                b->cancel();
        }
        Q_EMIT changed();
        return;
    }
    if (isBusy())
        return;
    beginOperation(Operation::Stop);
    m_controller = newController();
    QPointer<SandboxController> c = m_controller;
    c->stop([this, c](const SandboxController::Outcome &o) {
        if (c != m_controller)
            return;
        Result r;
        r.operation = Operation::Stop;
        r.ok = o.ok;
        r.error = o.error;
        r.notices = o.notices;
        if (o.ok) {
            m_containerState.clear();
            setState(State::Stopped);
        } else {
            setState(State::Error);
        }
        const bool thenStart = o.ok && m_startAfterStop;
        finishOperation(r);
        if (thenStart)
            start();
        m_startAfterStop = false;
    });
}

void ManagedSandbox::restart()
{
    if (!m_engine)
        return failEarly(Operation::Restart, m_engineError);
    if (isBusy())
        return;
    if (m_state == State::Stopped) {
        m_startAfterStop = true;
        return start();
    }
    m_startAfterStop = true;
    stop();
}

void ManagedSandbox::rebuild(bool restartAfter)
{
    if (!m_engine)
        return failEarly(Operation::Rebuild, m_engineError);
    if (isBusy())
        return;
    reloadProject();
    if (!m_configError.isEmpty())
        return failEarly(Operation::Rebuild,
                         Error(Error::Kind::ConfigInvalid, tr("The configuration has errors:") +
                                                               QLatin1Char('\n') + m_configError));
    const bool wasRunning = m_state == State::Running;
    beginOperation(Operation::Rebuild);
    m_controller = newController();
    QPointer<SandboxController> c = m_controller;
    c->rebuild(ImageBuilder::Options(),
               [this, c, wasRunning, restartAfter](const SandboxController::Outcome &o) {
                   if (c != m_controller)
                       return;
                   Result r;
                   r.operation = Operation::Rebuild;
                   r.ok = o.ok;
                   r.error = o.error;
                   r.notices = o.notices;
                   r.logPath = o.error.logPath;
                   if (o.ok) {
                       if (m_project)
                           r.logPath = m_project->stateDir() + QStringLiteral("/docker-build.log");
                       setState(wasRunning ? State::Running : State::Stopped);
                   } else {
                       setState(State::Error);
                   }
                   finishOperation(r);
                   if (o.ok && wasRunning && restartAfter)
                       restart();
               });
}

// --- web UI ----------------------------------------------------------------------------------

void ManagedSandbox::closeGateway()
{
    if (m_gateway) {
        m_gateway->close();
        m_gateway->deleteLater();
    }
    m_gateway = nullptr;
}

void ManagedSandbox::requestWebLogin(const QString &path,
                                     std::function<void(const QUrl &, const QString &)> done)
{
    if (!canOpenWebUi())
        return done(QUrl(), tr("%1 is not running.").arg(displayName()));
    QPointer<ManagedSandbox> self(this);
    obtainPassword([self, path, done](const QString &password, const QString &error) {
        if (!self)
            return;
        if (password.isEmpty())
            return done(QUrl(), error);
        const WebGateway::Upstream upstream{self->m_port, WebUser, password};
        if (!self->m_gateway) {
            self->m_gateway = new WebGateway(upstream, self);
            QString why;
            const bool listening =
                self->m_project
                    ? listenOnRememberedPort(*self->m_gateway, self->m_project->stateDir(), &why)
                    : self->m_gateway->listen();
            if (!listening) {
                if (why.isEmpty())
                    why = self->m_gateway->errorString();
                self->closeGateway();
                return done(QUrl(), tr("Cannot open the sign-in gateway: %1").arg(why));
            }
            qCInfo(lcGateway) << self->sandboxId() << "gateway on port" << self->m_gateway->port();
        } else {
            self->m_gateway->setUpstream(upstream);
        }
        done(self->m_gateway->createLoginUrl(path), QString());
    });
}

} // namespace ocs
