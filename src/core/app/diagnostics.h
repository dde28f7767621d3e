#pragma once

#include "engine/containerengine.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace ocs {

class SandboxFleet;

// "Save diagnostics…": one text file for a bug report. It holds the app log's tail, the
// app/Qt/OS versions, the engine (kind, `version` and a summary of `info`) and the list of
// sandboxes with their states. Never secrets: no environment values, passwords, cookies or
// tokens. The engine's `info` is reduced to an allowlist of fields (its full output may
// name proxies with credentials), and URL credentials (scheme://user:password@) are cut
// from the whole text as a last line of defence.
class Diagnostics : public QObject
{
    Q_OBJECT
public:
    struct Sandbox
    {
        QString name;
        QString root;
        QString sandboxId;
        QString state;          // the app's state (Stopped, Running, ...)
        QString containerState; // the engine's ("running", "" = no container)
        quint16 port = 0;
        QString lastError; // a message, never a value
    };
    struct Input
    {
        QString appName;
        QString appVersion;
        std::optional<ContainerEngine> engine;
        QString engineStatus; // the fleet's view: "Ready", or the problem
        QList<Sandbox> sandboxes;
        QString logTail; // empty: the installed AppLog's (if any)
    };

    explicit Diagnostics(QObject *parent = nullptr);

    static Input fromFleet(const SandboxFleet &fleet);

    // Asks the engine (if any) for `version` and `info`, then calls done with the report.
    void collect(const Input &input, std::function<void(const QString &report)> done);

    // Writes the report to path, owner-only (0600; an existing file is replaced).
    static bool write(const QString &path, const QString &report, QString *error);

    // The allowlisted summary of `ENGINE info --format '{{json .}}'` (Docker or Podman).
    static QString summarizeInfo(const QByteArray &json);
    // The client and server versions of `ENGINE version --format '{{json .}}'`.
    static QString summarizeVersion(const QByteArray &json);
    // Cuts scheme://user:password@ credentials out of text.
    static QString redactUrlCredentials(QString text);
    // The report from everything gathered.
    static QString compose(const Input &input, const QString &engineVersion,
                           const QString &engineInfo);

    static constexpr qint64 LogTailBytes = 64 * 1024;
};

} // namespace ocs
