#pragma once

#include <QList>
#include <QString>

namespace ocs {

// Every OCS_* variable of the host environment that the app reads, read here and nowhere
// else (tests/unit/core/tst_environment.cpp scans src/ for other reads). The README's table
// "Environment variables" lists the same names (the test checks that too).
namespace environment {

enum class Variable {
    Engine,
    StateRoot,
    DataDir,
    ConfigDir,
    LogDir,
    Keychain,
    Browser,
    BaseImage,
    NpmRegistry,
    ExtraCaCerts,
    ExtraHosts,
    StartTimeout,
    VerifyTimeout,
    Debug,
    TrayStatusFile,
    TrayMenuTiming,
    WebViewPlugin,
    TestAllowRoot,
};

struct Entry
{
    Variable variable;
    const char *name;     // "OCS_ENGINE"
    const char *meaning;  // one line, for the README and `--help`-like listings
    const char *fallback; // what applies when it is unset or empty
    bool testOnly;        // a test hook, not meant for users
};

// The table, in the README's order.
const QList<Entry> &table();

const char *name(Variable variable);

// The value, or an empty string when unset.
QString value(Variable variable);

// Set and not empty.
bool isSet(Variable variable);

// The value as a decimal integer; *ok is false when unset or not a number.
int intValue(Variable variable, bool *ok);

} // namespace environment
} // namespace ocs
