// Sandbox figures over real loopback sockets, server on its own thread as in the studio:
//   dispatches per second served to one client (JSON, zlib-stream), ~600-byte MESSAGE_CREATE;
//   REST message creations per second; 500 concurrent gateway connections held with heartbeats.
#include "engine/protocol/zlib_stream.h"
#include "engine/sandbox/gateway_server.h"
#include "engine/sandbox/sandbox_server.h"
#include "engine/sandbox/world_json.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <cstdio>
#include <sys/resource.h>

using namespace botwright::sandbox;

namespace {

constexpr auto kGeneral = 1113768910127104000ULL;
constexpr auto kAlice = 948142551859331072ULL;

// The server and its thread.
struct ServerThread {
    explicit ServerThread(SandboxOptions options) {
        anchor.moveToThread(&thread);
        thread.start();
        QMetaObject::invokeMethod(
            &anchor,
            [this, options] {
                server = new SandboxServer(options);
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
    template <class F>
    void run(F&& f) {
        QMetaObject::invokeMethod(server, std::forward<F>(f), Qt::BlockingQueuedConnection);
    }
    QThread thread;
    QObject anchor; // lives on `thread`, to run code there before the server exists
    SandboxServer* server = nullptr;
};

bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

// Identifies one bot client; returns after READY.
bool identify(QWebSocket& ws, ServerThread& st, const QString& query, const QString& token, int* frames,
              botwright::protocol::ZlibStreamInflater* inflater) {
    QObject::connect(&ws, &QWebSocket::textMessageReceived, &ws, [frames](const QString&) { ++*frames; });
    QObject::connect(&ws, &QWebSocket::binaryMessageReceived, &ws, [frames, inflater](const QByteArray& b) {
        if (inflater && inflater->feed(b).status == botwright::protocol::DecompressStatus::Complete)
            ++*frames;
    });
    ws.open(QUrl(st.server->gatewayUrl() + query));
    if (!waitUntil([&] { return ws.state() == QAbstractSocket::ConnectedState && *frames >= 1; }, 5000))
        return false;
    ws.sendTextMessage(
        QStringLiteral("{\"op\":2,\"d\":{\"token\":\"%1\",\"intents\":33281,"
                       "\"properties\":{\"os\":\"linux\",\"browser\":\"bench\",\"device\":\"bench\"}}}")
            .arg(token));
    return waitUntil([&] { return *frames >= 3; }, 5000); // hello, READY, GUILD_CREATE
}

// Without `preserialised` every dispatch is a fresh message created through World::createMessage
// (mentions, storage, payload, fan-out); with it one payload arrives as JSON bytes (a recorded frame
// replayed), so the figure is the serving path alone: sequence, replay buffer, framing, compression
// and the socket write.
void dispatchRate(const char* name, const QString& query, bool zlib, bool preserialised) {
    SandboxOptions options;
    options.identifyWindowMs = 0;
    options.replayBufferSize = 1000;
    ServerThread st(options);
    const QString token = st.server->world().botToken();
    // A realistic MESSAGE_CREATE payload (~600 bytes) from the world's own serialiser.
    Dispatch d;
    st.run([&] {
        World& w = st.server->world();
        World::MessageDraft draft;
        draft.content = QStringLiteral("Hello there! This is a benchmark message of a typical size.");
        const Message& m = w.createMessage(kGeneral, kAlice, draft);
        d.type = QStringLiteral("MESSAGE_CREATE");
        d.data = json::message(w, m, w.botId(), true);
        d.guildId = 1113768905932800000ULL;
        d.channelId = kGeneral;
        d.intents = 1 << 9;
        d.hasContent = true;
        d.contentExempt = true;
    });
    QWebSocket ws;
    int frames = 0;
    botwright::protocol::ZlibStreamInflater inflater;
    if (!identify(ws, st, query, token, &frames, zlib ? &inflater : nullptr)) {
        std::printf("%s_error connect 0\n", name);
        return;
    }
    const int payloadBytes = static_cast<int>(QJsonDocument(d.data).toJson(QJsonDocument::Compact).size());
    if (preserialised)
        d.json = QJsonDocument(d.data).toJson(QJsonDocument::Compact);
    if (!zlib && !preserialised) { // the share of one serialisation in the serving cost
        QElapsedTimer t;
        t.start();
        qsizetype bytes = 0;
        for (int i = 0; i < 50000; ++i)
            bytes += QJsonDocument(d.data).toJson(QJsonDocument::Compact).size();
        std::printf("dispatch_qjson_serialise %.0f payloads/s\n",
                    50000 / (static_cast<double>(t.nsecsElapsed()) / 1e9));
        Q_UNUSED(bytes);
    }
    constexpr int kTotal = 200000, kBatch = 2000;
    const int start = frames;
    QElapsedTimer timer;
    timer.start();
    qint64 serverNs = 0;
    for (int sent = 0; sent < kTotal; sent += kBatch) {
        QMetaObject::invokeMethod(st.server, [&st, &d, &serverNs, preserialised] {
            QElapsedTimer t;
            t.start();
            World& w = st.server->world();
            for (int i = 0; i < kBatch; ++i) {
                if (preserialised) {
                    st.server->gateway().deliver(d);
                } else { // a fresh message each time, through the world as a REST create would go
                    World::MessageDraft draft;
                    draft.content =
                        QStringLiteral("Hello there! This is a benchmark message of a typical size.");
                    w.createMessage(kGeneral, kAlice, std::move(draft));
                }
            }
            serverNs += t.nsecsElapsed();
        });
        // Let the client drain so memory stays bounded.
        waitUntil([&] { return frames - start >= sent - 4 * kBatch; }, 30000);
    }
    waitUntil([&] { return frames - start >= kTotal; }, 60000);
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    std::printf("%s_payload_bytes %d bytes\n", name, payloadBytes);
    std::printf("%s_end_to_end %.0f dispatches/s\n", name, (frames - start) / seconds);
    std::printf("%s_server_serving %.0f dispatches/s\n", name,
                kTotal / (static_cast<double>(serverNs) / 1e9));
}

void restRate() {
    ServerThread st(SandboxOptions{});
    const QString auth = QStringLiteral("Bot ") + st.server->world().botToken();
    QNetworkAccessManager manager;
    constexpr int kTotal = 5000, kInFlight = 12;
    int started = 0, finished = 0, failures = 0;
    const QUrl url(st.server->restBase() + QStringLiteral("/v10/channels/%1/messages").arg(kGeneral));
    std::function<void()> launch = [&] {
        if (started >= kTotal)
            return;
        ++started;
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", auth.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply* reply =
            manager.post(request, QByteArrayLiteral("{\"content\":\"benchmark message\"}"));
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            failures += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 ? 0 : 1;
            ++finished;
            reply->deleteLater();
            launch();
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kInFlight; ++i)
        launch();
    waitUntil([&] { return finished >= kTotal; }, 120000);
    std::printf("rest_message_create %.0f requests/s\n",
                finished / (static_cast<double>(timer.nsecsElapsed()) / 1e9));
    std::printf("rest_message_create_failures %d count\n", failures);
}

void heldConnections() {
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    SandboxOptions options;
    options.identifyWindowMs = 0;
    options.heartbeatIntervalMs = 1000;
    options.heartbeatGraceMs = 5000; // a loaded 2-core machine must not turn the figure into a timing test
    ServerThread st(options);
    const QString token = st.server->world().botToken();
    constexpr int kClients = 500;
    std::vector<std::unique_ptr<QWebSocket>> clients;
    std::vector<int> frames(kClients, 0);
    int acks = 0;
    for (int i = 0; i < kClients; ++i) {
        auto ws = std::make_unique<QWebSocket>();
        QObject::connect(ws.get(), &QWebSocket::textMessageReceived, ws.get(),
                         [&frames, &acks, i](const QString& t) {
                             ++frames[static_cast<size_t>(i)];
                             acks += t.startsWith(QStringLiteral("{\"d\":null,\"op\":11")) ? 1 : 0;
                         });
        ws->open(QUrl(st.server->gatewayUrl() + QStringLiteral("/?v=10&encoding=json")));
        clients.push_back(std::move(ws));
    }
    QElapsedTimer timer;
    timer.start();
    waitUntil([&] { return std::all_of(frames.begin(), frames.end(), [](int n) { return n >= 1; }); }, 30000);
    for (auto& ws : clients)
        ws->sendTextMessage(
            QStringLiteral("{\"op\":2,\"d\":{\"token\":\"%1\",\"intents\":1,\"properties\":{}}}").arg(token));
    waitUntil([&] { return std::all_of(frames.begin(), frames.end(), [](int n) { return n >= 3; }); }, 30000);
    const double setup = static_cast<double>(timer.elapsed());
    // Heartbeat every 900 ms for 5 s; the server's deadline (interval + grace) closes laggards.
    QTimer beat;
    QObject::connect(&beat, &QTimer::timeout, &beat, [&] {
        for (auto& ws : clients)
            ws->sendTextMessage(QStringLiteral("{\"op\":1,\"d\":2}"));
    });
    beat.start(900);
    waitUntil([] { return false; }, 5000);
    beat.stop();
    int open = 0;
    for (auto& ws : clients)
        open += ws->state() == QAbstractSocket::ConnectedState ? 1 : 0;
    int serverConnections = 0;
    st.run([&] { serverConnections = st.server->gateway().connectionCount(); });
    std::printf("gateway_connections_held %d connections\n", std::min(open, serverConnections));
    std::printf("gateway_connections_setup %.0f ms\n", setup);
    std::printf("gateway_heartbeat_acks %d acks\n", acks);
    for (auto& ws : clients)
        ws->abort();
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    // An argument picks one part: json, zlib, rest or connections (for profiling).
    const QString only = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (only.isEmpty() || only == QStringLiteral("json")) {
        dispatchRate("gateway_json", QStringLiteral("/?v=10&encoding=json"), false, false);
        dispatchRate("gateway_json_preserialised", QStringLiteral("/?v=10&encoding=json"), false, true);
    }
    if (only.isEmpty() || only == QStringLiteral("zlib")) {
        dispatchRate("gateway_zlib", QStringLiteral("/?v=10&encoding=json&compress=zlib-stream"), true,
                     false);
        dispatchRate("gateway_zlib_preserialised",
                     QStringLiteral("/?v=10&encoding=json&compress=zlib-stream"), true, true);
    }
    if (only.isEmpty() || only == QStringLiteral("rest"))
        restRate();
    if (only.isEmpty() || only == QStringLiteral("connections"))
        heldConnections();
    return 0;
}
