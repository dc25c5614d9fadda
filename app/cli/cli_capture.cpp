#include "app/cli/cli_capture.h"

#include "app/cli/cli_io.h"
#include "engine/capture/capture_file.h"
#include "engine/capture/capture_store.h"
#include "engine/gateway/shard_manager.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/sandbox_server.h"

#include <QCoreApplication>
#include <QTimer>

#include <memory>

namespace botwright::cli {

int runCapture(const QStringList& arguments) {
    installStopSignals();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Records a gateway session headless: every frame both ways, with the token redacted, into a capture\n"
        "file (docs/capture-format.md). With --sandbox it runs against a local Discord of its own; "
        "otherwise\n"
        "set BOTWRIGHT_TOKEN and give --rest (https://discord.com/api for Discord itself)."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Capture file to write."), QStringLiteral("FILE"));
    const QCommandLineOption sandboxOption(QStringLiteral("sandbox"),
                                           QStringLiteral("Capture against a local sandbox."));
    const QCommandLineOption rest(QStringLiteral("rest"), QStringLiteral("REST base of the server."),
                                  QStringLiteral("BASE"), QStringLiteral("https://discord.com/api"));
    const QCommandLineOption intents(QStringLiteral("intents"),
                                     QStringLiteral("Gateway intents (default 33281)."), QStringLiteral("N"),
                                     QStringLiteral("33281"));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                      QStringLiteral("Stop after this many seconds (0 = until Ctrl-C)."),
                                      QStringLiteral("S"), QStringLiteral("0"));
    parser.addOptions({output, sandboxOption, rest, intents, duration});
    if (const int code = parse(parser, QStringLiteral("capture"), arguments, 0); code >= 0)
        return code;
    if (!parser.isSet(output)) {
        err() << "error: -o FILE is required\n";
        return 2;
    }
    bool ok = false;
    const uint intentBits = parser.value(intents).toUInt(&ok);
    const int seconds = parser.value(duration).toInt(&ok);
    if (!ok || seconds < 0) {
        err() << "error: --duration must be a whole number of seconds\n";
        return 2;
    }

    std::unique_ptr<sandbox::SandboxServer> local;
    gateway::ShardManagerConfig config;
    config.intents = intentBits;
    if (parser.isSet(sandboxOption)) {
        local = std::make_unique<sandbox::SandboxServer>();
        QString error;
        if (!local->start(0, &error)) {
            err() << "error: " << error << "\n";
            return 1;
        }
        config.token = local->world().botToken();
        config.restBase = local->restBase();
    } else {
        config.token = qEnvironmentVariable("BOTWRIGHT_TOKEN");
        config.restBase = parser.value(rest);
        if (config.token.isEmpty()) {
            err() << "error: set BOTWRIGHT_TOKEN to the bot token (or use --sandbox)\n";
            return 2;
        }
    }

    capture::CaptureStore store;
    store.redactor().addSecret(config.token);
    gateway::ShardManager manager(config);
    int exitCode = 0;
    QObject::connect(&manager, &gateway::ShardManager::frame, &manager,
                     [&store](const gateway::FrameEvent& frame) { store.append(frame); });
    QObject::connect(&manager, &gateway::ShardManager::started, &manager, [](int shards, int concurrency) {
        out() << "capturing " << shards << " shard(s), max_concurrency " << concurrency
              << " (Ctrl-C to stop)\n";
        out().flush();
    });
    QObject::connect(&manager, &gateway::ShardManager::failed, &manager, [&exitCode](const QString& reason) {
        err() << "error: " << reason << "\n";
        exitCode = 1;
        QCoreApplication::quit();
    });
    quitOnStopSignal(&manager);
    if (seconds > 0)
        QTimer::singleShot(seconds * 1000, &manager, [] { QCoreApplication::quit(); });
    manager.start();
    QCoreApplication::exec();
    manager.stop();
    QString error;
    if (!capture::saveCapture(store, parser.value(output), &error)) {
        err() << "error: " << error << "\n";
        return 1;
    }
    out() << "saved " << store.size() << " frames to " << parser.value(output) << "\n";
    return exitCode;
}

} // namespace botwright::cli
