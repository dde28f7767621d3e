#include "configrules.h"

#include <QCoreApplication>
#include <QHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace ocs::configrules {

namespace {

struct RuleText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::ConfigAnalysis)
};

bool isAsciiDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

bool isIpAddress(QString s)
{
    if (s.startsWith(u'[') && s.endsWith(u']'))
        s = s.mid(1, s.size() - 2);
    const qsizetype slash = s.indexOf(u'/'); // CIDR notation
    if (slash >= 0)
        s.truncate(slash);
    if (s.isEmpty())
        return false;
    if (s.contains(u':')) {
        QHostAddress address;
        return address.setAddress(s) && address.protocol() == QAbstractSocket::IPv6Protocol;
    }
    // Dotted numbers ("10.0.0.1", and also shortened forms like "10.1"): no domain has only
    // numeric labels, so all of them are taken for an address.
    const QStringList parts = s.split(u'.');
    for (const QString &part : parts) {
        if (!isAsciiDigits(part))
            return false;
    }
    return true;
}

QString quoted(const QString &s)
{
    return u"'"_s + s + u"'"_s;
}

QString characterName(char32_t c)
{
    switch (c) {
    case U'\n':
        return RuleText::tr("a line break");
    case U'\r':
        return RuleText::tr("a carriage return");
    case U'\t':
        return RuleText::tr("a tab");
    case 0x2028:
    case 0x2029:
        return RuleText::tr("a Unicode line separator");
    default:
        return RuleText::tr("the control character U+%1")
            .arg(QString::number(uint(c), 16).rightJustified(4, u'0').toUpper());
    }
}

} // namespace

QString checkSandboxName(const QString &name)
{
    static const QRegularExpression re(u"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"_s);
    if (name.isEmpty())
        return RuleText::tr("the name is empty; write a name such as 'my-project'");
    if (name.size() > MaxSandboxNameLength) {
        return RuleText::tr("%1 is too long (%2 characters); use at most %3")
            .arg(quoted(name))
            .arg(name.size())
            .arg(MaxSandboxNameLength);
    }
    if (!re.match(name).hasMatch()) {
        QString hint;
        const QString lower = name.toLower();
        if (lower != name && re.match(lower).hasMatch())
            hint = RuleText::tr(" (write %1)").arg(quoted(lower));
        return RuleText::tr(
                   "%1 is not a valid name; use lower-case letters, digits and '-' (not at the "
                   "start or end)%2")
            .arg(quoted(name), hint);
    }
    return {};
}

QString checkDomain(const QString &entry, QString *normalised)
{
    const QString q = quoted(entry);
    if (entry.isEmpty())
        return RuleText::tr("the entry is empty; write a domain such as 'example.com'");
    for (QChar c : entry) {
        if (c.isSpace())
            return RuleText::tr("%1 contains a space; write one domain per entry").arg(q);
    }

    // URLs: say what to write instead.
    if (entry.contains(u"://"_s) || entry.startsWith(u"//"_s)) {
        QString host = QUrl(entry).host();
        if (host.isEmpty()) {
            host = entry.mid(entry.indexOf(u"//"_s) + 2);
            host = host.section(u'/', 0, 0).section(u':', 0, 0);
        }
        if (isIpAddress(host)) {
            return RuleText::tr(
                       "%1 is a URL with an IP address; name the domain instead (use host-ports to "
                       "reach services on the host)")
                .arg(q);
        }
        return RuleText::tr("%1 is a URL; write only the host name, e.g. %2").arg(q, quoted(host));
    }

    QString s = entry;
    if (s.startsWith(u"*."_s))
        s.remove(0, 1); // "*.example.com" means the same as ".example.com"
    const QString bare = s.startsWith(u'.') ? s.mid(1) : s;
    if (isIpAddress(bare)) {
        return RuleText::tr(
                   "%1 is an IP address; name the domain instead (use host-ports to reach services "
                   "on the host)")
            .arg(q);
    }
    if (bare.contains(u'/')) {
        return RuleText::tr("%1 contains a path; write only the host name, e.g. %2")
            .arg(q, quoted(bare.section(u'/', 0, 0)));
    }
    if (s.contains(u'*')) {
        return RuleText::tr(
                   "%1 has a wildcard in the wrong place; '*' is only allowed as a leading '*.' "
                   "(e.g. '*.example.com', or '.example.com', which means the same)")
            .arg(q);
    }
    if (bare.contains(u':')) {
        return RuleText::tr("%1 includes a port; write only the host name, e.g. %2")
            .arg(q, quoted(s.section(u':', 0, 0)));
    }
    for (QChar c : s) {
        if (c.unicode() > 0x7f) {
            const QByteArray ace = QUrl::toAce(s.toLower());
            if (!ace.isEmpty()) {
                return RuleText::tr("%1 contains non-ASCII letters; write its ASCII form %2")
                    .arg(q, quoted(QString::fromLatin1(ace)));
            }
            return RuleText::tr("%1 contains non-ASCII characters, which a domain cannot have")
                .arg(q);
        }
    }

    s = s.toLower();
    const bool leadingDot = s.startsWith(u'.');
    const QString host = leadingDot ? s.mid(1) : s;
    if (host.isEmpty())
        return RuleText::tr("%1 is not a domain; write e.g. '.example.com'").arg(q);
    if (host.endsWith(u'.'))
        return RuleText::tr("%1 ends with a dot; remove the trailing '.'").arg(q);
    if (host.size() > 253)
        return RuleText::tr("%1 is too long (more than 253 characters)").arg(q);
    const QStringList labels = host.split(u'.');
    for (const QString &label : labels) {
        if (label.isEmpty())
            return RuleText::tr("%1 has an empty part ('..' or a leading dot twice)").arg(q);
        if (label.size() > 63)
            return RuleText::tr("%1 has a part longer than 63 characters").arg(q);
        for (QChar c : label) {
            const bool ok = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
            if (!ok) {
                return RuleText::tr(
                           "%1 contains '%2', which a domain name cannot have (only letters, "
                           "digits, '-' and '.')")
                    .arg(q, QString(c));
            }
        }
        if (label.startsWith(u'-') || label.endsWith(u'-'))
            return RuleText::tr("%1 has a part that starts or ends with '-'").arg(q);
    }
    if (normalised)
        *normalised = s;
    return {};
}

QString checkPort(const QString &text, quint16 *port)
{
    if (text.isEmpty())
        return RuleText::tr("the entry is empty; write a port number from 1 to 65535");
    if (!isAsciiDigits(text))
        return RuleText::tr("%1 is not a port number; use a whole number from 1 to 65535")
            .arg(quoted(text));
    if (text.size() > 1 && text.startsWith(u'0')) {
        return RuleText::tr("%1 has a leading zero; write the port without it").arg(quoted(text));
    }
    const int value = text.size() > 5 ? 0 : text.toInt();
    if (value < 1 || value > 65535)
        return RuleText::tr("%1 is out of range; use a port from 1 to 65535").arg(quoted(text));
    if (port)
        *port = quint16(value);
    return {};
}

QString checkPublishedPort(const QString &text, quint16 *port)
{
    quint16 value = 0;
    const QString problem = checkPort(text, &value);
    if (!problem.isEmpty())
        return problem;
    // The sandbox's web UI (its sign-in gate) is published already, on its own port; OpenCode
    // itself (no password) and the proxy's ports never are (docker/ocs-lib.sh).
    if (value == 4096)
        return RuleText::tr("%1 is the sandbox's web UI, which is published already (`ocs web`); "
                            "choose another port")
            .arg(quoted(text));
    if (value == 4097 || value == 3128 || value == 3129)
        return RuleText::tr("%1 is used by the sandbox itself (OpenCode or its proxy) and cannot "
                            "be published; choose another port")
            .arg(quoted(text));
    if (port)
        *port = value;
    return {};
}

QString checkSecretHost(const QString &host, QString *normalised)
{
    QString stored;
    const QString problem = checkDomain(host, &stored);
    if (!problem.isEmpty())
        return problem;
    if (stored.startsWith(u'.')) {
        return RuleText::tr(
                   "%1 is a wildcard; name each host exactly (a secret goes to exact hosts only)")
            .arg(quoted(host));
    }
    if (normalised)
        *normalised = stored;
    return {};
}

QString checkSecretHeader(const QString &header)
{
    static const QRegularExpression token(u"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"_s);
    if (header.isEmpty())
        return RuleText::tr("the header name is empty; write e.g. 'x-api-key' or "
                            "'Authorization: Bearer {}'");
    if (!token.match(header).hasMatch()) {
        return RuleText::tr("%1 is not a valid HTTP header name; use letters, digits and '-'")
            .arg(quoted(header));
    }
    static const QStringList managed{u"host"_s,
                                     u"content-length"_s,
                                     u"transfer-encoding"_s,
                                     u"connection"_s,
                                     u"upgrade"_s,
                                     u"te"_s,
                                     u"trailer"_s,
                                     u"keep-alive"_s,
                                     u"proxy-authorization"_s,
                                     u"proxy-connection"_s,
                                     u"cookie"_s};
    if (managed.contains(header.toLower())) {
        return RuleText::tr("%1 cannot carry a secret; use the header the API reads the key from")
            .arg(quoted(header));
    }
    return {};
}

QString checkSecretFormat(const QString &format)
{
    if (format.count(u"{}"_s) != 1) {
        return RuleText::tr("%1 must contain '{}' exactly once, where the secret goes (e.g. "
                            "'Bearer {}')")
            .arg(quoted(format));
    }
    for (QChar c : format) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e) {
            return RuleText::tr("%1 may hold only printable ASCII characters").arg(quoted(format));
        }
    }
    return {};
}

bool domainListed(const QStringList &list, const QString &host)
{
    for (const QString &entry : list) {
        if (entry.startsWith(u'.') ? (host == entry.mid(1) || host.endsWith(entry)) : host == entry)
            return true;
    }
    return false;
}

QString checkEnvName(const QString &name)
{
    static const QRegularExpression re(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if (name.isEmpty())
        return RuleText::tr("the variable name is empty");
    if (!re.match(name).hasMatch()) {
        return RuleText::tr(
                   "%1 is not a valid variable name; use letters, digits and '_', not starting "
                   "with a digit")
            .arg(quoted(name));
    }
    return {};
}

QString reservedEnvReason(const QString &name)
{
    if (name == u"OPENCODE_SERVER_PASSWORD"_s || name == u"OPENCODE_SERVER_USERNAME"_s) {
        return RuleText::tr(
                   "%1 is set by the sandbox (it guards access to the OpenCode server) and cannot "
                   "be set here")
            .arg(name);
    }
    if (name == u"PATH"_s || name == u"HOME"_s || name == u"USER"_s || name == u"SHELL"_s) {
        return RuleText::tr(
                   "%1 is set by the sandbox for the user inside the container and cannot be set "
                   "here")
            .arg(name);
    }
    if (name.startsWith(u"OCS_"_s))
        return RuleText::tr(
                   "%1: names starting with OCS_ are reserved for the sandbox's own settings")
            .arg(name);
    const QString lower = name.toLower();
    if (lower == u"http_proxy"_s || lower == u"https_proxy"_s || lower == u"no_proxy"_s ||
        lower == u"all_proxy"_s) {
        return RuleText::tr(
                   "%1 is set by the sandbox to send traffic through its filtering proxy and "
                   "cannot be set here")
            .arg(name);
    }
    if (name.startsWith(u"LD_"_s)) {
        return RuleText::tr(
                   "%1: LD_* variables change how every program in the sandbox loads code, so "
                   "they are reserved")
            .arg(name);
    }
    // Read at program start, before a program can clean its environment, by bash (the
    // sandbox's root helpers are bash scripts), by the C library, or by node (the sandbox's
    // gate and probes): any of them could run code with the privileges of the sandbox's own
    // processes. The image refuses them too (docker/ocs-lib.sh: ocs_unsafe_env_name).
    static const QSet<QString> startupNames{
        // bash
        u"BASH_ENV"_s, u"ENV"_s, u"BASHOPTS"_s, u"SHELLOPTS"_s, u"PS4"_s, u"BASH_XTRACEFD"_s,
        u"BASH_LOADABLES_PATH"_s, u"BASH_COMPAT"_s, u"POSIXLY_CORRECT"_s, u"GLOBIGNORE"_s,
        u"CDPATH"_s, u"PROMPT_COMMAND"_s, u"IFS"_s,
        // the C library (what it ignores in setuid programs, as far as it loads code or files)
        u"GCONV_PATH"_s, u"GLIBC_TUNABLES"_s, u"LOCPATH"_s, u"NLSPATH"_s, u"HOSTALIASES"_s,
        u"RES_OPTIONS"_s, u"LOCALDOMAIN"_s, u"MALLOC_TRACE"_s,
        // node
        u"NODE_OPTIONS"_s};
    if (startupNames.contains(name) || name.startsWith(u"BASH_FUNC_"_s)) {
        return RuleText::tr(
                   "%1 is reserved: bash, the C library or node read it when a program starts "
                   "and can be made to run code with it, also in the sandbox's own processes "
                   "that run as root")
            .arg(name);
    }
    if (name.startsWith(u"DOCKER_"_s) || name.startsWith(u"CONTAINER_"_s) ||
        name.startsWith(u"PODMAN_"_s)) {
        return RuleText::tr(
                   "%1: DOCKER_*, CONTAINER_* and PODMAN_* variables steer the container engine, "
                   "so they are reserved")
            .arg(name);
    }
    return {};
}

QString checkMemoryLimit(const QString &text)
{
    static const QRegularExpression re(u"^([0-9]+)[bkmgBKMG]?$"_s);
    const QRegularExpressionMatch m = re.match(text);
    bool zero = true;
    if (m.hasMatch()) {
        for (QChar c : m.capturedView(1)) {
            if (c != u'0')
                zero = false;
        }
    }
    if (!m.hasMatch() || zero) {
        return RuleText::tr(
                   "%1 is not a memory size; write a number with an optional unit b, k, m or g, "
                   "e.g. '4g' or '512m'")
            .arg(quoted(text));
    }
    return {};
}

QString checkCpuLimit(const QString &text)
{
    static const QRegularExpression re(u"^[0-9]+(\\.[0-9]+)?$"_s);
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!re.match(text).hasMatch() || !ok || value <= 0) {
        return RuleText::tr("%1 is not a CPU count; write a positive number such as '2' or '1.5'")
            .arg(quoted(text));
    }
    return {};
}

QString checkBoolean(const QString &text, bool *value)
{
    const QString t = text.toLower();
    const bool yes = t == u"true"_s || t == u"yes"_s || t == u"on"_s;
    const bool no = t == u"false"_s || t == u"no"_s || t == u"off"_s;
    if (!yes && !no)
        return RuleText::tr("%1 is not a yes/no value; write 'true' or 'false'").arg(quoted(text));
    if (value)
        *value = yes;
    return {};
}

QString checkPidsLimit(const QString &text, int *value)
{
    const QString range =
        RuleText::tr("a whole number from %1 to %2").arg(MinPidsLimit).arg(MaxPidsLimit);
    if (!isAsciiDigits(text))
        return RuleText::tr("%1 is not a number; use %2").arg(quoted(text), range);
    const int v = text.size() > 7 ? 0 : text.toInt();
    if (v < MinPidsLimit || v > MaxPidsLimit)
        return RuleText::tr("%1 is out of range; use %2").arg(quoted(text), range);
    if (value)
        *value = v;
    return {};
}

QString checkReadOnlyPath(const QString &entry)
{
    const QString path = entry.startsWith(u'!') ? entry.mid(1) : entry;
    if (path.isEmpty())
        return RuleText::tr("the entry is empty; write a path inside the project, e.g. 'docs'");
    if (path.startsWith(u'/')) {
        return RuleText::tr("%1 is an absolute path; write a path relative to the project folder")
            .arg(quoted(entry));
    }
    if (path.startsWith(u'~')) {
        return RuleText::tr(
                   "%1 is outside the project; write a path relative to the project folder")
            .arg(quoted(entry));
    }
    const QStringList parts = path.split(u'/');
    for (const QString &part : parts) {
        if (part == u".."_s) {
            return RuleText::tr(
                       "%1 leaves the project folder ('..'); write a path inside the project")
                .arg(quoted(entry));
        }
    }
    return {};
}

QString checkCaCertificatePath(const QString &path)
{
    if (path.isEmpty())
        return RuleText::tr("the entry is empty; write the path of a PEM file");
    return {};
}

QList<qsizetype> earlierUses(const QStringList &names)
{
    QList<qsizetype> out;
    QHash<QString, qsizetype> first;
    for (qsizetype i = 0; i < names.size(); ++i) {
        const auto it = first.constFind(names[i]);
        out << (it == first.constEnd() ? -1 : *it);
        if (it == first.constEnd())
            first.insert(names[i], i);
    }
    return out;
}

QString controlCharacterProblem(const QString &value)
{
    for (char32_t c : value.toUcs4()) {
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
            return RuleText::tr(
                       "the value contains %1; values must be a single line of text without "
                       "control characters")
                .arg(characterName(c));
        }
    }
    return {};
}

} // namespace ocs::configrules
