#include "projectregistry.h"

#include "logging.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace ocs {

namespace {
struct RegistryText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::ProjectRegistry)
};
} // namespace

namespace {
const QString ArrayName = QStringLiteral("projects");
const QString KeyRoot = QStringLiteral("root");
const QString KeyStartWithApp = QStringLiteral("start-with-app");
const QString KeyOpenWebUi = QStringLiteral("open-web-ui-after-start");
} // namespace

ProjectRegistry::ProjectRegistry(const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_settings(settingsFile, QSettings::IniFormat)
{
    load();
}

QString ProjectRegistry::canonicalFolder(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.isDir())
        return QString();
    return fi.canonicalFilePath();
}

void ProjectRegistry::load()
{
    m_roots.clear();
    m_app.clear();
    const int n = m_settings.beginReadArray(ArrayName);
    for (int i = 0; i < n; ++i) {
        m_settings.setArrayIndex(i);
        const QString root = m_settings.value(KeyRoot).toString();
        if (root.isEmpty() || m_roots.contains(root))
            continue;
        m_roots << root;
        ProjectAppSettings s;
        s.startWithApp = m_settings.value(KeyStartWithApp, false).toBool();
        s.openWebUiAfterStart = m_settings.value(KeyOpenWebUi, false).toBool();
        m_app.insert(root, s);
    }
    m_settings.endArray();
    qCDebug(lcRegistry) << "projects:" << m_roots;
}

void ProjectRegistry::save()
{
    m_settings.remove(ArrayName);
    m_settings.beginWriteArray(ArrayName, int(m_roots.size()));
    for (int i = 0; i < m_roots.size(); ++i) {
        m_settings.setArrayIndex(i);
        const ProjectAppSettings s = m_app.value(m_roots.at(i));
        m_settings.setValue(KeyRoot, m_roots.at(i));
        m_settings.setValue(KeyStartWithApp, s.startWithApp);
        m_settings.setValue(KeyOpenWebUi, s.openWebUiAfterStart);
    }
    m_settings.endArray();
    m_settings.sync();
    if (m_settings.status() != QSettings::NoError)
        qCWarning(lcRegistry) << "cannot write" << m_settings.fileName();
}

bool ProjectRegistry::contains(const QString &root) const
{
    return m_roots.contains(root) || m_roots.contains(canonicalFolder(root));
}

QString ProjectRegistry::add(const QString &path, QString *error)
{
    const QString root = canonicalFolder(path);
    if (root.isEmpty()) {
        if (error)
            *error = RegistryText::tr("%1 is not a folder.").arg(path);
        return QString();
    }
    if (m_roots.contains(root))
        return root;
    m_roots << root;
    m_app.insert(root, ProjectAppSettings());
    save();
    qCInfo(lcRegistry) << "added" << root;
    Q_EMIT projectAdded(root);
    return root;
}

bool ProjectRegistry::remove(const QString &root)
{
    QString key = root;
    if (!m_roots.contains(key))
        key = canonicalFolder(root);
    if (key.isEmpty() || !m_roots.removeOne(key))
        return false;
    m_app.remove(key);
    save();
    qCInfo(lcRegistry) << "removed" << key;
    Q_EMIT projectRemoved(key);
    return true;
}

ProjectAppSettings ProjectRegistry::appSettings(const QString &root) const
{
    return m_app.value(root);
}

void ProjectRegistry::setAppSettings(const QString &root, const ProjectAppSettings &settings)
{
    if (!m_roots.contains(root) || m_app.value(root) == settings)
        return;
    m_app.insert(root, settings);
    save();
}

} // namespace ocs
