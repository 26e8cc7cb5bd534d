#pragma once

#include <QObject>
#include <QString>

namespace wb {

class MainWindow;

// Drives `atc-workbench --screenshot FILE [--page NAME]`: waits until the model has loaded (or failed) and
// the window has laid out, saves a PNG of the window, and quits with 0 on success.
class ScreenshotTaker : public QObject {
    Q_OBJECT
public:
    ScreenshotTaker(MainWindow* window, QString file, QString page, bool waitForLoad);
    void start();
    void captureNow(); // now, whatever runs (a picture of work in progress); once

private:
    void waitUntilIdle(bool loadOk);
    void capture(bool loadOk);

    MainWindow* m_window;
    QString m_file;
    QString m_page;
    bool m_waitForLoad;
    bool m_done = false;
    int m_idleChecks = 0;
};

} // namespace wb
