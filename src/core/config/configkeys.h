#pragma once

// The keys of opencode-sandbox-config.yaml, one entry each: what the reader, the writer, `ocs
// init`'s template, the change impact, the config hash and the start review know about a key.
// Adding a key: a field in ProjectConfig, one entry in configkeys.cpp, its value rule in
// configrules, and its tests (tst_configkeys walks the table; see CONTRIBUTING.md).

#include "projectconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace ocs {

// One key's value in a form common to all keys.
struct ConfigValue
{
    QString scalar;                         // Shape::Scalar; empty = not set
    QStringList list;                       // Shape::List: items as stored in ProjectConfig
    QList<std::pair<QString, QString>> map; // Shape::Map: (name, value), in file order

    static ConfigValue ofScalar(const QString &s) { return {s, {}, {}}; }
    static ConfigValue ofList(const QStringList &l) { return {{}, l, {}}; }
    static ConfigValue ofMap(const QList<std::pair<QString, QString>> &m) { return {{}, {}, m}; }

    bool isEmpty() const { return scalar.isEmpty() && list.isEmpty() && map.isEmpty(); }
    bool operator==(const ConfigValue &) const = default;
};

struct ConfigKey
{
    enum class Shape { Scalar, List, Map };
    // How scalars and list items are written (and hashed).
    enum class Items {
        Text,   // any text: quoted when YAML could read it as something else
        Word,   // a size or count we write plain ("4g", "1.5")
        Number, // a whole number ("5432")
    };
    // What a change of the value means for the sandbox (ConfigImpact).
    enum class Impact {
        None,         // nothing the sandbox depends on
        Live,         // applied to the running proxy within a second, no restart (the
                      // network policy files, see network/livepolicy.h); not in the hash
        Restart,      // the container is started with it; part of the config hash
        Rebuild,      // baked into the image: a rebuild (and a restart)
        NewSandboxId, // a new SANDBOX_ID: a new container, image and state folder
    };

    // What a start review shows about the key (see StartApproval). Keys with `items` widen
    // what the sandbox may reach.
    struct Review
    {
        // The items shown (e.g. the whitelisted domains, the dropped read-only paths).
        QStringList (*items)(const ProjectConfig &) = nullptr;
        // First start: the line, "%1" the items (translated in the context
        // "ocs::StartApproval"); shown with "(nothing)" when `always`, else only when set.
        const char *reach = nullptr;
        bool always = false;
        int position = 0; // the line's place among the review's lines
        // Later starts: the name of each "+ name: item" / "- name: item" line, the items
        // being compared with the snapshot of the last start (stored under the key's name in
        // ocs-state.json). Null: changes are not asked about.
        const char *change = nullptr;
    };

    // `ocs init`'s template: the key with commented examples.
    struct Template
    {
        bool commented = false; // the whole key is a comment (an optional setting)
        const char *note = "";  // comment lines above the key, '\n'-separated, no '#'
        QStringList examples;   // list items, "NAME: value" map entries or a scalar value
    };

    QString name;
    Shape shape = Shape::Scalar;
    Items items = Items::Text;
    Impact impact = Impact::Restart;

    // The file must set it. `example` is a valid value, `emptyHint` what to write instead of
    // nothing.
    bool required = false;
    QString example;
    QString emptyHint;

    // Value rule, Scalar and List keys: the problem with a value or list item (empty when it
    // is fine), its form in ProjectConfig in `stored` (may be null).
    QString (*check)(const QString &text, QString *stored) = nullptr;
    // A warning about a valid value or item (empty: none).
    QString (*warn)(const QString &stored) = nullptr;
    // Map keys: each entry's name is a variable of the sandbox (checkEnvName,
    // reservedEnvReason; one variable comes from one place only, see
    // configrules::earlierUses). The problem with an entry's value (null: the entry has
    // none), and what a value must be ("a single line of text").
    QString (*checkEntry)(const QString &name, const QString *value) = nullptr;
    QString entryNoun;
    // Map keys whose entry values are YAML of their own (injected-secrets: "{hosts: [...]}"),
    // written as they are; the reader checks them itself.
    bool yamlEntries = false;

    // The value in ProjectConfig.
    ConfigValue (*get)(const ProjectConfig &) = nullptr;
    void (*set)(ProjectConfig &, const ConfigValue &) = nullptr;

    // Impact::Restart: the field of the config hash it goes into (Scalar keys sharing a field
    // are joined with '/', in table order).
    QString hashField;
    // Left out of the hash while unset (keys added after the first versions), so that the
    // hash of a config without them, and so the label of its running container, stays.
    bool hashOnlyWhenSet = false;

    Review review;
    Template tmpl;

    bool widensReach() const { return review.items != nullptr; }
};

namespace configkeys {

// All keys, in the order a new file lists them.
const QList<ConfigKey> &all();
// The key named `name`, or null.
const ConfigKey *find(const QString &name);

} // namespace configkeys

} // namespace ocs
