// "Open terminal": the first terminal emulator found runs `ocs terminal` in the project.

#include "terminalopener.h"

#include <QTest>

using ocs::tray::TerminalOpener;

class TestTerminalOpener : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void picksTheFirstAvailable_data()
    {
        QTest::addColumn<QStringList>("installed");
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        const QString ocs = QStringLiteral("/opt/ocs/bin/ocs");
        const QString root = QStringLiteral("/home/u/my project");
        QTest::newRow("debian alternative")
            << QStringList{QStringLiteral("x-terminal-emulator"), QStringLiteral("xterm")}
            << QStringLiteral("/usr/bin/x-terminal-emulator")
            << QStringList{QStringLiteral("-e"), ocs, QStringLiteral("terminal")};
        QTest::newRow("gnome") << QStringList{QStringLiteral("gnome-terminal"),
                                              QStringLiteral("xterm")}
                               << QStringLiteral("/usr/bin/gnome-terminal")
                               << QStringList{QStringLiteral("--working-directory=") + root,
                                              QStringLiteral("--"), ocs,
                                              QStringLiteral("terminal")};
        QTest::newRow("konsole") << QStringList{QStringLiteral("konsole")}
                                 << QStringLiteral("/usr/bin/konsole")
                                 << QStringList{QStringLiteral("--workdir"), root,
                                                QStringLiteral("-e"), ocs,
                                                QStringLiteral("terminal")};
        QTest::newRow("xterm") << QStringList{QStringLiteral("xterm")}
                               << QStringLiteral("/usr/bin/xterm")
                               << QStringList{QStringLiteral("-e"), ocs,
                                              QStringLiteral("terminal")};
    }

    void picksTheFirstAvailable()
    {
        QFETCH(QStringList, installed);
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        const QString root = QStringLiteral("/home/u/my project");
        const auto cmd = TerminalOpener::plan(
            root, QStringLiteral("/opt/ocs/bin/ocs"), [&installed](const QString &name) {
                return installed.contains(name) ? QStringLiteral("/usr/bin/") + name : QString();
            });
        QVERIFY(cmd);
        QCOMPARE(cmd->program, program);
        QCOMPARE(cmd->arguments, arguments);
        QCOMPARE(cmd->workingDirectory, root);
    }

    void noneInstalled()
    {
        QVERIFY(!TerminalOpener::plan(QStringLiteral("/p"), QStringLiteral("/ocs"),
                                      [](const QString &) { return QString(); }));
    }
};

QTEST_MAIN(TestTerminalOpener)
#include "tst_terminalopener.moc"
