#pragma once

#include "containerengine.h"
#include "sandboxusage.h"

#include <QObject>

#include <functional>

namespace ocs {

struct SandboxInfo
{
    QString sandboxId;
    QString projectRoot; // "" when unknown (a state folder left by the reference scripts)
    QString state;       // the engine's container state ("running", "exited", …) or "stopped"
    quint16 port = 0;
    QString containerName;
    QString configHash;
    QList<PublishedPort> published; // the engine's mapping (published-ports)
    SandboxUsage usage;             // its limits; the memory use when asked for
};

// Every sandbox on this machine: containers carrying our labels, plus state folders in
// ~/.opencode-sandbox without a container (stopped).
class SandboxLister : public QObject
{
    Q_OBJECT
public:
    SandboxLister(ContainerEngine engine, QObject *parent = nullptr);
    void list(std::function<void(const QList<SandboxInfo> &, const QString &error)> done);

    // Parses `<engine> inspect` JSON of our containers.
    static QList<SandboxInfo> parseInspect(const QByteArray &json);
    // Adds stopped entries for state folders with no container.
    static QList<SandboxInfo> mergeStateFolders(QList<SandboxInfo> containers,
                                                const QString &stateRoot);

private:
    ContainerEngine m_engine;
};

} // namespace ocs
