#pragma once

#include "engine/containerengine.h"
#include "project/project.h"

#include <QFile>
#include <QObject>
#include <QPointer>

#include <functional>

namespace ocs {

// Builds a sandbox's image: lays out the build context in <state>/build (image sources,
// mise.toml, extra CA certificates — never a secret), runs `<engine> build`, reports
// progress (step x of y and the last line) and writes the whole log to
// <state>/docker-build.log.
class ImageBuilder : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString baseImage;   // empty: OCS_BASE_IMAGE, else the Dockerfile's default
        QString npmRegistry; // empty: OCS_NPM_REGISTRY, else `npm config get registry`
        bool noCache = false;
    };
    struct Result
    {
        bool ok = false;
        // Failed builds: Kind::ImageBuildFailed with error.logPath (Cancelled when cancelled);
        // problems before the build (context, files): Kind::Failed.
        Error error;
        QString logPath; // the build log (also on success)
    };

    ImageBuilder(ContainerEngine engine, Project project, QObject *parent = nullptr);

    void build(const Options &options, std::function<void(const Result &)> done);
    void cancel();

    // Extra CA certificate files: the config's extra-ca-certificates (relative to the
    // project root, ~ expanded) and OCS_EXTRA_CA_CERTS (':'-separated).
    static QStringList extraCaFiles(const Project &project);
    // Copies sources, mise.toml and CA files into `dir` (emptied first).
    static bool prepareContext(const Project &project, const QString &dir, QString *error);
    // The `build` argument list (no secrets: nothing secret exists at build time).
    static QStringList buildArguments(const Project &project, const QString &contextDir,
                                      const QString &baseImage, const QString &npmRegistry,
                                      bool noCache,
                                      ContainerEngine::Kind engine = ContainerEngine::Kind::Docker);
    // Parses "Step 3/12", "STEP 3/12" (Podman) and BuildKit's "#7 [3/12]" into (3, 12).
    static std::optional<std::pair<int, int>> parseProgress(const QString &line);
    // Hash of mise.toml, recorded on the image so a stale image can be noticed.
    static QString miseHash(const Project &project);
    // The second build step when mise.toml declares tools: a container of the new image
    // runs `mise install` behind the sandbox's firewall (whitelist only), then is committed.
    static QString miseContainerName(const Project &project);
    static QStringList miseRunArguments(const Project &project, const ContainerEngine &engine,
                                        const QString &paramDir, const QStringList &extraHosts);

Q_SIGNALS:
    void progress(int step, int total, const QString &lastLine);

private:
    void runBuild(const Options &options, const QString &registry,
                  std::function<void(const Result &)> done);
    void installMiseTools(Result result, std::function<void(const Result &)> done);

    ContainerEngine m_engine;
    Project m_project;
    QPointer<ProcessJob> m_job;
    QFile m_log;
    bool m_cancelled = false;
    bool m_miseHasTools = false;
};

} // namespace ocs
