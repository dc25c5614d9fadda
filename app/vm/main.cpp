// botwright-vm: the script worker. The studio (or botwright-cli) starts one per project and speaks
// the host protocol (docs/vm-protocol.md) over its stdin/stdout; scripts run here, in V8, so that a
// runaway script can only take this process down.
#include "engine/core/allocator_tuning.h"
#include "engine/core/resource_locator.h"
#include "engine/runtime/js_isolate.h"
#include "engine/runtime/v8_platform.h"
#include "engine/runtime/vm_channel.h"
#include "engine/runtime/vm_worker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <csignal>
#include <unistd.h>

int main(int argc, char* argv[]) {
    botwright::core::tuneAllocator();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("botwright-vm"));
    QCoreApplication::setApplicationVersion(botwright::core::ResourceLocator::version());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Botwright's script worker. Started by the studio and botwright-cli with --serve: it then "
        "reads the host protocol on stdin and answers on stdout."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serve(QStringLiteral("serve"),
                                   QStringLiteral("Serve the host protocol on stdin/stdout."));
    const QCommandLineOption selfTest(
        QStringLiteral("self-test"), QStringLiteral("Create an isolate, run a script and print its result."));
    parser.addOption(serve);
    parser.addOption(selfTest);
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (parser.isSet(selfTest)) {
        botwright::runtime::JsIsolate isolate;
        const botwright::runtime::JsResult result = isolate.evaluate(
            QStringLiteral("[1, 2, 3].map((n) => n * 2).join(',') + ' ' + typeof Intl.DateTimeFormat"),
            QStringLiteral("self-test.js"));
        if (!result.ok) {
            err << "self-test failed: " << result.error << "\n";
            return 1;
        }
        out << "V8 " << botwright::runtime::V8Platform::version() << ": " << result.value << "\n";
        return 0;
    }
    if (parser.isSet(serve)) {
        std::signal(SIGPIPE, SIG_IGN); // a vanished host shows up as a failed write, not a signal
        std::signal(SIGINT, SIG_IGN);  // Ctrl-C and a group-wide SIGTERM go to the host, which ends us in
        std::signal(SIGTERM, SIG_IGN); // order (or we see stdin close)
        botwright::runtime::VmChannel channel(STDIN_FILENO, STDOUT_FILENO);
        channel.start();
        botwright::runtime::VmWorker worker(channel);
        return worker.run();
    }
    err << "botwright-vm is started by the studio and botwright-cli (with --serve).\n"
        << "Use --self-test to check the engine, or --help.\n";
    return 2;
}
