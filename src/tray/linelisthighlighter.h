#pragma once

#include <QSyntaxHighlighter>

#include <functional>

namespace ocs::tray {

// Marks the lines of a one-entry-per-line editor that a check rejects (red, wavy underline)
// as they are typed. The check is one of the config's own rules (configrules.h).
class LineListHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    // Returns "" when the entry is fine, else why not.
    using Check = std::function<QString(const QString &entry)>;

    LineListHighlighter(QTextDocument *document, Check check);

    // The entries of `text`: trimmed, blank lines left out.
    static QStringList entries(const QString &text);
    // "line N: message" for each rejected line.
    static QStringList problems(const QString &text, const Check &check);

protected:
    void highlightBlock(const QString &text) override;

private:
    Check m_check;
};

} // namespace ocs::tray
