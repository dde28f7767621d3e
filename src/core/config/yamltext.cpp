#include "yamltext.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cctype>

using namespace Qt::StringLiterals;

namespace ocs::configdetail {

namespace {

struct YamlText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::ConfigAnalysis)
};

bool isBlank(const QByteArray &line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

// Byte index of the first byte that is not valid UTF-8, or -1.
qsizetype invalidUtf8At(const QByteArray &s)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.constData());
    const qsizetype n = s.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((c & 0xe0) == 0xc0) {
            len = 2;
            cp = c & 0x1f;
            min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            len = 3;
            cp = c & 0x0f;
            min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            len = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        for (int k = 1; k < len; ++k) {
            if ((p[i + k] & 0xc0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += len;
    }
    return -1;
}

// State carried from one line to the next by the lexer.
struct LexState
{
    enum class Mode { Normal, DoubleQuoted, SingleQuoted, BlockScalar };
    Mode mode = Mode::Normal;
    int flowDepth = 0;
    int blockIndent = -1; // block scalar: content lines are indented more than this
};

// Skips a double-quoted scalar body starting after the opening quote; returns the index after
// the closing quote, or -1 when the line ends first.
int skipDoubleQuoted(const QByteArray &s, int i)
{
    while (i < s.size()) {
        if (s[i] == '\\') {
            i += 2;
            continue;
        }
        if (s[i] == '"')
            return i + 1;
        ++i;
    }
    return -1;
}

int skipSingleQuoted(const QByteArray &s, int i)
{
    while (i < s.size()) {
        if (s[i] == '\'') {
            if (i + 1 < s.size() && s[i + 1] == '\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return -1;
}

bool isFlowIndicator(char c)
{
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

int skipPlain(const QByteArray &s, int i, bool inFlow)
{
    const int n = int(s.size());
    while (i < n) {
        const char c = s[i];
        if (c == ':' && (i + 1 == n || isSpace(s[i + 1]) || (inFlow && isFlowIndicator(s[i + 1]))))
            break;
        if (isSpace(c) && i + 1 < n && s[i + 1] == '#')
            break;
        if (inFlow && isFlowIndicator(c))
            break;
        ++i;
    }
    return i;
}

// Scans one line from `from`; returns the index of a comment's '#', or -1. Updates `st` for
// constructs that continue on the next line.
int scanLine(const QByteArray &s, LexState &st, int from = 0)
{
    const int n = int(s.size());
    int i = from;
    if (st.mode == LexState::Mode::DoubleQuoted || st.mode == LexState::Mode::SingleQuoted) {
        i = st.mode == LexState::Mode::DoubleQuoted ? skipDoubleQuoted(s, i)
                                                    : skipSingleQuoted(s, i);
        if (i < 0)
            return -1;
        st.mode = LexState::Mode::Normal;
    }
    bool tokenStart = true;
    while (i < n) {
        const char c = s[i];
        if (isSpace(c)) {
            ++i;
            tokenStart = true;
            continue;
        }
        if (c == '#' && (i == 0 || isSpace(s[i - 1])))
            return i;
        if (st.flowDepth > 0 && (c == ']' || c == '}')) {
            --st.flowDepth;
            ++i;
            tokenStart = false;
            continue;
        }
        if (st.flowDepth > 0 && c == ',') {
            ++i;
            tokenStart = true;
            continue;
        }
        if (c == ':' && !tokenStart) { // after a quoted key or a flow collection
            ++i;
            tokenStart = true;
            continue;
        }
        if (!tokenStart) {
            i = skipPlain(s, i + 1, st.flowDepth > 0);
            continue;
        }
        if (c == '"' || c == '\'') {
            const int end = c == '"' ? skipDoubleQuoted(s, i + 1) : skipSingleQuoted(s, i + 1);
            if (end < 0) {
                st.mode = c == '"' ? LexState::Mode::DoubleQuoted : LexState::Mode::SingleQuoted;
                return -1;
            }
            i = end;
            tokenStart = false;
            continue;
        }
        if (c == '[' || c == '{') {
            ++st.flowDepth;
            ++i;
            tokenStart = true;
            continue;
        }
        if (st.flowDepth == 0 && (c == '|' || c == '>')) {
            int j = i + 1;
            while (j < n &&
                   (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '+' || s[j] == '-'))
                ++j;
            while (j < n && isSpace(s[j]))
                ++j;
            if (j == n || s[j] == '#') {
                st.mode = LexState::Mode::BlockScalar;
                st.blockIndent = indentation(s);
                return j < n ? j : -1;
            }
        }
        if ((c == '-' || c == '?' || c == ':') && (i + 1 == n || isSpace(s[i + 1]))) {
            ++i;
            tokenStart = true;
            continue;
        }
        if (c == '&' || c == '!' || c == '*') { // node properties and aliases
            while (i < n && !isSpace(s[i]) && !(st.flowDepth > 0 && isFlowIndicator(s[i])))
                ++i;
            continue;
        }
        i = skipPlain(s, i, st.flowDepth > 0);
        tokenStart = false;
    }
    return -1;
}

bool isBoolOrNullWord(const QString &v)
{
    static const QRegularExpression re(
        u"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
        u"null|Null|NULL|~|=|<<)$"_s);
    return re.match(v).hasMatch();
}

// Anything that some YAML 1.1 or 1.2 reader could resolve to a number, date or time.
bool isNumberLike(const QString &v)
{
    static const QRegularExpression re(
        u"^([-+]?\\.?[0-9][0-9_.:eE+\\-]*|[-+]?0[xXoObB][0-9a-fA-F_]+|"
        u"[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?)$"_s);
    return re.match(v).hasMatch();
}

} // namespace

int indentation(const QByteArray &line)
{
    int i = 0;
    while (i < line.size() && line[i] == ' ')
        ++i;
    return i;
}

int Source::charColumn(int line, int byteCol) const
{
    if (line < 0 || line >= lines.size())
        return byteCol + 1;
    const QByteArray &t = lines[line].text;
    int col = 1;
    for (int i = 0; i < byteCol && i < t.size(); ++i) {
        if ((static_cast<unsigned char>(t[i]) & 0xc0) != 0x80)
            ++col;
    }
    if (byteCol > t.size())
        col += byteCol - int(t.size());
    return col;
}

Source readSource(const QByteArray &raw)
{
    Source src;
    QByteArray t = raw;
    if (t.startsWith("\xEF\xBB\xBF")) {
        src.bom = true;
        t.remove(0, 3);
    }
    int crlf = 0;
    int lf = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (t[i] != '\n')
            continue;
        SourceLine line;
        line.text = t.mid(start, i - start);
        if (line.text.endsWith('\r')) {
            line.text.chop(1);
            line.eol = QByteArrayLiteral("\r\n");
            ++crlf;
        } else {
            line.eol = QByteArrayLiteral("\n");
            ++lf;
        }
        src.lines.append(line);
        start = i + 1;
    }
    if (start < t.size())
        src.lines.append({t.mid(start), QByteArray()});
    if (crlf > lf)
        src.eol = QByteArrayLiteral("\r\n");

    for (int ln = 0; ln < src.lines.size(); ++ln) {
        const QByteArray &text = src.lines[ln].text;
        src.yaml += text;
        if (!src.lines[ln].eol.isEmpty())
            src.yaml += '\n';
        const qsizetype bad = invalidUtf8At(text);
        if (bad >= 0) {
            src.problems.append(
                {ln, int(bad),
                 YamlText::tr("the file is not valid UTF-8 text (save it as UTF-8)")});
            continue;
        }
        for (int i = 0; i < text.size(); ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c == '\r') {
                src.problems.append(
                    {ln, i,
                     YamlText::tr("stray carriage return (CR) character; save the file "
                                  "with LF or CRLF line ends")});
            } else if ((c < 0x20 && c != '\t') || c == 0x7f ||
                       (c == 0xc2 && i + 1 < text.size() &&
                        static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9f)) {
                const uint code = c == 0xc2 ? static_cast<unsigned char>(text[i + 1]) : c;
                src.problems.append(
                    {ln, i,
                     YamlText::tr("the file contains the control character U+%1; remove it")
                         .arg(code, 4, 16, QChar(u'0'))});
            }
        }
    }
    return src;
}

QList<LineKind> classifyLines(const QList<SourceLine> &lines)
{
    QList<LineKind> kinds;
    kinds.reserve(lines.size());
    LexState st;
    for (int ln = 0; ln < lines.size(); ++ln) {
        const QByteArray &text = lines[ln].text;
        if (st.mode == LexState::Mode::BlockScalar) {
            if (isBlank(text)) {
                // Blank lines belong to the block scalar only if it goes on after them.
                int next = ln + 1;
                while (next < lines.size() && isBlank(lines[next].text))
                    ++next;
                const bool goesOn =
                    next < lines.size() && indentation(lines[next].text) > st.blockIndent;
                kinds.append(goesOn ? LineKind::Content : LineKind::Blank);
                continue;
            }
            if (indentation(text) > st.blockIndent) {
                kinds.append(LineKind::Content);
                continue;
            }
            st = LexState();
        }
        if (st.mode != LexState::Mode::Normal || st.flowDepth > 0) {
            kinds.append(LineKind::Content);
            scanLine(text, st);
            continue;
        }
        if (isBlank(text)) {
            kinds.append(LineKind::Blank);
            continue;
        }
        if (text[indentation(text)] == '#') {
            kinds.append(LineKind::Comment);
            continue;
        }
        kinds.append(LineKind::Content);
        scanLine(text, st);
    }
    return kinds;
}

int findComment(const QByteArray &line, int from)
{
    LexState st;
    return scanLine(line, st, from);
}

int keyColonEnd(const QByteArray &line, int keyCol)
{
    const int n = int(line.size());
    int i = keyCol;
    if (i >= n)
        return -1;
    if (line[i] == '"' || line[i] == '\'') {
        i = line[i] == '"' ? skipDoubleQuoted(line, i + 1) : skipSingleQuoted(line, i + 1);
        if (i < 0)
            return -1;
        while (i < n && isSpace(line[i]))
            ++i;
        return i < n && line[i] == ':' ? i + 1 : -1;
    }
    i = skipPlain(line, i, false);
    return i < n && line[i] == ':' ? i + 1 : -1;
}

bool quotedScalarIsClosed(const QByteArray &text, qsizetype pos)
{
    if (pos < 0 || pos >= text.size())
        return true;
    const char q = text[pos];
    if (q != '"' && q != '\'')
        return true;
    for (qsizetype i = pos + 1; i < text.size(); ++i) {
        if (q == '"' && text[i] == '\\') {
            ++i;
            continue;
        }
        if (text[i] == q) {
            if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
                ++i;
                continue;
            }
            return true;
        }
    }
    return false;
}

QByteArray formatScalar(const QString &value, ScalarKind kind)
{
    bool quote = value.isEmpty();
    if (!quote) {
        const QChar first = value.front();
        const QChar last = value.back();
        static const QString indicators = u"-?:,[]{}#&*!|>'\"%@`"_s;
        quote = indicators.contains(first) || first.isSpace() || last.isSpace() ||
                value.contains(u": "_s) || value.contains(u" #"_s) || value.endsWith(u':') ||
                value.contains(u'\t') || value.startsWith(u"---"_s) || value.startsWith(u"..."_s);
    }
    if (!quote)
        quote = kind == ScalarKind::Text
                    ? isBoolOrNullWord(value) || isNumberLike(value)
                    : (value == u"~"_s || value.compare(u"null"_s, Qt::CaseInsensitive) == 0);
    if (!quote)
        return value.toUtf8();
    QString q = value;
    q.replace(u"'"_s, u"''"_s);
    return "'" + q.toUtf8() + "'";
}

} // namespace ocs::configdetail
