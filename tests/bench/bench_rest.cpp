// REST client figures:
//   rest_create_message_per_s: createMessage calls answered per second by the sandbox (its own
//     thread, rate limits off, the client's global cap off), over real loopback sockets. Calls on
//     one channel go one at a time (a route's requests stay in order), so this is 1 / round trip;
//     the _4ch figure spreads the same load over four channels.
//   rest_bucket_overhead_ns: the rate-limit bookkeeping alone per request (route key, delay check,
//     send, header parsing, response), no sockets. BENCH_REST_BUCKETS_ONLY=1 prints only this one
//     (for a profiler).
#include "engine/rest/rate_limit_buckets.h"
#include "engine/rest/rest_client.h"
#include "engine/sandbox/sandbox_server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <cstdio>
#include <functional>

using namespace botwright;

namespace {

const QString kChannels[] = {QStringLiteral("1113768910127104000"), QStringLiteral("1113768910127104001"),
                             QStringLiteral("1113768910127104002"), QStringLiteral("1113768910127104003")};

struct ServerThread {
    ServerThread() {
        anchor.moveToThread(&thread);
        thread.start();
        QMetaObject::invokeMethod(
            &anchor,
            [this] {
                sandbox::SandboxOptions options;
                options.maxMessagesPerChannel = 2000;
                server = new sandbox::SandboxServer(options);
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

bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

void createRate(ServerThread& st, const char* name, int channels, int total) {
    rest::RestClientOptions options;
    options.globalPerSecond = 0;
    rest::RestClient client(st.server->restBase(), st.server->world().botToken(), options);
    QObject context;
    int finished = 0, failures = 0;
    const QByteArray body = QByteArrayLiteral("{\"content\":\"benchmark message\"}");
    auto issue = [&](int i) {
        rest::RestRequest request;
        request.method = rest::HttpMethod::Post;
        request.path = QStringLiteral("/channels/%1/messages").arg(kChannels[i % channels]);
        request.jsonBody = body;
        client.request(request, &context, [&](const rest::RestResponse& r) {
            failures += r.status == 200 ? 0 : 1;
            ++finished;
        });
    };
    // Warm up the connections, then queue everything at once: the client paces it.
    for (int i = 0; i < channels; ++i)
        issue(i);
    waitUntil([&] { return finished >= channels; }, 10000);
    finished = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < total; ++i)
        issue(i);
    waitUntil([&] { return finished >= total; }, 120000);
    std::printf("%s %.0f req/s\n", name, finished / (static_cast<double>(timer.nsecsElapsed()) / 1e9));
    if (failures > 0)
        std::printf("%s_failures %d count\n", name, failures);
}

void bucketOverhead() {
    rest::RateLimitBuckets buckets(50);
    const QList<QPair<QByteArray, QByteArray>> headers{
        {"Content-Type", "application/json"}, {"X-RateLimit-Limit", "5"},
        {"X-RateLimit-Remaining", "4"},       {"X-RateLimit-Reset", "1470173023.123"},
        {"X-RateLimit-Reset-After", "4.999"}, {"X-RateLimit-Bucket", "abcd1234abcd1234"},
        {"Via", "1.1 botwright-sandbox"}};
    QString paths[4];
    for (int i = 0; i < 4; ++i)
        paths[i] = QStringLiteral("/channels/%1/messages").arg(kChannels[i]);
    constexpr int kRounds = 200000;
    qint64 sink = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kRounds; ++i) {
        const qint64 now = i * 25; // 40 requests a second of simulated time
        const rest::RestRoute route = rest::RestRoute::parse(rest::HttpMethod::Post, paths[i % 4]);
        sink += buckets.delayMs(route, now);
        buckets.onSend(route, now);
        const rest::RateLimitBuckets::Info info = rest::RateLimitBuckets::Info::parse(headers, 200, {}, now);
        sink += buckets.onResponse(route, 200, info, now);
    }
    std::printf("rest_bucket_overhead_ns %.0f ns\n", static_cast<double>(timer.nsecsElapsed()) / kRounds);
    if (sink < 0)
        std::printf("unexpected %lld\n", static_cast<long long>(sink));
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("BENCH_REST_BUCKETS_ONLY")) {
        bucketOverhead();
        return 0;
    }
    {
        ServerThread st;
        createRate(st, "rest_create_message_per_s", 1, 2000);
        createRate(st, "rest_create_message_4ch_per_s", 4, 4000);
    }
    bucketOverhead();
    return 0;
}
