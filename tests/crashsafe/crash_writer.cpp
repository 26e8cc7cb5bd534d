// crash_writer: writes version 1, 2, 3, ... of one file through the application's own code, forever, printing
// "begin N" before and "committed N" after each write (flushed at once), while a second thread prints "tick" lines
// as fast as the reader takes them — so a reader that kills it after a random number of lines kills it at a random
// moment, inside a write as much as between writes. tst_crashsafe SIGKILLs it that way and checks what is left.
// TEST HELPER ONLY — never installed or shipped.
//
//   crash_writer recipe   PATH          <om>.recipe.json (saveConversionRecipe): batch N, 3000 argv entries "arg-N-i"
//   crash_writer settings PATH          settings file (wb::Settings, QSettings INI): toolkit home "N", 256 KiB
//                                       window geometry of byte N % 251, then sync()
//   crash_writer history  FOLDER        one more run (RunHistory::save) per version: batch N, 20000 iterations
//   crash_writer tensor   PATH          output tensor file (writeTensorFile): 262144 int32 elements, all N
//   crash_writer model    PATH MODEL    static copy of MODEL (writeStaticCopy) with input:N,3,224,224
//   crash_writer control  PATH          the tensor file of `tensor`, written in place (truncate, then 64 KiB
//                                       pieces): the negative control, which the test must catch torn. From
//                                       version 2 on it stops after the first piece, prints "halfway N" and waits
//                                       to be killed, so the kill lands inside the write every time
//
// The expected contents are spelled out in crashsafe.h, which the test uses to check a file.
#include "crashsafe.h"

#include "atc/conversionrecipe.h"
#include "onnx/onnxmodel.h"
#include "onnx/shapespec.h"
#include "onnx/surgery.h"
#include "reference/tensorfile.h"
#include "run/runhistory.h"
#include "settings/settings.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <functional>
#include <thread>
#include <unistd.h>

namespace {

constexpr qsizetype kControlPiece = 64 * 1024;

int fail(const QString& message)
{
    std::fprintf(stderr, "crash_writer: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 2)
        return fail(QStringLiteral("usage: crash_writer recipe|settings|history|tensor|model PATH [MODEL]"));
    const QString kind = args.at(0);
    const QString path = args.at(1);

    std::function<QString(qint64)> write; // returns an error, "" on success
    wb::OnnxModelPtr model;
    if (kind == QLatin1String("recipe")) {
        write = [&](qint64 n) {
            const auto saved = wb::saveConversionRecipe(crashsafe::recipe(n), path);
            return saved.ok() ? QString() : saved.error().message;
        };
    } else if (kind == QLatin1String("settings")) {
        write = [&](qint64 n) {
            wb::Settings settings(path);
            settings.setToolkitHome(QString::number(n));
            settings.setWindowGeometry(crashsafe::geometry(n));
            settings.sync();
            return QString();
        };
    } else if (kind == QLatin1String("history")) {
        write = [&](qint64 n) {
            const auto saved = wb::RunHistory(path).save(crashsafe::run(n));
            return saved.ok() ? QString() : saved.error().message;
        };
    } else if (kind == QLatin1String("tensor")) {
        write = [&](qint64 n) {
            const auto saved = wb::writeTensorFile(crashsafe::tensor(n), path);
            return saved.ok() ? QString() : saved.error().message;
        };
    } else if (kind == QLatin1String("control")) {
        write = [&](qint64 n) {
            const QString scratch = path + QStringLiteral(".scratch");
            QFile from(scratch);
            if (!wb::writeTensorFile(crashsafe::tensor(n), scratch).ok() || !from.open(QIODevice::ReadOnly))
                return QStringLiteral("cannot write %1").arg(scratch);
            const QByteArray bytes = from.readAll();
            QFile to(path);
            if (!to.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return QStringLiteral("cannot write %1").arg(path);
            for (qsizetype at = 0; at < bytes.size(); at += kControlPiece) { // fsync'd pieces: a torn-able write
                to.write(bytes.mid(at, kControlPiece));
                to.flush();
                ::fsync(to.handle());
                if (n >= 2) { // the first version is whole; every later one is caught in the middle, on purpose
                    std::printf("halfway %lld\n", static_cast<long long>(n));
                    std::fflush(stdout);
                    for (;;)
                        ::pause(); // until the SIGKILL
                }
            }
            return QString();
        };
    } else if (kind == QLatin1String("model") && args.size() == 3) {
        auto loaded = wb::OnnxModel::load(args.at(2));
        if (!loaded.ok())
            return fail(loaded.error().message);
        model = loaded.value();
        write = [&](qint64 n) {
            const auto spec = wb::parseInputShapeSpec(crashsafe::modelSpec(n));
            const auto saved = wb::writeStaticCopy(*model, spec.value(), path);
            return saved.ok() ? QString() : saved.error().message;
        };
    } else {
        return fail(QStringLiteral("unknown kind or missing MODEL: %1").arg(args.join(QLatin1Char(' '))));
    }
    std::thread ticker([] {
        for (;;) { // ends with the process (SIGKILL); stdio locks each call, so lines never interleave
            std::fputs("tick\n", stdout);
            std::fflush(stdout);
        }
    });
    ticker.detach();
    for (qint64 n = 1;; ++n) {
        std::printf("begin %lld\n", static_cast<long long>(n));
        std::fflush(stdout);
        if (const QString problem = write(n); !problem.isEmpty())
            return fail(problem);
        std::printf("committed %lld\n", static_cast<long long>(n));
        std::fflush(stdout);
    }
}
