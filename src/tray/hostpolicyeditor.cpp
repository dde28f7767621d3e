#include "hostpolicyeditor.h"

#include "config/configfile.h"
#include "config/configrules.h"
#include "network/networkpolicy.h"
#include "network/policyfiles.h"
#include "traylogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

namespace ocs::tray::hostpolicy {

namespace {

// The blacklist in force: the live file (the config has no blacklist key yet).
QStringList liveBlacklist(const QString &stateDir)
{
    QFile f(QDir(policyfiles::policyDir(stateDir)).filePath(QStringLiteral("blacklist")));
    QStringList entries;
    if (!f.open(QIODevice::ReadOnly))
        return entries;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QString entry = QString::fromUtf8(line).trimmed();
        if (!entry.isEmpty() && !entry.startsWith(QLatin1Char('#')))
            entries << entry;
    }
    return entries;
}

} // namespace

Outcome apply(const QString &configPath, const QString &stateDir, const QStringList &hosts,
              Change change)
{
    Outcome out;
    const ConfigFile::LoadResult loaded = ConfigFile::load(configPath);
    if (!loaded.ok()) {
        out.error = loaded.errorSummary();
        return out;
    }
    ProjectConfig config = *loaded.config;
    QStringList blacklist = liveBlacklist(stateDir);
    for (const QString &host : hosts) {
        // Only names the config accepts (an IP literal or an invalid name is never allowed).
        QString name;
        const QString problem = configrules::checkDomain(host, &name);
        if (!problem.isEmpty()) {
            out.error = QCoreApplication::translate("ocs::tray::hostpolicy",
                                                    "%1 cannot be allowed or denied by name: %2")
                            .arg(host, problem);
            return out;
        }
        switch (change) {
        case Change::AllowHost:
            config.httpDomainWhitelist = networkpolicy::allowed(config.httpDomainWhitelist, name,
                                                                /*subdomains=*/false);
            blacklist.removeAll(name);
            out.entries << name;
            break;
        case Change::AllowDomain: {
            const QString domain = networkpolicy::domainOf(name);
            config.httpDomainWhitelist = networkpolicy::allowed(config.httpDomainWhitelist, domain,
                                                                /*subdomains=*/true);
            blacklist.removeAll(domain);
            blacklist.removeAll(QLatin1Char('.') + domain);
            out.entries << QLatin1Char('.') + domain;
            break;
        }
        case Change::Deny: {
            auto [whitelist, black] =
                networkpolicy::denied(config.httpDomainWhitelist, blacklist, name);
            config.httpDomainWhitelist = whitelist;
            blacklist = black;
            out.entries << name;
            break;
        }
        }
    }
    QString error;
    if (!ConfigFile::save(configPath, config, &error)) {
        out.error = error;
        return out;
    }
    if (!policyfiles::write(stateDir, config.httpDomainWhitelist, blacklist, &error)) {
        out.error = QCoreApplication::translate(
                        "ocs::tray::hostpolicy",
                        "The config was saved, but the live policy could not be written: %1")
                        .arg(error);
        return out;
    }
    qCInfo(lcTray) << "network policy:" << int(change) << out.entries;
    out.ok = true;
    return out;
}

} // namespace ocs::tray::hostpolicy
