// Interaction round trip in the sandbox (issue 8): a simulated person runs a slash command (POST
// /interactions with their token), the sandbox dispatches INTERACTION_CREATE over the gateway, the
// runtime routes and transforms it, the script's handler acks with a message through REST, and the
// message exists in the sandbox's world (what the studio's chat shows). Everything is real and
// in-process except the script VM, which is its own process as in the studio: gateway over loopback
// WebSocket, REST over loopback HTTP, V8 in botwright-vm. Prints p50 and p99 over the runs.
#include "engine/gateway/shard_manager.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/runtime/script_runtime.h"
#include "engine/sandbox/rest_api.h"
#include "engine/sandbox/sandbox_server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace botwright;

namespace {

constexpr int kWarmup = 20;
constexpr int kRuns = 300;
constexpr auto kAlice = 948142551859331072ULL;
constexpr auto kGeneral = "1113768910127104000";

bool wait(const std::function<bool()>& done, int ms) {
    QElapsedTimer t;
    t.start();
    QTimer tick;
    tick.start(1);
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return done();
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    QFile script(dir.filePath(QStringLiteral("bench.ts")));
    script.open(QIODevice::WriteOnly);
    script.write("script.createSlashCommand(\"bench\", \"Answers at once\")\n"
                 "    .setAckMode(\"Custom\")\n"
                 "    .build(async (ctx) => {\n"
                 "        await ctx.ackWithMessage({ content: \"pong\" });\n"
                 "    });\n");
    script.close();

    sandbox::SandboxServer server;
    QString error;
    if (!server.start(0, &error)) {
        std::fprintf(stderr, "sandbox: %s\n", qPrintable(error));
        return 1;
    }
    sandbox::World& world = server.world();
    QString lastInteraction;
    bool answered = false;
    world.addListener([&](const sandbox::Dispatch& d) {
        if (d.type != QLatin1StringView("MESSAGE_CREATE"))
            return;
        const QJsonObject m = d.object();
        if (m.value(QStringLiteral("interaction_metadata"))
                .toObject()
                .value(QStringLiteral("id"))
                .toString() == lastInteraction)
            answered = true;
    });

    runtime::ScriptRuntimeConfig config;
    config.projectPath = dir.path();
    config.restBase = server.restBase();
    config.token = world.botToken();
    runtime::ScriptRuntime runtime(config);
    if (!runtime.open(&error)) {
        std::fprintf(stderr, "runtime: %s\n", qPrintable(error));
        return 1;
    }
    gateway::ShardManagerConfig gatewayConfig;
    gatewayConfig.token = config.token;
    gatewayConfig.restBase = config.restBase;
    gatewayConfig.intents = protocol::intent::Guilds | protocol::intent::GuildMessages;
    gateway::ShardManager shards(gatewayConfig);
    QObject::connect(&shards, &gateway::ShardManager::dispatch, &runtime,
                     &runtime::ScriptRuntime::onDispatch);
    shards.start();

    const auto registered = [&world] {
        for (const auto& [id, cmd] : world.commands())
            if (cmd.definition.value(QStringLiteral("name")).toString() == QLatin1StringView("bench"))
                return true;
        return false;
    };
    if (!wait(registered, 30000)) {
        std::fprintf(stderr, "the script's command was never registered\n");
        return 1;
    }
    QString commandId;
    for (const auto& [id, cmd] : world.commands())
        commandId = QString::number(id);
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("type"), 2},
                                  {QStringLiteral("channel_id"), QLatin1StringView(kGeneral)},
                                  {QStringLiteral("data"),
                                   QJsonObject{{QStringLiteral("id"), commandId},
                                               {QStringLiteral("name"), QStringLiteral("bench")}}}})
            .toJson(QJsonDocument::Compact);
    const QByteArray token = world.user(kAlice)->token.toUtf8();

    std::vector<double> samples;
    for (int i = 0; i < kWarmup + kRuns; ++i) {
        sandbox::RestRequest request;
        request.headers.insert("authorization", token);
        request.headers.insert("content-type", "application/json");
        request.body = body;
        answered = false;
        QElapsedTimer t;
        t.start();
        const sandbox::RestResponse r =
            server.rest().handle("POST", QStringLiteral("/api/v10/interactions"), request);
        if (r.status != 200) {
            std::fprintf(stderr, "invoking failed: %d %s\n", r.status, r.body.constData());
            return 1;
        }
        lastInteraction = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("id")).toString();
        if (!wait([&answered] { return answered; }, 10000)) {
            std::fprintf(stderr, "no answer to interaction %d\n", i);
            return 1;
        }
        if (i >= kWarmup)
            samples.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::printf("interaction_round_trip_p50 %.2f ms\n", percentile(samples, 0.50));
    std::printf("interaction_round_trip_p99 %.2f ms\n", percentile(samples, 0.99));
    shards.stop();
    runtime.stop();
    return 0;
}
