#include "initprojectdialog.h"

#include "config/configfile.h"
#include "config/configrules.h"
#include "project/project.h"
#include "statusicons.h"
#include "ui_initprojectdialog.h"

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QPushButton>

namespace ocs::tray {

InitProjectDialog::InitProjectDialog(const QString &folder, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::InitProjectDialog>())
    , m_folder(QFileInfo(folder).canonicalFilePath())
{
    m_ui->setupUi(this);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowIcon(StatusIcons::appIcon());
    m_ui->nameError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_ui->errorLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_ui->introLabel->setText(
        tr("%1 has no %2 yet. Set it up as a project: the sandbox will see this folder as its "
           "workspace.")
            .arg(m_folder.toHtmlEscaped(), ConfigFile::FileName));
    m_ui->nameEdit->setText(ProjectInit::suggestedName(QFileInfo(m_folder).fileName()));
    const QDir dir(m_folder);
    for (const ProjectInit::StarterFile &f : ProjectInit::starterFiles(QString())) {
        auto *check = new QCheckBox(m_ui->filesGroup);
        const bool exists = QFileInfo::exists(dir.filePath(f.fileName));
        check->setText(exists ? tr("%1 (exists, kept as it is)").arg(f.fileName)
                              : QStringLiteral("%1 — %2").arg(f.fileName, f.purpose));
        check->setProperty("fileName", f.fileName);
        check->setChecked(!exists);
        // The config is what makes a folder a project.
        check->setEnabled(!exists && f.fileName != ConfigFile::FileName);
        m_ui->filesLayout->addWidget(check);
        m_fileChecks << check;
    }
    m_ui->gitignoreCheck->setText(
        tr("Add %1 to .gitignore (it may come to hold secrets)").arg(Project::HookFileName));
    m_ui->gitignoreCheck->setVisible(!ProjectInit::gitignoreListsHook(m_folder));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Create"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &InitProjectDialog::validate);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        if (create())
            accept();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

InitProjectDialog::~InitProjectDialog() = default;

bool InitProjectDialog::buildNow() const
{
    return m_ui->buildCheck->isChecked();
}

ProjectInit::Options InitProjectDialog::options() const
{
    ProjectInit::Options o;
    o.sandboxName = m_ui->nameEdit->text().trimmed();
    for (const QCheckBox *c : m_fileChecks) {
        if (!c->isChecked())
            o.skip << c->property("fileName").toString();
    }
    o.addToGitignore = m_ui->gitignoreCheck->isChecked();
    return o;
}

void InitProjectDialog::validate()
{
    const QString name = m_ui->nameEdit->text().trimmed();
    const QString problem = configrules::checkSandboxName(name);
    m_ui->nameError->setText(problem);
    m_ui->nameError->setVisible(!problem.isEmpty());
    m_ui->sandboxIdValue->setText(problem.isEmpty() ? computeSandboxId(name, m_folder)
                                                    : QStringLiteral("—"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(problem.isEmpty() && !m_folder.isEmpty());
}

bool InitProjectDialog::create()
{
    m_result = ProjectInit::create(m_folder, options());
    if (!m_result.ok) {
        m_ui->errorLabel->setText(m_result.error);
        return false;
    }
    Q_EMIT created(m_folder, buildNow());
    return true;
}

} // namespace ocs::tray
