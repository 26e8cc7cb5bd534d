#pragma once

// Small helpers shared by the tests (golden-file comparison).
#include <QFile>
#include <QProcessEnvironment>
#include <QString>
#include <QtTest>

namespace wbtest {

inline QString modelPath(const QString& name)
{
    return QStringLiteral(WB_TEST_MODELS_DIR "/") + name;
}

// Compares `actual` with the golden file; WB_UPDATE_GOLDEN=1 rewrites the file instead (review the diff!).
inline bool compareGolden(const QByteArray& actual, const QString& goldenPath, QString* why)
{
    if (qEnvironmentVariableIntValue("WB_UPDATE_GOLDEN") == 1) {
        QFile out(goldenPath);
        if (!out.open(QIODevice::WriteOnly)) {
            *why = QStringLiteral("cannot write ") + goldenPath;
            return false;
        }
        out.write(actual);
        return true;
    }
    QFile in(goldenPath);
    if (!in.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("missing golden file %1 (run with WB_UPDATE_GOLDEN=1 to create it)").arg(goldenPath);
        return false;
    }
    const QByteArray expected = in.readAll();
    if (expected == actual)
        return true;
    const QList<QByteArray> a = actual.split('\n');
    const QList<QByteArray> e = expected.split('\n');
    for (qsizetype i = 0; i < qMax(a.size(), e.size()); ++i) {
        if (a.value(i) != e.value(i)) {
            *why = QStringLiteral("%1 differs at line %2:\n  expected: %3\n  actual:   %4")
                       .arg(goldenPath)
                       .arg(i + 1)
                       .arg(QString::fromUtf8(e.value(i)), QString::fromUtf8(a.value(i)));
            break;
        }
    }
    return false;
}

} // namespace wbtest
