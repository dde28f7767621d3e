#include "sandboxcontroller.h"

#include "app/environment.h"
#include "config/configimpact.h"
#include "logging.h"
#include "network/livepolicy.h"
#include "opencodesettings.h"
#include "passwordstore.h"
#include "portallocator.h"
#include "prestarthook.h"
#include "project/workspaceprotection.h"
#include "sandbox/rootpolicy.h"
#include "sandboxrecord.h"
#include "secrets/secretdelivery.h"
#include "startapproval.h"

#include <QDir>
#include <QElapsedTimer>

#include <algorithm>

namespace ocs {

SandboxController::SandboxController(ContainerEngine engine, Project project, QObject *parent)
    : QObject(parent)
    , m_engine(std::move(engine))
    , m_project(std::move(project))
{}

std::chrono::milliseconds SandboxController::startTimeout()
{
    bool ok = false;
    const int secs = environment::intValue(environment::Variable::StartTimeout, &ok);
    return std::chrono::seconds(ok && secs > 0 ? secs : 180);
}

QString SandboxController::configHash(const ProjectConfig &c)
{
    return ConfigImpact::containerHash(c);
}

QStringList SandboxController::guardLines(const QByteArray &logs)
{
    QStringList out;
    for (const QByteArray &line : logs.split('\n')) {
        // Only its stop report: the guard also says what it watches when it starts.
        const qsizetype at = line.indexOf("ocs-guard: stopped: ");
        if (at >= 0)
            out << QString::fromUtf8(line.mid(at)).trimmed();
    }
    return out;
}

void SandboxController::guardReport(std::function<void(const QStringList &)> done)
{
    const QStringList args = ContainerEngine::logsArguments(m_project.containerName(), 40);
    runProcess(
        m_engine.command(args, std::chrono::seconds(30)), this, [done](const ProcessResult &r) {
            done(r.ok() ? guardLines(r.standardOutput + '\n' + r.standardError) : QStringList());
        });
}

void SandboxController::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    qCDebug(lcSandbox) << m_project.sandboxId() << "state" << s;
    Q_EMIT stateChanged(s);
}

void SandboxController::fail(const Error &error, Callback done)
{
    qCWarning(lcSandbox) << m_project.sandboxId() << Error::kindName(error.kind) << error.message;
    m_secretValues.clear();
    setState(State::Error);
    Outcome o;
    o.error = error;
    done(o);
}

void SandboxController::fail(const QString &message, Callback done)
{
    fail(Error(Error::Kind::Failed, message), done);
}

void SandboxController::password(Callback done)
{
    QString error;
    if (!m_project.ensureStateDirs(&error))
        return fail(error, done);
    auto *store = new PasswordStore(m_project.sandboxId(), m_project.stateDir(), this);
    store->obtain([store, done](const PasswordStore::Result &r) {
        store->deleteLater();
        Outcome o;
        o.ok = r.ok;
        if (!r.ok)
            o.error = Error(Error::Kind::Failed, r.error);
        o.password = r.password;
        if (!r.notice.isEmpty())
            o.notices << r.notice;
        done(o);
    });
}

void SandboxController::containerStatus(std::function<void(const QString &, quint16)> done)
{
    const QStringList args{QStringLiteral("container"), QStringLiteral("inspect"),
                           QStringLiteral("--format"),
                           QStringLiteral("{{.State.Status}} {{index .Config.Labels \"%1\"}}")
                               .arg(ContainerEngine::LabelPort),
                           m_project.containerName()};
    runProcess(m_engine.command(args, std::chrono::seconds(30)), this,
               [done](const ProcessResult &r) {
                   if (!r.ok())
                       return done(QString(), 0);
                   const QStringList parts =
                       QString::fromUtf8(r.standardOutput).trimmed().split(QLatin1Char(' '));
                   done(parts.value(0), quint16(parts.value(1).toUInt()));
               });
}

void SandboxController::rebuild(const ImageBuilder::Options &options, Callback done)
{
    if (const QString refusal = RootPolicy::currentRefusal(); !refusal.isEmpty())
        return fail(refusal, done);
    setState(State::Building);
    auto *builder = new ImageBuilder(m_engine, m_project, this);
    connect(builder, &ImageBuilder::progress, this, &SandboxController::buildProgress);
    builder->build(options, [this, builder, done](const ImageBuilder::Result &r) {
        builder->deleteLater();
        if (!r.ok)
            return fail(r.error, done);
        setState(State::Stopped);
        Outcome o;
        o.ok = true;
        o.notices << tr("Image %1 built; build log: %2").arg(m_project.imageName(), r.logPath);
        done(o);
    });
}

struct SandboxController::ImageCheck
{
    bool answered = false;
    ProcessResult result;
    std::function<void(const ProcessResult &)> waiting;
};

static QStringList imageInspectArguments(const Project &project)
{
    return {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
            QStringLiteral("{{index .Config.Labels \"%1\"}}").arg(ContainerEngine::LabelMiseHash),
            project.imageName()};
}

void SandboxController::prefetchImage()
{
    auto check = std::make_shared<ImageCheck>();
    m_imageCheck = check;
    runProcess(m_engine.command(imageInspectArguments(m_project), std::chrono::seconds(30)), this,
               [check](const ProcessResult &r) {
                   check->answered = true;
                   check->result = r;
                   if (auto waiting = std::move(check->waiting))
                       waiting(r);
               });
}

void SandboxController::start(const StartOptions &options, Callback done)
{
    // Before the engine is asked anything: no image is built, no container started.
    if (const QString refusal = RootPolicy::currentRefusal(); !refusal.isEmpty())
        return fail(refusal, done);
    m_shareOpenCodeSettings = options.shareOpenCodeSettings;
    setState(State::Starting);
    m_imageCheck.reset();
    containerStatus([this, options, done](const QString &status, quint16 port) {
        if (status == QLatin1String("running")) {
            Outcome o;
            o.port = port;
            password([this, o, done](const Outcome &pw) mutable {
                if (!pw.ok)
                    return fail(pw.error, done);
                o.ok = true;
                o.password = pw.password;
                o.notices << tr("%1 is already running.").arg(m_project.containerName());
                setState(State::Running);
                done(o);
            });
            return;
        }
        auto proceed = [this, options, done] {
            approveConfig(options, done);
        };
        if (status.isEmpty())
            return proceed();
        // A container left from an earlier run (it stopped by itself): say why, if its guard
        // ended it, then replace it.
        guardReport([this, proceed](const QStringList &lines) {
            if (!lines.isEmpty())
                Q_EMIT message(tr("The last run of %1 was ended by its guard:\n  %2")
                                   .arg(m_project.sandboxId(), lines.join(QStringLiteral("\n  "))));
            runProcess(m_engine.command({QStringLiteral("rm"), QStringLiteral("--force"),
                                         m_project.containerName()}),
                       this, [proceed](const ProcessResult &) { proceed(); });
        });
    });
    // Not dependent on the container's status: asked at the same time (ensureImage).
    if (!options.rebuild)
        prefetchImage();
}

void SandboxController::approveConfig(const StartOptions &options, Callback done)
{
    QString error;
    if (!m_project.ensureStateDirs(&error))
        return fail(error, done);
    // Which protected paths exist now (the run plan inspects fully, nested repositories too).
    const WorkspaceProtection::Inspection protection = WorkspaceProtection::inspect(
        m_project.root(), RunPlanner::effectiveReadOnlyPaths(m_project.config()),
        /*findNested=*/false);
    const StartReview review =
        StartApproval::review(SandboxRecord::load(m_project.stateDir()).lastStartedConfig,
                              m_project.config(), m_project.root(), protection.readOnlyMounts);
    auto runHook = [this, options, done] {
        auto *hook = new PreStartHook(m_project, this);
        if (hook->status() == PreStartHook::Status::Approved)
            Q_EMIT message(tr("Running the pre-start hook %1").arg(m_project.hookPath()));
        hook->run(options.interactive, [this, hook, options, done](const PreStartHook::Result &r) {
            hook->deleteLater();
            if (!r.ok)
                return fail(r.error, done);
            afterHook(options, r.exportedEnvironment, done);
        });
    };
    if (!review.needsAnswer())
        return runHook();
    // The user may take their time to answer: the image is asked about again afterwards.
    m_imageCheck.reset();
    const QString what = review.firstStart
                             ? tr("Not started: this is the first start of %1, which may reach:")
                                   .arg(m_project.sandboxId())
                             : tr("Not started: %1 changed since the last start, widening or "
                                  "narrowing what the sandbox may reach:")
                                   .arg(m_project.configPath());
    const QString refusal =
        QStringLiteral("%1\n  %2\n%3%4")
            .arg(what, review.lines.join(QStringLiteral("\n  ")),
                 review.warnings.isEmpty()
                     ? QString()
                     : review.warnings.join(QLatin1Char('\n')) + QLatin1Char('\n'),
                 tr("Accept to start (`ocs start --yes`, or answer yes)."));
    const Error refused(Error::Kind::NotApproved, refusal);
    if (!options.confirmConfigChanges)
        return fail(refused, done);
    QPointer<SandboxController> self(this);
    options.confirmConfigChanges(review, [self, runHook, refused, done](bool accepted) {
        if (!self)
            return;
        if (!accepted)
            return self->fail(refused, done);
        runHook();
    });
}

void SandboxController::afterHook(const StartOptions &options, QMap<QString, QString> hostEnv,
                                  Callback done)
{
    password([this, options, hostEnv, done](const Outcome &pw) {
        if (!pw.ok)
            return fail(pw.error, done);
        ensureImage(options, [this, pw, hostEnv, done](const Error &error) {
            if (error.isError())
                return fail(error, done);
            setState(State::Starting);
            resolveSecrets(hostEnv, pw, [this, hostEnv, done](Outcome partial) {
                runContainer(partial.password, hostEnv, {}, partial, done);
            });
        });
    });
}

void SandboxController::ensureImage(const StartOptions &options,
                                    std::function<void(const Error &)> next)
{
    auto build = [this, options, next] {
        setState(State::Building);
        auto *builder = new ImageBuilder(m_engine, m_project, this);
        connect(builder, &ImageBuilder::progress, this, &SandboxController::buildProgress);
        builder->build(options.build, [builder, next](const ImageBuilder::Result &r) {
            builder->deleteLater();
            next(r.ok ? Error() : r.error);
        });
    };
    if (options.rebuild)
        return build();
    auto answered = [this, build, next](const ProcessResult &r) {
        if (!r.ok()) {
            Q_EMIT message(tr("No image for %1 yet: building it (the first "
                              "build takes a few minutes).")
                               .arg(m_project.sandboxId()));
            return build();
        }
        const QString hash = QString::fromUtf8(r.standardOutput).trimmed();
        if (hash != ImageBuilder::miseHash(m_project))
            Q_EMIT message(tr("mise.toml changed since the image was built: "
                              "run `ocs rebuild` to install its tools."));
        next(Error());
    };
    const std::shared_ptr<ImageCheck> check = std::exchange(m_imageCheck, nullptr);
    if (check && check->answered)
        return answered(check->result);
    if (check) {
        check->waiting = answered;
        return;
    }
    runProcess(m_engine.command(imageInspectArguments(m_project), std::chrono::seconds(30)), this,
               answered);
}

void SandboxController::runContainer(const QString &password, const QMap<QString, QString> &hostEnv,
                                     QList<quint16> avoid, Outcome partial, Callback done)
{
    SandboxRecord st = SandboxRecord::load(m_project.stateDir());
    const quint16 port = PortAllocator::choose(st.port, avoid);
    if (!port)
        return fail(Error(Error::Kind::PortTaken, tr("No free port between %1 and %2 on 127.0.0.1.")
                                                      .arg(PortAllocator::FirstPort)
                                                      .arg(PortAllocator::LastPort)),
                    done);
    QString hostsError;
    RunInputs in;
    in.port = port;
    // published-ports: the same number on the host when it is free there, else the one
    // used last time, else any free one; never one handed out already in this start.
    QList<quint16> handedOut{port};
    for (quint16 inside : m_project.config().publishedPorts) {
        quint16 host = PortAllocator::chooseAny(inside, avoid + handedOut);
        const quint16 last = st.publishedPorts.value(inside);
        if (host != inside && last && last != inside)
            host = PortAllocator::chooseAny(last, avoid + handedOut);
        if (!host)
            return fail(
                Error(Error::Kind::PortTaken,
                      tr("No free port on 127.0.0.1 for the sandbox's port %1.").arg(inside)),
                done);
        handedOut << host;
        in.publishedPorts.append({inside, host});
    }
    const QList<std::pair<quint16, quint16>> published = in.publishedPorts;
    in.password = password;
    in.hostEnvironment = hostEnv;
    in.extraHosts = RunPlanner::parseExtraHosts(
        environment::value(environment::Variable::ExtraHosts), &hostsError);
    in.configHash = configHash(m_project.config());
    if (!hostsError.isEmpty())
        return fail(hostsError, done);
    // The live network policy the proxy reads (policyfiles.h): the reviewed config's lists,
    // written before every run.
    QString policyError;
    if (!networkpolicy::apply(m_project, m_project.config(), &policyError))
        return fail(tr("Cannot write the network policy: %1").arg(policyError), done);
    // The user's OpenCode settings: a fresh filtered copy at each start, or none at all.
    const QString settingsCopy =
        m_project.stateDir() + QLatin1Char('/') + opencodesettings::SnapshotName;
    if (opencodesettings::enabled(m_project.config(), m_shareOpenCodeSettings)) {
        const opencodesettings::Snapshot snap =
            opencodesettings::make(opencodesettings::hostDir(), settingsCopy);
        QString notice;
        if (!snap.ok)
            notice = tr("Your OpenCode settings (%1) are not shared: %2")
                         .arg(opencodesettings::hostDir(), snap.error);
        else if (!snap.empty)
            in.openCodeSettingsDir = settingsCopy;
        if (snap.ok && !snap.leftOut.isEmpty())
            notice = tr("Your OpenCode settings are shared read-only, without: %1")
                         .arg(snap.leftOut.join(QStringLiteral(", ")));
        if (!notice.isEmpty() && !partial.notices.contains(notice)) // once across port retries
            partial.notices << notice;
    } else {
        QDir(settingsCopy).removeRecursively();
    }
    const RunPlan plan = RunPlanner::plan(m_engine, m_project, in);
    if (!plan.ok())
        return fail(plan.error, done);
    for (const QString &s : plan.skippedVariables)
        partial.notices << tr("Not passed into the sandbox: %1").arg(s);
    partial.notices << plan.warnings;
    const QStringList readOnlyPaths = plan.readOnlyPaths;
    const QMap<QString, QString> placeholders = plan.secretPlaceholders;

    Q_EMIT message(
        tr("Starting %1 on http://127.0.0.1:%2").arg(m_project.containerName()).arg(port));
    runProcess(
        plan.spec, this,
        [this, password, hostEnv, avoid, partial, port, published, readOnlyPaths, placeholders,
         done](const ProcessResult &r) mutable {
            if (!r.ok()) {
                const Error error = ContainerEngine::failure(r, tr("Starting the container"));
                if (error.kind == Error::Kind::PortTaken && avoid.size() < 5) {
                    runProcess(m_engine.command({QStringLiteral("rm"), QStringLiteral("--force"),
                                                 m_project.containerName()}),
                               this,
                               [this, password, hostEnv, avoid, port, published, partial,
                                done](const ProcessResult &) mutable {
                                   // Taken meanwhile: the published ports now in use
                                   // elsewhere, else the web UI's.
                                   bool publishedTaken = false;
                                   for (const auto &[inside, host] : published) {
                                       if (!PortAllocator::isFree(host)) {
                                           avoid << host;
                                           publishedTaken = true;
                                       }
                                   }
                                   if (!publishedTaken)
                                       avoid << port;
                                   runContainer(password, hostEnv, avoid, partial, done);
                               });
                    return;
                }
                return fail(error, done);
            }
            if (ContainerEngine::ignoredResourceLimits(r))
                partial.notices << tr(
                    "Warning: the engine ignored this sandbox's limits (pids-limit, memory-limit, "
                    "cpu-limit): rootless Podman on cgroup v1 cannot apply them, so the agent can "
                    "use every process and all memory your user may. Switch the host to cgroup v2 "
                    "(systemd.unified_cgroup_hierarchy=1) or use Docker.");
            SandboxRecord saved = SandboxRecord::load(m_project.stateDir());
            saved.port = port;
            saved.publishedPorts.clear();
            for (const auto &[inside, host] : published) {
                saved.publishedPorts.insert(inside, host);
                partial.notices
                    << (host == inside
                            ? tr("Port %1 of the sandbox: http://127.0.0.1:%2/")
                                  .arg(inside)
                                  .arg(host)
                            : tr("Port %1 of the sandbox: http://127.0.0.1:%2/ (%1 is in use on "
                                 "this computer)")
                                  .arg(inside)
                                  .arg(host));
            }
            saved.projectRoot = m_project.root();
            saved.lastStartedConfig = StartApproval::snapshot(m_project.config(), readOnlyPaths);
            QString error;
            if (!saved.save(m_project.stateDir(), &error))
                partial.notices << error;
            partial.port = port;
            partial.password = password;
            deliverSecrets(placeholders, partial, [this, port, password, done](Outcome o) {
                waitHealthy(port, password, o, done);
            });
        });
}

void SandboxController::resolveSecrets(const QMap<QString, QString> &hostEnv, Outcome partial,
                                       std::function<void(Outcome)> next)
{
    m_secretValues.clear();
    QStringList names;
    for (const InjectedSecret &s : m_project.config().injectedSecrets)
        names << s.name;
    if (names.isEmpty())
        return next(partial);
    QProcessEnvironment env;
    for (auto it = hostEnv.cbegin(); it != hostEnv.cend(); ++it)
        env.insert(it.key(), it.value());
    auto resolved = [this, names, partial, next](const SecretStore::Resolution &r) mutable {
        QStringList injected;
        for (const SecretStore::Resolved &v : r.values) {
            if (names.contains(v.name) && !v.value.isEmpty()) {
                m_secretValues.insert(v.name, v.value);
                injected << v.name;
            }
        }
        QStringList missing;
        for (const QString &n : names)
            if (!m_secretValues.contains(n))
                missing << n;
        if (!injected.isEmpty())
            partial.notices << tr("Injected secrets (the agent sees placeholders): %1")
                                   .arg(injected.join(QStringLiteral(", ")));
        if (!missing.isEmpty())
            partial.notices << tr("Injected secrets without a value (their placeholders go out "
                                  "unchanged; set one with `ocs secret set NAME`): %1")
                                   .arg(missing.join(QStringLiteral(", ")));
        for (const QString &e : r.errors)
            partial.notices << tr("Secret: %1").arg(e);
        next(partial);
    };
    if (m_secretResolver)
        return m_secretResolver(names, env, resolved);
    // The default: this project's store (its command sources' cache lives as long as it).
    if (!m_secretStore)
        m_secretStore = new SecretStore(m_project.sandboxId(), QString(), this);
    m_secretStore->resolve(names, env, resolved);
}

void SandboxController::deliverSecrets(const QMap<QString, QString> &placeholders, Outcome partial,
                                       std::function<void(Outcome)> next)
{
    if (placeholders.isEmpty()) {
        m_secretValues.clear();
        return next(partial);
    }
    const QList<secretdelivery::Rule> rules =
        secretdelivery::rules(m_project.config().injectedSecrets, placeholders, m_secretValues);
    m_secretValues.clear();
    // Also with no rule at all: the entrypoint waits for the loader before its proxy starts.
    QPointer<SandboxController> self(this);
    secretdelivery::deliver(m_engine, m_project.containerName(), rules, this,
                            [self, partial, next](const QString &error) mutable {
                                if (!self)
                                    return;
                                if (!error.isEmpty())
                                    partial.notices
                                        << tr("The injected secrets could not be handed to the "
                                              "sandbox's proxy (its requests carry the "
                                              "placeholders): %1")
                                               .arg(error);
                                next(partial);
                            });
}

void SandboxController::waitHealthy(quint16 port, const QString &password, Outcome partial,
                                    Callback done)
{
    // A health request goes out every HealthInterval while fewer than MaxHealthRequests are
    // unanswered: OpenCode binds its port a moment before it serves, and a request it takes
    // then is never answered (HealthProbe gives it up after its limit); the next one, on a
    // new connection, is answered as soon as OpenCode serves, without waiting that out.
    struct Wait
    {
        QElapsedTimer clock;
        QTimer *ticker = nullptr; // the controller's child; deleted (later) when the wait ends
        bool finished = false;
        int unanswered = 0;
        bool askingEngine = false;
        qint64 engineAsked = 0; // when the engine was last asked whether the container runs
        QString lastError;
    };
    auto wait = std::make_shared<Wait>();
    wait->clock.start();
    wait->ticker = new QTimer(this);
    wait->ticker->setInterval(HealthInterval);
    m_probe.resetTimeout();
    QPointer<SandboxController> self(this);

    // Ends the wait (once): no further request, results still on their way are ignored.
    auto finish = [wait](std::function<void()> then) {
        if (wait->finished)
            return;
        wait->finished = true;
        wait->ticker->stop();
        // Not now: this may run in its own timeout. Its slot holds `wait`: the cycle ends then.
        wait->ticker->deleteLater();
        then();
    };
    auto containerGone = [self, done, wait, finish](const QString &status) {
        finish([self, status, done] {
            const QStringList args =
                ContainerEngine::logsArguments(self->m_project.containerName(), 25);
            runProcess(
                self->m_engine.command(args), self, [self, status, done](const ProcessResult &r) {
                    QString logs = QString::fromUtf8(r.standardOutput + r.standardError).trimmed();
                    logs.replace(QLatin1Char('\n'), QStringLiteral("\n  "));
                    const QString message =
                        status.isEmpty()
                            ? tr("The sandbox stopped while starting (its container is "
                                 "gone). Its last output:\n  %1")
                                  .arg(logs)
                            : tr("The sandbox stopped while starting (container %1). "
                                 "Its last output:\n  %2")
                                  .arg(status, logs);
                    self->fail(
                        Error(status.isEmpty() ? Error::Kind::ContainerGone : Error::Kind::Failed,
                              message, logs),
                        done);
                });
        });
    };
    auto ask = [self, port, password, partial, done, wait, finish]() mutable {
        ++wait->unanswered;
        self->m_probe.check(port, password,
                            [self, partial, done, wait, finish](const HealthProbe::Result &h) {
                                --wait->unanswered;
                                if (!self)
                                    return;
                                if (!h.healthy) {
                                    wait->lastError = h.error;
                                    return;
                                }
                                finish([self, partial, done]() mutable {
                                    partial.ok = true;
                                    self->setState(State::Running);
                                    done(partial);
                                });
                            });
    };
    auto tick = [self, done, wait, finish, ask, containerGone]() mutable {
        if (!self)
            return;
        if (wait->clock.elapsed() > startTimeout().count()) {
            return finish([self, done, wait] {
                self->fail(Error(Error::Kind::Timeout,
                                 tr("OpenCode did not answer its health check within "
                                    "%1 s (last: %2). See `ocs logs`.")
                                     .arg(startTimeout().count() / 1000)
                                     .arg(wait->lastError)),
                           done);
            });
        }
        // Every few seconds: is the container still there?
        if (!wait->askingEngine &&
            wait->clock.elapsed() - wait->engineAsked >= AliveInterval.count()) {
            wait->askingEngine = true;
            wait->engineAsked = wait->clock.elapsed();
            self->containerStatus([wait, containerGone](const QString &status, quint16) mutable {
                wait->askingEngine = false;
                if (wait->finished)
                    return;
                if (status != QLatin1String("running") && status != QLatin1String("created"))
                    containerGone(status);
            });
        }
        if (wait->unanswered < MaxHealthRequests)
            ask();
    };
    connect(wait->ticker, &QTimer::timeout, this, tick);
    wait->ticker->start();
    tick();
}

void SandboxController::stop(Callback done)
{
    setState(State::Stopping);
    const QString name = m_project.containerName();
    runProcess(
        m_engine.command(
            {QStringLiteral("stop"), QStringLiteral("--time"), QStringLiteral("10"), name},
            std::chrono::seconds(60)),
        this, [this, name, done](const ProcessResult &stopped) {
            const bool absent = ContainerEngine::classify(stopped) == Error::Kind::ContainerGone;
            runProcess(m_engine.command({QStringLiteral("rm"), QStringLiteral("--force"), name}),
                       this, [this, stopped, absent, name, done](const ProcessResult &removed) {
                           Outcome o;
                           if (absent) {
                               o.ok = true;
                               o.notices << tr("%1 was not running.").arg(name);
                           } else if (stopped.ok() || removed.ok()) {
                               o.ok = true;
                           } else {
                               return fail(
                                   ContainerEngine::failure(stopped, tr("Stopping %1").arg(name)),
                                   done);
                           }
                           setState(State::Stopped);
                           done(o);
                       });
        });
}

} // namespace ocs
