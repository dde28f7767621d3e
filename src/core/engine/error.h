#pragma once

#include <QMetaType>
#include <QString>

namespace ocs {

// What went wrong, as a kind the CLI and the tray can act on (exit code, hint, "Show build
// log") plus the words for the user. The kind is decided where the problem is seen: the
// engine's stderr is read in one place only (ContainerEngine::classify); nothing downstream
// parses `message` to recover the kind, the engine's words or the log path.
struct Error
{
    enum class Kind {
        None,             // no error
        Failed,           // anything not listed below (the message says what)
        EngineMissing,    // no container engine installed, or it cannot be executed
        EngineNotRunning, // the engine is installed but its daemon or VM does not answer
        PermissionDenied, // the engine refuses us (its socket; e.g. not in the `docker` group)
        PortTaken,        // a port on 127.0.0.1 the sandbox needs is in use
        ContainerGone,    // the sandbox's container does not exist (any more)
        ImageBuildFailed, // `<engine> build` failed: logPath holds its whole log
        Timeout,          // a step did not finish in time
        Cancelled,        // cancelled (the user stopped it)
        ConfigInvalid,    // opencode-sandbox-config.yaml has errors
        NotApproved,      // waits for the user: a first start, changed settings, hook, mise.toml
    };

    Kind kind = Kind::None;
    QString message; // for the user, translated; may hold several lines
    QString detail;  // the engine's own words (its stderr), when there are any
    QString logPath; // the full log of what failed (the image build's), when there is one

    Error() = default;
    Error(Kind k, QString msg, QString det = QString(), QString log = QString())
        : kind(k)
        , message(std::move(msg))
        , detail(std::move(det))
        , logPath(std::move(log))
    {}

    bool isError() const { return kind != Kind::None; }
    // The engine itself is not usable (missing, not running, refusing us).
    bool isEngineProblem() const
    {
        return kind == Kind::EngineMissing || kind == Kind::EngineNotRunning ||
               kind == Kind::PermissionDenied;
    }
    // A stable name for logs and tests: "engine-missing", "image-build-failed", …
    static QString kindName(Kind kind);
};

} // namespace ocs

Q_DECLARE_METATYPE(ocs::Error)
Q_DECLARE_METATYPE(ocs::Error::Kind)
