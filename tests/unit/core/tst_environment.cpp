// Every OCS_* variable the app reads is read in src/core/app/environment.cpp and listed in
// the README's table "Environment variables". A source scan: it fails when code under src/
// reads an OCS_ variable anywhere else, or when a table entry is missing from the README.
#include "app/environment.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace ocs;

class TestEnvironment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void tableIsConsistent();
    void readsGoThroughTheTable();
    void onlyEnvironmentCppReadsOcsVariables();
    void readmeListsEveryVariable();

private:
    QString m_source;
};

void TestEnvironment::initTestCase()
{
    m_source = qEnvironmentVariable("OCS_SOURCE_DIR");
    QVERIFY2(QFileInfo::exists(m_source + QStringLiteral("/src/core/app/environment.cpp")),
             "OCS_SOURCE_DIR must name the source tree (ctest sets it)");
}

void TestEnvironment::tableIsConsistent()
{
    QSet<QString> names;
    QSet<int> variables;
    for (const environment::Entry &e : environment::table()) {
        const QString name = QString::fromLatin1(e.name);
        QVERIFY2(QRegularExpression(QStringLiteral("^OCS_[A-Z0-9_]+$")).match(name).hasMatch(),
                 e.name);
        QVERIFY2(!names.contains(name), e.name);
        QVERIFY2(!variables.contains(int(e.variable)), e.name);
        QVERIFY(qstrlen(e.meaning) > 0 && qstrlen(e.fallback) > 0);
        QCOMPARE(QString::fromLatin1(environment::name(e.variable)), name);
        names.insert(name);
        variables.insert(int(e.variable));
    }
    QCOMPARE(variables.size(), int(environment::Variable::TestAllowRoot) + 1);
}

void TestEnvironment::readsGoThroughTheTable()
{
    qputenv("OCS_VERIFY_TIMEOUT", "42");
    bool ok = false;
    QCOMPARE(environment::intValue(environment::Variable::VerifyTimeout, &ok), 42);
    QVERIFY(ok);
    QCOMPARE(environment::value(environment::Variable::VerifyTimeout), QStringLiteral("42"));
    QVERIFY(environment::isSet(environment::Variable::VerifyTimeout));
    qputenv("OCS_VERIFY_TIMEOUT", "");
    QVERIFY(!environment::isSet(environment::Variable::VerifyTimeout));
    qunsetenv("OCS_VERIFY_TIMEOUT");
    environment::intValue(environment::Variable::VerifyTimeout, &ok);
    QVERIFY(!ok);
}

void TestEnvironment::onlyEnvironmentCppReadsOcsVariables()
{
    // A read names an OCS_ variable in the call: qgetenv("OCS_X"), qEnvironmentVariable*(…),
    // getenv, QProcessEnvironment::…value("OCS_X"), also through QStringLiteral/u"" forms.
    const QRegularExpression read(QStringLiteral(
        R"((qgetenv|qputenv|qEnvironmentVariable\w*|getenv|secure_getenv|\.value|\.contains)\s*\(\s*(QStringLiteral\s*\(\s*|QLatin1String\s*\(\s*|u8?)?"OCS_)"));
    // Anything that reads the environment by a name held in a variable is flagged too
    // unless the file is environment.cpp: such reads are how a table bypass would look.
    const QRegularExpression indirect(QStringLiteral(
        R"((qgetenv|qEnvironmentVariable\w*|::getenv|std::getenv)\s*\(\s*[a-zA-Z_][\w.]*\s*[,)])"));
    // Known reads by a name in a variable that are not OCS_ variables: file and line text.
    const QList<std::pair<QString, QString>> knownIndirect = {
        // The host's proxy variables, passed to the image build by name.
        {QStringLiteral("src/core/sandbox/imagebuilder.cpp"),
         QStringLiteral("if (!qEnvironmentVariableIsEmpty(name))")},
    };
    const QString allowed =
        QDir::cleanPath(m_source + QStringLiteral("/src/core/app/environment.cpp"));
    QStringList offenders;
    int scanned = 0;
    QDirIterator it(m_source + QStringLiteral("/src"),
                    {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = QDir::cleanPath(it.next());
        if (path == allowed)
            continue;
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        ++scanned;
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            const QString rel = QDir(m_source).relativeFilePath(path);
            const bool known = knownIndirect.contains({rel, lines.at(i).trimmed()});
            if (read.match(lines.at(i)).hasMatch() ||
                (indirect.match(lines.at(i)).hasMatch() && !known))
                offenders << QStringLiteral("%1:%2: %3")
                                 .arg(QDir(m_source).relativeFilePath(path))
                                 .arg(i + 1)
                                 .arg(lines.at(i).trimmed());
        }
    }
    QVERIFY(scanned > 50);
    QVERIFY2(offenders.isEmpty(),
             qPrintable(QStringLiteral("OCS_ variables read outside src/core/app/environment.cpp "
                                       "(add them to its table):\n") +
                        offenders.join(QLatin1Char('\n'))));
}

void TestEnvironment::readmeListsEveryVariable()
{
    QFile readme(m_source + QStringLiteral("/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    const qsizetype start = text.indexOf(QStringLiteral("\n## Environment variables"));
    QVERIFY2(start >= 0, "README.md has no section \"## Environment variables\"");
    const qsizetype end = text.indexOf(QStringLiteral("\n## "), start + 1);
    const QString section = text.mid(start, end < 0 ? -1 : end - start);
    for (const environment::Entry &e : environment::table()) {
        // A table row that starts with the name.
        const QRegularExpression row(
            QStringLiteral("\n\\| `%1` \\|").arg(QString::fromLatin1(e.name)));
        QVERIFY2(row.match(section).hasMatch(),
                 qPrintable(QStringLiteral("README's environment table lacks %1")
                                .arg(QString::fromLatin1(e.name))));
        if (e.testOnly) {
            const QRegularExpression testOnly(
                QStringLiteral("\n\\| `%1` \\|[^\n]*test only").arg(QString::fromLatin1(e.name)));
            QVERIFY2(testOnly.match(section).hasMatch(),
                     qPrintable(QStringLiteral("README: say that %1 is test only")
                                    .arg(QString::fromLatin1(e.name))));
        }
    }
}

QTEST_GUILESS_MAIN(TestEnvironment)
#include "tst_environment.moc"
