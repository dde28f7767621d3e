#include "fakeengine.h"

#include "engine/containerengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

namespace ocs::test {

namespace {
FakeEngine *g_current = nullptr;
const QByteArray DaemonDown =
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon "
    "running?";

// Answers every request with 200 {"healthy":true}.
std::shared_ptr<QTcpServer> healthServer(quint16 port)
{
    auto server = std::make_shared<QTcpServer>();
    if (!server->listen(QHostAddress::LocalHost, port))
        return nullptr;
    QTcpServer *raw = server.get();
    QObject::connect(raw, &QTcpServer::newConnection, raw, [raw] {
        while (QTcpSocket *s = raw->nextPendingConnection()) {
            QObject::connect(s, &QTcpSocket::readyRead, s, [s] {
                if (!s->readAll().contains("\r\n\r\n"))
                    return;
                const QByteArray body = R"({"healthy":true,"version":"0.0.0-fake"})";
                s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                         QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                s->disconnectFromHost();
            });
            QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        }
    });
    return server;
}
} // namespace

ProcessResult exitWith(int code, const QByteArray &out, const QByteArray &err)
{
    ProcessResult r;
    r.status = ProcessResult::Status::Finished;
    r.exitCode = code;
    r.standardOutput = out;
    r.standardError = err;
    return r;
}

// --- FakeJob -------------------------------------------------------------------------------

void FakeJob::line(const QString &text)
{
    if (m_done)
        return;
    m_out += text.toUtf8() + '\n';
    // Like a real process: output arrives on a later turn of the event loop.
    QTimer::singleShot(0, this, [this, text] { Q_EMIT outputLine(text); });
}

void FakeJob::finishLater(const ProcessResult &result)
{
    if (m_done)
        return;
    m_done = true;
    QTimer::singleShot(0, this, [this, result] {
        ProcessResult r = result;
        if (r.standardOutput.isEmpty())
            r.standardOutput = m_out;
        Q_EMIT finished(r);
    });
}

void FakeJob::cancel()
{
    ProcessResult r;
    r.status = ProcessResult::Status::Cancelled;
    finishLater(r);
}

// --- FakeEngine ----------------------------------------------------------------------------

FakeEngine::FakeEngine(QString program)
    : m_program(std::move(program))
{}

FakeEngine *FakeEngine::install(const QString &program)
{
    auto fake = std::unique_ptr<FakeEngine>(new FakeEngine(program));
    g_current = fake.get();
    ProcessLauncher::setInstance(std::move(fake));
    return g_current;
}

void FakeEngine::uninstall()
{
    g_current = nullptr;
    ProcessLauncher::setInstance(nullptr);
}

int FakeEngine::count(const QStringList &prefix) const
{
    int n = 0;
    for (const ProcessSpec &s : m_calls) {
        if (s.arguments.mid(0, prefix.size()) == prefix)
            ++n;
    }
    return n;
}

int FakeEngine::openEventStreams() const
{
    int n = 0;
    for (const auto &s : m_streams)
        n += (s && !s->isDone()) ? 1 : 0;
    return n;
}

const FakeEngine::Container *FakeEngine::find(const QString &nameOrId) const
{
    for (const Container &c : m_containers) {
        if (c.name == nameOrId || c.id == nameOrId)
            return &c;
    }
    return nullptr;
}

void FakeEngine::goDown()
{
    m_up = false;
    for (const auto &s : std::as_const(m_streams)) {
        if (s)
            s->finishLater(exitWith(1, {}, "error during connect: unexpected EOF"));
    }
    m_streams.clear();
}

void FakeEngine::comeBack()
{
    m_up = true;
}

void FakeEngine::emitEvent(const Container &c, const QString &action)
{
    QJsonObject attrs{{QStringLiteral("name"), c.name},
                      {QStringLiteral("image"), QStringLiteral("img")}};
    for (auto it = c.labels.cbegin(); it != c.labels.cend(); ++it)
        attrs.insert(it.key(), it.value());
    const QJsonObject o{
        {QStringLiteral("status"), action},
        {QStringLiteral("id"), c.id},
        {QStringLiteral("Type"), QStringLiteral("container")},
        {QStringLiteral("Action"), action},
        {QStringLiteral("Actor"),
         QJsonObject{{QStringLiteral("ID"), c.id}, {QStringLiteral("Attributes"), attrs}}},
        {QStringLiteral("scope"), QStringLiteral("local")}};
    const QString line = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    for (const auto &s : std::as_const(m_streams)) {
        if (s && !s->isDone())
            s->line(line);
    }
}

void FakeEngine::setRunning(Container &c, bool running)
{
    c.status = running ? QStringLiteral("running") : QStringLiteral("exited");
    if (running && m_healthy && c.port && !m_servers.contains(c.port)) {
        if (auto server = healthServer(c.port))
            m_servers.insert(c.port, server);
    }
    if (!running)
        m_servers.remove(c.port);
}

void FakeEngine::setHealthy(bool healthy)
{
    m_healthy = healthy;
    if (!healthy)
        return;
    for (Container &c : m_containers) {
        if (c.status == QLatin1String("running"))
            setRunning(c, true);
    }
}

void FakeEngine::addRunningContainer(const QString &sandboxId, const QString &projectRoot,
                                     quint16 port, const QString &configHash)
{
    Container c;
    c.id = QStringLiteral("c%1").arg(m_nextId++);
    c.name = QStringLiteral("opencode-sandbox-") + sandboxId;
    c.port = port;
    c.labels.insert(ContainerEngine::LabelId, sandboxId);
    c.labels.insert(ContainerEngine::LabelProject, projectRoot);
    c.labels.insert(ContainerEngine::LabelPort, QString::number(port));
    if (!configHash.isEmpty())
        c.labels.insert(ContainerEngine::LabelConfigHash, configHash);
    setRunning(c, true);
    m_containers.insert(c.name, c);
    emitEvent(c, QStringLiteral("create"));
    emitEvent(c, QStringLiteral("start"));
}

void FakeEngine::stopExternally(const QString &name)
{
    auto it = m_containers.find(name);
    if (it == m_containers.end())
        return;
    setRunning(*it, false);
    emitEvent(*it, QStringLiteral("die"));
    emitEvent(*it, QStringLiteral("stop"));
}

void FakeEngine::buildLine(const QString &line)
{
    if (m_build)
        m_build->line(line);
}

void FakeEngine::finishBuild(bool ok)
{
    if (!m_build)
        return;
    if (ok)
        m_images.insert(m_buildImage);
    m_build->finishLater(ok ? exitWith(0) : exitWith(1, {}, "ERROR: the fake build failed"));
    m_build = nullptr;
}

QByteArray FakeEngine::inspectJson(const QStringList &names) const
{
    QJsonArray arr;
    for (const QString &n : names) {
        const Container *c = find(n);
        if (!c)
            continue;
        QJsonObject labels;
        for (auto it = c->labels.cbegin(); it != c->labels.cend(); ++it)
            labels.insert(it.key(), it.value());
        const auto binding = [](quint16 host) {
            return QJsonArray{QJsonObject{{QStringLiteral("HostIp"), QStringLiteral("127.0.0.1")},
                                          {QStringLiteral("HostPort"), QString::number(host)}}};
        };
        QJsonObject ports{{QStringLiteral("4096/tcp"), binding(c->port)}};
        for (auto it = c->published.cbegin(); it != c->published.cend(); ++it)
            ports.insert(QString::number(it.key()) + QStringLiteral("/tcp"), binding(it.value()));
        arr.append(QJsonObject{
            {QStringLiteral("Id"), c->id},
            {QStringLiteral("Name"), QLatin1Char('/') + c->name},
            {QStringLiteral("State"), QJsonObject{{QStringLiteral("Status"), c->status}}},
            {QStringLiteral("Config"), QJsonObject{{QStringLiteral("Labels"), labels}}},
            {QStringLiteral("HostConfig"),
             QJsonObject{{QStringLiteral("Memory"), double(c->memoryLimit)},
                         {QStringLiteral("PidsLimit"), 4096}}},
            {QStringLiteral("NetworkSettings"), QJsonObject{{QStringLiteral("Ports"), ports}}}});
    }
    return QJsonDocument(arr).toJson(QJsonDocument::Compact);
}

ProcessJob *FakeEngine::start(const ProcessSpec &spec, QObject *parent)
{
    m_calls << spec;
    if (m_responder) {
        if (auto r = m_responder(spec)) {
            auto *job = new FakeJob(parent);
            job->finishLater(*r);
            return job;
        }
    }
    if (spec.program == m_program)
        return engineCommand(spec, parent);
    auto *job = new FakeJob(parent);
    job->finishLater(exitWith(0));
    return job;
}

ProcessJob *FakeEngine::engineCommand(const ProcessSpec &spec, QObject *parent)
{
    auto *job = new FakeJob(parent);
    const QStringList a = spec.arguments;
    const QString cmd = a.value(0);
    if (!m_up) {
        job->finishLater(exitWith(1, {}, DaemonDown));
        return job;
    }
    if (cmd == QLatin1String("version")) {
        job->finishLater(
            exitWith(0, R"({"Client":{"Version":"99.0"},"Server":{"Version":"99.0-fake"}})"));
    } else if (cmd == QLatin1String("events")) {
        m_streams << job; // stays open
    } else if (cmd == QLatin1String("ps")) {
        QByteArray out;
        for (const Container &c : std::as_const(m_containers))
            out += c.id.toUtf8() + '\n';
        job->finishLater(exitWith(0, out));
    } else if (cmd == QLatin1String("container") && a.value(1) == QLatin1String("inspect")) {
        if (a.value(2) == QLatin1String("--format")) {
            const Container *c = find(a.value(4));
            if (!c)
                job->finishLater(
                    exitWith(1, {}, "Error: No such container: " + a.value(4).toUtf8()));
            else
                job->finishLater(
                    exitWith(0, c->status.toUtf8() + ' ' + QByteArray::number(c->port) + '\n'));
        } else {
            job->finishLater(exitWith(0, inspectJson(a.mid(2))));
        }
    } else if (cmd == QLatin1String("image") && a.value(1) == QLatin1String("inspect")) {
        const bool has = m_images.contains(a.constLast());
        job->finishLater(has ? exitWith(0, "\n") : exitWith(1, {}, "Error: No such image"));
    } else if (cmd == QLatin1String("build")) {
        m_buildImage = a.value(a.indexOf(QStringLiteral("--tag")) + 1);
        if (m_holdBuilds) {
            m_build = job;
        } else {
            job->line(QStringLiteral("Step 1/2 : FROM fake"));
            job->line(QStringLiteral("Step 2/2 : RUN true"));
            m_images.insert(m_buildImage);
            job->finishLater(exitWith(0));
        }
    } else if (cmd == QLatin1String("run")) {
        if (!m_failRun.isEmpty()) {
            job->finishLater(exitWith(125, {}, m_failRun.toUtf8()));
            return job;
        }
        Container c;
        c.id = QStringLiteral("c%1").arg(m_nextId++);
        c.name = a.value(a.indexOf(QStringLiteral("--name")) + 1);
        for (int i = 0; i < a.size() - 1; ++i) {
            if (a.at(i) == QLatin1String("--label")) {
                const QString kv = a.at(i + 1);
                c.labels.insert(kv.section(QLatin1Char('='), 0, 0),
                                kv.section(QLatin1Char('='), 1));
            }
            if (a.at(i) == QLatin1String("--publish")) {
                const quint16 host = quint16(a.at(i + 1).section(QLatin1Char(':'), 1, 1).toUInt());
                const quint16 inside =
                    quint16(a.at(i + 1).section(QLatin1Char(':'), 2, 2).toUInt());
                if (inside == 4096)
                    c.port = host;
                else
                    c.published.insert(inside, host);
            }
            if (a.at(i) == QLatin1String("--memory") && a.at(i + 1).endsWith(QLatin1Char('g')))
                c.memoryLimit = a.at(i + 1).chopped(1).toLongLong() << 30;
        }
        if (m_containers.contains(c.name)) {
            job->finishLater(exitWith(125, {}, "Conflict. The container name is already in use"));
            return job;
        }
        setRunning(c, true);
        m_containers.insert(c.name, c);
        emitEvent(c, QStringLiteral("create"));
        emitEvent(c, QStringLiteral("start"));
        job->finishLater(exitWith(0, c.id.toUtf8() + '\n'));
    } else if (cmd == QLatin1String("stats")) {
        QByteArray out;
        for (const QString &name : a.mid(a.indexOf(QStringLiteral("--format")) + 2)) {
            const Container *c = find(name);
            if (c && c->status == QLatin1String("running"))
                out += (c->name + QLatin1Char('\t') + m_memoryUsage + QStringLiteral(" / 8GiB\n"))
                           .toUtf8();
        }
        job->finishLater(exitWith(0, out));
    } else if (cmd == QLatin1String("stop")) {
        const QString name = a.constLast();
        auto it = m_containers.find(name);
        if (it == m_containers.end()) {
            job->finishLater(
                exitWith(1, {}, "Error response from daemon: No such container: " + name.toUtf8()));
        } else {
            setRunning(*it, false);
            emitEvent(*it, QStringLiteral("kill"));
            emitEvent(*it, QStringLiteral("die"));
            emitEvent(*it, QStringLiteral("stop"));
            job->finishLater(exitWith(0, name.toUtf8() + '\n'));
        }
    } else if (cmd == QLatin1String("rm")) {
        const QString name = a.constLast();
        auto it = m_containers.find(name);
        if (it == m_containers.end()) {
            job->finishLater(exitWith(1, {}, "Error: No such container: " + name.toUtf8()));
        } else {
            const Container c = *it;
            m_servers.remove(c.port);
            m_containers.erase(it);
            emitEvent(c, QStringLiteral("destroy"));
            job->finishLater(exitWith(0, name.toUtf8() + '\n'));
        }
    } else if (cmd == QLatin1String("logs")) {
        job->line(QStringLiteral("fake log line 1"));
        job->line(QStringLiteral("fake log line 2"));
        if (!a.contains(QStringLiteral("--follow")))
            job->finishLater(exitWith(0));
    } else {
        job->finishLater(exitWith(0));
    }
    return job;
}

} // namespace ocs::test
