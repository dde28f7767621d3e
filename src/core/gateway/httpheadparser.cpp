#include "httpheadparser.h"

namespace ocs::gateway {

namespace {

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && isWhitespace(v.front()))
        v = v.sliced(1);
    while (!v.isEmpty() && isWhitespace(v.back()))
        v.chop(1);
    return v;
}

bool isVersion(QByteArrayView v)
{
    // "HTTP/" DIGIT "." DIGIT
    return v.size() == 8 && v.startsWith("HTTP/") && v[5] >= '0' && v[5] <= '9' && v[6] == '.' &&
           v[7] >= '0' && v[7] <= '9';
}

} // namespace

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

QByteArray HttpHead::value(QByteArrayView lowerName) const
{
    for (const HttpHeaderField &f : fields) {
        if (f.lowerName == lowerName)
            return f.value;
    }
    return {};
}

int HttpHead::count(QByteArrayView lowerName) const
{
    int n = 0;
    for (const HttpHeaderField &f : fields) {
        if (f.lowerName == lowerName)
            ++n;
    }
    return n;
}

QList<QByteArray> HttpHead::tokens(QByteArrayView lowerName) const
{
    QList<QByteArray> result;
    for (const HttpHeaderField &f : fields) {
        if (f.lowerName != lowerName)
            continue;
        QByteArrayView rest(f.value);
        while (!rest.isEmpty()) {
            const qsizetype comma = rest.indexOf(',');
            const QByteArrayView element = trimmed(comma < 0 ? rest : rest.first(comma));
            if (!element.isEmpty())
                result.append(element.toByteArray().toLower());
            rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
        }
    }
    return result;
}

bool HttpHead::hasToken(QByteArrayView lowerName, QByteArrayView lowerToken) const
{
    const QList<QByteArray> list = tokens(lowerName);
    for (const QByteArray &t : list) {
        if (t == lowerToken)
            return true;
    }
    return false;
}

HttpHeadParser::HttpHeadParser(Kind kind, qsizetype maxHeadSize)
    : m_kind(kind)
    , m_maxHeadSize(maxHeadSize)
{}

void HttpHeadParser::reset()
{
    m_scanPos = 0;
    m_head = HttpHead();
    m_error = "";
    m_tooLarge = false;
}

bool HttpHeadParser::fail(const char *reason)
{
    m_error = reason;
    return false;
}

HttpHeadParser::Status HttpHeadParser::parse(QByteArray &buffer)
{
    if (m_scanPos == 0 && m_kind == Kind::Request) {
        // A server should ignore empty lines received before a request line.
        qsizetype skip = 0;
        while (skip < buffer.size() && skip < 8 && (buffer[skip] == '\r' || buffer[skip] == '\n'))
            ++skip;
        if (skip > 0)
            buffer.remove(0, skip);
    }

    qsizetype end = -1;
    qsizetype pos = m_scanPos;
    const qsizetype size = buffer.size();
    while (end < 0) {
        const qsizetype lf = buffer.indexOf('\n', pos);
        if (lf < 0) {
            m_scanPos = size;
            break;
        }
        if (lf + 1 >= size) {
            m_scanPos = lf;
            break;
        }
        const char next = buffer.at(lf + 1);
        if (next == '\n') {
            end = lf + 2;
        } else if (next == '\r') {
            if (lf + 2 >= size) {
                m_scanPos = lf;
                break;
            }
            if (buffer.at(lf + 2) == '\n')
                end = lf + 3;
        }
        pos = lf + 1;
    }

    if (end < 0) {
        if (m_scanPos > m_maxHeadSize) {
            m_tooLarge = true;
            m_error = "head too large";
            return Status::Error;
        }
        return Status::NeedMoreData;
    }
    if (end > m_maxHeadSize) {
        m_tooLarge = true;
        m_error = "head too large";
        return Status::Error;
    }

    const bool ok = parseHead(QByteArrayView(buffer.constData(), end));
    buffer.remove(0, end);
    m_scanPos = 0;
    return ok ? Status::Complete : Status::Error;
}

bool HttpHeadParser::parseHead(QByteArrayView head)
{
    m_head.fields.reserve(24);
    bool first = true;
    while (!head.isEmpty()) {
        const qsizetype lf = head.indexOf('\n');
        QByteArrayView line = head.first(lf); // the head always ends with a line feed
        head = head.sliced(lf + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.contains('\r') || line.contains('\0'))
            return fail("stray control character");
        if (first) {
            if (!parseStartLine(line))
                return false;
            first = false;
            continue;
        }
        if (line.isEmpty())
            break; // the blank line that ends the head
        if (!parseField(line))
            return false;
    }
    return true;
}

bool HttpHeadParser::parseStartLine(QByteArrayView line)
{
    if (m_kind == Kind::Request) {
        // method SP request-target SP HTTP-version
        const qsizetype sp1 = line.indexOf(' ');
        const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 <= sp1 + 1 || line.indexOf(' ', sp2 + 1) >= 0)
            return fail("malformed request line");
        const QByteArrayView method = line.first(sp1);
        const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
        const QByteArrayView version = line.sliced(sp2 + 1);
        for (char c : method) {
            if (!isTokenChar(c))
                return fail("malformed method");
        }
        for (char c : target) {
            const auto u = static_cast<unsigned char>(c);
            if (u <= 0x20 || u >= 0x7f)
                return fail("malformed request target");
        }
        if (!isVersion(version))
            return fail("malformed version");
        m_head.method = method.toByteArray();
        m_head.target = target.toByteArray();
        m_head.version = version.toByteArray();
        return true;
    }

    // HTTP-version SP status-code [SP reason-phrase]
    if (line.size() < 12 || !isVersion(line.first(8)) || line[8] != ' ')
        return fail("malformed status line");
    int code = 0;
    for (int i = 9; i < 12; ++i) {
        const char c = line[i];
        if (c < '0' || c > '9')
            return fail("malformed status code");
        code = code * 10 + (c - '0');
    }
    if (line.size() > 12 && line[12] != ' ')
        return fail("malformed status line");
    if (code < 100)
        return fail("malformed status code");
    m_head.version = line.first(8).toByteArray();
    m_head.statusCode = code;
    m_head.statusLine = line.toByteArray();
    return true;
}

bool HttpHeadParser::parseField(QByteArrayView line)
{
    if (isWhitespace(line.front()))
        return fail("obsolete line folding");
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return fail("malformed header field");
    const QByteArrayView name = line.first(colon);
    for (char c : name) {
        if (!isTokenChar(c))
            return fail("malformed header name");
    }
    const QByteArrayView value = trimmed(line.sliced(colon + 1));
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return fail("control character in header value");
    }
    if (m_head.fields.size() >= MaxFieldCount) {
        m_tooLarge = true;
        return fail("too many header fields");
    }
    HttpHeaderField field;
    field.name = name.toByteArray();
    field.lowerName = field.name.toLower();
    field.value = value.toByteArray();
    m_head.fields.append(std::move(field));
    return true;
}

} // namespace ocs::gateway
