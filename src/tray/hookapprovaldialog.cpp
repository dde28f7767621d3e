#include "hookapprovaldialog.h"

#include "prestarthook.h"
#include "project.h"
#include "statusicons.h"

#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ocs::tray {

HookApprovalDialog::HookApprovalDialog(const Project &project, QWidget *parent)
    : QDialog(parent)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowIcon(StatusIcons::appIcon());
    setWindowTitle(tr("Approve the pre-start hook — %1").arg(project.config().sandboxName));
    resize(720, 480);
    PreStartHook hook(project);
    m_content = hook.content();

    auto *intro = new QLabel(
        tr("%1 is new or changed since you last approved it. It runs on your computer, with "
           "your rights, before the sandbox starts; anything in the workspace (the agent too) "
           "can edit it. Read it, then approve exactly this content or cancel the start.")
            .arg(project.hookPath()),
        this);
    intro->setWordWrap(true);
    auto *view = new QPlainTextEdit(QString::fromUtf8(m_content), this);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *approve =
        buttons->addButton(tr("&Approve and start"), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    approve->setAutoDefault(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(view, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(approve, &QPushButton::clicked, this, [this, project] {
        PreStartHook now(project);
        QString error;
        // Approve only what was shown: a change while the window was open is refused.
        if (now.content() != m_content) {
            error = tr("The file changed while this window was open; open it again.");
        } else if (project.ensureStateDirs(&error) && now.approve(&error)) {
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
