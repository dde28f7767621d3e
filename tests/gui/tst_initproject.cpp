// "Add project…" on a folder without a config runs the init flow as a dialog: the name is
// checked as typed, the files are those of `ocs init`, the folder is registered, and the
// image is built if asked. A folder with a config is simply registered.

#include "config/configfile.h"
#include "guitest.h"
#include "initprojectdialog.h"
#include "project/project.h"
#include "sandbox/prestarthook.h"
#include "ui_initprojectdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::InitProjectDialog;

class TestInitProject : public QObject
{
    Q_OBJECT
private:
    static InitProjectDialog *openInitDialog()
    {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *d = qobject_cast<InitProjectDialog *>(w); d && d->isVisible())
                return d;
        }
        return nullptr;
    }

private Q_SLOTS:
    void setsUpAFolderAndRegistersIt()
    {
        GuiTestEnvironment env;
        const QString folder = env.path(QStringLiteral("projects/My New Project"));
        QDir().mkpath(folder);
        TestApp app(env);
        QVERIFY(app.startAndSettle());
        auto *engine = static_cast<FakeEngine *>(&ProcessLauncher::instance());
        engine->setHoldBuilds(true);

        app.tray->addProject(folder);
        InitProjectDialog *dlg = openInitDialog();
        QVERIFY(dlg);
        auto *ui = dlg->form();
        QCOMPARE(ui->nameEdit->text(), QStringLiteral("my-new-project"));
        QPushButton *create = ui->buttonBox->button(QDialogButtonBox::Ok);
        QVERIFY(create->isEnabled());
        ui->nameEdit->setText(QStringLiteral("No Spaces Please"));
        QVERIFY(!create->isEnabled());
        QVERIFY(!ui->nameError->text().isEmpty());
        ui->nameEdit->setText(QStringLiteral("newproj"));
        QVERIFY(create->isEnabled());
        QCOMPARE(ui->sandboxIdValue->text(),
                 computeSandboxId(QStringLiteral("newproj"), QDir(folder).canonicalPath()));
        QVERIFY(ui->buildCheck->isChecked());
        // The config cannot be unticked: it is what makes the folder a project.
        const auto boxes = ui->filesGroup->findChildren<QCheckBox *>();
        QCOMPARE(boxes.size(), 4);
        for (QCheckBox *b : boxes) {
            if (b->property("fileName").toString() == ConfigFile::FileName)
                QVERIFY(!b->isEnabled() && b->isChecked());
            if (b->property("fileName").toString() == QStringLiteral("opencode.jsonc"))
                b->setChecked(false);
        }
        create->click();

        const QString root = QDir(folder).canonicalPath();
        QVERIFY(app.registry->contains(root));
        const auto loaded = ConfigFile::load(root + QStringLiteral("/") + ConfigFile::FileName);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorSummary()));
        QCOMPARE(loaded.config->sandboxName, QStringLiteral("newproj"));
        QVERIFY(QFile::exists(root + QStringLiteral("/mise.toml")));
        QVERIFY(!QFile::exists(root + QStringLiteral("/opencode.jsonc")));
        QVERIFY(QFile::exists(root + QStringLiteral("/") + Project::HookFileName));
        QFile gi(root + QStringLiteral("/.gitignore"));
        QVERIFY(gi.open(QIODevice::ReadOnly));
        QVERIFY(gi.readAll().contains(Project::HookFileName.toUtf8()));
        // Same files as `ocs init` writes (the templates are shared through the core).
        QFile mise(root + QStringLiteral("/mise.toml"));
        QVERIFY(mise.open(QIODevice::ReadOnly));
        QCOMPARE(mise.readAll(),
                 ProjectInit::starterFiles(QStringLiteral("newproj")).first().content);
        // The new (comments-only) hook needs no approval.
        ManagedSandbox *s = app.fleet->sandbox(root);
        QVERIFY(s);
        QVERIFY(s->hookStatus() != PreStartHook::Status::NotApproved);
        // "Build the image now" was ticked.
        QTRY_VERIFY(engine->buildRunning());
        QCOMPARE(s->state(), ManagedSandbox::State::Building);
        engine->finishBuild(true);
        QTRY_COMPARE(s->state(), ManagedSandbox::State::Stopped);
    }

    void folderWithConfigIsJustAdded()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("ready"));
        TestApp app(env);
        QVERIFY(app.startAndSettle());
        app.tray->addProject(root);
        QVERIFY(!openInitDialog());
        QVERIFY(app.registry->contains(root));
        // Twice: still once.
        app.tray->addProject(root);
        QCOMPARE(app.registry->roots().count(root), 1);
        // Not a folder.
        app.tray->addProject(env.path(QStringLiteral("does-not-exist")));
        QVERIFY(app.tray->notifications().constLast().error);
        QCOMPARE(app.registry->roots().size(), 1);
    }
};

QTEST_MAIN(TestInitProject)
#include "tst_initproject.moc"
