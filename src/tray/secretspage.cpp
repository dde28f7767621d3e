#include "secretspage.h"

#include "config/configrules.h"
#include "secrets/secretpresets.h"
#include "traylogging.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ocs::tray {

namespace rules = ocs::configrules;

namespace {

const QString ErrorStyle = QStringLiteral("color: #c62828;");

// "x-api-key" for the format "{}", else "Authorization: Bearer {}".
QString headerText(const InjectedSecret &s)
{
    if (s.format.isEmpty() || s.format == QLatin1String("{}"))
        return s.header;
    return s.header + QStringLiteral(": ") + s.format;
}

// The inverse of headerText.
void parseHeader(const QString &text, QString *header, QString *format)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon < 0) {
        *header = text.trimmed();
        *format = QStringLiteral("{}");
        return;
    }
    *header = text.left(colon).trimmed();
    *format = text.mid(colon + 1).trimmed();
}

QStringList splitHosts(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QString scopeText(SecretStore::Scope scope)
{
    return scope == SecretStore::Scope::Shared ? SecretsPage::tr("all projects")
                                               : SecretsPage::tr("this project");
}

QString sourceText(const SecretSource &source, SecretStore::Scope scope)
{
    switch (source.kind) {
    case SecretSource::Kind::Keychain:
        return SecretsPage::tr("Keychain (%1)").arg(scopeText(scope));
    case SecretSource::Kind::Environment:
        return SecretsPage::tr("Host variable %1 (%2)").arg(source.variable, scopeText(scope));
    case SecretSource::Kind::Command:
        return SecretsPage::tr("Host command (%1)").arg(scopeText(scope));
    }
    return QString();
}

QLabel *errorLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(QStringLiteral("errorLabel"));
    l->setStyleSheet(ErrorStyle);
    l->setWordWrap(true);
    l->hide();
    return l;
}

void showError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace

SecretsPage::SecretsPage(const QString &sandboxId, const QString &settingsFile, QWidget *parent)
    : QWidget(parent)
    , m_store(new SecretStore(sandboxId, settingsFile, this))
{
    setObjectName(QStringLiteral("secretsPage"));
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("secretsTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    layout->addWidget(m_table);

    auto *buttons = new QHBoxLayout;
    auto button = [this, buttons](const char *name) {
        auto *b = new QPushButton(this);
        b->setObjectName(QLatin1String(name));
        b->setAutoDefault(false);
        buttons->addWidget(b);
        return b;
    };
    m_add = button("addSecretButton");
    m_remove = button("removeSecretButton");
    buttons->addSpacing(12);
    m_setValue = button("setValueButton");
    m_source = button("sourceButton");
    m_forget = button("forgetValueButton");
    buttons->addStretch();
    layout->addLayout(buttons);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("secretsStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("secretsProblems"));
    m_problems->setStyleSheet(ErrorStyle);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    m_problems->hide();
    connect(m_problems, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("whitelist") && !m_missingHosts.isEmpty())
            Q_EMIT whitelistRequested(m_missingHosts);
    });
    layout->addWidget(m_problems);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &SecretsPage::updateButtons);
    connect(m_add, &QPushButton::clicked, this, [this] { openAddDialog(QString(), {}); });
    connect(m_remove, &QPushButton::clicked, this, &SecretsPage::removeSelected);
    connect(m_setValue, &QPushButton::clicked, this, [this] {
        if (const QString n = selectedName(); !n.isEmpty())
            openSetValueDialog(n);
    });
    connect(m_source, &QPushButton::clicked, this, [this] {
        if (const QString n = selectedName(); !n.isEmpty())
            openSourceDialog(n);
    });
    connect(m_forget, &QPushButton::clicked, this, [this] {
        if (const QString n = selectedName(); !n.isEmpty())
            confirmForget(n);
    });
    retranslate();
    updateButtons();
}

SecretsPage::~SecretsPage() = default;

void SecretsPage::retranslate()
{
    m_intro->setText(
        tr("Secrets the agent can use but never read: it sees a placeholder in the variable, "
           "and the proxy puts the value into the header of requests to the listed hosts "
           "only. The values stay in your keychain (or come from a host variable or "
           "command); they are never shown here."));
    m_table->setHorizontalHeaderLabels(
        {tr("Variable"), tr("Hosts"), tr("Header"), tr("Value from"), tr("Value")});
    m_add->setText(tr("&Add…"));
    m_add->setToolTip(tr("Add a secret by its variable name (known providers fill in the rest)"));
    m_remove->setText(tr("Remo&ve"));
    m_remove->setToolTip(tr("Remove it from this project's config (a stored value stays in the "
                            "keychain until you forget it)"));
    m_setValue->setText(tr("Set &value…"));
    m_source->setText(tr("&Source…"));
    m_source->setToolTip(tr("Where the value comes from: the keychain, a host variable, or a "
                            "host command run at start"));
    m_forget->setText(tr("&Forget value"));
    m_forget->setToolTip(tr("Remove the stored value (or the recorded source) of this secret"));
    fillTable();
}

void SecretsPage::setSecrets(const QList<InjectedSecret> &secrets)
{
    m_secrets = secrets;
    fillTable();
}

int SecretsPage::rowOf(const QString &name) const
{
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (m_table->item(r, ColName) && m_table->item(r, ColName)->text() == name)
            return r;
    }
    return -1;
}

QString SecretsPage::selectedName() const
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_table->item(row, ColName) || !m_table->item(row, ColName)->isSelected())
        return QString();
    return m_table->item(row, ColName)->text();
}

void SecretsPage::selectName(const QString &name)
{
    const int row = rowOf(name);
    if (row >= 0)
        m_table->selectRow(row);
}

void SecretsPage::updateButtons()
{
    const bool selected = !selectedName().isEmpty();
    for (QPushButton *b : {m_remove, m_setValue, m_source, m_forget})
        b->setEnabled(selected);
}

void SecretsPage::fillTable()
{
    const QString selected = selectedName();
    m_table->setRowCount(0);
    for (const InjectedSecret &s : std::as_const(m_secrets)) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        QStringList hosts = s.hosts;
        for (const QString &h : s.gitHosts)
            hosts << tr("%1 (git)").arg(h);
        const QStringList cells{s.name, hosts.join(QStringLiteral(", ")), headerText(s), QString(),
                                QString()};
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells.value(c));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            m_table->setItem(row, c, item);
        }
        if (const auto *preset = secretpresets::find(s.preset))
            m_table->item(row, ColName)->setToolTip(preset->label);
    }
    if (!selected.isEmpty())
        selectName(selected);
    refreshStatus();
    updateButtons();
}

void SecretsPage::setRowValue(const QString &name, const QString &text, const QString &toolTip)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    m_table->item(row, ColValue)->setText(text);
    m_table->item(row, ColValue)->setToolTip(toolTip);
}

std::optional<SecretStore::Scope> SecretsPage::scopeOf(const QString &name) const
{
    if (const auto e = m_store->effective(name))
        return e->scope;
    if (m_foundScope.contains(name))
        return m_foundScope.value(name);
    return std::nullopt;
}

void SecretsPage::askKeychain(const QString &name, SecretStore::Scope scope, bool fallBack,
                              int generation)
{
    ++m_pendingChecks;
    QPointer<SecretsPage> self(this);
    m_store->isSet(
        name, scope, [self, generation, name, scope, fallBack](bool set, const QString &error) {
            if (!self || generation != self->m_generation)
                return;
            if (!error.isEmpty()) {
                self->setRowValue(name, tr("unknown"), error);
                // Under the table too: a tooltip alone hides why nothing shows as set.
                self->showStatus(
                    false, tr("Whether a value of %1 is stored is unknown: %2").arg(name, error));
            } else if (set) {
                self->m_foundScope.insert(name, scope);
                self->setRowValue(name, tr("set"),
                                  tr("Stored in the keychain (%1)").arg(scopeText(scope)));
                if (const int row = self->rowOf(name); row >= 0)
                    self->m_table->item(row, ColSource)->setText(sourceText(SecretSource{}, scope));
            } else if (fallBack) {
                // No value of the project's own: the shared one would be used.
                self->askKeychain(name, SecretStore::Scope::Shared, false, generation);
            } else {
                self->setRowValue(name, tr("not set"),
                                  tr("No value yet: the agent gets only the "
                                     "placeholder. Use \"Set value…\"."));
            }
            if (--self->m_pendingChecks == 0)
                Q_EMIT self->statusRefreshed();
        });
}

void SecretsPage::refreshStatus()
{
    const int generation = ++m_generation;
    m_pendingChecks = 0;
    m_foundScope.clear();
    QStringList keychainNames;
    for (const InjectedSecret &s : std::as_const(m_secrets)) {
        const int row = rowOf(s.name);
        if (row < 0)
            continue;
        const auto entry = m_store->effective(s.name);
        const SecretStore::Scope scope = entry ? entry->scope : SecretStore::Scope::Project;
        const SecretSource source = entry ? entry->source : SecretSource{};
        m_table->item(row, ColSource)->setText(sourceText(source, scope));
        m_table->item(row, ColSource)->setToolTip(QString());
        switch (source.kind) {
        case SecretSource::Kind::Environment: {
            // Whether it is set, never what it holds.
            const bool set = qEnvironmentVariableIsSet(source.variable.toLocal8Bit().constData());
            setRowValue(s.name, set ? tr("set") : tr("not set"),
                        set ? tr("%1 is set in this app's environment").arg(source.variable)
                            : tr("%1 is not set in this app's environment").arg(source.variable));
            break;
        }
        case SecretSource::Kind::Command:
            m_table->item(row, ColSource)->setToolTip(source.command);
            setRowValue(s.name, tr("at start"),
                        tr("The command runs at each start; its output is reused for %n "
                           "second(s).",
                           nullptr, source.cacheSeconds));
            break;
        case SecretSource::Kind::Keychain:
            setRowValue(s.name, tr("checking…"), QString());
            keychainNames << s.name;
            break;
        }
    }
    ++m_pendingChecks; // answers given at once do not end the refresh early
    for (const QString &name : std::as_const(keychainNames)) {
        const auto entry = m_store->effective(name);
        if (entry)
            askKeychain(name, entry->scope, false, generation);
        else
            askKeychain(name, SecretStore::Scope::Project, true, generation);
    }
    if (--m_pendingChecks == 0)
        Q_EMIT statusRefreshed();
}

QStringList SecretsPage::checkAgainst(const ProjectConfig &config)
{
    QStringList problems;
    QStringList envNames;
    for (const EnvPassthrough &p : config.envPassthrough)
        envNames << p.containerVar;
    for (const EnvVar &e : config.env)
        envNames << e.name;
    m_missingHosts.clear();
    for (const InjectedSecret &s : std::as_const(m_secrets)) {
        if (envNames.contains(s.name))
            problems << tr("%1 is also set on the Environment tab: remove it there (one "
                           "variable comes from one place only).")
                            .arg(s.name);
        for (const QString &h : s.hosts + s.gitHosts) {
            if (!rules::domainListed(config.httpDomainWhitelist, h)) {
                problems << tr("%1: %2 is not in the network whitelist.").arg(s.name, h);
                if (!m_missingHosts.contains(h))
                    m_missingHosts << h;
            }
        }
    }
    QString text = problems.join(QStringLiteral("<br>"));
    if (!m_missingHosts.isEmpty())
        text +=
            QStringLiteral("<br><a href=\"whitelist\">%1</a>")
                .arg(tr("Add %1 to the whitelist").arg(m_missingHosts.join(QStringLiteral(", "))));
    m_problems->setText(problems.isEmpty() ? QString() : text);
    m_problems->setVisible(!problems.isEmpty());
    return problems;
}

void SecretsPage::showStatus(bool ok, const QString &message)
{
    m_status->setStyleSheet(ok ? QString() : ErrorStyle);
    m_status->setText(message);
}

void SecretsPage::report(bool ok, const QString &message)
{
    showStatus(ok, message);
    if (ok)
        qCInfo(lcTray) << "secrets:" << message;
    else
        qCWarning(lcTray) << "secrets:" << message;
    Q_EMIT storeFinished(ok, message);
}

void SecretsPage::removeSelected()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    for (qsizetype i = 0; i < m_secrets.size(); ++i) {
        if (m_secrets[i].name == name) {
            m_secrets.removeAt(i);
            break;
        }
    }
    fillTable();
    Q_EMIT changed();
}

void SecretsPage::addByName(const QString &name, const QString &hostVariable,
                            std::function<void()> added)
{
    for (const InjectedSecret &s : std::as_const(m_secrets)) {
        if (s.name == name) {
            selectName(name);
            if (added)
                added();
            return;
        }
    }
    auto recordSource = [this, name, hostVariable] {
        // The value keeps coming from where env-passthrough took it, unless the user chose.
        if (hostVariable.isEmpty() || m_store->effective(name) ||
            !qEnvironmentVariableIsSet(hostVariable.toLocal8Bit().constData()))
            return;
        SecretSource source;
        source.kind = SecretSource::Kind::Environment;
        source.variable = hostVariable;
        const auto r = m_store->setSource(name, SecretStore::Scope::Project, source);
        if (!r.ok)
            report(false, r.error);
    };
    if (const auto *preset = secretpresets::forVariable(name)) {
        m_secrets << secretpresets::apply(name, *preset);
        recordSource();
        fillTable();
        selectName(name);
        Q_EMIT changed();
        if (added)
            added();
        return;
    }
    openAddDialog(name, [recordSource, added] {
        recordSource();
        if (added)
            added();
    });
}

void SecretsPage::openAddDialog(const QString &name, std::function<void()> added)
{
    auto *dlg = new QDialog(this);
    dlg->setObjectName(QStringLiteral("addSecretDialog"));
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowTitle(tr("Add a secret"));
    auto *form = new QFormLayout(dlg);
    auto *nameCombo = new QComboBox(dlg);
    nameCombo->setObjectName(QStringLiteral("nameCombo"));
    nameCombo->setEditable(true);
    nameCombo->setInsertPolicy(QComboBox::NoInsert);
    for (const secretpresets::Preset &p : secretpresets::all()) {
        for (const QString &v : p.variables) {
            nameCombo->addItem(v, p.name);
            nameCombo->setItemData(nameCombo->count() - 1, p.label, Qt::ToolTipRole);
        }
    }
    nameCombo->setEditText(name);
    auto *hostsEdit = new QLineEdit(dlg);
    hostsEdit->setObjectName(QStringLiteral("hostsEdit"));
    hostsEdit->setPlaceholderText(tr("api.example.com"));
    auto *headerEdit = new QLineEdit(dlg);
    headerEdit->setObjectName(QStringLiteral("headerEdit"));
    headerEdit->setPlaceholderText(tr("x-api-key  or  Authorization: Bearer {}"));
    auto *presetLabel = new QLabel(dlg);
    presetLabel->setObjectName(QStringLiteral("presetLabel"));
    presetLabel->setWordWrap(true);
    auto *error = errorLabel(dlg);
    form->addRow(tr("&Variable:"), nameCombo);
    form->addRow(QString(), presetLabel);
    form->addRow(tr("&Hosts:"), hostsEdit);
    form->addRow(tr("H&eader:"), headerEdit);
    form->addRow(error);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dlg);
    box->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    box->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    form->addRow(box);

    // A name that chooses a preset fills in its hosts and header (still editable).
    auto applyPreset = [nameCombo, hostsEdit, headerEdit, presetLabel](const QString &text) {
        const auto *preset = secretpresets::forVariable(text.trimmed());
        if (!preset) {
            presetLabel->clear();
            return;
        }
        const InjectedSecret s = secretpresets::apply(text.trimmed(), *preset);
        hostsEdit->setText(s.hosts.join(QStringLiteral(", ")));
        headerEdit->setText(headerText(s));
        presetLabel->setText(s.gitHosts.isEmpty()
                                 ? tr("Preset: %1").arg(preset->label)
                                 : tr("Preset: %1 (and git over HTTPS to %2)")
                                       .arg(preset->label, s.gitHosts.join(QStringLiteral(", "))));
    };
    connect(nameCombo, &QComboBox::editTextChanged, dlg, applyPreset);
    applyPreset(name);

    connect(box, &QDialogButtonBox::rejected, dlg, &QDialog::reject);
    connect(box, &QDialogButtonBox::accepted, dlg,
            [this, dlg, nameCombo, hostsEdit, headerEdit, error, added] {
                const QString n = nameCombo->currentText().trimmed();
                QStringList problems;
                if (const QString p = rules::checkEnvName(n); !p.isEmpty())
                    problems << p;
                else if (const QString r = rules::reservedEnvReason(n); !r.isEmpty())
                    problems << r;
                for (const InjectedSecret &s : std::as_const(m_secrets)) {
                    if (s.name == n)
                        problems << tr("%1 is already in the list.").arg(n);
                }
                InjectedSecret entry;
                entry.name = n;
                for (const QString &h : splitHosts(hostsEdit->text())) {
                    QString normalised;
                    if (const QString p = rules::checkSecretHost(h, &normalised); !p.isEmpty())
                        problems << tr("Host %1: %2").arg(h, p);
                    else if (!entry.hosts.contains(normalised))
                        entry.hosts << normalised;
                }
                if (entry.hosts.isEmpty() && problems.isEmpty())
                    problems << tr("Name at least one host the value is for.");
                parseHeader(headerEdit->text(), &entry.header, &entry.format);
                if (const QString p = rules::checkSecretHeader(entry.header); !p.isEmpty())
                    problems << tr("Header: %1").arg(p);
                else if (const QString f = rules::checkSecretFormat(entry.format); !f.isEmpty())
                    problems << tr("Header value: %1").arg(f);
                if (!problems.isEmpty()) {
                    showError(error, problems.join(QLatin1Char('\n')));
                    return;
                }
                // Unchanged preset values: the preset itself (with its git hosts).
                if (const auto *preset = secretpresets::forVariable(n)) {
                    const InjectedSecret p = secretpresets::apply(n, *preset);
                    if (p.hosts == entry.hosts &&
                        p.header.compare(entry.header, Qt::CaseInsensitive) == 0 &&
                        p.format == entry.format)
                        entry = p;
                }
                m_secrets << entry;
                fillTable();
                selectName(n);
                Q_EMIT changed();
                dlg->accept();
                if (added)
                    added();
            });
    m_dialog = dlg;
    dlg->open();
}

bool SecretsPage::sharedChosen(const QString &name) const
{
    return scopeOf(name) == SecretStore::Scope::Shared;
}

void SecretsPage::openSetValueDialog(const QString &name)
{
    auto *dlg = new QDialog(this);
    dlg->setObjectName(QStringLiteral("setValueDialog"));
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowTitle(tr("Value of %1").arg(name));
    auto *layout = new QVBoxLayout(dlg);
    auto *label = new QLabel(tr("The value of %1 goes into your keychain. The agent never sees "
                                "it; the proxy adds it to requests to its hosts.")
                                 .arg(name),
                             dlg);
    label->setWordWrap(true);
    layout->addWidget(label);
    auto *edit = new QLineEdit(dlg);
    edit->setObjectName(QStringLiteral("valueEdit"));
    edit->setEchoMode(QLineEdit::Password);
    edit->setAttribute(Qt::WA_InputMethodEnabled, false);
    layout->addWidget(edit);
    auto *shared = new QCheckBox(tr("Use for all &projects"), dlg);
    shared->setObjectName(QStringLiteral("sharedCheck"));
    shared->setToolTip(tr("Store it once for every project that injects %1 (a project's own "
                          "value wins)")
                           .arg(name));
    shared->setChecked(sharedChosen(name));
    layout->addWidget(shared);
    auto *error = errorLabel(dlg);
    layout->addWidget(error);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dlg);
    box->button(QDialogButtonBox::Ok)->setText(tr("Store"));
    box->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    layout->addWidget(box);
    connect(box, &QDialogButtonBox::rejected, dlg, &QDialog::reject);
    connect(dlg, &QDialog::finished, edit, &QLineEdit::clear);
    QPointer<SecretsPage> self(this);
    connect(box, &QDialogButtonBox::accepted, dlg, [self, dlg, edit, shared, error, box, name] {
        QByteArray value = edit->text().toUtf8();
        QString why;
        if (!SecretStore::isValidValue(value, &why)) {
            value.fill('\0');
            showError(error, why);
            return;
        }
        showError(error, QString());
        box->setEnabled(false);
        const auto scope =
            shared->isChecked() ? SecretStore::Scope::Shared : SecretStore::Scope::Project;
        QPointer<QDialog> d(dlg);
        // Asynchronous: the dialog stays open (disabled) until the keychain answered.
        self->m_store->setValue(
            name, scope, value, [self, d, error, box, name, scope](const SecretStore::Result &r) {
                if (!self)
                    return;
                if (!r.ok) {
                    if (d) {
                        showError(error, r.error);
                        box->setEnabled(true);
                    }
                    self->report(false,
                                 tr("The value of %1 was not stored: %2").arg(name, r.error));
                    return;
                }
                auto finish = [self, d, name, scope] {
                    if (!self)
                        return;
                    if (d)
                        d->accept();
                    self->report(true, tr("Stored the value of %1 in the keychain (%2).")
                                           .arg(name, scopeText(scope)));
                    self->refreshStatus();
                };
                if (scope == SecretStore::Scope::Shared &&
                    self->m_store->effective(name).value_or(SecretStore::Entry{}).scope ==
                        SecretStore::Scope::Project) {
                    // "Use for all projects": this project's own entry would win; drop it.
                    self->m_store->remove(name, SecretStore::Scope::Project,
                                          [finish](const SecretStore::Result &) { finish(); });
                    return;
                }
                finish();
            });
        value.fill('\0');
        edit->clear();
    });
    m_dialog = dlg;
    dlg->open();
}

void SecretsPage::openSourceDialog(const QString &name)
{
    const auto entry = m_store->effective(name);
    const SecretSource current = entry ? entry->source : SecretSource{};
    auto *dlg = new QDialog(this);
    dlg->setObjectName(QStringLiteral("sourceDialog"));
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setWindowTitle(tr("Where the value of %1 comes from").arg(name));
    auto *layout = new QVBoxLayout(dlg);
    auto *keychain = new QRadioButton(tr("The &keychain (set with \"Set value…\")"), dlg);
    keychain->setObjectName(QStringLiteral("keychainRadio"));
    auto *environment = new QRadioButton(tr("A host &variable:"), dlg);
    environment->setObjectName(QStringLiteral("environmentRadio"));
    auto *variableEdit = new QLineEdit(current.variable, dlg);
    variableEdit->setObjectName(QStringLiteral("variableEdit"));
    variableEdit->setPlaceholderText(name);
    auto *command = new QRadioButton(tr("A host &command run at start (its output):"), dlg);
    command->setObjectName(QStringLiteral("commandRadio"));
    auto *commandEdit = new QLineEdit(current.command, dlg);
    commandEdit->setObjectName(QStringLiteral("commandEdit"));
    commandEdit->setPlaceholderText(tr("gh auth token"));
    auto *cache = new QSpinBox(dlg);
    cache->setObjectName(QStringLiteral("cacheSpin"));
    cache->setRange(0, 24 * 3600);
    cache->setValue(current.cacheSeconds);
    cache->setSuffix(tr(" s"));
    cache->setSpecialValueText(tr("run at every start"));
    auto *cacheRow = new QHBoxLayout;
    cacheRow->addSpacing(24);
    cacheRow->addWidget(new QLabel(tr("Reuse its output for:"), dlg));
    cacheRow->addWidget(cache);
    cacheRow->addStretch();
    layout->addWidget(keychain);
    layout->addWidget(environment);
    layout->addWidget(variableEdit);
    layout->addWidget(command);
    layout->addWidget(commandEdit);
    layout->addLayout(cacheRow);
    auto *shared = new QCheckBox(tr("Use for all &projects"), dlg);
    shared->setObjectName(QStringLiteral("sharedCheck"));
    shared->setChecked(sharedChosen(name));
    layout->addWidget(shared);
    auto *error = errorLabel(dlg);
    layout->addWidget(error);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dlg);
    box->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    layout->addWidget(box);
    switch (current.kind) {
    case SecretSource::Kind::Keychain:
        keychain->setChecked(true);
        break;
    case SecretSource::Kind::Environment:
        environment->setChecked(true);
        break;
    case SecretSource::Kind::Command:
        command->setChecked(true);
        break;
    }
    auto enable = [=] {
        variableEdit->setEnabled(environment->isChecked());
        commandEdit->setEnabled(command->isChecked());
        cache->setEnabled(command->isChecked());
    };
    for (QRadioButton *r : {keychain, environment, command})
        connect(r, &QRadioButton::toggled, dlg, enable);
    enable();

    connect(box, &QDialogButtonBox::rejected, dlg, &QDialog::reject);
    QPointer<SecretsPage> self(this);
    connect(box, &QDialogButtonBox::accepted, dlg, [=] {
        const auto scope =
            shared->isChecked() ? SecretStore::Scope::Shared : SecretStore::Scope::Project;
        if (keychain->isChecked()) {
            // A keychain source is recorded by storing a value.
            dlg->accept();
            self->openSetValueDialog(name);
            if (auto *next = self->pendingDialog())
                if (auto *c = next->findChild<QCheckBox *>(QStringLiteral("sharedCheck")))
                    c->setChecked(shared->isChecked());
            return;
        }
        SecretSource source;
        if (environment->isChecked()) {
            source.kind = SecretSource::Kind::Environment;
            source.variable = variableEdit->text().trimmed();
            if (source.variable.isEmpty())
                source.variable = name;
            if (const QString p = rules::checkEnvName(source.variable); !p.isEmpty()) {
                showError(error, p);
                return;
            }
        } else {
            source.kind = SecretSource::Kind::Command;
            source.command = commandEdit->text().trimmed();
            source.cacheSeconds = cache->value();
            if (source.command.isEmpty()) {
                showError(error, tr("Enter the command that prints the value."));
                return;
            }
        }
        const SecretStore::Result r = self->m_store->setSource(name, scope, source);
        if (!r.ok) {
            showError(error, r.error);
            return;
        }
        auto finish = [self, name, scope] {
            if (!self)
                return;
            self->report(true,
                         tr("%1 now comes from: %2")
                             .arg(name, sourceText(*self->m_store->source(name, scope), scope)));
            self->refreshStatus();
        };
        dlg->accept();
        if (scope == SecretStore::Scope::Shared &&
            !self->m_store->source(name, SecretStore::Scope::Project)) {
            finish();
            return;
        }
        if (scope == SecretStore::Scope::Shared) {
            // "Use for all projects": this project's own entry would win; drop it.
            self->m_store->remove(name, SecretStore::Scope::Project,
                                  [finish](const SecretStore::Result &) { finish(); });
            return;
        }
        finish();
    });
    m_dialog = dlg;
    dlg->open();
}

// A stored value may exist nowhere else (typed once into Set value…): ask first.
void SecretsPage::confirmForget(const QString &name)
{
    const SecretStore::Scope scope = scopeOf(name).value_or(SecretStore::Scope::Project);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Forget value"),
                                tr("Forget the value of %1 (%2)?").arg(name, scopeText(scope)),
                                QMessageBox::NoButton, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("It is removed from the keychain (or the recorded source is dropped) and cannot be "
           "shown again. Until you set it anew, the sandbox sends the placeholder unchanged."));
    QPushButton *forget = box->addButton(tr("&Forget"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    QPointer<SecretsPage> self(this);
    connect(box, &QMessageBox::buttonClicked, this, [self, forget, name](QAbstractButton *b) {
        if (self && b == forget)
            self->forgetValue(name);
    });
    m_dialog = box;
    box->open();
}

void SecretsPage::forgetValue(const QString &name)
{
    const SecretStore::Scope scope = scopeOf(name).value_or(SecretStore::Scope::Project);
    QPointer<SecretsPage> self(this);
    m_forget->setEnabled(false);
    m_store->remove(name, scope, [self, name, scope](const SecretStore::Result &r) {
        if (!self)
            return;
        self->updateButtons();
        if (r.ok)
            self->report(true, tr("Forgot the value of %1 (%2).").arg(name, scopeText(scope)));
        else
            self->report(false, tr("The value of %1 was not forgotten: %2").arg(name, r.error));
        self->refreshStatus();
    });
}

} // namespace ocs::tray
