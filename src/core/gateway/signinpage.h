#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>

class QObject;

namespace ocs::signinpage {

// Opens a gateway's one-time sign-in URL in the browser without putting the URL (its token)
// on any command line, where every local user could read it (/proc/<pid>/cmdline): the URL
// goes into a page only this user can read (0600, in a 0700 folder of the user's runtime
// folder, see traylink::defaultDirectory()), which forwards the browser to it, and the browser
// is started on that file. The page is removed after Lifetime (the token has expired by then)
// and whenever a later page is written.

constexpr std::chrono::milliseconds Lifetime{60000};

// Starts a program detached; tests substitute one that records the command.
using Launcher = std::function<bool(const QString &program, const QStringList &arguments)>;
bool launchDetached(const QString &program, const QStringList &arguments);

// The folder the pages are written to (made 0700); empty if there is none.
QString directory();

// Writes the page for `loginUrl` (a gateway sign-in URL, see traylink::isGatewayLoginUrl)
// and returns its path; empty with `error` set on failure. Removes pages older than Lifetime.
QString writePage(const QUrl &loginUrl, QString *error);

// Writes the page and starts the browser on it: `OCS_BROWSER` if set, else xdg-open (open on
// macOS), with the page's file URL as the only argument. The page is removed after
// `lifetime`, by a timer of `context`. False with `error` set when it could not.
bool open(const QUrl &loginUrl, QObject *context, QString *error, const Launcher &launcher = {},
          std::chrono::milliseconds lifetime = Lifetime);

} // namespace ocs::signinpage
