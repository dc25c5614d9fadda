#include "app/cli/cli_sandbox.h"

#include "app/cli/cli_io.h"
#include "engine/sandbox/sandbox_server.h"
#include "engine/sandbox/world_file.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace botwright::cli {

int runSandbox(const QStringList& arguments) {
    // Installed first: a Ctrl-C that comes as soon as the URLs are printed must still stop cleanly.
    installStopSignals();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs Botwright's local Discord on 127.0.0.1: the REST API under /api/v10 and the Gateway v10\n"
        "on the same port. Point a bot library at the printed REST base and use the printed bot token.\n"
        "Ctrl-C stops it."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port to listen on (0 = any free port)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption world(QStringLiteral("world"),
                                   QStringLiteral("Load this world file instead of the default world."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption saveWorld(QStringLiteral("save-world"),
                                       QStringLiteral("Save the world to this file when stopping."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption rateLimits(QStringLiteral("rate-limits"),
                                        QStringLiteral("Enforce REST rate limits (headers and 429s)."));
    const QCommandLineOption heartbeat(QStringLiteral("heartbeat-interval"),
                                       QStringLiteral("Gateway heartbeat interval in ms (default 41250)."),
                                       QStringLiteral("MS"), QStringLiteral("41250"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QStringLiteral("Print every gateway event the world produces."));
    parser.addOptions({port, world, saveWorld, rateLimits, heartbeat, verbose});
    if (const int code = parse(parser, QStringLiteral("sandbox"), arguments, 0); code >= 0)
        return code;

    bool ok = false;
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535) {
        err() << "error: --port must be a number from 0 to 65535\n";
        return 2;
    }
    const int interval = parser.value(heartbeat).toInt(&ok);
    if (!ok || interval < 100) {
        err() << "error: --heartbeat-interval must be at least 100 (ms)\n";
        return 2;
    }
    sandbox::SandboxOptions options;
    options.rateLimitsEnabled = parser.isSet(rateLimits);
    options.heartbeatIntervalMs = interval;
    sandbox::SandboxServer server(options);
    if (parser.isSet(world)) {
        try {
            sandbox::loadWorldFile(server.world(), parser.value(world));
        } catch (const sandbox::WorldFileError& e) {
            err() << "error: " << e.what() << "\n";
            return 1;
        }
    }
    QString error;
    if (!server.start(static_cast<quint16>(portNumber), &error)) {
        err() << "error: " << error << "\n";
        return 1;
    }
    const sandbox::World& w = server.world();
    out() << "Botwright sandbox running (Ctrl-C to stop)\n"
          << "  gateway        " << server.gatewayUrl() << "\n"
          << "  REST base      " << server.restBase() << "   (requests go to " << server.restBase()
          << "/v10/...)\n"
          << "  bot token      " << w.botToken() << "\n"
          << "  application id " << w.application().id << "\n"
          << "  users (act as one with 'Authorization: <token>'):\n";
    for (const auto& [id, user] : w.users())
        if (!user.bot)
            out() << "    " << QString(user.username).leftJustified(12) << " " << id << "  " << user.token
                  << "\n";
    out().flush();
    if (parser.isSet(verbose))
        QObject::connect(&server, &sandbox::SandboxServer::worldEvent, &server,
                         [](const QString& type, const QJsonObject& d) {
                             out() << type << " " << QJsonDocument(d).toJson(QJsonDocument::Compact).left(200)
                                   << "\n";
                             out().flush();
                         });

    quitOnStopSignal(&server);
    QCoreApplication::exec();
    out() << "stopping sandbox\n";
    if (parser.isSet(saveWorld)) {
        try {
            sandbox::saveWorldFile(server.world(), parser.value(saveWorld));
            out() << "world saved to " << parser.value(saveWorld) << "\n";
        } catch (const sandbox::WorldFileError& e) {
            err() << "error: " << e.what() << "\n";
            return 1;
        }
    }
    return 0;
}

} // namespace botwright::cli
