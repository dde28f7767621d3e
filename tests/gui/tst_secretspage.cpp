// Settings → Secrets against a real Secret Service keychain (issue 12): "Set value…" stores
// the value in the keychain (asynchronously, the dialog never showing it), the table says
// set/not set and never the value, "Use for all projects" stores it once for every project,
// "Forget value" removes it, "Source…" records a host variable without reading it.
// CTest runs this inside a private D-Bus session with an unlocked gnome-keyring and a
// throwaway HOME (tests/unit/support/with-keyring.sh); without a keyring every test is
// skipped loudly and the process exits with 77 (CTest: "skipped", never "passed").

#include "guitest.h"
#include "sandbox/passwordstore.h"
#include "secretspage.h"
#include "settingsdialog.h"
#include "testhelpers.h"
#include "ui_settingsdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::SecretsPage;
using ocs::tray::SettingsDialog;

namespace {

const QByteArray ProjectYaml = "sandbox-name: %1\n"
                               "http-domain-whitelist:\n"
                               "  - api.anthropic.com\n"
                               "  - api.example.test\n"
                               "injected-secrets:\n"
                               "  ANTHROPIC_API_KEY:\n"
                               "  EXAMPLE_TOKEN:\n"
                               "    hosts: [api.example.test]\n"
                               "    header: 'Authorization: Bearer {}'\n";

QByteArray yamlFor(const char *name)
{
    return QByteArray(ProjectYaml).replace("%1", name);
}

QString cell(const SecretsPage *page, const QString &name, int column)
{
    const QTableWidget *t = page->table();
    for (int r = 0; r < t->rowCount(); ++r) {
        if (t->item(r, SecretsPage::ColName)->text() == name)
            return t->item(r, column)->text();
    }
    return QStringLiteral("<no row %1>").arg(name);
}

// Every text the dialog (and its child dialogs) shows: labels, line edits, table cells and
// their tooltips.
QStringList shownTexts(QWidget *root)
{
    QStringList out;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets << root;
    for (QWidget *w : std::as_const(widgets)) {
        out << w->toolTip() << w->windowTitle();
        if (auto *l = qobject_cast<QLabel *>(w))
            out << l->text();
        if (auto *e = qobject_cast<QLineEdit *>(w))
            out << e->text() << e->displayText();
        if (auto *t = qobject_cast<QTableWidget *>(w)) {
            for (int r = 0; r < t->rowCount(); ++r)
                for (int c = 0; c < t->columnCount(); ++c)
                    if (const QTableWidgetItem *i = t->item(r, c))
                        out << i->text() << i->toolTip();
        }
    }
    return out;
}

} // namespace

// One project with the secrets of ProjectYaml, registered in an app that is not started yet.
// The environment comes first (it sets OCS_KEYCHAIN=0), then the test's keychain variables.
struct OneProject
{
    OneProject(GuiTestEnvironment &environment, const char *name)
        : env(environment)
        , root(env.makeProject(QString::fromLatin1(name), yamlFor(name)))
        , app(env)
    {
        app.registry->add(root);
    }
    QString sandboxId() const { return app.fleet->sandbox(root)->sandboxId(); }

    GuiTestEnvironment &env;
    QString root;
    TestApp app;
    SettingsDialog *dialog = nullptr;
};

class TestSecretsPage : public QObject
{
    Q_OBJECT
public:
    bool skipped() const { return !m_skipReason.isEmpty(); }

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void setValueStoresInKeychainAndNeverShowsIt();
    void invalidValueIsRefusedAndNothingStored();
    void useForAllProjectsStoresOnceForEveryProject();
    void forgetValueRemovesItFromTheKeychain();
    void sourceHostVariableIsRecordedNotRead();
    void keychainProblemIsShownUnderTheTable();

private:
    // The value in the Secret Service under QtKeychain's schema, via secret-tool.
    std::optional<QByteArray> lookup(const QString &key);
    SecretsPage *openSecrets(TestApp &app, const QString &root, SettingsDialog **dialog);
    // Starts the app of `p` and opens the project's Settings → Secrets.
    SecretsPage *openPage(OneProject &p);
    static bool settle(SecretsPage *page);
    // Selects NAME, clicks "Set value…", types `value`, ticks "Use for all projects" when
    // `shared`, and clicks Store.
    static QDialog *enterValue(SecretsPage *page, const QString &name, const QString &value,
                               bool shared);
    // Answers the question "Forget value" asks: its Forget button, or Cancel.
    static bool answerForget(SecretsPage *page, bool forget);

    QString m_skipReason;
    QString m_secretTool;
};

#define LOUD_SKIP(reason)                                                                          \
    do {                                                                                           \
        m_skipReason = reason;                                                                     \
        qWarning("\n**********************************************************************\n"      \
                 "*** tst_secretspage: THE KEYCHAIN WAS NOT TESTED\n"                              \
                 "*** %s\n"                                                                        \
                 "**********************************************************************",         \
                 qPrintable(m_skipReason));                                                        \
        QSKIP(qPrintable(m_skipReason));                                                           \
    } while (false)

void TestSecretsPage::initTestCase()
{
    const QString unavailable = qEnvironmentVariable("OCS_KEYRING_UNAVAILABLE");
    if (!unavailable.isEmpty())
        LOUD_SKIP(QStringLiteral("with-keyring.sh could not set up a keyring: ") + unavailable);
    if (qEnvironmentVariableIsEmpty("OCS_KEYRING_WRAPPED"))
        LOUD_SKIP(QStringLiteral("not started through tests/unit/support/with-keyring.sh"));
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        LOUD_SKIP(QStringLiteral("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is empty)"));
    m_secretTool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
    if (m_secretTool.isEmpty())
        LOUD_SKIP(QStringLiteral("secret-tool is not installed (apt install libsecret-tools)"));
}

// The shared scope outlives a project: nothing of one test may reach the next.
void TestSecretsPage::cleanup()
{
    if (skipped())
        return;
    for (const char *name : {"ANTHROPIC_API_KEY", "EXAMPLE_TOKEN"}) {
        QProcess::execute(m_secretTool, {QStringLiteral("clear"), QStringLiteral("server"),
                                         PasswordStore::ServiceName, QStringLiteral("user"),
                                         QStringLiteral("secret/shared/") + QLatin1String(name)});
    }
}

std::optional<QByteArray> TestSecretsPage::lookup(const QString &key)
{
    QProcess p;
    p.start(m_secretTool, {QStringLiteral("lookup"), QStringLiteral("server"),
                           PasswordStore::ServiceName, QStringLiteral("user"), key});
    if (!p.waitForFinished(15000) || p.exitCode() != 0)
        return std::nullopt;
    const QByteArray out = p.readAllStandardOutput();
    if (out.isEmpty())
        return std::nullopt;
    return out;
}

SecretsPage *TestSecretsPage::openPage(OneProject &p)
{
    if (!p.app.startAndSettle())
        return nullptr;
    return openSecrets(p.app, p.root, &p.dialog);
}

bool TestSecretsPage::settle(SecretsPage *page)
{
    return QTest::qWaitFor([page] { return page->pendingChecks() == 0; }, 20000);
}

SecretsPage *TestSecretsPage::openSecrets(TestApp &app, const QString &root,
                                          SettingsDialog **dialog)
{
    SettingsDialog *dlg = app.tray->openSettings(app.fleet->sandbox(root));
    *dialog = dlg;
    if (!dlg || !dlg->isLoaded())
        return nullptr;
    SecretsPage *page = dlg->secretsPage();
    dlg->form()->tabs->setCurrentWidget(page);
    settle(page);
    return page;
}

QDialog *TestSecretsPage::enterValue(SecretsPage *page, const QString &name, const QString &value,
                                     bool shared)
{
    page->selectName(name);
    if (!page->setValueButton()->isEnabled())
        return nullptr;
    page->setValueButton()->click();
    QDialog *dlg = page->pendingDialog();
    if (!dlg || dlg->objectName() != QLatin1String("setValueDialog"))
        return nullptr;
    auto *edit = dlg->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
    if (!edit || edit->echoMode() != QLineEdit::Password)
        return nullptr;
    edit->setText(value); // as typed or pasted
    dlg->findChild<QCheckBox *>(QStringLiteral("sharedCheck"))->setChecked(shared);
    dlg->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    return dlg;
}

bool TestSecretsPage::answerForget(SecretsPage *page, bool forget)
{
    auto *box = qobject_cast<QMessageBox *>(page->pendingDialog());
    if (!box || !box->isVisible() || box->defaultButton() != box->button(QMessageBox::Cancel))
        return false;
    for (QAbstractButton *b : box->buttons()) {
        const bool isForget = box->buttonRole(b) == QMessageBox::DestructiveRole;
        if (isForget == forget) {
            b->click();
            return true;
        }
    }
    return false;
}

void TestSecretsPage::setValueStoresInKeychainAndNeverShowsIt()
{
    GuiTestEnvironment env;
    EnvGuard keychain;
    keychain.unset("OCS_KEYCHAIN"); // the keyring of with-keyring.sh
    OneProject p(env, "setvalue");
    SecretsPage *page = openPage(p);
    QVERIFY(page);
    SettingsDialog *dlg = p.dialog;
    const QString id = p.sandboxId();
    const QString key = QStringLiteral("secret/%1/ANTHROPIC_API_KEY").arg(id);
    QCOMPARE(lookup(key), std::nullopt);
    QCOMPARE(page->table()->rowCount(), 2);
    QCOMPARE(cell(page, QStringLiteral("ANTHROPIC_API_KEY"), SecretsPage::ColHosts),
             QStringLiteral("api.anthropic.com"));
    QCOMPARE(cell(page, QStringLiteral("ANTHROPIC_API_KEY"), SecretsPage::ColHeader),
             QStringLiteral("x-api-key"));
    QCOMPARE(cell(page, QStringLiteral("EXAMPLE_TOKEN"), SecretsPage::ColHeader),
             QStringLiteral("Authorization: Bearer {}"));
    QCOMPARE(cell(page, QStringLiteral("ANTHROPIC_API_KEY"), SecretsPage::ColValue),
             QStringLiteral("not set"));

    const QString value =
        QStringLiteral("sk-ant-test-%1-never-shown").arg(QCoreApplication::applicationPid());
    QSignalSpy finished(page, &SecretsPage::storeFinished);
    QPointer<QDialog> valueDialog =
        enterValue(page, QStringLiteral("ANTHROPIC_API_KEY"), value, false);
    QVERIFY(valueDialog);
    // While the keychain works, the dialog (not a nested loop) waits; then it closes.
    QTRY_VERIFY_WITH_TIMEOUT(!valueDialog || !valueDialog->isVisible(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    // In the keychain, under the project's key.
    QCOMPARE(lookup(key), std::optional<QByteArray>(value.toUtf8()));
    QCOMPARE(lookup(QStringLiteral("secret/shared/ANTHROPIC_API_KEY")), std::nullopt);
    QVERIFY(settle(page));
    QTRY_COMPARE(cell(page, QStringLiteral("ANTHROPIC_API_KEY"), SecretsPage::ColValue),
                 QStringLiteral("set"));
    QVERIFY2(cell(page, QStringLiteral("ANTHROPIC_API_KEY"), SecretsPage::ColSource)
                 .contains(QStringLiteral("this project")),
             qPrintable(cell(page, QStringLiteral("ANTHROPIC_API_KEY"), SecretsPage::ColSource)));
    QCOMPARE(cell(page, QStringLiteral("EXAMPLE_TOKEN"), SecretsPage::ColValue),
             QStringLiteral("not set"));

    // Never shown: no widget of the dialog holds it, nor does any file of the app's.
    for (const QString &t : shownTexts(dlg))
        QVERIFY2(!t.contains(QStringLiteral("never-shown")), qPrintable(t));
    QDirIterator files(env.path(QString()), QDir::Files | QDir::Hidden,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(value.toUtf8()), qPrintable(f.fileName()));
    }
    dlg->close();
    // Clean up.
    bool removed = false;
    SecretStore store(id);
    store.remove(QStringLiteral("ANTHROPIC_API_KEY"), SecretStore::Scope::Project,
                 [&removed](const SecretStore::Result &) { removed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 20000);
}

void TestSecretsPage::invalidValueIsRefusedAndNothingStored()
{
    GuiTestEnvironment env;
    EnvGuard keychain;
    keychain.unset("OCS_KEYCHAIN");
    OneProject p(env, "invalid");
    SecretsPage *page = openPage(p);
    QVERIFY(page);
    SettingsDialog *dlg = p.dialog;
    const QString id = p.sandboxId();
    // A control character cannot travel in a header: refused in the dialog.
    QDialog *valueDialog =
        enterValue(page, QStringLiteral("EXAMPLE_TOKEN"), QStringLiteral("bad\tvalue"), false);
    QVERIFY(valueDialog);
    QVERIFY(valueDialog->isVisible());
    auto *error = valueDialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(error && !error->isHidden() && !error->text().isEmpty());
    QVERIFY(!error->text().contains(QStringLiteral("bad")));
    QTest::qWait(200);
    QCOMPARE(lookup(QStringLiteral("secret/%1/EXAMPLE_TOKEN").arg(id)), std::nullopt);
    QCOMPARE(cell(page, QStringLiteral("EXAMPLE_TOKEN"), SecretsPage::ColValue),
             QStringLiteral("not set"));
    valueDialog->reject();
    dlg->close();
}

void TestSecretsPage::useForAllProjectsStoresOnceForEveryProject()
{
    GuiTestEnvironment env;
    EnvGuard keychain;
    keychain.unset("OCS_KEYCHAIN");
    const QString one = env.makeProject(QStringLiteral("one"), yamlFor("one"));
    const QString two = env.makeProject(QStringLiteral("two"), yamlFor("two"));
    TestApp app(env);
    app.registry->add(one);
    app.registry->add(two);
    QVERIFY(app.startAndSettle());
    const QString value = QStringLiteral("shared-%1-value").arg(QCoreApplication::applicationPid());

    SettingsDialog *dlg = nullptr;
    SecretsPage *page = openSecrets(app, one, &dlg);
    QVERIFY(page);
    QSignalSpy finished(page, &SecretsPage::storeFinished);
    QVERIFY(enterValue(page, QStringLiteral("EXAMPLE_TOKEN"), value, true));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(lookup(QStringLiteral("secret/shared/EXAMPLE_TOKEN")),
             std::optional<QByteArray>(value.toUtf8()));
    const QString idOne = app.fleet->sandbox(one)->sandboxId();
    QCOMPARE(lookup(QStringLiteral("secret/%1/EXAMPLE_TOKEN").arg(idOne)), std::nullopt);
    QVERIFY(settle(page));
    QTRY_VERIFY(cell(page, QStringLiteral("EXAMPLE_TOKEN"), SecretsPage::ColSource)
                    .contains(QStringLiteral("all projects")));
    dlg->close();

    // The other project sees it as set, from the shared scope.
    SecretsPage *other = openSecrets(app, two, &dlg);
    QVERIFY(other);
    QTRY_COMPARE(cell(other, QStringLiteral("EXAMPLE_TOKEN"), SecretsPage::ColValue),
                 QStringLiteral("set"));
    QVERIFY(cell(other, QStringLiteral("EXAMPLE_TOKEN"), SecretsPage::ColSource)
                .contains(QStringLiteral("all projects")));
    QCOMPARE(cell(other, QStringLiteral("ANTHROPIC_API_KEY"), SecretsPage::ColValue),
             QStringLiteral("not set"));
    // Forgetting it there forgets the shared value.
    other->selectName(QStringLiteral("EXAMPLE_TOKEN"));
    QSignalSpy forgot(other, &SecretsPage::storeFinished);
    other->forgetButton()->click();
    QVERIFY(answerForget(other, true));
    QTRY_COMPARE_WITH_TIMEOUT(forgot.count(), 1, 20000);
    QVERIFY2(forgot.first().at(0).toBool(), qPrintable(forgot.first().at(1).toString()));
    QCOMPARE(lookup(QStringLiteral("secret/shared/EXAMPLE_TOKEN")), std::nullopt);
    dlg->close();
}

void TestSecretsPage::forgetValueRemovesItFromTheKeychain()
{
    GuiTestEnvironment env;
    EnvGuard keychain;
    keychain.unset("OCS_KEYCHAIN");
    OneProject p(env, "forget");
    SecretsPage *page = openPage(p);
    QVERIFY(page);
    SettingsDialog *dlg = p.dialog;
    const QString key = QStringLiteral("secret/%1/EXAMPLE_TOKEN").arg(p.sandboxId());
    QSignalSpy finished(page, &SecretsPage::storeFinished);
    QVERIFY(enterValue(page, QStringLiteral("EXAMPLE_TOKEN"), QStringLiteral("to-be-forgotten"),
                       false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY(lookup(key));
    QVERIFY(settle(page));
    QTRY_COMPARE(cell(page, QStringLiteral("EXAMPLE_TOKEN"), SecretsPage::ColValue),
                 QStringLiteral("set"));

    // Forget asks first; Cancel keeps the value.
    page->selectName(QStringLiteral("EXAMPLE_TOKEN"));
    page->forgetButton()->click();
    QVERIFY(answerForget(page, false));
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1);
    QVERIFY(lookup(key));
    page->forgetButton()->click();
    QVERIFY(answerForget(page, true));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    QCOMPARE(lookup(key), std::nullopt);
    QVERIFY(settle(page));
    QTRY_COMPARE(cell(page, QStringLiteral("EXAMPLE_TOKEN"), SecretsPage::ColValue),
                 QStringLiteral("not set"));
    // The config still lists it: forgetting a value is not removing the secret.
    QCOMPARE(dlg->editedConfig().injectedSecrets.size(), 2);
    dlg->close();
}

void TestSecretsPage::sourceHostVariableIsRecordedNotRead()
{
    GuiTestEnvironment env;
    EnvGuard guard;
    guard.unset("OCS_KEYCHAIN");
    guard.set("OCS_TEST_HOST_TOKEN", QStringLiteral("host-variable-value-never-shown"));
    OneProject p(env, "source");
    SecretsPage *page = openPage(p);
    QVERIFY(page);
    SettingsDialog *dlg = p.dialog;
    page->selectName(QStringLiteral("EXAMPLE_TOKEN"));
    page->sourceButton()->click();
    QDialog *source = page->pendingDialog();
    QVERIFY(source && source->objectName() == QLatin1String("sourceDialog"));
    source->findChild<QRadioButton *>(QStringLiteral("environmentRadio"))->setChecked(true);
    source->findChild<QLineEdit *>(QStringLiteral("variableEdit"))
        ->setText(QStringLiteral("OCS_TEST_HOST_TOKEN"));
    source->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!source->isVisible());

    const auto recorded =
        page->store()->source(QStringLiteral("EXAMPLE_TOKEN"), SecretStore::Scope::Project);
    QVERIFY(recorded);
    QCOMPARE(recorded->kind, SecretSource::Kind::Environment);
    QCOMPARE(recorded->variable, QStringLiteral("OCS_TEST_HOST_TOKEN"));
    QVERIFY(settle(page));
    QCOMPARE(cell(page, QStringLiteral("EXAMPLE_TOKEN"), SecretsPage::ColValue),
             QStringLiteral("set"));
    QVERIFY(cell(page, QStringLiteral("EXAMPLE_TOKEN"), SecretsPage::ColSource)
                .contains(QStringLiteral("OCS_TEST_HOST_TOKEN")));
    for (const QString &t : shownTexts(dlg))
        QVERIFY2(!t.contains(QStringLiteral("never-shown")), qPrintable(t));
    // Nothing went into the keychain.
    QCOMPARE(lookup(QStringLiteral("secret/%1/EXAMPLE_TOKEN").arg(p.sandboxId())), std::nullopt);
    dlg->close();
}

// No keychain (OCS_KEYCHAIN=0): the values are "unknown", and the reason is shown under the
// table, not only in a tooltip.
void TestSecretsPage::keychainProblemIsShownUnderTheTable()
{
    GuiTestEnvironment env;
    EnvGuard keychain;
    keychain.set("OCS_KEYCHAIN", QStringLiteral("0"));
    OneProject p(env, "nokeychain");
    SecretsPage *page = openPage(p);
    QVERIFY(page);
    SettingsDialog *dlg = p.dialog;
    QVERIFY(settle(page));
    QCOMPARE(cell(page, QStringLiteral("EXAMPLE_TOKEN"), SecretsPage::ColValue),
             QStringLiteral("unknown"));
    QVERIFY(!page->statusLabel()->isHidden());
    QVERIFY2(page->statusLabel()->text().contains(SecretStore::keychainOffText()),
             qPrintable(page->statusLabel()->text()));
    dlg->close();
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    TestSecretsPage test;
    QTEST_SET_MAIN_SOURCE_PATH
    const int rc = QTest::qExec(&test, argc, argv);
    // Skipped is not passed: 77 makes CTest say so (SKIP_RETURN_CODE).
    return rc == 0 && test.skipped() ? 77 : rc;
}

#include "tst_secretspage.moc"
