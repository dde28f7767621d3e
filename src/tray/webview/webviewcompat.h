#pragma once

#include <QString>

class QWebEngineProfile;

namespace ocs::tray::webview {

// The JavaScript built-ins that OpenCode's web UI uses and that the Chromium inside older Qt
// WebEngine builds lacks (Debian bookworm's Qt 6.4 has Chromium 102; OpenCode 1.18's UI needs
// Chrome 122-level built-ins such as Map.groupBy, Array.prototype.toReversed and
// Promise.withResolvers, and stops with "Something went wrong" without them), and the CSS
// viewport units dvh/svh/lvh (its page is 100dvh high; without them it collapses to its
// header). Each is added only where it is missing, per the ECMAScript/WHATWG/CSS
// definitions, so newer engines are not touched. Newer CSS colour functions (light-dark(),
// color-mix(), oklch()) are not emulated: with Qt 6.4 some colours fall back to defaults.
QString compatibilityScript();

// Adds compatibilityScript() to `profile`: run at document creation, in the page's own
// JavaScript world, in main frames only.
void installCompatibilityScript(QWebEngineProfile *profile);

} // namespace ocs::tray::webview
