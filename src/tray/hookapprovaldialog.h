#pragma once

#include "project/approvedfile.h"

#include <QDialog>

namespace ocs {
class Project;
}

namespace ocs::tray {

// Shows a pre-start hook (or mise.toml) that is new or changed and asks whether it may run.
// The file is read once; the window shows that content with control and invisible
// characters made visible, and approving records the SHA-256 of exactly that content
// (ApprovedFile::approve refuses when the file holds anything else by then).
class HookApprovalDialog : public QDialog
{
    Q_OBJECT
public:
    HookApprovalDialog(const Project &project, QWidget *parent = nullptr,
                       ApprovedFile::Kind kind = ApprovedFile::Kind::PreStartHook);
    // The hash of what the window shows (and approves).
    QString shownSha256() const { return m_shown.sha256; }

Q_SIGNALS:
    void approved();

private:
    ApprovedFile::Snapshot m_shown;
};

} // namespace ocs::tray
