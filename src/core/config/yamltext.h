#pragma once

// Internal helpers of the config reader/writer: the file as lines, a small line lexer that
// knows where comments are (and which lines belong to multi-line values), and scalar
// formatting for the writer. Not part of the public API.

#include <QByteArray>
#include <QList>
#include <QString>

namespace ocs::configdetail {

struct SourceLine
{
    QByteArray text; // without the line end
    QByteArray eol;  // "\n", "\r\n" or "" (last line without a line end)
};

struct SourceProblem
{
    int line = 0;    // 0-based
    int byteCol = 0; // 0-based
    QString message;
};

// The file split into lines. yaml-cpp reads `yaml`: the text without a UTF-8 BOM and with
// CRLF turned into LF, so its marks (0-based line, byte column) index `lines` directly.
struct Source
{
    bool bom = false;
    QByteArray eol = QByteArrayLiteral("\n"); // the file's usual line end, for new lines
    QList<SourceLine> lines;
    QByteArray yaml;
    QList<SourceProblem> problems; // stray CR, invalid UTF-8, control characters

    // 1-based column in characters (code points) of a 0-based byte column.
    int charColumn(int line, int byteCol) const;
};

Source readSource(const QByteArray &raw);

enum class LineKind { Blank, Comment, Content };

// Blank and comment lines, and content lines. Lines inside block scalars, multi-line quoted
// scalars and multi-line flow collections count as content even if they look like comments.
QList<LineKind> classifyLines(const QList<SourceLine> &lines);

// Byte index of the '#' that starts a comment on a single line, scanning from `from` (a place
// where a YAML token may start), or -1. Knows quoted scalars and flow collections.
int findComment(const QByteArray &line, int from = 0);

// For a block-mapping key starting at `keyCol`, the index just past the ':' that ends it, or -1.
int keyColonEnd(const QByteArray &line, int keyCol);

// Number of leading spaces.
int indentation(const QByteArray &line);

// For a quoted scalar starting at `pos` of `text` ('"' or '\''): whether it has a closing
// quote. yaml-cpp 0.7 accepts a quoted scalar that runs to the end of the input unclosed.
bool quotedScalarIsClosed(const QByteArray &text, qsizetype pos);

enum class ScalarKind {
    Text,  // any string; quoted when a YAML reader could take it for null, a bool or a number
    Plain, // numbers and sizes we write ourselves ("5432", "4g", "1.5"): quoted only if needed
};
// The YAML form of `value`: plain when that reads back as the same string, else single-quoted.
QByteArray formatScalar(const QString &value, ScalarKind kind = ScalarKind::Text);

} // namespace ocs::configdetail
