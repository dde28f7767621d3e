#include "logging.h"

Q_LOGGING_CATEGORY(lcConfig, "ocs.config", QtWarningMsg)
Q_LOGGING_CATEGORY(lcProject, "ocs.project", QtWarningMsg)
Q_LOGGING_CATEGORY(lcProcess, "ocs.process", QtWarningMsg)
Q_LOGGING_CATEGORY(lcEngine, "ocs.engine", QtWarningMsg)
Q_LOGGING_CATEGORY(lcImage, "ocs.image", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSandbox, "ocs.sandbox", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSecrets, "ocs.secrets", QtWarningMsg)
Q_LOGGING_CATEGORY(lcHook, "ocs.hook", QtWarningMsg)
Q_LOGGING_CATEGORY(lcGateway, "ocs.gateway", QtWarningMsg)
Q_LOGGING_CATEGORY(lcRegistry, "ocs.registry", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNetwork, "ocs.network", QtWarningMsg)
