#include "hookapprovaldialog.h"

#include "project/project.h"
#include "project/workspacefile.h"
#include "statusicons.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ocs::tray {

HookApprovalDialog::HookApprovalDialog(const Project &project, QWidget *parent,
                                       ApprovedFile::Kind kind)
    : QDialog(parent)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowIcon(StatusIcons::appIcon());
    const bool isHook = kind == ApprovedFile::Kind::PreStartHook;
    setWindowTitle((isHook ? tr("Approve the pre-start hook — %1") : tr("Approve mise.toml — %1"))
                       .arg(project.config().sandboxName));
    resize(720, 480);
    const ApprovedFile file(project, kind);
    m_shown = file.read();

    QString introText =
        isHook ? tr("%1 is new or changed since you last approved it. It runs on your computer, "
                    "with your rights, before the sandbox starts; anything in the workspace (the "
                    "agent too) can edit it. Read it, then approve exactly this content or cancel "
                    "the start.")
                     .arg(file.path())
               : tr("%1 is new or changed since you last approved it. The image build installs "
                    "what it names (`mise install`); anything in the workspace (the agent too) "
                    "can edit it. Read it, then approve exactly this content or cancel.")
                     .arg(file.path());
    int marked = 0;
    const QString text = visibleText(m_shown.content, &marked);
    if (m_shown.status == ApprovedFile::Status::Refused)
        introText = m_shown.error;
    else if (marked > 0)
        introText += QLatin1Char(' ') +
                     tr("It holds %n control or invisible character(s) (carriage returns, escape "
                        "sequences, direction overrides, zero-width marks), shown as \\r, \\xNN "
                        "or <U+XXXX>: elsewhere they can hide what it does.",
                        nullptr, marked);
    introText += QLatin1Char('\n') + tr("SHA-256: %1").arg(m_shown.sha256);
    auto *intro = new QLabel(introText, this);
    intro->setObjectName(QStringLiteral("intro"));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    auto *view = new QPlainTextEdit(text, this);
    view->setObjectName(QStringLiteral("content"));
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *approve = buttons->addButton(isHook ? tr("&Approve and start") : tr("&Approve"),
                                              QDialogButtonBox::AcceptRole);
    approve->setObjectName(QStringLiteral("approve"));
    approve->setEnabled(m_shown.status != ApprovedFile::Status::Refused &&
                        m_shown.status != ApprovedFile::Status::Absent);
    buttons->addButton(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    approve->setAutoDefault(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(view, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(approve, &QPushButton::clicked, this, [this, project, kind] {
        QString error;
        // Approve only what was shown: a change while the window was open is refused.
        if (project.ensureStateDirs(&error) &&
            ApprovedFile(project, kind).approve(m_shown.sha256, &error)) {
            Q_EMIT approved();
            accept();
            return;
        }
        auto *box =
            new QMessageBox(QMessageBox::Warning, windowTitle(), error, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

} // namespace ocs::tray
