#include "settingsdialog.h"

#include "app/appsettings.h"
#include "app/managedsandbox.h"
#include "app/projectregistry.h"
#include "config/configfile.h"
#include "config/configrules.h"
#include "linelisthighlighter.h"
#include "network/livepolicy.h"
#include "project/project.h"
#include "project/whitelistpresets.h"
#include "project/workspacefile.h"
#include "sandbox/prestarthook.h"
#include "sandbox/runplan.h"
#include "sandbox/sandboxrecord.h"
#include "secrets/secretstore.h"
#include "secretspage.h"
#include "statusicons.h"
#include "traylogging.h"
#include "ui_settingsdialog.h"

#include <QDir>
#include <QEvent>
#include <QFile>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace ocs::tray {

namespace rules = ocs::configrules;

namespace {

enum PassthroughColumn { PtContainer, PtHost, PtSet };
enum EnvColumn { EnvName, EnvValue };

const QString ErrorStyle = QStringLiteral("color: #c62828;");

QString cellText(const QTableWidget *t, int row, int col)
{
    const QTableWidgetItem *i = t->item(row, col);
    return i ? i->text().trimmed() : QString();
}

void markCell(QTableWidget *t, int row, int col, const QString &problem)
{
    QTableWidgetItem *i = t->item(row, col);
    if (!i)
        return;
    i->setToolTip(problem);
    i->setBackground(problem.isEmpty() ? QBrush() : QBrush(QColor(0xd3, 0x2f, 0x2f, 60)));
}

QString presetLabel(const QString &id)
{
    if (id == QLatin1String("anthropic"))
        return SettingsDialog::tr("Anthropic (Claude API)");
    if (id == QLatin1String("openai"))
        return SettingsDialog::tr("OpenAI API");
    if (id == QLatin1String("github"))
        return SettingsDialog::tr("GitHub (web, API, raw files)");
    if (id == QLatin1String("npm"))
        return SettingsDialog::tr("npm (the registry your npm uses)");
    if (id == QLatin1String("pypi"))
        return SettingsDialog::tr("PyPI (the index your pip uses)");
    return id;
}

} // namespace

SettingsDialog::SettingsDialog(ManagedSandbox *sandbox, ProjectRegistry *registry, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_sandbox(sandbox)
    , m_registry(registry)
    , m_root(sandbox->root())
    , m_path(QDir(sandbox->root()).filePath(ConfigFile::FileName))
{
    m_ui->setupUi(this);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowIcon(StatusIcons::appIcon());
    for (QLabel *l : {m_ui->nameError, m_ui->limitsError, m_ui->whitelistError,
                      m_ui->hostPortsError, m_ui->envError, m_ui->problemsLabel})
        l->setStyleSheet(ErrorStyle);
    m_ui->fileLabel->setOpenExternalLinks(true);
    m_ui->fileLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);

    m_whitelistHighlighter = new LineListHighlighter(
        m_ui->whitelistEdit->document(), [](const QString &e) { return rules::checkDomain(e); });
    m_portsHighlighter = new LineListHighlighter(
        m_ui->hostPortsEdit->document(), [](const QString &e) { return rules::checkPort(e); });

    m_ui->passthroughTable->setColumnCount(3);
    m_ui->envTable->setColumnCount(2);
    m_ui->passthroughTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_ui->envTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);

    for (QLineEdit *e : {m_ui->nameEdit, m_ui->memoryEdit, m_ui->cpuEdit, m_ui->pidsEdit})
        connect(e, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    for (QPlainTextEdit *e : {m_ui->whitelistEdit, m_ui->hostPortsEdit})
        connect(e, &QPlainTextEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_ui->passthroughTable, &QTableWidget::itemChanged, this,
            [this](QTableWidgetItem *item) {
                if (m_filling)
                    return;
                if (item->column() != PtSet)
                    updatePassthroughStatus(item->row());
                validate();
            });
    connect(m_ui->envTable, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            validate();
    });
    connect(m_ui->addPassthroughButton, &QPushButton::clicked, this, [this] {
        addRow(m_ui->passthroughTable, {QString(), QString()});
        m_ui->passthroughTable->editItem(
            m_ui->passthroughTable->item(m_ui->passthroughTable->rowCount() - 1, PtContainer));
    });
    connect(m_ui->removePassthroughButton, &QPushButton::clicked, this, [this] {
        const int row = m_ui->passthroughTable->currentRow();
        if (row >= 0)
            m_ui->passthroughTable->removeRow(row);
        validate();
    });
    connect(m_ui->addEnvButton, &QPushButton::clicked, this, [this] {
        addRow(m_ui->envTable, {QString(), QString()});
        m_ui->envTable->editItem(m_ui->envTable->item(m_ui->envTable->rowCount() - 1, EnvName));
    });
    connect(m_ui->removeEnvButton, &QPushButton::clicked, this, [this] {
        const int row = m_ui->envTable->currentRow();
        if (row >= 0)
            m_ui->envTable->removeRow(row);
        validate();
    });
    connect(m_ui->approveHookButton, &QPushButton::clicked, this, [this] {
        if (!m_sandbox || !m_sandbox->project())
            return;
        PreStartHook hook(*m_sandbox->project());
        QString error;
        // Exactly what the tab shows; a change since then is refused (and shown again).
        if (!m_sandbox->project()->ensureStateDirs(&error) ||
            !hook.approve(m_shownHookSha256, &error)) {
            fillHook();
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Approving the hook"), error,
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            m_question = box;
            box->open();
            return;
        }
        m_sandbox->reloadProject();
        fillHook();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(saveButton(), &QPushButton::clicked, this, &SettingsDialog::save);

    // Secrets: a tab after Environment; the hint about credentials passed through goes
    // under the passed-through table.
    m_secretsPage = new SecretsPage(sandbox->sandboxId(), AppSettings::defaultFilePath(), this);
    m_ui->tabs->insertTab(m_ui->tabs->indexOf(m_ui->environmentTab) + 1, m_secretsPage, QString());
    connect(m_secretsPage, &SecretsPage::changed, this, &SettingsDialog::validate);
    connect(m_secretsPage, &SecretsPage::whitelistRequested, this, &SettingsDialog::addDomains);
    m_secretHint = new QLabel(m_ui->environmentTab);
    m_secretHint->setObjectName(QStringLiteral("secretHint"));
    m_secretHint->setWordWrap(true);
    m_secretHint->setTextFormat(Qt::RichText);
    m_secretHint->hide();
    int hintAt = m_ui->environmentLayout->indexOf(m_ui->passthroughTable) + 1;
    for (int i = 0; i < m_ui->environmentLayout->count(); ++i) {
        if (m_ui->environmentLayout->itemAt(i)->layout() == m_ui->passthroughButtons)
            hintAt = i + 1; // under the table's buttons
    }
    m_ui->environmentLayout->insertWidget(hintAt, m_secretHint);
    connect(m_secretHint, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QLatin1String("inject:")))
            injectInstead(link.mid(7));
    });

    m_presets = new WhitelistPresetResolver(this);
    setupPresets();
    retranslate();
    load();
}

SettingsDialog::~SettingsDialog() = default;

QMessageBox *SettingsDialog::pendingQuestion() const
{
    return m_question.data();
}

QPushButton *SettingsDialog::saveButton() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Save);
}

void SettingsDialog::retranslate()
{
    saveButton()->setText(tr("&Save"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    m_ui->passthroughTable->setHorizontalHeaderLabels(
        {tr("In the sandbox"), tr("From the host variable"), tr("Set on this computer?")});
    m_ui->envTable->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_ui->memoryEdit->setPlaceholderText(tr("%1 (default)").arg(RunPlanner::DefaultMemoryLimit));
    m_ui->cpuEdit->setPlaceholderText(tr("no limit"));
    m_ui->pidsEdit->setPlaceholderText(tr("%1 (default)").arg(RunPlanner::DefaultPidsLimit));
    m_ui->whitelistEdit->setPlaceholderText(tr("api.example.com\n.example.org"));
    m_ui->hostPortsEdit->setPlaceholderText(tr("5432"));
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_secretsPage), tr("Se&crets"));
    m_secretsPage->retranslate();
    setupPresets();
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
        if (m_loaded)
            validate();
    }
    QDialog::changeEvent(event);
}

void SettingsDialog::setupPresets()
{
    QMenu *menu = m_ui->presetButton->menu();
    if (!menu) {
        menu = new QMenu(m_ui->presetButton);
        m_ui->presetButton->setMenu(menu);
    }
    menu->clear();
    for (const WhitelistPreset &p : WhitelistPreset::all()) {
        QAction *a = menu->addAction(presetLabel(p.id));
        a->setData(p.id);
        if (p.source == WhitelistPreset::Source::Fixed)
            a->setToolTip(p.domains.join(QStringLiteral(", ")));
        connect(a, &QAction::triggered, this, [this, id = p.id] { applyPreset(id); });
    }
    menu->setToolTipsVisible(true);
}

void SettingsDialog::applyPreset(const QString &id)
{
    const WhitelistPreset preset = WhitelistPreset::byId(id);
    m_ui->presetStatus->setText(tr("Looking up %1…").arg(presetLabel(id)));
    QPointer<SettingsDialog> self(this);
    m_presets->resolve(preset, [self, id](const QStringList &domains, const QString &error) {
        if (!self)
            return;
        self->m_ui->presetStatus->clear();
        if (!domains.isEmpty()) {
            self->addDomains(domains);
            return;
        }
        // Not found through the user's tools: ask.
        auto *input = new QInputDialog(self);
        input->setAttribute(Qt::WA_DeleteOnClose);
        input->setWindowTitle(presetLabel(id));
        input->setLabelText(tr("%1\n\nWhich domain should the sandbox reach for it?").arg(error));
        input->setTextValue(QString());
        connect(input, &QInputDialog::textValueSelected, self, [self](const QString &text) {
            if (self && !text.trimmed().isEmpty())
                self->addDomains({text.trimmed()});
        });
        input->open();
    });
}

void SettingsDialog::addDomains(const QStringList &domains)
{
    QStringList lines = LineListHighlighter::entries(m_ui->whitelistEdit->toPlainText());
    for (const QString &d : domains) {
        if (!lines.contains(d))
            lines << d;
    }
    m_ui->whitelistEdit->setPlainText(lines.join(QLatin1Char('\n')));
}

void SettingsDialog::addRow(QTableWidget *table, const QStringList &cells)
{
    const bool filling = m_filling;
    m_filling = true;
    const int row = table->rowCount();
    table->insertRow(row);
    for (int c = 0; c < table->columnCount(); ++c) {
        auto *item = new QTableWidgetItem(cells.value(c));
        if (table == m_ui->passthroughTable && c == PtSet)
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        table->setItem(row, c, item);
    }
    if (table == m_ui->passthroughTable)
        updatePassthroughStatus(row);
    m_filling = filling;
}

void SettingsDialog::updatePassthroughStatus(int row)
{
    QTableWidget *t = m_ui->passthroughTable;
    QTableWidgetItem *status = t->item(row, PtSet);
    if (!status)
        return;
    QString host = cellText(t, row, PtHost);
    if (host.isEmpty())
        host = cellText(t, row, PtContainer);
    const bool filling = m_filling;
    m_filling = true;
    // Only whether it is set: the value is never read into the dialog.
    if (host.isEmpty()) {
        status->setText(QString());
    } else if (qEnvironmentVariableIsSet(host.toLocal8Bit().constData())) {
        status->setText(tr("set"));
        status->setToolTip(tr("%1 is set in this app's environment").arg(host));
    } else {
        status->setText(tr("not set"));
        status->setToolTip(tr("%1 is not set here; the pre-start hook may set it").arg(host));
    }
    m_filling = filling;
}

void SettingsDialog::updateSecretHint()
{
    // Passed-through variables that look like credentials: the agent can read them and send
    // them to any host it may reach. Injected, it sees only a placeholder.
    QStringList lines;
    const QTableWidget *t = m_ui->passthroughTable;
    for (int r = 0; r < t->rowCount(); ++r) {
        const QString name = cellText(t, r, PtContainer);
        if (!rules::checkEnvName(name).isEmpty() || !SecretStore::looksLikeSecret(name))
            continue;
        lines << tr("%1 looks like a credential: passed through, the agent can read it and send "
                    "it to any host it may reach. <a href=\"inject:%1\">Inject it instead</a> "
                    "(the agent sees a placeholder; the proxy adds the value for its API "
                    "hosts only).")
                     .arg(name.toHtmlEscaped());
    }
    m_secretHint->setText(lines.join(QStringLiteral("<br>")));
    m_secretHint->setVisible(!lines.isEmpty());
}

void SettingsDialog::injectInstead(const QString &name)
{
    QTableWidget *t = m_ui->passthroughTable;
    QString hostVariable;
    for (int r = 0; r < t->rowCount(); ++r) {
        if (cellText(t, r, PtContainer) == name) {
            hostVariable = cellText(t, r, PtHost);
            if (hostVariable.isEmpty())
                hostVariable = name;
        }
    }
    m_ui->tabs->setCurrentWidget(m_secretsPage);
    QPointer<SettingsDialog> self(this);
    // The row goes once the secret is in (a name without a preset asks for its hosts first).
    m_secretsPage->addByName(name, hostVariable, [self, name] {
        if (!self)
            return;
        QTableWidget *pt = self->m_ui->passthroughTable;
        for (int r = pt->rowCount() - 1; r >= 0; --r) {
            if (cellText(pt, r, PtContainer) == name)
                pt->removeRow(r);
        }
        self->validate();
    });
}

void SettingsDialog::load()
{
    m_filling = true;
    QFile f(m_path);
    m_fileText = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    const auto result = ConfigFile::parse(m_fileText, m_path);
    m_loaded = result.ok();
    m_ui->fileLabel->setText(tr("Settings of %1 in <a href=\"%2\">%3</a>")
                                 .arg(m_root.toHtmlEscaped(),
                                      QUrl::fromLocalFile(m_path).toString(QUrl::FullyEncoded),
                                      ConfigFile::FileName));
    setWindowTitle(tr("Settings — %1").arg(m_sandbox ? m_sandbox->displayName() : m_root));
    if (!m_loaded) {
        m_ui->tabs->setEnabled(false);
        m_ui->problemsLabel->setText(
            tr("The file cannot be edited here until these problems are fixed in it:\n%1")
                .arg(result.errorSummary()));
        saveButton()->setEnabled(false);
        m_filling = false;
        return;
    }
    m_original = *result.config;
    const ProjectConfig &c = m_original;
    m_ui->nameEdit->setText(c.sandboxName);
    m_ui->memoryEdit->setText(c.memoryLimit);
    m_ui->cpuEdit->setText(c.cpuLimit);
    m_ui->pidsEdit->setText(c.pidsLimit ? QString::number(c.pidsLimit) : QString());
    m_ui->whitelistEdit->setPlainText(c.httpDomainWhitelist.join(QLatin1Char('\n')));
    QStringList ports;
    for (quint16 p : c.hostPorts)
        ports << QString::number(p);
    m_ui->hostPortsEdit->setPlainText(ports.join(QLatin1Char('\n')));
    fillTables();
    m_secretsPage->setSecrets(c.injectedSecrets);
    if (m_registry) {
        const ProjectAppSettings app = m_registry->appSettings(m_root);
        m_ui->startWithAppCheck->setChecked(app.startWithApp);
        m_ui->openWebUiCheck->setChecked(app.openWebUiAfterStart);
    }
    const quint16 port = m_sandbox && m_sandbox->port()
                             ? m_sandbox->port()
                             : SandboxRecord::load(Project(m_root, c).stateDir()).port;
    m_ui->portValue->setText(
        port ? tr("%1 (chosen automatically; kept while it stays free)").arg(port)
             : tr("chosen at the first start (from 4096 up)"));
    fillHook();
    m_filling = false;
    validate();
}

void SettingsDialog::fillTables()
{
    m_ui->passthroughTable->setRowCount(0);
    for (const EnvPassthrough &p : std::as_const(m_original.envPassthrough))
        addRow(m_ui->passthroughTable, {p.containerVar, p.hostVar});
    m_ui->envTable->setRowCount(0);
    for (const EnvVar &e : std::as_const(m_original.env))
        addRow(m_ui->envTable, {e.name, e.value});
}

void SettingsDialog::fillHook()
{
    const QString hookPath = QDir(m_root).filePath(Project::HookFileName);
    m_ui->hookPathLabel->setText(hookPath);
    if (!m_loaded)
        return;
    const Project project(m_root, m_original);
    PreStartHook hook(project);
    // One read: the text shown and the hash Approve records come from the same bytes.
    const ApprovedFile::Snapshot shown = hook.read();
    const auto status = PreStartHook::statusOf(shown);
    m_shownHookSha256 = shown.sha256;
    int marked = 0;
    m_ui->hookView->setPlainText(visibleText(shown.content, &marked));
    QString text;
    switch (status) {
    case PreStartHook::Status::Absent:
        text = tr("This project has no pre-start hook.");
        break;
    case PreStartHook::Status::Empty:
        text = tr("The hook holds only comments: nothing runs before a start.");
        break;
    case PreStartHook::Status::Approved:
        text = tr("Approved: exactly this content runs on your computer before each start.");
        break;
    case PreStartHook::Status::NotApproved:
        text = tr("Not approved: the hook is new or changed since you last approved it, so "
                  "starts fail until you approve it. Read it first: it runs on your computer "
                  "with your rights, and anything in the workspace (the agent too) can edit it.");
        break;
    }
    if (shown.status == ApprovedFile::Status::Refused)
        text = shown.error;
    else if (marked > 0)
        text += QLatin1Char(' ') +
                tr("It holds %n control or invisible character(s) (carriage returns, escape "
                   "sequences, direction overrides, zero-width marks), shown as \\r, \\xNN or "
                   "<U+XXXX>: elsewhere they can hide what it does.",
                   nullptr, marked);
    m_ui->hookStatusLabel->setText(text);
    m_ui->hookStatusLabel->setStyleSheet(status == PreStartHook::Status::NotApproved ? ErrorStyle
                                                                                     : QString());
    m_ui->approveHookButton->setEnabled(shown.status == ApprovedFile::Status::NotApproved);
    m_ui->tabs->setTabIcon(m_ui->tabs->indexOf(m_ui->hookTab),
                           status == PreStartHook::Status::NotApproved
                               ? StatusIcons::marker(ManagedSandbox::State::Error)
                               : QIcon());
}

ProjectConfig SettingsDialog::editedConfig() const
{
    ProjectConfig c = m_original;
    c.sandboxName = m_ui->nameEdit->text().trimmed();
    c.memoryLimit = m_ui->memoryEdit->text().trimmed();
    c.cpuLimit = m_ui->cpuEdit->text().trimmed();
    int pids = 0;
    const QString pidsText = m_ui->pidsEdit->text().trimmed();
    if (!pidsText.isEmpty() && rules::checkPidsLimit(pidsText, &pids).isEmpty())
        c.pidsLimit = pids;
    else if (pidsText.isEmpty())
        c.pidsLimit = 0;
    c.httpDomainWhitelist.clear();
    for (const QString &e : LineListHighlighter::entries(m_ui->whitelistEdit->toPlainText())) {
        QString normalised;
        if (rules::checkDomain(e, &normalised).isEmpty() &&
            !c.httpDomainWhitelist.contains(normalised))
            c.httpDomainWhitelist << normalised;
    }
    c.hostPorts.clear();
    for (const QString &e : LineListHighlighter::entries(m_ui->hostPortsEdit->toPlainText())) {
        quint16 port = 0;
        if (rules::checkPort(e, &port).isEmpty() && !c.hostPorts.contains(port))
            c.hostPorts << port;
    }
    c.envPassthrough.clear();
    const QTableWidget *pt = m_ui->passthroughTable;
    for (int r = 0; r < pt->rowCount(); ++r) {
        const QString container = cellText(pt, r, PtContainer);
        QString host = cellText(pt, r, PtHost);
        if (container.isEmpty() && host.isEmpty())
            continue;
        if (host.isEmpty())
            host = container;
        c.envPassthrough << EnvPassthrough{container, host};
    }
    c.env.clear();
    const QTableWidget *et = m_ui->envTable;
    for (int r = 0; r < et->rowCount(); ++r) {
        const QString name = cellText(et, r, EnvName);
        const QTableWidgetItem *v = et->item(r, EnvValue);
        const QString value = v ? v->text() : QString();
        if (name.isEmpty() && value.isEmpty())
            continue;
        c.env << EnvVar{name, value};
    }
    c.injectedSecrets = m_secretsPage->secrets();
    return c;
}

void SettingsDialog::validate()
{
    if (m_filling || !m_loaded)
        return;
    QStringList all;
    auto show = [](QLabel *label, const QStringList &problems) {
        label->setText(problems.join(QLatin1Char('\n')));
        label->setVisible(!problems.isEmpty());
    };

    // General
    const QString name = m_ui->nameEdit->text().trimmed();
    QStringList nameProblems;
    if (const QString p = rules::checkSandboxName(name); !p.isEmpty())
        nameProblems << p;
    show(m_ui->nameError, nameProblems);
    m_ui->sandboxIdValue->setText(nameProblems.isEmpty() ? computeSandboxId(name, m_root)
                                                         : QStringLiteral("—"));
    QStringList limits;
    if (const QString t = m_ui->memoryEdit->text().trimmed(); !t.isEmpty()) {
        if (const QString p = rules::checkMemoryLimit(t); !p.isEmpty())
            limits << tr("Memory limit: %1").arg(p);
    }
    if (const QString t = m_ui->cpuEdit->text().trimmed(); !t.isEmpty()) {
        if (const QString p = rules::checkCpuLimit(t); !p.isEmpty())
            limits << tr("CPU limit: %1").arg(p);
    }
    if (const QString t = m_ui->pidsEdit->text().trimmed(); !t.isEmpty()) {
        if (const QString p = rules::checkPidsLimit(t); !p.isEmpty())
            limits << tr("Process limit: %1").arg(p);
    }
    show(m_ui->limitsError, limits);
    const bool generalBad = !nameProblems.isEmpty() || !limits.isEmpty();
    all << nameProblems << limits;

    // Network and ports
    const QStringList domainProblems = LineListHighlighter::problems(
        m_ui->whitelistEdit->toPlainText(), [](const QString &e) { return rules::checkDomain(e); });
    show(m_ui->whitelistError, domainProblems);
    const QStringList portProblems = LineListHighlighter::problems(
        m_ui->hostPortsEdit->toPlainText(), [](const QString &e) { return rules::checkPort(e); });
    show(m_ui->hostPortsError, portProblems);
    all << domainProblems << portProblems;

    // Environment. One variable comes from one place only (configrules::earlierUses): the
    // names of both tables, passed-through rows first, every row (empty ones too) counted.
    QStringList envProblems;
    const QTableWidget *pt = m_ui->passthroughTable;
    const QTableWidget *et = m_ui->envTable;
    QStringList names;
    for (int r = 0; r < pt->rowCount(); ++r)
        names << cellText(pt, r, PtContainer);
    for (int r = 0; r < et->rowCount(); ++r)
        names << cellText(et, r, EnvName);
    const QList<qsizetype> earlier = rules::earlierUses(names);
    m_filling = true;
    for (int r = 0; r < pt->rowCount(); ++r) {
        const QString container = cellText(pt, r, PtContainer);
        const QString host = cellText(pt, r, PtHost);
        QString cp, hp;
        if (container.isEmpty() && host.isEmpty()) {
            // an empty row is ignored
        } else if (!(cp = rules::checkEnvName(container)).isEmpty() ||
                   !(cp = rules::reservedEnvReason(container)).isEmpty()) {
        } else if (earlier[r] >= 0) {
            cp = tr("%1 is listed twice").arg(container);
        }
        if (!host.isEmpty())
            hp = rules::checkEnvName(host);
        markCell(m_ui->passthroughTable, r, PtContainer, cp);
        markCell(m_ui->passthroughTable, r, PtHost, hp);
        if (!cp.isEmpty())
            envProblems << tr("Passed through, row %1: %2").arg(r + 1).arg(cp);
        if (!hp.isEmpty())
            envProblems << tr("Passed through, row %1: %2").arg(r + 1).arg(hp);
    }
    for (int r = 0; r < et->rowCount(); ++r) {
        const QString n = cellText(et, r, EnvName);
        const QTableWidgetItem *vi = et->item(r, EnvValue);
        const QString value = vi ? vi->text() : QString();
        QString np, vp;
        if (n.isEmpty() && value.isEmpty()) {
        } else if (!(np = rules::checkEnvName(n)).isEmpty() ||
                   !(np = rules::reservedEnvReason(n)).isEmpty()) {
        } else if (earlier[pt->rowCount() + r] >= 0) {
            np = tr("%1 is listed twice").arg(n);
        }
        vp = rules::controlCharacterProblem(value);
        markCell(m_ui->envTable, r, EnvName, np);
        markCell(m_ui->envTable, r, EnvValue, vp);
        if (!np.isEmpty())
            envProblems << tr("Fixed value, row %1: %2").arg(r + 1).arg(np);
        if (!vp.isEmpty())
            envProblems << tr("Fixed value, row %1: %2").arg(r + 1).arg(vp);
    }
    m_filling = false;
    show(m_ui->envError, envProblems);
    all << envProblems;
    updateSecretHint();

    // Secrets: their hosts whitelisted, their names not also set on the Environment tab.
    QStringList secretProblems;
    for (const QString &p : m_secretsPage->checkAgainst(editedConfig()))
        secretProblems << tr("Secrets: %1").arg(p);
    all << secretProblems;

    auto flag = [this](QWidget *tab, bool bad) {
        m_ui->tabs->setTabIcon(m_ui->tabs->indexOf(tab),
                               bad ? StatusIcons::marker(ManagedSandbox::State::Error) : QIcon());
    };
    flag(m_ui->generalTab, generalBad);
    flag(m_ui->networkTab, !domainProblems.isEmpty());
    flag(m_ui->portsTab, !portProblems.isEmpty());
    flag(m_ui->environmentTab, !envProblems.isEmpty());
    flag(m_secretsPage, !secretProblems.isEmpty());

    m_problems = all;
    m_ui->problemsLabel->setText(
        all.isEmpty() ? QString()
                      : tr("%n problem(s) to fix before saving.", nullptr, int(all.size())));
    saveButton()->setEnabled(all.isEmpty());
}

void SettingsDialog::ask(const QString &title, const QString &text, const QString &details,
                         const QString &yesText, std::function<void()> onYes)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::NoButton, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDetailedText(details);
    QPushButton *yes = box->addButton(yesText, QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel)->setText(tr("Cancel"));
    box->setDefaultButton(yes);
    connect(box, &QMessageBox::buttonClicked, this, [yes, onYes](QAbstractButton *b) {
        if (b == yes)
            onYes();
    });
    m_question = box;
    box->open();
}

void SettingsDialog::save()
{
    validate();
    if (!m_loaded || !m_problems.isEmpty())
        return;
    QFile f(m_path);
    const QByteArray onDisk = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    auto checkComments = [this, onDisk] {
        QStringList dropped;
        ConfigFile::render(onDisk, editedConfig(), &dropped);
        if (dropped.isEmpty())
            return writeFile();
        ask(tr("Comments would be lost"),
            tr("Saving rewrites parts of %1 whose comments cannot be kept (%n comment(s)). "
               "Save anyway?",
               nullptr, int(dropped.size()))
                .arg(ConfigFile::FileName),
            dropped.join(QLatin1Char('\n')), tr("Save anyway"), [this] { writeFile(); });
    };
    if (onDisk != m_fileText) {
        ask(tr("The file changed"),
            tr("%1 changed on disk since this window opened. Saving keeps the other changes "
               "only in the sections you did not edit here. Save anyway?")
                .arg(ConfigFile::FileName),
            QString(), tr("Save anyway"), checkComments);
        return;
    }
    checkComments();
}

void SettingsDialog::writeFile()
{
    const ProjectConfig edited = editedConfig();
    QString error;
    if (!ConfigFile::save(m_path, edited, &error)) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Saving failed"),
                                    tr("The settings could not be saved: %1").arg(error),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        m_question = box;
        box->open();
        return;
    }
    qCInfo(lcTray) << "saved" << m_path;
    if (m_registry && m_registry->contains(m_root)) {
        ProjectAppSettings app;
        app.startWithApp = m_ui->startWithAppCheck->isChecked();
        app.openWebUiAfterStart = m_ui->openWebUiCheck->isChecked();
        m_registry->setAppSettings(m_root, app);
    }
    const ConfigImpact impact = ConfigImpact::assess(m_original, edited);
    // The whitelist and blacklist apply live: what the user entered here counts as reviewed.
    if (impact.appliedLive && m_sandbox && m_sandbox->project()) {
        QString policyError;
        if (!networkpolicy::applyEdited(*m_sandbox->project(), m_original, edited, &policyError))
            qCWarning(lcTray) << "live policy of" << m_root << "not written:" << policyError;
    }
    if (m_sandbox)
        m_sandbox->reloadProject();
    Q_EMIT saved(impact);
    accept();
}

} // namespace ocs::tray
