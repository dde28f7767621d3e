#include "traylogging.h"

Q_LOGGING_CATEGORY(lcTray, "ocs.tray", QtWarningMsg)
