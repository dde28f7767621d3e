#include "sandboxfleet.h"

#include "config/configfile.h"
#include "engine/engineevents.h"
#include "engine/sandboxlister.h"
#include "logging.h"
#include "projectregistry.h"
#include "sandbox/sandboxrecord.h"

#include <QFileInfo>

namespace ocs {

SandboxFleet::SandboxFleet(ProjectRegistry *registry, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
{
    m_locateTimer.setSingleShot(true);
    connect(&m_locateTimer, &QTimer::timeout, this, &SandboxFleet::locate);
    connect(m_registry, &ProjectRegistry::projectAdded, this, [this](const QString &root) {
        if (m_started)
            addSandbox(root);
    });
    connect(m_registry, &ProjectRegistry::projectRemoved, this, &SandboxFleet::removeSandbox);
}

SandboxFleet::~SandboxFleet() = default;

void SandboxFleet::setRetryDelays(std::chrono::milliseconds first, std::chrono::milliseconds max)
{
    m_firstDelay = first;
    m_maxDelay = std::max(first, max);
    if (m_events)
        m_events->setRetryDelays(m_firstDelay, m_maxDelay);
}

void SandboxFleet::setHealthCheckInterval(std::chrono::milliseconds interval)
{
    m_healthInterval = interval;
    for (ManagedSandbox *s : std::as_const(m_sandboxes))
        s->setHealthCheckInterval(interval);
}

void SandboxFleet::setConfirmConfigChanges(ManagedSandbox::ConfirmChanges confirm)
{
    m_confirmChanges = std::move(confirm);
    for (ManagedSandbox *s : std::as_const(m_sandboxes))
        s->setConfirmConfigChanges(m_confirmChanges);
}

void SandboxFleet::start()
{
    if (m_started)
        return;
    m_started = true;
    for (const QString &root : m_registry->roots())
        addSandbox(root);
    locate();
}

ManagedSandbox *SandboxFleet::addSandbox(const QString &root)
{
    if (ManagedSandbox *existing = sandbox(root))
        return existing;
    auto *s = new ManagedSandbox(root, this);
    s->setHealthCheckInterval(m_healthInterval);
    s->setConfirmConfigChanges(m_confirmChanges);
    s->setEngine(m_engineStatus.ready() ? m_engine : std::nullopt, engineUnavailableError());
    connect(s, &ManagedSandbox::changed, this, &SandboxFleet::changed);
    m_sandboxes << s;
    Q_EMIT sandboxAdded(s);
    Q_EMIT changed();
    // Learn its state (it may be running already).
    if (m_engineStatus.ready() && m_adopted)
        resync();
    return s;
}

void SandboxFleet::removeSandbox(const QString &root)
{
    ManagedSandbox *s = sandbox(root);
    if (!s)
        return;
    m_sandboxes.removeOne(s);
    Q_EMIT sandboxRemoved(s);
    s->disconnect(this);
    s->deleteLater();
    Q_EMIT changed();
}

ManagedSandbox *SandboxFleet::sandbox(const QString &root) const
{
    for (ManagedSandbox *s : m_sandboxes) {
        if (s->root() == root)
            return s;
    }
    return nullptr;
}

ManagedSandbox *SandboxFleet::sandboxById(const QString &sandboxId) const
{
    if (sandboxId.isEmpty())
        return nullptr;
    for (ManagedSandbox *s : m_sandboxes) {
        if (s->sandboxId() == sandboxId)
            return s;
    }
    return nullptr;
}

// --- the engine ----------------------------------------------------------------------------

void SandboxFleet::setEnginePreference(const QString &preference)
{
    const QString p =
        preference.trimmed().isEmpty() ? QStringLiteral("auto") : preference.trimmed();
    if (p == m_preference)
        return;
    m_preference = p;
    if (!m_started)
        return;
    qCInfo(lcEngine) << "engine preference now" << p;
    if (m_events) {
        m_events->stop();
        m_events->deleteLater();
    }
    m_events = nullptr;
    m_engine.reset();
    m_locateFailures = 0;
    setEngineStatus({});
    locate();
}

void SandboxFleet::retryEngineNow()
{
    if (m_events) {
        m_events->retryNow();
        return;
    }
    m_locateTimer.stop();
    m_locateFailures = 0;
    locate();
}

void SandboxFleet::locate()
{
    const int generation = ++m_locateGeneration;
    auto *locator = new EngineLocator(this);
    locator->locate(m_preference, [this, locator, generation](const EngineLocator::Outcome &o) {
        locator->deleteLater();
        if (generation != m_locateGeneration)
            return;
        if (o.ready())
            return onEngineReady(*o.engine, o.serverVersion);
        onEngineUnavailable(o.error, o.engine ? o.engine->displayName() : QString());
        scheduleLocate();
    });
}

void SandboxFleet::scheduleLocate()
{
    qint64 delay = m_firstDelay.count();
    for (int i = 0; i < m_locateFailures && delay < m_maxDelay.count(); ++i)
        delay *= 2;
    delay = std::min<qint64>(delay, m_maxDelay.count());
    ++m_locateFailures;
    qCDebug(lcEngine) << "looking for the engine again in" << delay << "ms";
    m_locateTimer.start(std::chrono::milliseconds(delay));
}

void SandboxFleet::onEngineReady(const ContainerEngine &engine, const QString &version)
{
    m_locateFailures = 0;
    m_engine = engine;
    EngineStatus st;
    st.state = EngineStatus::State::Ready;
    st.displayName = engine.displayName();
    st.version = version;
    setEngineStatus(st);
    m_events = new EngineEvents(engine, this);
    m_events->setRetryDelays(m_firstDelay, m_maxDelay);
    connect(m_events, &EngineEvents::containerChanged, this, &SandboxFleet::onContainerEvent);
    connect(m_events, &EngineEvents::engineAvailable, this, [this] {
        if (!m_engineStatus.ready()) {
            EngineStatus s;
            s.state = EngineStatus::State::Ready;
            s.displayName = m_engine->displayName();
            setEngineStatus(s);
        }
        resync();
    });
    connect(m_events, &EngineEvents::engineUnavailable, this,
            [this](const QString &) { onEngineUnavailable(m_events->unavailableError()); });
    m_events->start();
}

void SandboxFleet::onEngineUnavailable(const Error &error, const QString &displayName)
{
    EngineStatus st;
    st.state = EngineStatus::State::Unavailable;
    st.message = error.message;
    st.error = error;
    st.displayName = displayName;
    if (m_engine)
        st.displayName = m_engine->displayName();
    setEngineStatus(st);
}

Error SandboxFleet::engineUnavailableError() const
{
    if (m_engineStatus.ready())
        return {};
    if (m_engineStatus.error.isError())
        return m_engineStatus.error;
    // Still looking (or a status set with a message only).
    return Error(Error::Kind::EngineNotRunning, m_engineStatus.message);
}

void SandboxFleet::setEngineStatus(EngineStatus status)
{
    m_engineStatus = std::move(status);
    for (ManagedSandbox *s : std::as_const(m_sandboxes))
        s->setEngine(m_engineStatus.ready() ? m_engine : std::nullopt, engineUnavailableError());
    Q_EMIT engineStatusChanged();
    Q_EMIT changed();
}

// --- state -----------------------------------------------------------------------------------

void SandboxFleet::onContainerEvent(const ContainerEvent &e)
{
    if (ManagedSandbox *s = sandboxById(e.sandboxId))
        s->applyContainerState(e.state, e.port, e.configHash);
}

void SandboxFleet::resync()
{
    if (!m_engine)
        return;
    auto *lister = new SandboxLister(*m_engine, this);
    lister->list([this, lister](const QList<SandboxInfo> &all, const QString &error) {
        lister->deleteLater();
        if (!error.isEmpty())
            qCInfo(lcEngine) << "listing sandboxes:" << error;
        const bool firstTime = !m_adopted;
        if (firstTime) {
            // Adopt sandboxes that run for projects not on the list yet (started with `ocs`),
            // this user's only: those with a state folder in this user's state root (other
            // users may share the engine).
            for (const SandboxInfo &i : all) {
                const QString stateDir = paths::stateRoot() + QLatin1Char('/') + i.sandboxId;
                if (i.state != QLatin1String("running") || i.projectRoot.isEmpty() ||
                    sandboxById(i.sandboxId) || m_registry->contains(i.projectRoot) ||
                    !QFileInfo::exists(SandboxRecord::filePath(stateDir)) ||
                    !QFileInfo::exists(i.projectRoot + QLatin1Char('/') + ConfigFile::FileName))
                    continue;
                qCInfo(lcRegistry) << "adopting running sandbox" << i.sandboxId << i.projectRoot;
                m_registry->add(i.projectRoot); // → projectAdded → addSandbox()
            }
        }
        m_adopted = true;
        for (ManagedSandbox *s : std::as_const(m_sandboxes)) {
            const SandboxInfo *found = nullptr;
            for (const SandboxInfo &i : all) {
                if (!s->sandboxId().isEmpty() && i.sandboxId == s->sandboxId() &&
                    !i.containerName.isEmpty()) {
                    found = &i;
                    break;
                }
            }
            if (!found) {
                s->applyContainerState(QString(), 0, QString());
                continue;
            }
            const QString state =
                found->state == QLatin1String("stopped") ? QString() : found->state;
            s->applyContainerState(state, found->port, found->configHash);
        }
        if (firstTime) {
            startWithApp();
            Q_EMIT adopted();
        }
    });
}

void SandboxFleet::startWithApp()
{
    for (ManagedSandbox *s : std::as_const(m_sandboxes)) {
        if (m_registry->appSettings(s->root()).startWithApp && s->canStart() &&
            s->state() == ManagedSandbox::State::Stopped)
            s->start();
    }
}

SandboxFleet::Summary SandboxFleet::summary() const
{
    if (m_engineStatus.state == EngineStatus::State::Unavailable)
        return Summary::EngineMissing;
    bool error = false, busy = false, running = false;
    for (const ManagedSandbox *s : m_sandboxes) {
        switch (s->state()) {
        case ManagedSandbox::State::Error:
            error = true;
            break;
        case ManagedSandbox::State::Building:
        case ManagedSandbox::State::Starting:
        case ManagedSandbox::State::Stopping:
            busy = true;
            break;
        case ManagedSandbox::State::Running:
            running = true;
            break;
        case ManagedSandbox::State::Stopped:
            break;
        }
        if (s->isBusy())
            busy = true;
    }
    if (error)
        return Summary::Error;
    if (busy)
        return Summary::Busy;
    return running ? Summary::SomeRunning : Summary::NoneRunning;
}

int SandboxFleet::count(ManagedSandbox::State state) const
{
    int n = 0;
    for (const ManagedSandbox *s : m_sandboxes)
        n += s->state() == state ? 1 : 0;
    return n;
}

void SandboxFleet::startAll()
{
    for (ManagedSandbox *s : std::as_const(m_sandboxes)) {
        if (s->canStart())
            s->start();
    }
}

void SandboxFleet::stopAll(std::function<void()> done)
{
    QList<ManagedSandbox *> targets;
    for (ManagedSandbox *s : std::as_const(m_sandboxes)) {
        if (s->canStop())
            targets << s;
    }
    if (targets.isEmpty()) {
        if (done)
            done();
        return;
    }
    auto pending = std::make_shared<int>(int(targets.size()));
    for (ManagedSandbox *s : targets) {
        auto conn = std::make_shared<QMetaObject::Connection>();
        *conn = connect(s, &ManagedSandbox::operationFinished, this,
                        [conn, pending, done](const ManagedSandbox::Result &r) {
                            if (r.operation != ManagedSandbox::Operation::Stop)
                                return;
                            QObject::disconnect(*conn);
                            if (--*pending == 0 && done)
                                done();
                        });
        s->stop();
    }
}

} // namespace ocs
