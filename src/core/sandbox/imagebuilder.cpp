#include "imagebuilder.h"

#include "app/environment.h"
#include "logging.h"
#include "project/approvedfile.h"
#include "project/workspacefile.h"
#include "sandbox/runplan.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <unistd.h>

namespace ocs {

ImageBuilder::ImageBuilder(ContainerEngine engine, Project project, QObject *parent)
    : QObject(parent)
    , m_engine(std::move(engine))
    , m_project(std::move(project))
{}

QStringList ImageBuilder::extraCaFiles(const Project &project)
{
    QStringList files;
    auto resolve = [&](QString p) {
        if (p.startsWith(QStringLiteral("~/")))
            p = QDir::homePath() + p.mid(1);
        if (QFileInfo(p).isRelative())
            p = project.root() + QLatin1Char('/') + p;
        return QDir::cleanPath(p);
    };
    for (const QString &p : project.config().extraCaCertificates)
        files << resolve(p);
    for (const QString &p : environment::value(environment::Variable::ExtraCaCerts)
                                .split(QLatin1Char(':'), Qt::SkipEmptyParts))
        files << resolve(p);
    files.removeDuplicates();
    return files;
}

QString ImageBuilder::miseHash(const Project &project)
{
    // Never a link, a FIFO or a huge file (see WorkspaceFile): such a mise.toml hashes as
    // empty here, and the build refuses it.
    const QByteArray data = WorkspaceFile::read(project.root(), QStringLiteral("mise.toml")).data;
    return QString::fromLatin1(
        QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex().left(16));
}

bool ImageBuilder::prepareContext(const Project &project, const QString &dir, QString *error)
{
    auto fail = [error](const QString &m) {
        if (error)
            *error = m;
        return false;
    };
    const QString sources = paths::imageSourceDir();
    if (sources.isEmpty())
        return fail(tr("The sandbox image sources (Dockerfile, entrypoint) were not "
                       "found; set OCS_DATA_DIR to the folder that holds docker/, "
                       "or reinstall."));
    QDir(dir).removeRecursively();
    if (!QDir().mkpath(dir + QStringLiteral("/extra-ca")))
        return fail(tr("cannot create %1").arg(dir));
    const QDir src(sources);
    for (const QFileInfo &fi : src.entryInfoList(QDir::Files)) {
        if (fi.fileName() == QLatin1String("README.md"))
            continue;
        const QString target = dir + QLatin1Char('/') + fi.fileName();
        if (!QFile::copy(fi.absoluteFilePath(), target))
            return fail(tr("cannot copy %1 into the build context").arg(fi.absoluteFilePath()));
        QFile::setPermissions(target, fi.permissions() | QFile::WriteOwner);
    }
    // mise.toml is run by the build (`mise install`): one read, the approved bytes only.
    const ApprovedFile miseFile(project, ApprovedFile::Kind::MiseToml);
    const ApprovedFile::Snapshot mise = miseFile.read();
    if (mise.status == ApprovedFile::Status::Refused)
        return fail(tr("The image was not built: %1").arg(mise.error));
    if (mise.status == ApprovedFile::Status::NotApproved)
        return fail(miseFile.approvalHint());
    QFile miseOut(dir + QStringLiteral("/mise.toml"));
    if (!miseOut.open(QIODevice::WriteOnly) || miseOut.write(mise.content) != mise.content.size())
        return fail(tr("cannot write %1").arg(miseOut.fileName()));
    miseOut.close();
    int n = 0;
    for (const QString &ca : extraCaFiles(project)) {
        // In the project: no links, nothing outside it; elsewhere (the user's own files):
        // links followed; either way only a regular file of sensible size.
        const WorkspaceFile::Result in = WorkspaceFile::readMaybeInWorkspace(
            project.root(), ca, WorkspaceFile::CertificateMaxSize);
        if (!in.ok())
            return fail(tr("extra CA certificate %1: %2 (listed in "
                           "extra-ca-certificates or OCS_EXTRA_CA_CERTS)")
                            .arg(ca, in.reason));
        const QByteArray &pem = in.data;
        if (!pem.contains("-----BEGIN CERTIFICATE-----"))
            return fail(tr("extra CA certificate %1 is not a PEM certificate "
                           "(expected -----BEGIN CERTIFICATE-----)")
                            .arg(ca));
        if (pem.contains("PRIVATE KEY"))
            return fail(tr("%1 holds a private key; only the CA certificate belongs "
                           "in extra-ca-certificates")
                            .arg(ca));
        QFile out(dir + QStringLiteral("/extra-ca/extra-%1.crt").arg(++n, 2, 10, QLatin1Char('0')));
        if (!out.open(QIODevice::WriteOnly) || out.write(pem) != pem.size())
            return fail(tr("cannot write %1").arg(out.fileName()));
    }
    return true;
}

QStringList ImageBuilder::buildArguments(const Project &project, const QString &contextDir,
                                         const QString &baseImage, const QString &npmRegistry,
                                         bool noCache, ContainerEngine::Kind engine)
{
    QStringList a{QStringLiteral("build"), QStringLiteral("--tag"), project.imageName()};
    // Podman builds OCI images by default, which have no SHELL: the Dockerfile's RUN lines
    // would run in /bin/sh instead of bash.
    if (engine == ContainerEngine::Kind::Podman)
        a << QStringLiteral("--format") << QStringLiteral("docker");
    a << QStringLiteral("--file") << contextDir + QStringLiteral("/Dockerfile");
    if (!baseImage.isEmpty())
        a << QStringLiteral("--build-arg") << QStringLiteral("BASE_IMAGE=") + baseImage;
    a << QStringLiteral("--build-arg") << QStringLiteral("HOST_UID=%1").arg(::getuid());
    a << QStringLiteral("--build-arg") << QStringLiteral("HOST_GID=%1").arg(::getgid());
    if (!npmRegistry.isEmpty())
        a << QStringLiteral("--build-arg") << QStringLiteral("NPM_REGISTRY=") + npmRegistry;
    // A corporate proxy on the host: by name, so credentials in it stay out of argv.
    for (const char *name :
         {"http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"}) {
        if (!qEnvironmentVariableIsEmpty(name))
            a << QStringLiteral("--build-arg") << QString::fromLatin1(name);
    }
    a << QStringLiteral("--label")
      << ContainerEngine::LabelId + QLatin1Char('=') + project.sandboxId();
    a << QStringLiteral("--label")
      << ContainerEngine::LabelProject + QLatin1Char('=') + project.root();
    a << QStringLiteral("--label")
      << ContainerEngine::LabelVersion + QStringLiteral("=" OCS_VERSION);
    a << QStringLiteral("--label")
      << ContainerEngine::LabelMiseHash + QLatin1Char('=') + miseHash(project);
    if (noCache)
        a << QStringLiteral("--no-cache");
    a << contextDir;
    return a;
}

std::optional<std::pair<int, int>> ImageBuilder::parseProgress(const QString &line)
{
    static const QRegularExpression classic(QStringLiteral("^(?:Step|STEP) (\\d+)/(\\d+)"));
    static const QRegularExpression buildkit(
        QStringLiteral("^#\\d+ \\[(?:[^\\]\\s]+ )?(\\d+)/(\\d+)\\]"));
    for (const QRegularExpression *re : {&classic, &buildkit}) {
        const auto m = re->match(line);
        if (m.hasMatch())
            return std::make_pair(m.captured(1).toInt(), m.captured(2).toInt());
    }
    return std::nullopt;
}

void ImageBuilder::build(const Options &options, std::function<void(const Result &)> done)
{
    QString registry = options.npmRegistry;
    if (registry.isEmpty())
        registry = environment::value(environment::Variable::NpmRegistry);
    const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
    if (!registry.isEmpty() || npm.isEmpty()) {
        runBuild(options, registry, std::move(done));
        return;
    }
    // Use the registry the user's npm is set up with (mirrors, corporate registries).
    ProcessSpec spec;
    spec.program = npm;
    spec.arguments = {QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("registry")};
    spec.timeout = std::chrono::seconds(15);
    QPointer<ImageBuilder> self(this);
    runProcess(spec, this, [self, options, done](const ProcessResult &r) {
        if (!self)
            return;
        QString reg = r.ok() ? QString::fromUtf8(r.standardOutput).trimmed() : QString();
        if (!reg.startsWith(QLatin1String("http")))
            reg.clear();
        self->runBuild(options, reg, done);
    });
}

void ImageBuilder::runBuild(const Options &options, const QString &registry,
                            std::function<void(const Result &)> done)
{
    Result result;
    result.logPath = m_project.stateDir() + QStringLiteral("/docker-build.log");
    QString error;
    if (!m_project.ensureStateDirs(&error)) {
        result.error = Error(Error::Kind::Failed, error);
        done(result);
        return;
    }
    const QString context = m_project.stateDir() + QStringLiteral("/build");
    if (!prepareContext(m_project, context, &error)) {
        result.error = Error(Error::Kind::Failed, error);
        done(result);
        return;
    }
    // The second step runs only for what the image really got (the approved bytes).
    QFile contextMise(context + QStringLiteral("/mise.toml"));
    m_miseHasTools = contextMise.open(QIODevice::ReadOnly) &&
                     !ApprovedFile::declaresNothing(contextMise.readAll());
    QString base = options.baseImage;
    if (base.isEmpty())
        base = environment::value(environment::Variable::BaseImage);

    m_log.setFileName(result.logPath);
    if (!m_log.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        result.error = Error(Error::Kind::Failed,
                             tr("cannot write %1: %2").arg(result.logPath, m_log.errorString()));
        done(result);
        return;
    }
    m_log.setPermissions(QFile::ReadOwner | QFile::WriteOwner);

    ProcessSpec spec = m_engine.command(
        buildArguments(m_project, context, base, registry, options.noCache, m_engine.kind()),
        std::chrono::minutes(45));
    m_log.write("$ " + spec.displayCommand().toUtf8() + "\n");
    qCInfo(lcImage) << "building" << m_project.imageName();

    auto step = std::make_shared<std::pair<int, int>>(0, 0);
    auto tail = std::make_shared<QStringList>();
    m_job = ProcessLauncher::instance().start(spec, this);
    connect(m_job, &ProcessJob::outputLine, this, [this, step, tail](const QString &line) {
        m_log.write(line.toUtf8() + '\n');
        m_log.flush();
        if (auto p = parseProgress(line))
            *step = *p;
        if (!line.trimmed().isEmpty()) {
            *tail << line;
            if (tail->size() > 12)
                tail->removeFirst();
        }
        Q_EMIT progress(step->first, step->second, line);
    });
    connect(m_job, &ProcessJob::finished, this,
            [this, result, tail, done](const ProcessResult &r) mutable {
                m_job->deleteLater();
                m_log.close();
                if (!r.ok() && m_cancelled) {
                    result.error =
                        Error(Error::Kind::Cancelled, tr("The image build was cancelled."),
                              QString(), result.logPath);
                } else if (!r.ok()) {
                    // The log's path is a field, not a part of the message: the CLI prints it,
                    // the tray offers to open the log.
                    result.error =
                        Error(Error::Kind::ImageBuildFailed,
                              r.describeFailure(tr("The image build")) + QLatin1Char('\n') +
                                  tr("Last lines:") + QStringLiteral("\n  ") +
                                  tail->join(QStringLiteral("\n  ")),
                              QString(), result.logPath);
                }
                result.ok = r.ok();
                if (result.ok && m_miseHasTools && !m_cancelled) {
                    installMiseTools(result, done);
                    return;
                }
                done(result);
            });
}

QString ImageBuilder::miseContainerName(const Project &project)
{
    return QStringLiteral("ocs-mise-") + project.sandboxId();
}

QStringList ImageBuilder::miseRunArguments(const Project &project, const ContainerEngine &engine,
                                           const QString &paramDir, const QStringList &extraHosts)
{
    // The sandbox's own confinement: the entrypoint raises the same firewall and proxy (it
    // needs the same four capabilities) and runs `mise install` as dev. No variables: the
    // whitelist comes from a read-only mount, and `commit` keeps nothing of it.
    QStringList a{QStringLiteral("run"), QStringLiteral("--name"), miseContainerName(project),
                  QStringLiteral("--cap-drop"), QStringLiteral("ALL")};
    for (const char *cap : {"NET_ADMIN", "SETUID", "SETGID", "SETPCAP"})
        a << QStringLiteral("--cap-add") << QString::fromLatin1(cap);
    a << QStringLiteral("--security-opt") << QStringLiteral("no-new-privileges");
    a << engine.userNamespaceArguments();
    for (const QString &h : extraHosts)
        a << QStringLiteral("--add-host") << h;
    a << QStringLiteral("--volume") << paramDir + QStringLiteral(":/run/ocs-mise:ro");
    a << project.imageName();
    return a;
}

void ImageBuilder::installMiseTools(Result result, std::function<void(const Result &)> done)
{
    const QString paramDir = m_project.stateDir() + QStringLiteral("/mise-run");
    QDir().mkpath(paramDir);
    QFile::setPermissions(paramDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                        QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                        QFile::ExeOther);
    QFile wl(paramDir + QStringLiteral("/whitelist"));
    const QByteArray list = m_project.config().httpDomainWhitelist.join(QLatin1Char(',')).toUtf8();
    if (!wl.open(QIODevice::WriteOnly | QIODevice::Truncate) || wl.write(list + '\n') < 0) {
        result.ok = false;
        result.error = Error(Error::Kind::Failed, tr("cannot write %1").arg(wl.fileName()));
        done(result);
        return;
    }
    wl.close();
    QString hostsError;
    const QStringList hosts = RunPlanner::parseExtraHosts(
        environment::value(environment::Variable::ExtraHosts), &hostsError);
    if (!hostsError.isEmpty()) {
        result.ok = false;
        result.error = Error(Error::Kind::Failed, hostsError);
        done(result);
        return;
    }
    if (!m_log.open(QIODevice::WriteOnly | QIODevice::Append)) {
        result.ok = false;
        result.error = Error(Error::Kind::Failed, tr("cannot write %1").arg(result.logPath));
        done(result);
        return;
    }
    const QString name = miseContainerName(m_project);
    const ContainerEngine engine = m_engine;
    const QString image = m_project.imageName();
    // A container of that name left by a killed build goes first.
    runProcess(
        m_engine.command({QStringLiteral("rm"), QStringLiteral("--force"), name},
                         std::chrono::seconds(60)),
        this, [this, result, done, paramDir, hosts, name, engine, image](const ProcessResult &) {
            ProcessSpec spec = m_engine.command(
                miseRunArguments(m_project, m_engine, paramDir, hosts), std::chrono::minutes(30));
            m_log.write("$ " + spec.displayCommand().toUtf8() + "\n");
            qCInfo(lcImage) << "installing mise.toml's tools behind the whitelist" << image;
            Q_EMIT progress(0, 0, tr("Installing the tools of mise.toml (whitelist only)"));
            auto said = std::make_shared<QStringList>();
            m_job = ProcessLauncher::instance().start(spec, this);
            connect(m_job, &ProcessJob::outputLine, this, [this, said](const QString &line) {
                m_log.write(line.toUtf8() + '\n');
                m_log.flush();
                if (line.startsWith(QLatin1String("ocs-mise:")) ||
                    line.contains(QLatin1String("mise ERROR")))
                    *said << line;
                Q_EMIT progress(0, 0, line);
            });
            connect(
                m_job, &ProcessJob::finished, this,
                [this, result, done, said, name, engine, image](const ProcessResult &r) mutable {
                    m_job->deleteLater();
                    const auto removeContainer = [engine, name, this](auto then) {
                        runProcess(
                            engine.command({QStringLiteral("rm"), QStringLiteral("--force"), name},
                                           std::chrono::seconds(60)),
                            this, [then](const ProcessResult &) { then(); });
                    };
                    if (!r.ok()) {
                        m_log.close();
                        result.ok = false;
                        // The install's own words: what the whitelist blocked, mise's errors.
                        result.error =
                            m_cancelled ? Error(Error::Kind::Cancelled,
                                                tr("The image build was cancelled."), QString(),
                                                result.logPath)
                                        : Error(Error::Kind::ImageBuildFailed,
                                                r.describeFailure(tr("mise install (mise.toml)")) +
                                                    QStringLiteral("\n  ") +
                                                    said->join(QStringLiteral("\n  ")),
                                                QString(), result.logPath);
                        // No image without its tools: the next start builds again.
                        removeContainer([this, engine, image, result, done] {
                            runProcess(engine.command({QStringLiteral("rmi"), image},
                                                      std::chrono::seconds(60)),
                                       this,
                                       [result, done](const ProcessResult &) { done(result); });
                        });
                        return;
                    }
                    QStringList commit{QStringLiteral("commit")};
                    if (engine.kind() == ContainerEngine::Kind::Podman)
                        commit << QStringLiteral("--format") << QStringLiteral("docker");
                    commit << name << image;
                    const ProcessSpec commitSpec = engine.command(commit, std::chrono::minutes(10));
                    m_log.write("$ " + commitSpec.displayCommand().toUtf8() + "\n");
                    runProcess(
                        commitSpec, this,
                        [this, result, done, removeContainer](const ProcessResult &c) mutable {
                            m_log.write(c.standardOutput + c.standardError);
                            m_log.close();
                            if (!c.ok()) {
                                result.ok = false;
                                result.error = Error(
                                    Error::Kind::ImageBuildFailed,
                                    c.describeFailure(tr("Saving the image with mise's tools")),
                                    QString(), result.logPath);
                            }
                            removeContainer([result, done] { done(result); });
                        });
                });
        });
}

void ImageBuilder::cancel()
{
    m_cancelled = true;
    if (m_job)
        m_job->cancel();
}

} // namespace ocs
