#pragma once

// The README's pictures of what the UI tests check, taken on the way (scripts/readme-shots.sh): with
// WB_README_SHOTS=DIR set, a test saves the widget it has just checked as DIR/NAME.png. Unset, nothing is grabbed or
// written, so the tests run as fast as without it; they assert the pictured state either way.
#include "imagefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QString>
#include <QWidget>

namespace wbtest {

// The folder the pictures go to: $WB_README_SHOTS, else $WB_REMOTE_GUI_SHOTS (tst_remotegui's older name); empty
// when no picture is wanted.
inline QString readmeShotDir()
{
    const QString dir = qEnvironmentVariable("WB_README_SHOTS");
    return dir.isEmpty() ? qEnvironmentVariable("WB_REMOTE_GUI_SHOTS") : dir;
}

// Saves a picture of `widget` (the main window, else the page or dialog the test drives) as `name` in
// readmeShotDir(), after the pending layout and paint events. True when no picture is wanted or it was written;
// false (with a warning naming the file) when it could not be written. Use as QVERIFY(wbtest::readmeShot(w, "x.png")).
[[nodiscard]] inline bool readmeShot(QWidget* widget, const QString& name)
{
    const QString dir = readmeShotDir();
    if (dir.isEmpty())
        return true;
    // A changed label's new height reaches the window one posted LayoutRequest per level of parents: a few rounds
    // of events lay the whole window out before the grab.
    for (int round = 0; round < 8; ++round)
        QCoreApplication::processEvents();
    const QString path = QDir(dir).filePath(name);
    const auto saved = wb::savePngAtomically(widget->grab(), path);
    if (!saved.ok()) {
        qWarning("readmeShot: %s", qPrintable(saved.error().message));
        return false;
    }
    return true;
}

} // namespace wbtest
