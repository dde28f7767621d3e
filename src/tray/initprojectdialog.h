#pragma once

#include "project/projectinit.h"

#include <QDialog>

#include <memory>

class QCheckBox;

namespace Ui {
class InitProjectDialog;
}

namespace ocs::tray {

// Sets a folder up as a project, like `ocs init` (forms/initprojectdialog.ui): the sandbox
// name (checked as typed), which starter files to create, the .gitignore entry, and
// whether to build the image right away.
class InitProjectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit InitProjectDialog(const QString &folder, QWidget *parent = nullptr);
    ~InitProjectDialog() override;

    Ui::InitProjectDialog *form() const { return m_ui.get(); }
    QString folder() const { return m_folder; }
    bool buildNow() const;
    ProjectInit::Options options() const;
    // Creates the files (on OK); false with the reason shown when it failed.
    bool create();
    const ProjectInit::Result &result() const { return m_result; }

Q_SIGNALS:
    // The files are there; `root` is the canonical folder.
    void created(const QString &root, bool buildNow);

private:
    void validate();

    std::unique_ptr<Ui::InitProjectDialog> m_ui;
    QString m_folder;
    QList<QCheckBox *> m_fileChecks;
    ProjectInit::Result m_result;
};

} // namespace ocs::tray
