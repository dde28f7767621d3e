// The writer behind ConfigFile::render(): edits the original text section by section.
//
// The file is cut into sections, one per top-level key, each running from its key line to the
// line before the next key. Unknown keys and sections whose value did not change are copied
// byte for byte. A changed section keeps its key line (and the comment on it), its comment
// lines and the text of items that stay; only the lines of items that were removed or changed
// are dropped (their inline comments are reported), and new items are written after the
// section's comments so that commented examples stay above them. Blank lines and comment lines
// at the very end of a section that sit at the key's column (after a blank line, or when the
// items are indented) belong to the gap before the next key and are always kept as they are.

#include "configanalysis.h"
#include "configkeys.h"
#include "configrules.h"
#include "logging.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace ocs::configdetail {

namespace {

// A section's new value in the form the writer needs it.
struct NewValue
{
    enum class Kind { Scalar, List, Map };
    Kind kind = Kind::Scalar;
    QString scalar;
    ScalarKind scalarKind = ScalarKind::Text;
    QStringList list;        // values as stored in ProjectConfig, for matching
    QList<QByteArray> texts; // list: how each value is written
    QList<std::pair<QString, QString>> map;
    bool yamlEntries = false; // map values are YAML, written as they are

    bool isEmpty() const
    {
        switch (kind) {
        case Kind::Scalar:
            return scalar.isEmpty();
        case Kind::List:
            return list.isEmpty();
        case Kind::Map:
            return map.isEmpty();
        }
        return true;
    }
};

ScalarKind scalarKind(const ConfigKey &key)
{
    return key.items == ConfigKey::Items::Text ? ScalarKind::Text : ScalarKind::Plain;
}

NewValue newValue(const ConfigKey &key, const ProjectConfig &c)
{
    NewValue v;
    const ConfigValue value = key.get(c);
    switch (key.shape) {
    case ConfigKey::Shape::Scalar:
        v.scalar = value.scalar;
        v.scalarKind = scalarKind(key);
        break;
    case ConfigKey::Shape::List:
        v.kind = NewValue::Kind::List;
        v.list = value.list;
        for (const QString &s : value.list)
            v.texts.append(formatScalar(s, scalarKind(key)));
        break;
    case ConfigKey::Shape::Map:
        v.kind = NewValue::Kind::Map;
        v.map = value.map;
        v.yamlEntries = key.yamlEntries;
        break;
    }
    return v;
}

NewValue newValue(const QString &key, const ProjectConfig &c)
{
    return newValue(*configkeys::find(key), c);
}

bool sameValue(const QString &key, const ProjectConfig &a, const ProjectConfig &b)
{
    const ConfigKey *k = configkeys::find(key);
    return k && k->get(a) == k->get(b);
}

QByteArray spaces(int n)
{
    return QByteArray(std::max(n, 0), ' ');
}

QByteArray mapLine(int indent, const QString &name, const QString &value, bool yaml = false)
{
    if (yaml) {
        return spaces(indent) + formatScalar(name) + ':' +
               (value.isEmpty() ? QByteArray() : ' ' + value.toUtf8());
    }
    return spaces(indent) + formatScalar(name) + ": " + formatScalar(value);
}

// The whitespace right before position `pos` of `line`.
QByteArray gapBefore(const QByteArray &line, int pos)
{
    int k = pos;
    while (k > 0 && (line[k - 1] == ' ' || line[k - 1] == '\t'))
        --k;
    const QByteArray gap = line.mid(k, pos - k);
    return gap.isEmpty() ? QByteArrayLiteral(" ") : gap;
}

class Writer
{
public:
    Writer(const Analysis &a, const ProjectConfig &config, QStringList *dropped)
        : m_a(a)
        , m_lines(a.source.lines)
        , m_config(config)
        , m_dropped(dropped)
    {
        m_kinds = classifyLines(m_lines);
        detectDefaults();
    }

    QByteArray run();

private:
    // Lines of a section body: an item (its first line and continuation lines) and the blank
    // and comment lines right above it.
    struct Unit
    {
        QList<int> leading;
        QList<int> body;
        int item = -1; // index into TopEntry::items, -1 for the key line's own continuation
    };

    void detectDefaults();
    int itemIndent(const TopEntry &e, int begin, int end, NewValue::Kind kind) const;
    int tailBegin(const TopEntry &e, int begin, int end, NewValue::Kind kind) const;
    void copy(int line) { m_out.append(m_lines[line]); }
    void add(const QByteArray &text) { m_out.append({text, m_a.source.eol}); }
    void drop(int line);
    void rewrite(const TopEntry &e, int begin, int end);
    void appendSection(const QString &key, const NewValue &v);
    int keyIndent() const { return m_a.entries.empty() ? 0 : m_a.entries.front().keyCol; }

    const Analysis &m_a;
    const QList<SourceLine> &m_lines;
    const ProjectConfig &m_config;
    QStringList *m_dropped;
    QList<LineKind> m_kinds;
    QList<SourceLine> m_out;
    int m_listIndent = 2; // relative to the key
    int m_mapIndent = 2;
    bool m_blankBetweenSections = false;
};

void Writer::detectDefaults()
{
    bool listSeen = false;
    bool mapSeen = false;
    for (size_t i = 0; i < m_a.entries.size(); ++i) {
        const TopEntry &e = m_a.entries[i];
        // Sections separated by blank lines: new sections get one too.
        for (int l = e.keyLine - 1; i > 0 && l >= 0 && m_kinds[l] != LineKind::Content; --l) {
            if (m_kinds[l] == LineKind::Blank)
                m_blankBetweenSections = true;
        }
        if (e.shape != TopEntry::Shape::Block || e.items.empty())
            continue;
        const int line = e.items.front().line;
        if (line < 0 || line >= m_lines.size())
            continue;
        const int rel = indentation(m_lines[line].text) - e.keyCol;
        if (e.blockList && !listSeen) {
            m_listIndent = std::max(rel, 0);
            listSeen = true;
        } else if (!e.blockList && !mapSeen && rel > 0) {
            m_mapIndent = rel;
            mapSeen = true;
        }
    }
}

int Writer::itemIndent(const TopEntry &e, int begin, int end, NewValue::Kind kind) const
{
    int indent = -1;
    if (e.shape == TopEntry::Shape::Block && !e.items.empty() &&
        e.blockList == (kind == NewValue::Kind::List)) {
        const int line = e.items.front().line;
        if (line > begin && line < end)
            indent = indentation(m_lines[line].text);
    }
    if (indent < 0 && kind != NewValue::Kind::Scalar) {
        // A commented example item tells how the file indents this section.
        static const QRegularExpression listExample(u"^#\\s*- "_s);
        static const QRegularExpression mapExample(u"^#\\s*[A-Za-z_][A-Za-z0-9_]*:(\\s|$)"_s);
        const QRegularExpression &re = kind == NewValue::Kind::List ? listExample : mapExample;
        for (int l = begin + 1; l < end && indent < 0; ++l) {
            if (m_kinds[l] != LineKind::Comment)
                continue;
            const QByteArray &t = m_lines[l].text;
            const int ind = indentation(t);
            if (re.match(QString::fromUtf8(t.mid(ind))).hasMatch())
                indent = ind;
        }
    }
    if (indent < 0) {
        indent = e.keyCol + (kind == NewValue::Kind::Map    ? m_mapIndent
                             : kind == NewValue::Kind::List ? m_listIndent
                                                            : 2);
    }
    if (kind == NewValue::Kind::Map && indent <= e.keyCol)
        indent = e.keyCol + 2;
    return std::max(indent, e.keyCol);
}

int Writer::tailBegin(const TopEntry &e, int begin, int end, NewValue::Kind kind) const
{
    int s = end;
    while (s > begin + 1 && m_kinds[s - 1] != LineKind::Content)
        --s;
    const bool indentedItems = itemIndent(e, begin, end, kind) > e.keyCol;
    for (int i = s; i < end; ++i) {
        bool outer = true;
        for (int l = i; l < end && outer; ++l) {
            if (m_kinds[l] == LineKind::Comment && indentation(m_lines[l].text) > e.keyCol)
                outer = false;
        }
        if (outer && (m_kinds[i] == LineKind::Blank || indentedItems))
            return i;
    }
    return end;
}

// A content line that is dropped: its comment, if any, is reported.
void Writer::drop(int line)
{
    const QByteArray &t = m_lines[line].text;
    if (m_kinds[line] == LineKind::Comment) {
        if (m_dropped)
            m_dropped->append(QString::fromUtf8(t.trimmed()));
        return;
    }
    const int c = findComment(t);
    if (c >= 0 && m_dropped)
        m_dropped->append(QString::fromUtf8(t.mid(c).trimmed()));
}

void Writer::rewrite(const TopEntry &e, int begin, int end)
{
    const NewValue v = newValue(e.name, m_config);
    const int tail = tailBegin(e, begin, end, v.kind);
    const int indent = itemIndent(e, begin, end, v.kind);

    // The key line: keep it if it has no value on it and the new value is a list or map;
    // otherwise rebuild it from the key, the new value and its comment.
    const QByteArray &keyText = m_lines[begin].text;
    const int colonEnd = keyColonEnd(keyText, e.keyCol);
    int afterColon = colonEnd;
    while (afterColon >= 0 && afterColon < keyText.size() &&
           (keyText[afterColon] == ' ' || keyText[afterColon] == '\t'))
        ++afterColon;
    const int comment = colonEnd >= 0 ? findComment(keyText, colonEnd) : -1;
    const bool inlineText =
        colonEnd < 0 || (afterColon < keyText.size() && keyText[afterColon] != '#');
    if (v.kind != NewValue::Kind::Scalar && !inlineText) {
        copy(begin);
    } else {
        QByteArray text =
            colonEnd >= 0 ? keyText.left(colonEnd) : spaces(e.keyCol) + formatScalar(e.name) + ':';
        if (v.kind == NewValue::Kind::Scalar && !v.scalar.isEmpty())
            text += ' ' + formatScalar(v.scalar, v.scalarKind);
        if (comment >= 0)
            text += gapBefore(keyText, comment) + keyText.mid(comment);
        m_out.append({text, m_lines[begin].eol});
    }

    // Cut the body into units.
    QHash<int, int> itemAt; // line -> item index
    if (e.shape == TopEntry::Shape::Block) {
        for (size_t i = 0; i < e.items.size(); ++i) {
            const int line = e.items[i].line;
            if (line > begin && line < tail && !itemAt.contains(line))
                itemAt.insert(line, int(i));
        }
    }
    Unit keyUnit;
    std::vector<Unit> units;
    QList<int> pending;
    for (int l = begin + 1; l < tail; ++l) {
        const auto it = itemAt.constFind(l);
        if (it != itemAt.constEnd()) {
            units.push_back({pending, {l}, *it});
            pending.clear();
            continue;
        }
        if (m_kinds[l] != LineKind::Content) {
            pending.append(l);
            continue;
        }
        Unit &cur = units.empty() ? keyUnit : units.back();
        if (&cur == &keyUnit && keyUnit.body.isEmpty())
            keyUnit.leading = std::exchange(pending, {});
        cur.body += pending;
        cur.body.append(l);
        pending.clear();
    }
    const QList<int> trailing = pending;

    // The rest of an old value written on or after the key line goes away.
    for (int l : std::as_const(keyUnit.leading))
        copy(l);
    for (int l : std::as_const(keyUnit.body))
        drop(l);

    // Match new items to old units.
    std::vector<int> match; // per new item: unit index or -1
    std::vector<bool> used(units.size(), false);
    const int newCount = int(v.kind == NewValue::Kind::List  ? v.list.size()
                             : v.kind == NewValue::Kind::Map ? v.map.size()
                                                             : 0);
    for (int j = 0; j < newCount; ++j) {
        int found = -1;
        for (size_t u = 0; u < units.size() && found < 0; ++u) {
            if (used[u])
                continue;
            const EntryItem &item = e.items[size_t(units[u].item)];
            const bool same =
                v.kind == NewValue::Kind::List
                    ? item.valid && e.blockList && item.value == v.list[j]
                    : !e.blockList && !item.key.isEmpty() && item.key == v.map[j].first;
            if (same)
                found = int(u);
        }
        if (found >= 0)
            used[size_t(found)] = true;
        match.push_back(found);
    }

    std::vector<bool> flushed(units.size(), false);
    bool trailingDone = false;
    // Leading lines of removed items before unit `limit` (INT_MAX: all, and the trailing
    // comments) are kept; the removed items' own lines are dropped.
    auto flushRemoved = [&](int limit) {
        for (size_t u = 0; u < units.size() && int(u) < limit; ++u) {
            if (used[u] || flushed[u])
                continue;
            flushed[u] = true;
            for (int l : std::as_const(units[u].leading))
                copy(l);
            for (int l : std::as_const(units[u].body))
                drop(l);
        }
        if (limit == INT_MAX && !trailingDone) {
            trailingDone = true;
            for (int l : trailing)
                copy(l);
        }
    };

    for (int j = 0; j < newCount; ++j) {
        const int u = match[size_t(j)];
        if (u < 0) {
            int next = INT_MAX;
            for (int k = j + 1; k < newCount; ++k) {
                if (match[size_t(k)] >= 0) {
                    next = match[size_t(k)];
                    break;
                }
            }
            flushRemoved(next);
            if (v.kind == NewValue::Kind::List)
                add(spaces(indent) + "- " + v.texts[j]);
            else
                add(mapLine(indent, v.map[j].first, v.map[j].second, v.yamlEntries));
            continue;
        }
        flushRemoved(u);
        Unit &unit = units[size_t(u)];
        flushed[size_t(u)] = true;
        for (int l : std::as_const(unit.leading))
            copy(l);
        const EntryItem &item = e.items[size_t(unit.item)];
        if (v.kind == NewValue::Kind::List || (item.valid && item.value == v.map[j].second)) {
            for (int l : std::as_const(unit.body))
                copy(l);
            continue;
        }
        // A map entry whose value changed: rewrite its line, keeping its comment.
        const int first = unit.body.front();
        const QByteArray &old = m_lines[first].text;
        QByteArray text = mapLine(indentation(old), v.map[j].first, v.map[j].second, v.yamlEntries);
        const int c = findComment(old);
        if (unit.body.size() == 1 && c >= 0) {
            text += gapBefore(old, c) + old.mid(c);
        } else {
            for (int l : std::as_const(unit.body))
                drop(l);
        }
        m_out.append({text, m_lines[first].eol});
    }
    flushRemoved(INT_MAX);

    for (int l = tail; l < end; ++l)
        copy(l);
}

void Writer::appendSection(const QString &key, const NewValue &v)
{
    if (!m_out.isEmpty()) {
        if (m_out.back().eol.isEmpty())
            m_out.back().eol = m_a.source.eol;
        if (m_blankBetweenSections && !m_out.back().text.trimmed().isEmpty())
            add(QByteArray());
    }
    const int k = keyIndent();
    const QByteArray keyText = spaces(k) + key.toUtf8() + ':';
    switch (v.kind) {
    case NewValue::Kind::Scalar:
        add(keyText + ' ' + formatScalar(v.scalar, v.scalarKind));
        break;
    case NewValue::Kind::List:
        add(keyText);
        for (const QByteArray &t : v.texts)
            add(spaces(k + m_listIndent) + "- " + t);
        break;
    case NewValue::Kind::Map:
        add(keyText);
        for (const auto &[name, value] : v.map)
            add(mapLine(k + m_mapIndent, name, value, v.yamlEntries));
        break;
    }
}

QByteArray Writer::run()
{
    using namespace configrules;
    const int lineCount = int(m_lines.size());
    const int docEnd = m_a.documentEndLine >= 0 ? m_a.documentEndLine : lineCount;
    const int firstKey = m_a.entries.empty() ? docEnd : m_a.entries.front().keyLine;

    QSet<QString> present;
    for (const TopEntry &e : m_a.entries)
        present.insert(e.name);

    for (int l = 0; l < firstKey; ++l)
        copy(l);
    if (!present.contains(KeySandboxName) && !m_a.entries.empty())
        add(spaces(keyIndent()) + "sandbox-name: " + formatScalar(m_config.sandboxName));

    for (size_t i = 0; i < m_a.entries.size(); ++i) {
        const TopEntry &e = m_a.entries[i];
        const int begin = e.keyLine;
        const int end = i + 1 < m_a.entries.size() ? m_a.entries[i + 1].keyLine : docEnd;
        if (!e.known) {
            for (int l = begin; l < end; ++l)
                copy(l);
        } else if (e.duplicate) {
            // A repeated key: the first one holds the value; this one goes.
            const int tail = tailBegin(e, begin, end, NewValue::Kind::Scalar);
            for (int l = begin; l < tail; ++l)
                drop(l);
            for (int l = tail; l < end; ++l)
                copy(l);
        } else if (!e.hasError && sameValue(e.name, m_a.config, m_config)) {
            for (int l = begin; l < end; ++l)
                copy(l);
        } else {
            rewrite(e, begin, end);
        }
    }

    for (const ConfigKey &key : configkeys::all()) {
        if (present.contains(key.name))
            continue;
        if (key.name == KeySandboxName) {
            if (m_a.entries.empty())
                appendSection(key.name, newValue(key, m_config));
            continue;
        }
        const NewValue v = newValue(key, m_config);
        if (!v.isEmpty())
            appendSection(key.name, v);
    }

    for (int l = docEnd; l < lineCount; ++l) {
        if (!m_out.isEmpty() && m_out.back().eol.isEmpty())
            m_out.back().eol = m_a.source.eol;
        copy(l);
    }

    QByteArray result;
    if (m_a.source.bom)
        result += "\xEF\xBB\xBF";
    for (qsizetype i = 0; i < m_out.size(); ++i) {
        result += m_out[i].text;
        QByteArray eol = m_out[i].eol;
        if (eol.isEmpty() && i + 1 < m_out.size())
            eol = m_a.source.eol;
        result += eol;
    }
    return result;
}

} // namespace

QByteArray renderConfig(const QByteArray &originalText, const ProjectConfig &config,
                        QStringList *droppedComments)
{
    if (droppedComments)
        droppedComments->clear();
    const Analysis a = analyse(originalText, QString());
    if (a.editable)
        return Writer(a, config, droppedComments).run();

    // The text cannot be edited in place (it is not valid YAML, or not a map of keys): write
    // the file anew in the same line-end style and report every comment of the old text.
    qCWarning(lcConfig) << "the config text cannot be edited in place; writing it anew";
    if (droppedComments) {
        for (const SourceLine &line : a.source.lines) {
            const QByteArray t = line.text.trimmed();
            if (t.startsWith('#'))
                droppedComments->append(QString::fromUtf8(t));
        }
    }
    QByteArray text = renderConfig(QByteArray(), config, nullptr);
    if (a.source.eol == "\r\n")
        text.replace("\n", "\r\n");
    if (a.source.bom)
        text.prepend("\xEF\xBB\xBF");
    return text;
}

// Each key of the table with its note and commented examples; the optional ones (the whole
// key a comment) after a line that says so.
QByteArray renderTemplate(const QString &sandboxName)
{
    QByteArray t = "# opencode-sandbox settings for this project.\n"
                   "# Remove the '#' in front of an example line to use it.\n";
    bool optionalPart = false;
    for (const ConfigKey &key : configkeys::all()) {
        const ConfigKey::Template &tmpl = key.tmpl;
        if (!tmpl.commented)
            t += '\n';
        else if (!std::exchange(optionalPart, true))
            t += "\n# Optional settings; remove the '#' to use one.\n";
        if (*tmpl.note) {
            for (const QByteArray &line : QByteArray(tmpl.note).split('\n'))
                t += "# " + line + '\n';
        }
        const QByteArray prefix = tmpl.commented ? "# " : "";
        t += prefix + key.name.toUtf8() + ':';
        if (key.required)
            t += ' ' + formatScalar(sandboxName);
        else if (key.shape == ConfigKey::Shape::Scalar && tmpl.commented &&
                 !tmpl.examples.isEmpty())
            t += ' ' + tmpl.examples.front().toUtf8();
        t += '\n';
        if (key.shape == ConfigKey::Shape::Scalar)
            continue;
        const QByteArray item = key.shape == ConfigKey::Shape::List ? "- " : "";
        for (const QString &example : tmpl.examples)
            t += (tmpl.commented ? "#   " : "  # ") + item + example.toUtf8() + '\n';
    }
    return t;
}

} // namespace ocs::configdetail
