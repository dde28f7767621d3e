#pragma once

#include <QLoggingCategory>

// The tray's own logging category ("ocs.tray"); the core's are in logging.h.
Q_DECLARE_LOGGING_CATEGORY(lcTray)
