#include "secretdelivery.h"

#include "logging.h"

#include <QCoreApplication>
#include <QRandomGenerator>

namespace ocs::secretdelivery {

QString makePlaceholder(const QString &name)
{
    return QStringLiteral("ocs-secret-%1-%2")
        .arg(name)
        .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
}

QByteArray headerValue(const QString &format, const QByteArray &value)
{
    QByteArray out = format.toUtf8();
    out.replace("{}", value);
    return out;
}

QByteArray gitBasicAuth(const QByteArray &password)
{
    return "Basic " + (GitUser.toUtf8() + ':' + password).toBase64();
}

QList<Rule> rules(const QList<InjectedSecret> &secrets, const QMap<QString, QString> &placeholders,
                  const QMap<QString, QByteArray> &values)
{
    QList<Rule> out;
    for (const InjectedSecret &s : secrets) {
        const auto value = values.constFind(s.name);
        const QString placeholder = placeholders.value(s.name);
        if (value == values.cend() || value->isEmpty() || placeholder.isEmpty())
            continue;
        const QString format = s.format.isEmpty() ? QStringLiteral("{}") : s.format;
        if (!s.hosts.isEmpty() && !s.header.isEmpty())
            out << Rule{s.name, s.hosts, s.header, headerValue(format, placeholder.toUtf8()),
                        headerValue(format, *value)};
        // git over HTTPS: HTTP basic auth with the user name GitUser and the placeholder as
        // the password (what the sandbox's credential helper hands git).
        if (!s.gitHosts.isEmpty())
            out << Rule{s.name, s.gitHosts, QStringLiteral("Authorization"),
                        gitBasicAuth(placeholder.toUtf8()), gitBasicAuth(*value)};
    }
    return out;
}

QByteArray protocol(const QList<Rule> &rules)
{
    QByteArray out = "ocs-secrets 1\n";
    for (const Rule &r : rules) {
        out += "rule " + r.name.toUtf8() + ' ' + r.hosts.join(QLatin1Char(',')).toUtf8() + ' ' +
               r.header.toUtf8() + ' ' + r.match.toBase64() + ' ' + r.replacement.toBase64() + '\n';
    }
    out += "end\n";
    return out;
}

ProcessSpec command(const ContainerEngine &engine, const QString &container,
                    const QList<Rule> &rules)
{
    ProcessSpec spec =
        engine.command({QStringLiteral("exec"), QStringLiteral("-i"), QStringLiteral("--user"),
                        QStringLiteral("0"), container, LoaderPath},
                       Timeout);
    spec.standardInput = protocol(rules);
    return spec;
}

void deliver(const ContainerEngine &engine, const QString &container, const QList<Rule> &rules,
             QObject *context, std::function<void(const QString &error)> done)
{
    QStringList names;
    for (const Rule &r : rules)
        names << r.name;
    qCInfo(lcSecrets) << "delivering injected secrets to" << container << ":" << names;
    runProcess(command(engine, container, rules), context, [done](const ProcessResult &r) {
        if (r.ok() && r.standardOutput.startsWith("ocs-secrets: ok"))
            return done(QString());
        // The loader's words never hold a value (it prints names and reasons only).
        const QString why = r.status == ProcessResult::Status::Finished
                                ? QString::fromUtf8(r.standardError).trimmed()
                                : r.describeFailure(QCoreApplication::translate(
                                      "ocs::SecretDelivery", "Handing the secrets to the proxy"));
        done(why.isEmpty() ? QCoreApplication::translate("ocs::SecretDelivery",
                                                         "the proxy's loader failed (status %1)")
                                 .arg(r.exitCode)
                           : why);
    });
}

} // namespace ocs::secretdelivery
