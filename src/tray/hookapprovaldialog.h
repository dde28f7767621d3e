#pragma once

#include <QDialog>

namespace ocs {
class Project;
}

namespace ocs::tray {

// Shows a pre-start hook that is new or changed and asks whether it may run. Approving
// records the SHA-256 of exactly this content (PreStartHook::approve).
class HookApprovalDialog : public QDialog
{
    Q_OBJECT
public:
    HookApprovalDialog(const Project &project, QWidget *parent = nullptr);

Q_SIGNALS:
    void approved();

private:
    QByteArray m_content;
};

} // namespace ocs::tray
