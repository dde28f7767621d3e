#pragma once

// A private environment for tests of the app's objects (ManagedSandbox, SandboxFleet, the
// tray): state, settings and runtime folders in a temporary directory, the keychain off, and
// the fake engine (fakeengine.h) as the process launcher. Projects are made from YAML text.

#include <QList>
#include <QTemporaryDir>

#include <optional>
#include <utility>

namespace ocs::test {

class AppTestEnvironment
{
public:
    AppTestEnvironment();
    virtual ~AppTestEnvironment();
    AppTestEnvironment(const AppTestEnvironment &) = delete;
    AppTestEnvironment &operator=(const AppTestEnvironment &) = delete;

    QString path(const QString &relative) const { return m_dir.filePath(relative); }
    QString settingsFile() const { return path(QStringLiteral("config/opencode-sandbox.conf")); }

    // A folder with opencode-sandbox-config.yaml holding `yaml` (default: a minimal one named
    // after the folder). Returns the canonical root. Unless `startedBefore` is false, its
    // state records a start of this very config, so that a start asks nothing (the first
    // start review and the change review have tests of their own).
    QString makeProject(const QString &name, const QByteArray &yaml = {},
                        bool startedBefore = true);

private:
    void set(const char *name, const QString &value);

    QTemporaryDir m_dir;
    QList<std::pair<QByteArray, std::optional<QByteArray>>> m_saved;
};

} // namespace ocs::test
