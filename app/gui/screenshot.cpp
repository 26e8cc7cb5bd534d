#include "screenshot.h"

#include "imagefile.h"
#include "logging/logging.h"
#include "mainwindow.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

namespace wb {

namespace {
constexpr int kSettleMs = 400; // let layouts, delegates and the style finish after the last update
constexpr int kTimeoutMs = 120000;
} // namespace

ScreenshotTaker::ScreenshotTaker(MainWindow* window, QString file, QString page, bool waitForLoad)
    : QObject(window)
    , m_window(window)
    , m_file(std::move(file))
    , m_page(std::move(page))
    , m_waitForLoad(waitForLoad)
{
}

void ScreenshotTaker::start()
{
    if (m_waitForLoad) {
        connect(m_window, &MainWindow::loadFinished, this, [this](bool ok) { waitUntilIdle(ok); });
        QTimer::singleShot(kTimeoutMs, this, [this] {
            if (m_done)
                return;
            std::fprintf(stderr, "atc-workbench: --screenshot gave up: the model did not finish loading in %d s\n",
                kTimeoutMs / 1000);
            QCoreApplication::exit(1);
        });
    } else {
        // Nothing to load, but work may have been started (a saved ATC log being read): wait for it too.
        QTimer::singleShot(0, this, [this] { waitUntilIdle(true); });
    }
}

void ScreenshotTaker::waitUntilIdle(bool loadOk)
{
    // Background work started by the load (shape inference) must finish before the picture is taken.
    if (m_window->isBusy() || m_idleChecks++ < 4) { // a few quiet polls: work may start right after idle
        if (m_window->isBusy())
            m_idleChecks = 0;
        QTimer::singleShot(50, this, [this, loadOk] { waitUntilIdle(loadOk); });
        return;
    }
    QTimer::singleShot(kSettleMs, this, [this, loadOk] { capture(loadOk); });
}

void ScreenshotTaker::captureNow()
{
    capture(true);
}

void ScreenshotTaker::capture(bool loadOk)
{
    if (m_done)
        return;
    m_done = true;
    if (!m_page.isEmpty())
        m_window->showPage(m_page);
    QCoreApplication::processEvents();
    // A dialog the command line opened (Compare Outputs) is the picture; else the window.
    QWidget* subject = m_window;
    for (QDialog* dialog : m_window->findChildren<QDialog*>()) {
        if (dialog->isVisible())
            subject = dialog;
    }
    const QPixmap pixmap = subject->grab();
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    if (!savePngAtomically(pixmap, m_file).ok()) {
        std::fprintf(stderr, "atc-workbench: could not write the screenshot to %s\n", qPrintable(m_file));
        QCoreApplication::exit(1);
        return;
    }
    log::app()->info("Screenshot saved to {}", m_file);
    std::printf("%s\n", qPrintable(QDir::toNativeSeparators(QFileInfo(m_file).absoluteFilePath())));
    std::fflush(stdout);
    // A failed load still yields a picture (of the error), but the exit status says so.
    QCoreApplication::exit(loadOk ? 0 : 1);
}

} // namespace wb
