#pragma once

// Internal to SecretStore (and its tests): the command cache and its clock.

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <functional>

namespace ocs::secretstore_detail {

// Milliseconds of a monotonic clock; tests replace it to let a cached command output expire
// without waiting (null: the real clock).
void setClockForTests(std::function<qint64()> clock);
// Forgets every cached command output.
void clearCommandCache();

// A command line split into words as a POSIX shell would, without running one: blanks
// separate words; '...' is literal; "..." keeps \" \\ \$ \` escapes; a backslash outside
// quotes escapes the next character. No expansions. Empty with `error` set when a quote is
// not closed (or nothing is there).
QStringList splitCommand(const QString &command, QString *error = nullptr);

} // namespace ocs::secretstore_detail
