#include "logviewer.h"

#include "engine/process.h"

#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QFile>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QUrl>
#include <QVBoxLayout>

namespace ocs::tray {

namespace {
constexpr qint64 MaxFileBytes = 2 * 1024 * 1024;
}

LogViewer::LogViewer(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_title(new QLabel(this))
    , m_view(new QPlainTextEdit(this))
    , m_openFile(new QPushButton(tr("Open the &log file"), this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    resize(900, 560);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setReadOnly(true);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setMaximumBlockCount(20000);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *copy = new QPushButton(tr("&Copy all"), this);
    auto *close = new QPushButton(tr("Cl&ose"), this);
    m_openFile->setVisible(false);
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_view->toPlainText()); });
    connect(close, &QPushButton::clicked, this, &QWidget::close);
    connect(m_openFile, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_logFile)); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openFile);
    buttons->addStretch();
    buttons->addWidget(copy);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
}

LogViewer::~LogViewer()
{
    stopFollowing();
}

QString LogViewer::text() const
{
    return m_view->toPlainText();
}

void LogViewer::append(const QString &line)
{
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    m_view->appendPlainText(line);
    if (atEnd)
        bar->setValue(bar->maximum());
}

void LogViewer::followContainer(const ContainerEngine &engine, const QString &containerName,
                                const QString &title)
{
    stopFollowing();
    setWindowTitle(title);
    m_title->setText(tr("Output of %1 (follows as it grows)").arg(containerName));
    m_view->clear();
    ProcessSpec spec =
        engine.command(ContainerEngine::logsArguments(containerName, 2000, /*follow=*/true),
                       std::chrono::milliseconds(0));
    m_job = ProcessLauncher::instance().start(spec, this);
    connect(m_job, &ProcessJob::outputLine, this, &LogViewer::append);
    connect(m_job, &ProcessJob::finished, this, [this](const ProcessResult &r) {
        if (m_job)
            m_job->deleteLater();
        m_job = nullptr;
        if (r.status == ProcessResult::Status::Cancelled)
            return;
        append(r.ok() ? tr("— the output ended (the sandbox stopped) —")
                      : tr("— %1 —").arg(r.describeFailure(tr("Reading the output"))));
    });
}

void LogViewer::showDetails(const QString &title, const QString &text, const QString &logFile)
{
    stopFollowing();
    setWindowTitle(title);
    m_title->setText(title);
    m_view->clear();
    m_view->appendPlainText(text);
    m_logFile = logFile;
    m_openFile->setVisible(!logFile.isEmpty() && QFile::exists(logFile));
    QFile f(logFile);
    if (!logFile.isEmpty() && f.open(QIODevice::ReadOnly)) {
        if (f.size() > MaxFileBytes)
            f.seek(f.size() - MaxFileBytes);
        m_view->appendPlainText(QStringLiteral("\n") + tr("===== %1 =====").arg(logFile));
        m_view->appendPlainText(QString::fromUtf8(f.readAll()));
    }
    m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
}

void LogViewer::stopFollowing()
{
    if (!m_job)
        return;
    ProcessJob *job = m_job;
    m_job = nullptr;
    job->disconnect(this);
    job->setParent(nullptr);
    connect(job, &ProcessJob::finished, job, &QObject::deleteLater);
    job->cancel();
}

void LogViewer::closeEvent(QCloseEvent *event)
{
    stopFollowing();
    QWidget::closeEvent(event);
}

} // namespace ocs::tray
