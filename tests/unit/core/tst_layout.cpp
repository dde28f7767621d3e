// The core's folders (src/core/{engine,sandbox,project,config,gateway,app}) keep their
// insides to themselves, and the core stays free of widgets and of the programs built on
// it. A source scan: it fails when a file under src/ includes another folder's internal
// header, or when src/core includes QtWidgets, the tray or the CLI.
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

class TestLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void internalHeadersStayInTheirFolder();
    void coreHasNoWidgetsAndNoFrontEnds();

private:
    // Every "#include "..."" of the C++ files under `dir`: (file relative to src/, header).
    QList<std::pair<QString, QString>> includes(const QString &dir) const;

    QString m_src;
};

// Headers only their own folder may include (the rest of the app goes through the folder's
// public classes).
static const QStringList InternalHeaders = {
    QStringLiteral("config/configanalysis.h"),     QStringLiteral("config/yamltext.h"),
    QStringLiteral("gateway/chunkeddecoder.h"),    QStringLiteral("gateway/gatewayauth.h"),
    QStringLiteral("gateway/gatewayconnection.h"), QStringLiteral("gateway/gatewaycontext.h"),
    QStringLiteral("gateway/gatewaypolicy.h"),     QStringLiteral("gateway/httpheadparser.h"),
    QStringLiteral("gateway/peercredentials.h"),   QStringLiteral("sandbox/portallocator.h"),
};

void TestLayout::initTestCase()
{
    m_src = qEnvironmentVariable("OCS_SOURCE_DIR") + QStringLiteral("/src");
    QVERIFY2(QFileInfo::exists(m_src + QStringLiteral("/core/CMakeLists.txt")),
             "OCS_SOURCE_DIR must name the source tree (ctest sets it)");
    for (const QString &h : InternalHeaders)
        QVERIFY2(QFileInfo::exists(m_src + QStringLiteral("/core/") + h), qPrintable(h));
}

QList<std::pair<QString, QString>> TestLayout::includes(const QString &dir) const
{
    static const QRegularExpression include(
        QStringLiteral("^\\s*#\\s*include\\s*[\"<]([^\">]+)[\">]"),
        QRegularExpression::MultilineOption);
    QList<std::pair<QString, QString>> out;
    QDirIterator it(dir, {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(f.readAll());
        const QString rel = path.mid(m_src.size() + 1);
        for (auto m = include.globalMatch(text); m.hasNext();)
            out << std::make_pair(rel, m.next().captured(1));
    }
    return out;
}

void TestLayout::internalHeadersStayInTheirFolder()
{
    const auto all = includes(m_src);
    QVERIFY(all.size() > 200); // the scan sees the tree
    QStringList offenders;
    for (const auto &[file, header] : all) {
        if (!InternalHeaders.contains(header))
            continue;
        const QString folder = QStringLiteral("core/") + header.section(QLatin1Char('/'), 0, 0);
        if (!file.startsWith(folder + QLatin1Char('/')))
            offenders << file + QStringLiteral(" includes ") + header;
    }
    QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QLatin1Char('\n'))));
}

void TestLayout::coreHasNoWidgetsAndNoFrontEnds()
{
    const auto core = includes(m_src + QStringLiteral("/core"));
    QVERIFY(core.size() > 100);
    QStringList offenders;
    for (const auto &[file, header] : core) {
        if (header.startsWith(QLatin1String("QtWidgets")) ||
            header.startsWith(QLatin1String("QWidget")) ||
            header.startsWith(QLatin1String("QMessageBox")) ||
            header.startsWith(QLatin1String("QDialog")) ||
            header.startsWith(QLatin1String("QApplication")) ||
            header.startsWith(QLatin1String("tray/")) || header.startsWith(QLatin1String("cli/")) ||
            header.startsWith(QLatin1String("ui_")))
            offenders << file + QStringLiteral(" includes ") + header;
    }
    QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestLayout)
#include "tst_layout.moc"
