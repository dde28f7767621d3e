#include "engineevents.h"

#include "logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ocs {

std::optional<ContainerEvent> ContainerEvent::parse(const QByteArray &jsonLine)
{
    const QByteArray line = jsonLine.trimmed();
    if (!line.startsWith('{'))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    if (o.isEmpty())
        return std::nullopt;
    // Docker: {"Type":"container","Action":"start","Actor":{"Attributes":{…,"name":…}}}
    // Podman: {"Type":"container","Status":"start","Name":…,"Attributes":{…}}
    QString type = o.value(QStringLiteral("Type")).toString();
    QString action = o.value(QStringLiteral("Action")).toString();
    QJsonObject attrs;
    QString name;
    if (!action.isEmpty()) {
        attrs = o.value(QStringLiteral("Actor"))
                    .toObject()
                    .value(QStringLiteral("Attributes"))
                    .toObject();
        name = attrs.value(QStringLiteral("name")).toString();
    } else {
        action = o.value(QStringLiteral("Status")).toString();
        attrs = o.value(QStringLiteral("Attributes")).toObject();
        name = o.value(QStringLiteral("Name")).toString();
    }
    if (!type.isEmpty() && type.compare(QLatin1String("container"), Qt::CaseInsensitive) != 0)
        return std::nullopt;

    static const QHash<QString, QString> states{
        {QStringLiteral("create"), QStringLiteral("created")},
        {QStringLiteral("start"), QStringLiteral("running")},
        {QStringLiteral("restart"), QStringLiteral("running")},
        {QStringLiteral("unpause"), QStringLiteral("running")},
        {QStringLiteral("pause"), QStringLiteral("paused")},
        {QStringLiteral("die"), QStringLiteral("exited")},
        {QStringLiteral("died"), QStringLiteral("exited")}, // Podman
        {QStringLiteral("stop"), QStringLiteral("exited")},
        {QStringLiteral("destroy"), QString()},
        {QStringLiteral("remove"), QString()}, // Podman
    };
    const auto it = states.constFind(action);
    if (it == states.cend())
        return std::nullopt;

    ContainerEvent e;
    e.sandboxId = attrs.value(ContainerEngine::LabelId).toString();
    if (e.sandboxId.isEmpty())
        return std::nullopt;
    e.action = action;
    e.state = it.value();
    e.containerName = name;
    e.port = quint16(attrs.value(ContainerEngine::LabelPort).toString().toUInt());
    e.configHash = attrs.value(ContainerEngine::LabelConfigHash).toString();
    e.projectRoot = attrs.value(ContainerEngine::LabelProject).toString();
    return e;
}

EngineEvents::EngineEvents(ContainerEngine engine, QObject *parent)
    : QObject(parent)
    , m_engine(std::move(engine))
{
    qRegisterMetaType<ocs::ContainerEvent>();
    m_restartTimer.setSingleShot(true);
    connect(&m_restartTimer, &QTimer::timeout, this, &EngineEvents::launchStream);
}

EngineEvents::~EngineEvents()
{
    stop();
}

QStringList EngineEvents::arguments(ContainerEngine::Kind kind)
{
    QStringList args{QStringLiteral("events"), QStringLiteral("--filter"),
                     QStringLiteral("type=container")};
    // Podman (4.3) has no label-presence filter: `label=KEY` without a value matches no
    // event at all. Its stream carries every container's events; parse() keeps ours.
    if (kind != ContainerEngine::Kind::Podman)
        args << QStringLiteral("--filter") << QStringLiteral("label=") + ContainerEngine::LabelId;
    args << QStringLiteral("--format") << QStringLiteral("{{json .}}");
    return args;
}

void EngineEvents::setRetryDelays(std::chrono::milliseconds first, std::chrono::milliseconds max)
{
    m_firstDelay = first;
    m_maxDelay = std::max(first, max);
}

void EngineEvents::start()
{
    if (m_running)
        return;
    m_running = true;
    m_failures = 0;
    launchStream();
}

void EngineEvents::stop()
{
    m_running = false;
    m_restartTimer.stop();
    ++m_generation;
    if (m_job) {
        ProcessJob *job = m_job;
        m_job = nullptr;
        job->disconnect(this);
        connect(job, &ProcessJob::finished, job, &QObject::deleteLater);
        job->cancel();
    }
}

void EngineEvents::retryNow()
{
    if (!m_running)
        return start();
    if (m_job)
        return; // the stream is up
    m_restartTimer.stop();
    launchStream();
}

void EngineEvents::launchStream()
{
    if (!m_running || m_job)
        return;
    const int generation = ++m_generation;
    ProcessSpec spec = m_engine.command(arguments(m_engine.kind()), std::chrono::milliseconds(0));
    // The stream never ends by itself: it must not outlive the app however the app ends.
    spec.endsWithThisProcess = true;
    qCDebug(lcEngine) << "following events:" << spec.displayCommand();
    m_streamClock.start();
    m_job = ProcessLauncher::instance().start(spec, this);
    connect(m_job, &ProcessJob::outputLine, this, &EngineEvents::onLine);
    connect(m_job, &ProcessJob::finished, this, [this, generation](const ProcessResult &r) {
        if (generation != m_generation)
            return;
        if (m_job)
            m_job->deleteLater();
        m_job = nullptr;
        QString why = QString::fromUtf8(r.standardError).trimmed();
        if (why.isEmpty())
            why = r.describeFailure(tr("Following the engine's events"));
        onStreamEnded(why);
    });
    probe();
}

void EngineEvents::onLine(const QString &line)
{
    const auto e = ContainerEvent::parse(line.toUtf8());
    if (!e)
        return;
    qCDebug(lcEngine) << "event" << e->action << e->sandboxId << e->containerName;
    Q_EMIT containerChanged(*e);
}

void EngineEvents::onStreamEnded(const QString &why)
{
    if (!m_running)
        return;
    qCInfo(lcEngine) << "event stream ended after" << m_streamClock.elapsed() << "ms:" << why;
    // A stream that ran for a while was a success: start counting from the beginning.
    if (m_streamClock.elapsed() > 30000)
        m_failures = 0;
    probe();
    scheduleRestart();
}

void EngineEvents::scheduleRestart()
{
    if (!m_running || m_restartTimer.isActive())
        return;
    qint64 delay = m_firstDelay.count();
    for (int i = 0; i < m_failures && delay < m_maxDelay.count(); ++i)
        delay *= 2;
    delay = std::min<qint64>(delay, m_maxDelay.count());
    ++m_failures;
    qCDebug(lcEngine) << "restarting the event stream in" << delay << "ms";
    m_restartTimer.start(std::chrono::milliseconds(delay));
}

void EngineEvents::probe()
{
    const int generation = m_generation;
    auto *locator = new EngineLocator(this);
    locator->locate(
        m_engine.program(), [this, locator, generation](const EngineLocator::Outcome &o) {
            locator->deleteLater();
            if (!m_running)
                return;
            if (o.ready()) {
                // Only a stream that is still up counts as (re)connected.
                if (generation == m_generation && m_job) {
                    m_failures = 0;
                    setAvailable(true, Error());
                } else {
                    qCInfo(lcEngine) << "engine answers but its event stream ended; restarting it";
                }
                return;
            }
            setAvailable(false, o.error);
        });
}

void EngineEvents::setAvailable(bool available, const Error &error)
{
    const QString message = error.message;
    if (available) {
        // Every new stream is announced: events may have been missed in between.
        m_available = true;
        m_message.clear();
        m_error = Error();
        qCInfo(lcEngine) << m_engine.displayName() << "answers; following its events";
        Q_EMIT engineAvailable();
        return;
    }
    const bool changed = !m_available || *m_available || message != m_message;
    m_available = false;
    m_message = message;
    m_error = error;
    if (!changed)
        return;
    qCInfo(lcEngine) << "engine unavailable:" << message;
    Q_EMIT engineUnavailable(message);
}

} // namespace ocs
