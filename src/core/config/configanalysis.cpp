#include "configanalysis.h"

#include "configkeys.h"
#include "configrules.h"
#include "logging.h"
#include "secrets/secretpresets.h"
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

using namespace Qt::StringLiterals;

namespace ocs::configdetail {

namespace {

// The diagnostics are shown in the tray (German or English); the CLI prints the source text.
struct AnalysisText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::ConfigAnalysis)
};

constexpr qsizetype MaxFileSize = 1024 * 1024;

// The YAML document as a tree, built from yaml-cpp's parser events rather than YAML::Node:
// events keep what a Node loses (duplicate keys, anchors and aliases, whether a scalar was
// quoted, the position of every node).
struct YNode
{
    enum class Kind { Null, Scalar, Sequence, Map, Alias };
    Kind kind = Kind::Null;
    int line = 0;        // 0-based, from yaml-cpp's Mark
    int col = 0;         // 0-based byte column
    int pos = 0;         // byte offset in Source::yaml
    bool quoted = false; // quoted or block scalar (yaml-cpp's non-specific tag "!")
    std::string tag;     // an explicit tag ("!foo", "tag:yaml.org,2002:str"), else empty
    std::string anchor;  // "&name" on this node, else empty
    bool flow = false;   // flow collection ([...] or {...})
    std::string value;
    std::vector<std::unique_ptr<YNode>> children; // a map holds key, value, key, value, ...
};

class TreeBuilder final : public YAML::EventHandler
{
public:
    std::unique_ptr<YNode> root;
    int documents = 0;
    YAML::Mark documentMark;

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        ++documents;
        documentMark = mark;
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        add(YNode::Kind::Null, mark, std::string(), anchor);
    }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        YNode *n = add(YNode::Kind::Alias, mark, std::string(), 0);
        const auto it = m_anchorNames.find(anchor);
        if (it != m_anchorNames.end())
            n->value = it->second;
    }
    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        YNode *n = add(YNode::Kind::Scalar, mark, tag, anchor);
        n->value = value;
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override
    {
        YNode *n = add(YNode::Kind::Sequence, mark, tag, anchor);
        n->flow = style == YAML::EmitterStyle::Flow;
        m_stack.push_back(n);
    }
    void OnSequenceEnd() override { m_stack.pop_back(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override
    {
        YNode *n = add(YNode::Kind::Map, mark, tag, anchor);
        n->flow = style == YAML::EmitterStyle::Flow;
        m_stack.push_back(n);
    }
    void OnMapEnd() override { m_stack.pop_back(); }
    void OnAnchor(const YAML::Mark &, const std::string &name) override { m_pendingAnchor = name; }

private:
    YNode *add(YNode::Kind kind, const YAML::Mark &mark, const std::string &tag,
               YAML::anchor_t anchor)
    {
        auto node = std::make_unique<YNode>();
        node->kind = kind;
        node->line = mark.line;
        node->col = mark.column;
        node->pos = mark.pos;
        if (tag == "!")
            node->quoted = true;
        else if (tag != "?" && !tag.empty())
            node->tag = tag;
        if (anchor != 0) {
            node->anchor = m_pendingAnchor.empty() ? std::string("?") : m_pendingAnchor;
            m_anchorNames[anchor] = node->anchor;
        }
        m_pendingAnchor.clear();
        YNode *raw = node.get();
        if (m_stack.empty()) {
            if (!root)
                root = std::move(node);
        } else {
            m_stack.back()->children.push_back(std::move(node));
        }
        return raw;
    }

    std::vector<YNode *> m_stack;
    std::map<YAML::anchor_t, std::string> m_anchorNames;
    std::string m_pendingAnchor;
};

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString q(const QString &s)
{
    return u"'"_s + s + u"'"_s;
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> prev(size_t(b.size()) + 1);
    std::vector<int> cur(size_t(b.size()) + 1);
    for (size_t j = 0; j < prev.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int subst = prev[size_t(j - 1)] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[size_t(j)] = std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[size_t(b.size())];
}

QString parserHint(const std::string &msg, const QByteArray &line)
{
    for (char c : line) {
        if (c == '\t')
            return AnalysisText::tr("tabs are not allowed for indentation; use spaces");
        if (c != ' ')
            break;
    }
    if (msg == "end of map not found" || msg == "end of sequence not found")
        return AnalysisText::tr("check the indentation: the entries of one section must line up");
    if (msg == "illegal map value")
        return AnalysisText::tr(
            "a ': ' appears where it cannot; put the value in quotes or check the "
            "indentation");
    if (msg == "illegal block entry")
        return AnalysisText::tr(
            "a '- ' list item is where no list can start; check the indentation");
    if (msg == "end of sequence flow not found")
        return AnalysisText::tr("a '[' has no matching ']'");
    if (msg == "end of map flow not found")
        return AnalysisText::tr("a '{' has no matching '}'");
    if (msg.rfind("unknown escape character", 0) == 0)
        return AnalysisText::tr(
            "inside double quotes a backslash starts an escape; use single quotes");
    if (msg == "the referenced anchor is not defined")
        return AnalysisText::tr("aliases ('*name') are not supported in this file");
    return {};
}

QString tagText(const std::string &tag)
{
    const std::string core = "tag:yaml.org,2002:";
    if (tag.rfind(core, 0) == 0)
        return u"!!"_s + fromStd(tag.substr(core.size()));
    return fromStd(tag);
}

class Analyser
{
public:
    Analyser(Analysis &a, const QString &fileName)
        : m_a(a)
        , m_file(fileName)
    {}

    void run(const QByteArray &text);

private:
    struct NameUse
    {
        QString name;
        int line = 0;
        int col = 0;
        TopEntry *entry = nullptr;
        size_t item = 0;
    };

    void diag(Diagnostic::Severity severity, int line, int byteCol, const QString &message);
    void error(int line, int byteCol, const QString &message)
    {
        diag(Diagnostic::Severity::Error, line, byteCol, message);
    }
    void error(const YNode &n, const QString &message) { error(n.line, n.col, message); }
    void warning(const YNode &n, const QString &message)
    {
        diag(Diagnostic::Severity::Warning, n.line, n.col, message);
    }

    bool parseYaml(TreeBuilder &builder);
    void checkSyntax(const YNode &n, int depth);
    bool nodeAllowed(const YNode &n, const QString &where);
    std::optional<QString> scalarText(const YNode &n, const QString &where);
    std::pair<int, int> dashBefore(int line, int col, int minLine) const;
    void validate(TopEntry &e, const YNode &v, ProjectConfig &cfg);

    // A top-level value that must be a single scalar; nullopt on error or null (`isNull`).
    std::optional<QString> scalarSection(TopEntry &e, const YNode &v, bool *isNull);

    template<typename Check, typename Store>
    void listSection(TopEntry &e, const YNode &v, Check check, Store store);

    // `namesList`: a list of names ("- NAME") is read as a map of names without values.
    template<typename ValueCheck>
    void mapSection(TopEntry &e, const YNode &v, ValueCheck valueCheck,
                    QList<std::pair<QString, QString>> &out, bool namesList = false);

    // injected-secrets: one entry's value (null, or a map of hosts, header, preset,
    // git-hosts); its canonical text (secretpresets::toYaml) or nullopt on error.
    std::optional<QString> secretEntry(const QString &where, const QString &name, const YNode &k,
                                       const YNode &val);
    std::optional<QStringList> secretHosts(const QString &where, const YNode &n);
    // Each host of an injected secret must be whitelisted.
    void checkSecretHosts();
    // An env-passthrough entry whose name looks like a credential: inject it instead.
    void suggestInjection(const YNode &k, const QString &name);

    void crossCheckNames();
    void findDocumentEnd();

    Analysis &m_a;
    QString m_file;
    QList<LineKind> m_kinds;
    int m_errors = 0;
    std::vector<NameUse> m_names;
    std::vector<NameUse> m_secretHosts; // name: the host; for checkSecretHosts()
    QString m_secretName;               // the entry secretEntry() reads
    bool m_syntaxQuirk = false;
};

void Analyser::diag(Diagnostic::Severity severity, int line, int byteCol, const QString &message)
{
    Diagnostic d;
    d.severity = severity;
    d.file = m_file;
    if (line >= 0) {
        d.line = line + 1;
        d.column = m_a.source.charColumn(line, byteCol);
    }
    d.message = message;
    if (severity == Diagnostic::Severity::Error)
        ++m_errors;
    m_a.diagnostics.append(d);
}

bool Analyser::parseYaml(TreeBuilder &builder)
{
    std::istringstream in(m_a.source.yaml.toStdString());
    YAML::Parser parser(in);
    auto report = [this](const YAML::Exception &e) {
        const int line = e.mark.is_null() ? -1 : e.mark.line;
        int col = e.mark.is_null() ? 0 : e.mark.column;
        const QByteArray text = line >= 0 && line < m_a.source.lines.size()
                                    ? m_a.source.lines[line].text
                                    : QByteArray();
        // yaml-cpp marks a bad escape just past it ("\d" -> after the 'd'): point at the '\'.
        if (e.msg.rfind("unknown escape character", 0) == 0 && col >= 2 && col - 2 < text.size() &&
            text[col - 2] == '\\')
            col -= 2;
        const QString hint = parserHint(e.msg, text);
        error(line, col,
              AnalysisText::tr("not valid YAML: %1%2")
                  .arg(fromStd(e.msg), hint.isEmpty() ? QString() : u"; "_s + hint));
    };
    try {
        parser.HandleNextDocument(builder);
    } catch (const YAML::Exception &e) {
        report(e);
        return false;
    }
    TreeBuilder second;
    try {
        if (parser.HandleNextDocument(second) || second.documents > 0) {
            error(second.documentMark.line, second.documentMark.column,
                  AnalysisText::tr(
                      "the file holds more than one YAML document ('---'); keep only the first"));
            return false;
        }
    } catch (const YAML::Exception &e) {
        if (second.documents > 0) {
            error(second.documentMark.line, second.documentMark.column,
                  AnalysisText::tr(
                      "the file holds more than one YAML document ('---'); keep only the first"));
        } else {
            report(e);
        }
        return false;
    }
    return true;
}

// Two things yaml-cpp 0.7 accepts that YAML does not:
// - a quoted scalar whose closing quote is missing (it runs to the end of the input,
//   swallowing the rest of the file);
// - a line without ':' at the end of a block mapping ("memory4g"), taken for a key with an
//   empty value. Top-level keys are checked in run().
void Analyser::checkSyntax(const YNode &n, int depth)
{
    if (n.kind == YNode::Kind::Scalar && n.quoted &&
        !quotedScalarIsClosed(m_a.source.yaml, n.pos)) {
        error(n, AnalysisText::tr("the closing quote of this value is missing"));
    }
    if (n.kind == YNode::Kind::Map && !n.flow && depth > 0) {
        for (size_t i = 0; i + 1 < n.children.size(); i += 2) {
            const YNode &k = *n.children[i];
            if (k.kind != YNode::Kind::Scalar || k.line >= m_a.source.lines.size() ||
                keyColonEnd(m_a.source.lines[k.line].text, k.col) >= 0)
                continue;
            error(k, AnalysisText::tr(
                         "not valid YAML: %1 has no ':' after it; write 'key: value' on one "
                         "line")
                         .arg(q(fromStd(k.value))));
            m_syntaxQuirk = true;
        }
    }
    for (const auto &c : n.children)
        checkSyntax(*c, depth + 1);
}

// Anchors, aliases and tags: the reference's subset has none of them, and an alias could make
// a value come from somewhere else in the file, so they are rejected with a clear message
// rather than interpreted.
bool Analyser::nodeAllowed(const YNode &n, const QString &where)
{
    if (n.kind == YNode::Kind::Alias) {
        error(n, AnalysisText::tr(
                     "%1: aliases ('*%2') are not supported in this file; write the value out in "
                     "full")
                     .arg(where, fromStd(n.value)));
        return false;
    }
    bool ok = true;
    if (!n.anchor.empty()) {
        error(n, AnalysisText::tr(
                     "%1: anchors ('&%2') are not supported in this file; remove the anchor")
                     .arg(where, fromStd(n.anchor)));
        ok = false;
    }
    if (!n.tag.empty()) {
        error(n, AnalysisText::tr("%1: tags ('%2') are not supported in this file; remove the tag")
                     .arg(where, tagText(n.tag)));
        ok = false;
    }
    return ok;
}

std::optional<QString> Analyser::scalarText(const YNode &n, const QString &where)
{
    const QString v = fromStd(n.value);
    if (n.quoted && !quotedScalarIsClosed(m_a.source.yaml, n.pos))
        return std::nullopt; // reported by checkQuotes()
    const QString problem = configrules::controlCharacterProblem(v);
    if (!problem.isEmpty()) {
        error(n, where + u": "_s + problem);
        return std::nullopt;
    }
    return v;
}

// Where the '-' of a block sequence item is: on the item's line, or (for an empty item, whose
// mark yaml-cpp puts at the next token) on an earlier line.
std::pair<int, int> Analyser::dashBefore(int line, int col, int minLine) const
{
    const auto &lines = m_a.source.lines;
    auto dashAtEnd = [](const QByteArray &t) {
        int k = int(t.size()) - 1;
        while (k >= 0 && (t[k] == ' ' || t[k] == '\t'))
            --k;
        if (k >= 0 && t[k] == '-' && (k == 0 || t[k - 1] == ' ' || t[k - 1] == '\t'))
            return k;
        return k >= 0 ? -2 : -1; // -2: something else, -1: nothing
    };
    if (line < lines.size()) {
        const int k = dashAtEnd(lines[line].text.left(col));
        if (k >= 0)
            return {line, k};
        if (k == -2)
            return {line, col};
    }
    for (int l = std::min(line, int(lines.size())) - 1; l >= minLine; --l) {
        if (m_kinds[l] != LineKind::Content)
            continue;
        QByteArray t = lines[l].text;
        const int c = findComment(t);
        if (c >= 0)
            t.truncate(c);
        const int k = dashAtEnd(t);
        if (k >= 0)
            return {l, k};
        break;
    }
    return {line, col};
}

std::optional<QString> Analyser::scalarSection(TopEntry &e, const YNode &v, bool *isNull)
{
    *isNull = false;
    if (!nodeAllowed(v, e.name))
        return std::nullopt;
    switch (v.kind) {
    case YNode::Kind::Null:
        e.shape = TopEntry::Shape::Null;
        *isNull = true;
        return std::nullopt;
    case YNode::Kind::Scalar:
        e.shape = TopEntry::Shape::Inline;
        return scalarText(v, e.name);
    case YNode::Kind::Sequence:
    case YNode::Kind::Map:
        e.shape = v.flow ? TopEntry::Shape::Inline : TopEntry::Shape::Block;
        error(v, AnalysisText::tr("%1 must be a single value, not a %2")
                     .arg(e.name, v.kind == YNode::Kind::Sequence ? AnalysisText::tr("list")
                                                                  : AnalysisText::tr("map")));
        return std::nullopt;
    case YNode::Kind::Alias:
        break;
    }
    return std::nullopt;
}

template<typename Check, typename Store>
void Analyser::listSection(TopEntry &e, const YNode &v, Check check, Store store)
{
    const QString &key = e.name;
    if (!nodeAllowed(v, key))
        return;
    switch (v.kind) {
    case YNode::Kind::Null:
        e.shape = TopEntry::Shape::Null;
        return;
    case YNode::Kind::Scalar:
        e.shape = TopEntry::Shape::Inline;
        error(v,
              AnalysisText::tr("%1 must be a list; write each entry on its own line as '- value'")
                  .arg(key));
        return;
    case YNode::Kind::Map:
        e.shape = v.flow ? TopEntry::Shape::Inline : TopEntry::Shape::Block;
        error(v, AnalysisText::tr(
                     "%1 must be a list of '- value' lines, not a map of 'key: value' lines")
                     .arg(key));
        return;
    case YNode::Kind::Sequence:
        e.shape = v.flow ? TopEntry::Shape::Inline : TopEntry::Shape::Block;
        e.blockList = true;
        break;
    case YNode::Kind::Alias:
        return;
    }
    QHash<QString, int> seen; // value -> 1-based line
    for (const auto &child : v.children) {
        const YNode &c = *child;
        EntryItem item;
        item.line = c.line;
        int line = c.line;
        int col = c.col;
        if (!v.flow) {
            const auto [dashLine, dashCol] = dashBefore(c.line, c.col, e.keyLine + 1);
            item.line = dashLine;
            if (c.kind == YNode::Kind::Null) {
                line = dashLine;
                col = dashCol;
            }
        }
        if (c.kind == YNode::Kind::Null) {
            error(line, col,
                  AnalysisText::tr("%1: empty entry; remove the '-' line or write a value after it")
                      .arg(key));
        } else if (!nodeAllowed(c, key)) {
            // reported
        } else if (c.kind == YNode::Kind::Sequence || c.kind == YNode::Kind::Map) {
            error(c, AnalysisText::tr(
                         "%1: each entry must be a single value; nested lists or maps are not "
                         "supported here")
                         .arg(key));
        } else if (const auto text = scalarText(c, key)) {
            if (const std::optional<QString> value = check(*text, c)) {
                item.value = *value;
                const auto it = seen.constFind(*value);
                if (it != seen.constEnd()) {
                    error(c, AnalysisText::tr(
                                 "%1: %2 is listed twice (also on line %3); remove one of them")
                                 .arg(key, q(*text))
                                 .arg(*it));
                } else {
                    seen.insert(*value, c.line + 1);
                    item.valid = true;
                    store(*value);
                }
            }
        }
        e.items.push_back(item);
    }
}

template<typename ValueCheck>
void Analyser::mapSection(TopEntry &e, const YNode &v, ValueCheck valueCheck,
                          QList<std::pair<QString, QString>> &out, bool namesList)
{
    const QString &key = e.name;
    if (!nodeAllowed(v, key))
        return;
    switch (v.kind) {
    case YNode::Kind::Null:
        e.shape = TopEntry::Shape::Null;
        return;
    case YNode::Kind::Scalar:
        e.shape = TopEntry::Shape::Inline;
        error(v, AnalysisText::tr(
                     "%1 must be a map; write each variable on its own line as 'NAME: value'")
                     .arg(key));
        return;
    case YNode::Kind::Sequence: {
        e.shape = v.flow ? TopEntry::Shape::Inline : TopEntry::Shape::Block;
        e.blockList = true;
        if (namesList)
            break;
        QString hint;
        if (!v.children.empty() && v.children.front()->kind == YNode::Kind::Scalar) {
            const QString first = fromStd(v.children.front()->value);
            const qsizetype eq = first.indexOf(u'=');
            if (eq > 0) {
                hint = AnalysisText::tr(" (write '%1: %2' instead of '- %3')")
                           .arg(first.left(eq), first.mid(eq + 1), first);
            }
        }
        error(v, AnalysisText::tr("%1 must be a map of 'NAME: value' lines, not a list%2")
                     .arg(key, hint));
        return;
    }
    case YNode::Kind::Map:
        e.shape = v.flow ? TopEntry::Shape::Inline : TopEntry::Shape::Block;
        break;
    case YNode::Kind::Alias:
        return;
    }
    QHash<QString, int> seen; // name -> 1-based line
    const bool list = v.kind == YNode::Kind::Sequence;
    const size_t step = list ? 1 : 2;
    for (size_t i = 0; i + step - 1 < v.children.size(); i += step) {
        const YNode &k = *v.children[i];
        YNode none; // a list item's value: nothing
        none.line = k.line;
        none.col = k.col;
        const YNode &val = list ? none : *v.children[i + 1];
        EntryItem item;
        item.line = k.line;
        if (list && !v.flow)
            item.line = dashBefore(k.line, k.col, e.keyLine + 1).first;
        std::optional<QString> name;
        if (!nodeAllowed(k, key)) {
            // reported
        } else if (list && k.kind == YNode::Kind::Map) {
            error(k, AnalysisText::tr("%1: write 'NAME: {...}' entries without the '- ' in front "
                                      "(a map), or '- NAME' alone")
                         .arg(key));
        } else if (k.kind != YNode::Kind::Scalar) {
            error(k, AnalysisText::tr("%1: each key must be a variable name").arg(key));
        } else {
            name = scalarText(k, key);
        }
        bool nameOk = false;
        if (name) {
            item.key = *name;
            const QString nameProblem = configrules::checkEnvName(*name);
            const QString reserved = configrules::reservedEnvReason(*name);
            const auto it = seen.constFind(*name);
            if (!nameProblem.isEmpty()) {
                error(k, key + u": "_s + nameProblem);
            } else if (it != seen.constEnd()) {
                error(k, AnalysisText::tr("%1: duplicate key %2 (first on line %3); keep only one")
                             .arg(key, q(*name))
                             .arg(*it));
            } else {
                seen.insert(*name, k.line + 1);
                if (!reserved.isEmpty())
                    error(k, key + u": "_s + reserved);
                else
                    nameOk = true;
            }
        }
        const QString where = u"%1: %2"_s.arg(key, name ? *name : QString());
        std::optional<QString> value;
        if (nodeAllowed(val, where))
            value = valueCheck(where, name.value_or(QString()), k, val);
        if (value)
            item.value = *value;
        item.valid = nameOk && value.has_value();
        if (item.valid) {
            out.append({*name, *value});
            if (!e.duplicate)
                m_names.push_back({*name, k.line, k.col, &e, e.items.size()});
        }
        e.items.push_back(item);
    }
}

std::optional<QStringList> Analyser::secretHosts(const QString &where, const YNode &n)
{
    std::vector<const YNode *> nodes;
    if (n.kind == YNode::Kind::Scalar) {
        nodes.push_back(&n);
    } else if (n.kind == YNode::Kind::Sequence) {
        for (const auto &c : n.children)
            nodes.push_back(c.get());
    } else {
        error(
            n,
            AnalysisText::tr("%1: write the hosts as a list such as [api.example.com]").arg(where));
        return std::nullopt;
    }
    QStringList hosts;
    bool ok = true;
    for (const YNode *c : nodes) {
        if (!nodeAllowed(*c, where)) {
            ok = false;
            continue;
        }
        if (c->kind != YNode::Kind::Scalar) {
            error(*c, AnalysisText::tr("%1: each host must be a single name").arg(where));
            ok = false;
            continue;
        }
        const std::optional<QString> text = scalarText(*c, where);
        if (!text) {
            ok = false;
            continue;
        }
        QString host;
        const QString problem = configrules::checkSecretHost(*text, &host);
        if (!problem.isEmpty()) {
            error(*c, where + u": "_s + problem);
            ok = false;
        } else if (hosts.contains(host)) {
            error(*c, AnalysisText::tr("%1: %2 is listed twice; remove one").arg(where, q(host)));
            ok = false;
        } else {
            hosts << host;
            m_secretHosts.push_back({host, c->line, c->col, nullptr, 0});
        }
    }
    if (!ok)
        return std::nullopt;
    return hosts;
}

std::optional<QString> Analyser::secretEntry(const QString &where, const QString &name,
                                             const YNode &k, const YNode &val)
{
    using namespace secretpresets;
    const QString example = u"{hosts: [api.example.com], header: 'Authorization: Bearer {}'}"_s;
    const size_t firstHost = m_secretHosts.size();
    if (val.kind == YNode::Kind::Null) {
        const Preset *p = forVariable(name);
        if (!p) {
            error(k, AnalysisText::tr("%1: no preset is known for %2; write its hosts and header "
                                      "as '%2: %3', or choose a preset with '{preset: NAME}'")
                         .arg(where, name, example));
            return std::nullopt;
        }
        for (const QString &h : p->hosts + p->gitHosts)
            m_secretHosts.push_back({h, k.line, k.col, nullptr, 0});
        return toYaml(apply(name, *p));
    }
    if (val.kind != YNode::Kind::Map) {
        error(val, AnalysisText::tr("%1: the value must be a map such as '%2' (or nothing, for "
                                    "a name with a preset)")
                       .arg(where, example));
        return std::nullopt;
    }
    const YNode *presetNode = nullptr;
    const YNode *hostsNode = nullptr;
    const YNode *headerNode = nullptr;
    const YNode *gitNode = nullptr;
    bool ok = true;
    QSet<QString> fields;
    for (size_t i = 0; i + 1 < val.children.size(); i += 2) {
        const YNode &fk = *val.children[i];
        const YNode &fv = *val.children[i + 1];
        if (!nodeAllowed(fk, where) || !nodeAllowed(fv, where)) {
            ok = false;
            continue;
        }
        const QString field = fk.kind == YNode::Kind::Scalar ? fromStd(fk.value) : QString();
        if (fields.contains(field)) {
            error(fk,
                  AnalysisText::tr("%1: %2 is written twice; keep only one").arg(where, q(field)));
            ok = false;
            continue;
        }
        fields.insert(field);
        if (field == u"preset"_s)
            presetNode = &fv;
        else if (field == u"hosts"_s)
            hostsNode = &fv;
        else if (field == u"header"_s)
            headerNode = &fv;
        else if (field == u"git-hosts"_s)
            gitNode = &fv;
        else {
            error(fk, AnalysisText::tr("%1: unknown field %2; use hosts, header, preset or "
                                       "git-hosts")
                          .arg(where, q(field)));
            ok = false;
        }
    }
    QString presetName;
    if (presetNode) {
        const std::optional<QString> text =
            presetNode->kind == YNode::Kind::Scalar ? scalarText(*presetNode, where) : std::nullopt;
        if (presetNode->kind != YNode::Kind::Scalar)
            error(*presetNode, AnalysisText::tr("%1: preset must be a single name").arg(where));
        if (!text) {
            ok = false;
        } else if (!find(*text)) {
            QStringList known;
            for (const Preset &p : all())
                known << p.name;
            error(*presetNode, AnalysisText::tr("%1: unknown preset %2; known presets: %3")
                                   .arg(where, q(*text), known.join(u", "_s)));
            ok = false;
        } else {
            presetName = *text;
        }
    }
    if (!ok)
        return std::nullopt;
    InjectedSecret s = defaults(name, presetName);
    if (!presetName.isEmpty())
        s.preset = presetName;
    if (hostsNode) {
        const std::optional<QStringList> hosts = secretHosts(where, *hostsNode);
        if (!hosts)
            return std::nullopt;
        s.hosts = *hosts;
    }
    if (gitNode) {
        const std::optional<QStringList> hosts =
            gitNode->kind == YNode::Kind::Null ? QStringList() : secretHosts(where, *gitNode);
        if (!hosts)
            return std::nullopt;
        s.gitHosts = *hosts;
    }
    if (headerNode) {
        const std::optional<QString> text =
            headerNode->kind == YNode::Kind::Scalar ? scalarText(*headerNode, where) : std::nullopt;
        if (headerNode->kind != YNode::Kind::Scalar)
            error(*headerNode,
                  AnalysisText::tr("%1: header must be a single value such as 'x-api-key' or "
                                   "'Authorization: Bearer {}'")
                      .arg(where));
        if (!text)
            return std::nullopt;
        QString header;
        QString format;
        splitHeader(*text, &header, &format);
        QString problem = configrules::checkSecretHeader(header);
        if (problem.isEmpty())
            problem = configrules::checkSecretFormat(format);
        if (!problem.isEmpty()) {
            error(*headerNode, where + u": "_s + problem);
            return std::nullopt;
        }
        s.header = header;
        s.format = format;
    }
    const YNode &at = presetNode ? *presetNode : k;
    if (s.hosts.isEmpty()) {
        error(hostsNode ? *hostsNode : at,
              AnalysisText::tr("%1: no host; name the hosts the secret is for, e.g. '%2'")
                  .arg(where, example));
        return std::nullopt;
    }
    if (s.header.isEmpty()) {
        error(at, AnalysisText::tr("%1: no header; write e.g. 'header: x-api-key' or 'header: "
                                   "'Authorization: Bearer {}''")
                      .arg(where));
        return std::nullopt;
    }
    // Hosts from the preset: their errors point at the preset (or the name).
    QStringList explicitHosts;
    for (size_t i = firstHost; i < m_secretHosts.size(); ++i)
        explicitHosts << m_secretHosts[i].name;
    for (const QString &h : s.hosts + s.gitHosts) {
        if (!explicitHosts.contains(h))
            m_secretHosts.push_back({h, at.line, at.col, nullptr, 0});
    }
    return toYaml(s);
}

// A known key's value, checked by the key's rule (configkeys.h) and stored in `cfg`.
void Analyser::validate(TopEntry &e, const YNode &v, ProjectConfig &cfg)
{
    const ConfigKey &key = *configkeys::find(e.name);
    const QString &name = e.name;
    ConfigValue value;
    switch (key.shape) {
    case ConfigKey::Shape::Scalar: {
        bool isNull = false;
        const std::optional<QString> text = scalarSection(e, v, &isNull);
        if (isNull && key.required)
            error(e.keyLine, e.keyCol,
                  AnalysisText::tr("%1 is empty; %2")
                      .arg(name, AnalysisText::tr(key.emptyHint.toUtf8().constData())));
        if (!text)
            return;
        const QString problem = key.check(*text, &value.scalar);
        if (!problem.isEmpty()) {
            error(v, name + u": "_s + problem);
            return;
        }
        break;
    }
    case ConfigKey::Shape::List:
        listSection(
            e, v,
            [&](const QString &text, const YNode &n) -> std::optional<QString> {
                QString stored;
                const QString problem = key.check(text, &stored);
                if (!problem.isEmpty()) {
                    error(n, name + u": "_s + problem);
                    return std::nullopt;
                }
                if (key.warn) {
                    if (const QString w = key.warn(stored); !w.isEmpty())
                        warning(n, name + u": "_s + w);
                }
                return stored;
            },
            [&](const QString &stored) { value.list.append(stored); });
        break;
    case ConfigKey::Shape::Map:
        if (name == configrules::KeyInjectedSecrets) {
            mapSection(
                e, v,
                [&](const QString &where, const QString &entryName, const YNode &k,
                    const YNode &val) -> std::optional<QString> {
                    const size_t firstHost = m_secretHosts.size();
                    const std::optional<QString> text = secretEntry(where, entryName, k, val);
                    if (!text) {
                        m_secretHosts.resize(firstHost);
                    } else {
                        for (size_t i = firstHost; i < m_secretHosts.size(); ++i) {
                            m_secretHosts[i].entry = &e;
                            m_secretHosts[i].item = e.items.size();
                        }
                    }
                    return text;
                },
                value.map, true);
            break;
        }
        mapSection(
            e, v,
            [&](const QString &where, const QString &entryName, const YNode &k,
                const YNode &val) -> std::optional<QString> {
                if (val.kind == YNode::Kind::Null) {
                    const QString problem = key.checkEntry(entryName, nullptr);
                    if (!problem.isEmpty()) {
                        error(k, where + u": "_s + problem);
                        return std::nullopt;
                    }
                    return QString();
                }
                if (val.kind != YNode::Kind::Scalar) {
                    error(val,
                          AnalysisText::tr("%1: the value must be %2, not a list or map")
                              .arg(where, AnalysisText::tr(key.entryNoun.toUtf8().constData())));
                    return std::nullopt;
                }
                const std::optional<QString> text = scalarText(val, where);
                if (!text)
                    return std::nullopt;
                const QString problem = key.checkEntry(entryName, &*text);
                if (!problem.isEmpty()) {
                    error(val, where + u": "_s + problem);
                    return std::nullopt;
                }
                if (name == configrules::KeyEnvPassthrough)
                    suggestInjection(k, entryName);
                return text;
            },
            value.map);
        break;
    }
    key.set(cfg, value);
}

// A variable set by both env-passthrough and env (or twice) would be ambiguous.
void Analyser::crossCheckNames()
{
    std::stable_sort(m_names.begin(), m_names.end(), [](const NameUse &a, const NameUse &b) {
        return a.line != b.line ? a.line < b.line : a.col < b.col;
    });
    QStringList names;
    for (const NameUse &use : m_names)
        names << use.name;
    const QList<qsizetype> earlier = configrules::earlierUses(names);
    for (size_t i = 0; i < m_names.size(); ++i) {
        if (earlier[qsizetype(i)] < 0)
            continue;
        const NameUse &use = m_names[i];
        const NameUse &first = m_names[size_t(earlier[qsizetype(i)])];
        error(use.line, use.col,
              AnalysisText::tr(
                  "%1: %2 is also set in %3 (line %4); a variable can come from only one place")
                  .arg(use.entry->name, use.name, first.entry->name)
                  .arg(first.line + 1));
        use.entry->hasError = true;
        use.entry->items[use.item].valid = false;
    }
}

void Analyser::suggestInjection(const YNode &k, const QString &name)
{
    if (!SecretStore::looksLikeSecret(name))
        return;
    QString hint;
    if (secretpresets::forVariable(name))
        hint = AnalysisText::tr(" (it has a preset: '%1:' is enough)").arg(name);
    Diagnostic d;
    d.severity = Diagnostic::Severity::Warning;
    d.file = m_file;
    d.line = k.line + 1;
    d.column = m_a.source.charColumn(k.line, k.col);
    d.message =
        AnalysisText::tr("%1: %2 looks like a credential, which the agent can read and "
                         "send to any whitelisted host; list it in %3 instead, so that "
                         "the agent sees only a placeholder%4")
            .arg(configrules::KeyEnvPassthrough, name, configrules::KeyInjectedSecrets, hint);
    m_a.suggestions.append(d);
}

void Analyser::checkSecretHosts()
{
    std::vector<EntryItem *> failed;
    for (const NameUse &use : m_secretHosts) {
        if (!use.entry || use.entry->duplicate)
            continue;
        EntryItem &item = use.entry->items[use.item];
        if (!item.valid) // reported
            continue;
        if (configrules::domainListed(m_a.config.httpDomainWhitelist, use.name))
            continue;
        error(
            use.line, use.col,
            AnalysisText::tr("%1: %2: %3 is not in %4; whitelist it too (the agent must be able "
                             "to reach it)")
                .arg(use.entry->name, item.key, q(use.name), configrules::KeyHttpDomainWhitelist));
        use.entry->hasError = true;
        failed.push_back(&item);
    }
    for (EntryItem *item : failed)
        item->valid = false;
}

void Analyser::findDocumentEnd()
{
    if (m_a.entries.empty())
        return;
    const auto &lines = m_a.source.lines;
    for (int l = m_a.entries.back().keyLine + 1; l < lines.size(); ++l) {
        if (m_kinds[l] != LineKind::Content)
            continue;
        const QByteArray &t = lines[l].text;
        if (t.startsWith("...") && (t.size() == 3 || t[3] == ' ' || t[3] == '\t')) {
            m_a.documentEndLine = l;
            return;
        }
    }
}

void Analyser::run(const QByteArray &text)
{
    using namespace configrules;
    if (text.size() > MaxFileSize) {
        error(-1, 0,
              AnalysisText::tr("the file is too large (%1 bytes); a config file is a few lines")
                  .arg(text.size()));
        return;
    }
    m_a.source = readSource(text);
    const Source &src = m_a.source;
    for (const SourceProblem &p : src.problems)
        error(p.line, p.byteCol, p.message);
    if (!src.problems.isEmpty())
        return;
    m_kinds = classifyLines(src.lines);

    TreeBuilder builder;
    if (!parseYaml(builder))
        return;
    if (builder.root)
        checkSyntax(*builder.root, 0);

    const YNode *root = builder.root.get();
    if (!root || (root->kind == YNode::Kind::Null && root->anchor.empty())) {
        m_a.noDocument = true;
        m_a.editable = true;
        const bool onlyComments = std::any_of(m_kinds.cbegin(), m_kinds.cend(),
                                              [](LineKind k) { return k != LineKind::Blank; });
        error(-1, 0,
              onlyComments ? AnalysisText::tr(
                                 "the file holds no settings, only comments; it needs at least a "
                                 "line such as 'sandbox-name: my-project'")
                           : AnalysisText::tr("the file is empty; it needs at least a line such as "
                                              "'sandbox-name: my-project'"));
        return;
    }
    nodeAllowed(*root, AnalysisText::tr("the top level"));
    if (root->kind != YNode::Kind::Map) {
        error(
            *root,
            AnalysisText::tr("the file must be a map of 'key: value' lines (such as 'sandbox-name: "
                             "my-project'), not %1")
                .arg(root->kind == YNode::Kind::Sequence ? AnalysisText::tr("a list")
                                                         : AnalysisText::tr("a single value")));
        return;
    }
    if (root->flow) {
        error(*root, AnalysisText::tr(
                         "write the top-level keys one per line ('key: value'); a '{ ... }' map "
                         "is not supported here"));
        return;
    }

    // Top-level entries.
    m_a.editable = true;
    std::vector<const YNode *> values;
    QHash<QString, int> seen; // name -> 1-based line
    QStringList known;
    for (const ConfigKey &k : configkeys::all())
        known << k.name;
    for (size_t i = 0; i + 1 < root->children.size(); i += 2) {
        const YNode &k = *root->children[i];
        const YNode &v = *root->children[i + 1];
        const QByteArray before =
            k.line < src.lines.size() ? src.lines[k.line].text.left(k.col) : QByteArray();
        if (!before.trimmed().isEmpty()) {
            error(k, AnalysisText::tr(
                         "write each top-level key at the start of its own line as 'key: value' "
                         "(explicit '? key' entries are not supported)"));
            m_a.editable = false;
            continue;
        }
        if (k.kind != YNode::Kind::Scalar || !nodeAllowed(k, AnalysisText::tr("a top-level key"))) {
            if (k.kind == YNode::Kind::Null)
                error(k, AnalysisText::tr("a line starts with ':' but has no key name before it"));
            else if (k.kind != YNode::Kind::Alias)
                error(k, AnalysisText::tr(
                             "top-level keys must be plain names such as 'sandbox-name'"));
            m_a.editable = false;
            continue;
        }
        // yaml-cpp 0.7 takes a last line without ':' ("memory4g") for a key with an empty
        // value; YAML does not.
        if (k.line >= src.lines.size() || keyColonEnd(src.lines[k.line].text, k.col) < 0) {
            error(k, AnalysisText::tr(
                         "not valid YAML: %1 has no ':' after it; write 'key: value' on one "
                         "line")
                         .arg(q(fromStd(k.value))));
            m_a.editable = false;
            continue;
        }
        TopEntry e;
        e.name = fromStd(k.value);
        e.keyLine = k.line;
        e.keyCol = k.col;
        e.known = known.contains(e.name);
        const auto it = seen.constFind(e.name);
        if (it != seen.constEnd()) {
            e.duplicate = true;
            error(k, AnalysisText::tr("duplicate key %1 (first on line %2); merge the two into one")
                         .arg(q(e.name))
                         .arg(*it));
        } else {
            seen.insert(e.name, k.line + 1);
        }
        m_a.entries.push_back(e);
        values.push_back(&v);
    }
    if (builder.root->children.size() % 2 != 0)
        m_a.editable = false; // cannot happen with yaml-cpp; be safe

    for (size_t i = 0; i < m_a.entries.size(); ++i) {
        TopEntry &e = m_a.entries[i];
        const YNode &v = *values[i];
        if (!e.known) {
            e.shape = v.kind == YNode::Kind::Null ? TopEntry::Shape::Null
                      : (v.kind == YNode::Kind::Sequence || v.kind == YNode::Kind::Map) && !v.flow
                          ? TopEntry::Shape::Block
                          : TopEntry::Shape::Inline;
            if (!e.duplicate) {
                QString hint;
                for (const QString &k : known) {
                    if (editDistance(e.name.toLower(), k) <= 2) {
                        hint = AnalysisText::tr("; did you mean %1?").arg(q(k));
                        break;
                    }
                }
                diag(Diagnostic::Severity::Warning, e.keyLine, e.keyCol,
                     AnalysisText::tr(
                         "unknown key %1 is ignored (it is kept when the file is saved)%2")
                         .arg(q(e.name), hint));
                m_a.config.unknownKeys.append(e.name);
            }
            continue;
        }
        const int before = m_errors;
        ProjectConfig scratch;
        validate(e, v, e.duplicate ? scratch : m_a.config);
        e.hasError = m_errors > before;
    }
    crossCheckNames();
    checkSecretHosts();
    for (const ConfigKey &k : configkeys::all()) {
        if (k.required && !seen.contains(k.name)) {
            error(-1, 0,
                  AnalysisText::tr("%1 is missing; add a line such as '%1: %2'")
                      .arg(k.name, k.example));
        }
    }
    findDocumentEnd();
    if (m_syntaxQuirk)
        m_a.editable = false;
}

} // namespace

bool Analysis::hasErrors() const
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(),
                       [](const Diagnostic &d) { return d.isError(); });
}

Analysis analyse(const QByteArray &text, const QString &fileName)
{
    Analysis a;
    Analyser(a, fileName).run(text);
    std::stable_sort(a.diagnostics.begin(), a.diagnostics.end(),
                     [](const Diagnostic &x, const Diagnostic &y) {
                         return x.line != y.line ? x.line < y.line : x.column < y.column;
                     });
    qCDebug(lcConfig) << "analysed" << fileName << "entries:" << a.entries.size()
                      << "diagnostics:" << a.diagnostics.size();
    return a;
}

} // namespace ocs::configdetail
