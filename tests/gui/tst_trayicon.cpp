// The tray icon sums up all sandboxes (none running / some running / busy / error / engine
// missing) with a tooltip; the icons come from the theme when it has them, else the SVGs
// compiled in, which render crisply at any size.

#include "guitest.h"
#include "statusicons.h"
#include "statussummary.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using Summary = SandboxFleet::Summary;
using ocs::tray::StatusIcons;

class TestTrayIcon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void iconsRenderAtEverySize()
    {
        ocs::tray::initResources();
        QSet<qint64> distinct;
        for (Summary s : {Summary::NoneRunning, Summary::SomeRunning, Summary::Busy, Summary::Error,
                          Summary::EngineMissing}) {
            QVERIFY(QFile::exists(StatusIcons::resourcePath(s)));
            const QIcon icon = StatusIcons::trayIcon(s);
            QVERIFY(!icon.isNull());
            for (int size : {16, 22, 44, 64}) {
                const QImage img = icon.pixmap(size, size).toImage();
                QCOMPARE(img.width(), size);
                // Not blank: some opaque pixels, and both light and dark ones (outline).
                int opaque = 0, light = 0, dark = 0;
                for (int y = 0; y < img.height(); ++y)
                    for (int x = 0; x < img.width(); ++x) {
                        const QColor c = img.pixelColor(x, y);
                        if (c.alpha() < 200)
                            continue;
                        ++opaque;
                        light += c.lightness() > 200 ? 1 : 0;
                        dark += c.lightness() < 120 ? 1 : 0;
                    }
                QVERIFY2(opaque > size * size / 4, qPrintable(StatusIcons::resourcePath(s)));
                QVERIFY(light > 0 && dark > 0);
            }
            distinct.insert(icon.pixmap(32, 32).toImage().cacheKey());
            QImage img = icon.pixmap(32, 32).toImage();
            distinct.insert(qHashBits(img.constBits(), img.sizeInBytes()));
        }
        QVERIFY(distinct.size() >= 5);
        for (auto st : {ManagedSandbox::State::Stopped, ManagedSandbox::State::Running,
                        ManagedSandbox::State::Building, ManagedSandbox::State::Error})
            QVERIFY(!StatusIcons::marker(st).pixmap(16, 16).isNull());
    }

    void iconAndTooltipFollowTheSandboxes()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("iconic"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        auto key = [&app] {
            return app.tray->trayIcon()->icon().pixmap(32, 32).toImage();
        };
        auto expected = [](Summary s) {
            return StatusIcons::trayIcon(s).pixmap(32, 32).toImage();
        };
        QCOMPARE(key(), expected(Summary::NoneRunning));
        QVERIFY(app.tray->trayIcon()->toolTip().startsWith(
            QStringLiteral("OpenCode Sandbox\nNo sandbox running")));

        auto *engine = static_cast<FakeEngine *>(&ProcessLauncher::instance());
        ManagedSandbox *s = app.fleet->sandbox(root);
        engine->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        app.flush();
        QCOMPARE(key(), expected(Summary::SomeRunning));
        QVERIFY(
            app.tray->trayIcon()->toolTip().contains(QStringLiteral("iconic: Running on port")));

        engine->setFailRun(QStringLiteral("Error: something broke"));
        s->stop();
        QTRY_COMPARE(s->state(), ManagedSandbox::State::Stopped);
        s->start();
        QTRY_COMPARE(s->state(), ManagedSandbox::State::Error);
        app.flush();
        QCOMPARE(key(), expected(Summary::Error));
        QVERIFY(app.tray->trayIcon()->toolTip().contains(QStringLiteral("something broke")));

        engine->goDown();
        QTRY_COMPARE(app.fleet->summary(), Summary::EngineMissing);
        app.flush();
        QCOMPARE(key(), expected(Summary::EngineMissing));
    }
};

QTEST_MAIN(TestTrayIcon)
#include "tst_trayicon.moc"
