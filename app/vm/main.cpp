// botwright-vm: the script worker. The studio starts one per project and talks to it over
// stdin/stdout; scripts run here, in V8, so that a runaway script can only take this process down.
#include "engine/core/resource_locator.h"
#include "engine/runtime/js_isolate.h"
#include "engine/runtime/v8_platform.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("botwright-vm"));
    QCoreApplication::setApplicationVersion(botwright::core::ResourceLocator::version());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Botwright's script worker (started by the studio)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption selfTest(
        QStringLiteral("self-test"), QStringLiteral("Create an isolate, run a script and print its result."));
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
    err << "botwright-vm is started by the studio; the host protocol arrives with the script runtime.\n"
        << "Use --self-test to check the engine, or --help.\n";
    return 2;
}
