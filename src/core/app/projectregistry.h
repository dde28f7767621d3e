#pragma once

#include <QObject>
#include <QSettings>
#include <QStringList>

namespace ocs {

// App settings that belong to one project but not in its config file (the agent can write
// the workspace; these stay outside it).
struct ProjectAppSettings
{
    bool startWithApp = false;        // start the sandbox when the app starts
    bool openWebUiAfterStart = false; // open the web UI once a start from the app succeeds
    bool operator==(const ProjectAppSettings &) const = default;
};

// The user's list of projects (canonical root folders, in the order added) and their app
// settings. Stored with QSettings in the same file as AppSettings.
class ProjectRegistry : public QObject
{
    Q_OBJECT
public:
    explicit ProjectRegistry(const QString &settingsFile, QObject *parent = nullptr);

    QStringList roots() const { return m_roots; }
    bool contains(const QString &root) const;

    // Registers the folder `path` (made canonical; it must exist). Returns the canonical
    // root, or "" with `error` set. Adding a registered folder again returns its root.
    QString add(const QString &path, QString *error = nullptr);
    bool remove(const QString &root);

    ProjectAppSettings appSettings(const QString &root) const;
    void setAppSettings(const QString &root, const ProjectAppSettings &settings);

    // Canonical form of `path` ("" when it does not exist or is not a folder).
    static QString canonicalFolder(const QString &path);

Q_SIGNALS:
    void projectAdded(const QString &root);
    void projectRemoved(const QString &root);

private:
    void load();
    void save();

    QSettings m_settings;
    QStringList m_roots;
    QHash<QString, ProjectAppSettings> m_app;
};

} // namespace ocs
