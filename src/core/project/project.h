#pragma once

#include "config/projectconfig.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace ocs {

// The reference's POSIX `cksum` CRC of `data` (CRC-32/CKSUM: polynomial 0x04C11DB7, the
// length appended, complemented).
quint32 posixCksum(const QByteArray &data);

// `<sandbox-name>-<h>`: h = first 6 characters of the lowercase hex (no zero padding) of
// posixCksum(canonical root path). Exactly what the reference scripts compute.
QString computeSandboxId(const QString &sandboxName, const QString &canonicalRoot);

// Where things live on the host.
namespace paths {
// ~/.opencode-sandbox (OCS_STATE_ROOT overrides it, for tests).
QString stateRoot();
// The folder holding Dockerfile, entrypoint and the rest of the image sources.
QString imageSourceDir();
// Makes `dir` (its parent must exist) a folder of this user that only they can enter: made
// 0700, or an existing one tightened to 0700. Returns false (and changes nothing of it) when
// it is a link, not a folder, or someone else's.
bool ensurePrivateDirectory(const QString &dir);
} // namespace paths

// One project: its root, its config and every name derived from them.
class Project
{
    Q_DECLARE_TR_FUNCTIONS(ocs::Project)

public:
    static inline const QString HookFileName =
        QStringLiteral("opencode-sandbox-pre-start-container.sh");

    // Walks up from `startDir` to the nearest folder holding the config file.
    static std::optional<QString> findRoot(const QString &startDir);

    // Loads the config of the project at `root`. On failure `error` holds every problem,
    // one `file:line:column: message` per line.
    static std::optional<Project> open(const QString &root, QString *error,
                                       QStringList *warnings = nullptr);

    // A project with a config in hand (tests, init).
    Project(const QString &canonicalRoot, ProjectConfig config);

    const QString &root() const { return m_root; }
    const ProjectConfig &config() const { return m_config; }
    QString configPath() const;
    QString hookPath() const;
    QString sandboxId() const { return m_sandboxId; }
    QString containerName() const { return QStringLiteral("opencode-sandbox-") + m_sandboxId; }
    QString imageName() const { return QStringLiteral("opencode-sandbox-") + m_sandboxId; }
    // ~/.opencode-sandbox/<SANDBOX_ID>
    QString stateDir() const;
    // ~/.opencode-sandbox/<SANDBOX_ID>/opencode-state, mounted as the agent's state.
    QString agentStateDir() const;
    // Where the workspace appears inside the container: "/<dirname>".
    QString workspaceMountPoint() const;

    // Creates the state folders with mode 0700 (and tightens an existing one).
    bool ensureStateDirs(QString *error) const;

private:
    QString m_root;
    ProjectConfig m_config;
    QString m_sandboxId;
};

} // namespace ocs
