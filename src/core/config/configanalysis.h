#pragma once

// Internal: what the reader learns about a config file, shared by ConfigFile::parse() and the
// writer (ConfigFile::render()). Not part of the public API.

#include "projectconfig.h"
#include "yamltext.h"

#include <vector>

namespace ocs::configdetail {

// One list item or map entry of a top-level section.
struct EntryItem
{
    int line = -1; // 0-based line where it starts (the '-' of a list item, the key of an entry)
    QString key;   // map entries: the name
    QString value; // as stored in ProjectConfig (normalised domain, port number, ...)
    bool valid = false;
};

// One top-level `key: value` of the file.
struct TopEntry
{
    QString name;
    int keyLine = 0; // 0-based
    int keyCol = 0;  // 0-based byte column
    bool known = false;
    bool duplicate = false; // a later repetition of a key
    bool hasError = false;  // an error was reported inside this entry
    // How the value is written: nothing (null), a block list/map on the following lines, or
    // something starting on the key line (a scalar or a flow collection).
    enum class Shape { Null, Block, Inline };
    Shape shape = Shape::Null;
    bool blockList = false; // Shape::Block: a list (else a map)
    std::vector<EntryItem> items;
};

struct Analysis
{
    Source source;
    // The text is a YAML block mapping (or holds no document at all) whose keys each start a
    // line: the writer can edit it section by section.
    bool editable = false;
    bool noDocument = false; // empty, or only comments
    std::vector<TopEntry> entries;
    int documentEndLine = -1; // a "..." line after the mapping, or -1
    ProjectConfig config;     // the first occurrence of each key, valid entries only
    QList<Diagnostic> diagnostics;
    QList<Diagnostic> suggestions; // ConfigFile::LoadResult::suggestions

    bool hasErrors() const;
};

Analysis analyse(const QByteArray &text, const QString &fileName);

// The writer (configwriter.cpp).
QByteArray renderConfig(const QByteArray &originalText, const ProjectConfig &config,
                        QStringList *droppedComments);
QByteArray renderTemplate(const QString &sandboxName);

} // namespace ocs::configdetail
