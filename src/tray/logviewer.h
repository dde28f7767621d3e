#pragma once

#include "engine/containerengine.h"

#include <QPointer>
#include <QWidget>

class QCloseEvent;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace ocs::tray {

// A window with a log: a sandbox's output followed live (`<engine> logs --follow`), or the
// details of a failure (the message, the output kept, the build log file).
class LogViewer : public QWidget
{
    Q_OBJECT
public:
    explicit LogViewer(QWidget *parent = nullptr);
    ~LogViewer() override;

    // Follows the container's output until the window closes or the container ends.
    void followContainer(const ContainerEngine &engine, const QString &containerName,
                         const QString &title);
    // A failure: `text` first, then the last part of `logFile` (if any).
    void showDetails(const QString &title, const QString &text, const QString &logFile);

    QString text() const;
    bool isFollowing() const { return m_job != nullptr; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void stopFollowing();
    void append(const QString &line);

    QLabel *m_title;
    QPlainTextEdit *m_view;
    QPushButton *m_openFile;
    QString m_logFile;
    QPointer<ProcessJob> m_job;
};

} // namespace ocs::tray
