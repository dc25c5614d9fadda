// HttpClient host figures (the scripts' http_request op, engine/runtime/http_ops.*):
//   http_request_round_trip_p50 / _p99: one GET of a small JSON answer through HttpOps to a Qt
//     HttpServer on loopback (its own thread), from the op call to its reply (status, headers,
//     base64 body as JSON), one request at a time over a kept-alive connection. The rate limit
//     (1 request/s for scripts) is off here: it measures the op, not the limit.
#include "engine/runtime/http_ops.h"
#include "tests/support/http_test_server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace botwright;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QThread serverThread;
    serverThread.start();
    test::HttpTestServer* server = nullptr;
    QString base;
    QObject anchor;
    anchor.moveToThread(&serverThread);
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            server = new test::HttpTestServer;
            if (server->listen())
                base = server->baseUrl();
        },
        Qt::BlockingQueuedConnection);
    if (base.isEmpty()) {
        std::fprintf(stderr, "bench_http: cannot listen on loopback\n");
        return 1;
    }

    runtime::HttpOpsOptions options;
    options.minIntervalMs = 0;
    runtime::HttpOps http(options);
    const QJsonObject args{{QStringLiteral("method"), QStringLiteral("GET")},
                           {QStringLiteral("path"), base + QStringLiteral("/json")},
                           {QStringLiteral("headers"), QJsonObject{}}};
    constexpr int kWarmup = 20;
    constexpr int kRuns = 500;
    std::vector<double> ms;
    for (int i = 0; i < kWarmup + kRuns; ++i) {
        bool done = false;
        bool ok = false;
        QElapsedTimer t;
        t.start();
        http.request(args, [&](const runtime::OpReply& r) {
            done = true;
            ok = r.ok;
        });
        while (!done)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (!ok) {
            std::fprintf(stderr, "bench_http: a request failed\n");
            return 1;
        }
        if (i >= kWarmup)
            ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("http_request_round_trip_p50 %.3f ms\n", ms[ms.size() / 2]);
    std::printf("http_request_round_trip_p99 %.3f ms\n", ms[ms.size() * 99 / 100]);

    QMetaObject::invokeMethod(
        &anchor, [&] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
