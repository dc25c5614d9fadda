// Attachment figures (multipart uploads end to end):
//   attachment_1mib_script_to_sandbox_p50/p99: a script's Discord.createMessage with a 1 MiB ArrayBuffer
//     attachment until the message (with its file stored) exists in the sandbox's world, which is what the
//     studio's chat shows: base64 in the SDK, the op to the host, multipart through the RestClient, the
//     sandbox's parser and store. Measured between two world events: the script's ack of a slash command
//     (the script is then about to call createMessage) and the upload's MESSAGE_CREATE.
//   text_message_script_to_sandbox_p50: the same path with a text-only message, for comparison.
//   attachment_1mib_rest_upload_p50: the RestClient's multipart upload of 1 MiB alone (no script).
// Everything is real and in-process except the script VM (botwright-vm), as in the studio.
// BENCH_ATTACHMENTS_REST_ONLY=1 prints only the last figure (for a profiler).
#include "engine/gateway/shard_manager.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/rest/rest_client.h"
#include "engine/runtime/script_runtime.h"
#include "engine/sandbox/rest_api.h"
#include "engine/sandbox/sandbox_server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <vector>

using namespace botwright;

namespace {

constexpr int kWarmup = 3;
constexpr int kRuns = 40;
constexpr auto kAlice = 948142551859331072ULL;
constexpr auto kGeneral = "1113768910127104000";
constexpr qint64 kFileBytes = 1 << 20;

const char* const kScript = R"TS(
import { Discord } from "botloader";
const blob = new Uint8Array(1 << 20);
for (let i = 0; i < blob.length; i++) blob[i] = (i * 131) & 255;
script.createSlashCommand("upload", "Sends a message with or without a 1 MiB file")
    .addOptionBoolean("file", "With the file")
    .setAckMode("Custom")
    .build(async (ctx, args) => {
        await ctx.ackWithMessage({ content: "ack" });
        await Discord.createMessage(ctx.channelId, args.file
            ? { content: "upload", attachments: [{ filename: "blob.bin", data: blob.buffer }] }
            : { content: "upload" });
    });
)TS";

bool wait(const std::function<bool()>& done, int ms) {
    QElapsedTimer t;
    t.start();
    QTimer tick;
    tick.start(1);
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return done();
}

// A sandbox on a thread of its own, as SandboxHost runs it in the studio.
struct ServerThread {
    ServerThread() {
        anchor.moveToThread(&thread);
        thread.start();
        QMetaObject::invokeMethod(
            &anchor,
            [this] {
                server = new sandbox::SandboxServer;
                server->start(0);
            },
            Qt::BlockingQueuedConnection);
    }
    ~ServerThread() {
        QMetaObject::invokeMethod(
            server, [this] { delete server; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
    QThread thread;
    QObject anchor;
    sandbox::SandboxServer* server = nullptr;
};

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
    script.write(kScript);
    script.close();

    sandbox::SandboxServer server;
    QString error;
    if (!server.start(0, &error)) {
        std::fprintf(stderr, "sandbox: %s\n", qPrintable(error));
        return 1;
    }
    sandbox::World& world = server.world();
    const bool restOnly = qEnvironmentVariableIntValue("BENCH_ATTACHMENTS_REST_ONLY") == 1;
    qint64 ackAtNs = 0, uploadAtNs = 0;
    qint64 uploadedBytes = -1;
    QElapsedTimer clock;
    clock.start();
    world.addListener([&](const sandbox::Dispatch& d) {
        if (d.type != QLatin1StringView("MESSAGE_CREATE"))
            return;
        const QJsonObject m = d.object();
        const QString content = m.value(QStringLiteral("content")).toString();
        if (content == QLatin1StringView("ack")) {
            ackAtNs = clock.nsecsElapsed();
        } else if (content == QLatin1StringView("upload")) {
            uploadAtNs = clock.nsecsElapsed();
            const QJsonArray files = m.value(QStringLiteral("attachments")).toArray();
            uploadedBytes =
                files.isEmpty() ? 0 : files.at(0).toObject().value(QStringLiteral("size")).toInteger();
        }
    });

    if (!restOnly) {
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

        QString commandId;
        const auto registered = [&] {
            for (const auto& [id, cmd] : world.commands())
                if (cmd.definition.value(QStringLiteral("name")).toString() == QLatin1StringView("upload"))
                    commandId = QString::number(id);
            return !commandId.isEmpty();
        };
        if (!wait(registered, 30000)) {
            std::fprintf(stderr, "the script's command was never registered\n");
            return 1;
        }
        const QByteArray token = world.user(kAlice)->token.toUtf8();
        const auto run = [&](bool withFile) -> std::optional<double> {
            const QJsonObject data{{QStringLiteral("id"), commandId},
                                   {QStringLiteral("name"), QStringLiteral("upload")},
                                   {QStringLiteral("options"),
                                    QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("file")},
                                                           {QStringLiteral("type"), 5},
                                                           {QStringLiteral("value"), withFile}}}}};
            sandbox::RestRequest request;
            request.headers.insert("authorization", token);
            request.headers.insert("content-type", "application/json");
            request.body =
                QJsonDocument(QJsonObject{{QStringLiteral("type"), 2},
                                          {QStringLiteral("channel_id"), QLatin1StringView(kGeneral)},
                                          {QStringLiteral("data"), data}})
                    .toJson(QJsonDocument::Compact);
            ackAtNs = uploadAtNs = 0;
            uploadedBytes = -1;
            const sandbox::RestResponse r =
                server.rest().handle("POST", QStringLiteral("/api/v10/interactions"), request);
            if (r.status != 200 || !wait([&] { return uploadAtNs != 0 && ackAtNs != 0; }, 20000) ||
                uploadedBytes != (withFile ? kFileBytes : 0)) {
                std::fprintf(stderr, "no upload (status %d, %lld bytes): %s\n", r.status,
                             static_cast<long long>(uploadedBytes), r.body.constData());
                return std::nullopt;
            }
            return static_cast<double>(uploadAtNs - ackAtNs) / 1e6;
        };
        for (const bool withFile : {true, false}) {
            std::vector<double> samples;
            for (int i = 0; i < kWarmup + kRuns; ++i) {
                // Two requests per run (the ack and the message): a pause keeps the runtime's REST
                // client under Discord's 50 requests/s, so no run waits on the global limit.
                wait([] { return false; }, 60);
                const std::optional<double> ms = run(withFile);
                if (!ms)
                    return 1;
                if (i >= kWarmup)
                    samples.push_back(*ms);
            }
            if (withFile) {
                std::printf("attachment_1mib_script_to_sandbox_p50 %.2f ms\n", percentile(samples, 0.50));
                std::printf("attachment_1mib_script_to_sandbox_p99 %.2f ms\n", percentile(samples, 0.99));
            } else {
                std::printf("text_message_script_to_sandbox_p50 %.2f ms\n", percentile(samples, 0.50));
            }
            std::fflush(stdout);
        }
        shards.stop();
        runtime.stop();
    }

    // The host's part alone: one 1 MiB multipart upload through the RestClient, to a sandbox on its own
    // thread.
    ServerThread separate;
    rest::RestClientOptions options;
    options.globalPerSecond = 0;
    QString botToken;
    QMetaObject::invokeMethod(
        separate.server, [&] { botToken = separate.server->world().botToken(); },
        Qt::BlockingQueuedConnection);
    rest::RestClient client(separate.server->restBase(), botToken, options);
    QByteArray blob(kFileBytes, '\0');
    for (qint64 i = 0; i < kFileBytes; ++i)
        blob[i] = static_cast<char>((i * 131) & 255);
    std::vector<double> samples;
    QObject context;
    for (int i = 0; i < kWarmup + kRuns; ++i) {
        rest::RestRequest request;
        request.method = rest::HttpMethod::Post;
        request.path = QStringLiteral("/channels/%1/messages").arg(QLatin1StringView(kGeneral));
        request.jsonBody = R"({"content":"rest upload"})";
        request.files = {rest::RestFile{1, QStringLiteral("blob.bin"), {}, blob}};
        bool done = false;
        QElapsedTimer t;
        t.start();
        client.request(request, &context, [&](const rest::RestResponse& r) {
            done = true;
            if (!r.ok())
                std::fprintf(stderr, "rest upload failed: %s\n", qPrintable(r.errorMessage));
        });
        if (!wait([&] { return done; }, 10000))
            return 1;
        if (i >= kWarmup)
            samples.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::printf("attachment_1mib_rest_upload_p50 %.2f ms\n", percentile(samples, 0.50));
    return 0;
}
