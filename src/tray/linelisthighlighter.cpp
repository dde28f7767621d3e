#include "linelisthighlighter.h"

#include <QTextCharFormat>

namespace ocs::tray {

LineListHighlighter::LineListHighlighter(QTextDocument *document, Check check)
    : QSyntaxHighlighter(document)
    , m_check(std::move(check))
{}

QStringList LineListHighlighter::entries(const QString &text)
{
    QStringList out;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (!t.isEmpty())
            out << t;
    }
    return out;
}

QStringList LineListHighlighter::problems(const QString &text, const Check &check)
{
    QStringList out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString t = lines.at(i).trimmed();
        if (t.isEmpty())
            continue;
        const QString why = check(t);
        if (!why.isEmpty())
            out << tr("line %1: %2").arg(i + 1).arg(why);
    }
    return out;
}

void LineListHighlighter::highlightBlock(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || m_check(t).isEmpty())
        return;
    QTextCharFormat bad;
    bad.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    bad.setUnderlineColor(QColor(0xd3, 0x2f, 0x2f));
    bad.setForeground(QColor(0xd3, 0x2f, 0x2f));
    setFormat(0, int(text.size()), bad);
}

} // namespace ocs::tray
