// runner_host: a minimal "application" that runs one tool through ToolRunner and prints "tool pid N" once it has
// started, then keeps running. The process tests SIGKILL this host to prove its tool does not outlive it (on
// Linux). TEST DOUBLE ONLY — never installed or shipped.
//
//   runner_host PROGRAM [ARGS...]
#include "process/toolrunner.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        std::fputs("usage: runner_host PROGRAM [ARGS...]\n", stderr);
        return 2;
    }
    wb::ToolInvocation invocation;
    invocation.program = args.takeFirst();
    invocation.arguments = args;
    wb::ToolRunner runner;
    QObject::connect(&runner, &wb::ToolRunner::started, &app, [](qint64 pid) {
        std::printf("tool pid %lld\n", static_cast<long long>(pid));
        std::fflush(stdout);
    });
    QObject::connect(&runner, &wb::ToolRunner::finished, &app, [] { QCoreApplication::exit(0); });
    runner.start(invocation);
    return QCoreApplication::exec();
}
