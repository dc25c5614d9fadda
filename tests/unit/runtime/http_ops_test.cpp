// HttpOps, the host side of the scripts' HttpClient, against real loopback servers: answers,
// refusals, the rate limit's order and spacing, the timeout and the size cap.
#include "engine/runtime/http_ops.h"
#include "tests/support/http_test_server.h"
#include "tests/support/qt_catch.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

using botwright::runtime::HttpOps;
using botwright::runtime::HttpOpsOptions;
using botwright::runtime::OpReply;

namespace {

QJsonObject get(const QString& url) {
    return QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                       {QStringLiteral("path"), url},
                       {QStringLiteral("headers"), QJsonObject{}}};
}

// Sends one request and waits for its reply.
OpReply call(HttpOps& http, const QJsonObject& args) {
    std::optional<OpReply> reply;
    http.request(args, [&](const OpReply& r) { reply = r; });
    REQUIRE(QTest::qWaitFor([&] { return reply.has_value(); }, 10000));
    return *reply;
}

} // namespace

TEST_CASE("http_request answers with status, lower-case headers and the body", "[runtime][http]") {
    botwright::test::HttpTestServer server;
    REQUIRE(server.listen());
    HttpOps http(HttpOpsOptions{0, 5000, 1 << 20, 1 << 20});
    const OpReply ok = call(http, get(server.baseUrl() + QStringLiteral("/json")));
    REQUIRE(ok.ok);
    const QJsonObject answer = QJsonDocument::fromJson(ok.valueJson).object();
    CHECK(answer.value(QStringLiteral("statusCode")).toInt() == 200);
    CHECK(
        answer.value(QStringLiteral("headers")).toObject().value(QStringLiteral("content-type")).toString() ==
        QStringLiteral("application/json"));
    CHECK(QByteArray::fromBase64(answer.value(QStringLiteral("bodyBase64")).toString().toLatin1()) ==
          R"({"greeting":"hello","n":42})");

    QJsonObject post = get(server.baseUrl() + QStringLiteral("/echo"));
    post.insert(QStringLiteral("method"), QStringLiteral("PATCH"));
    post.insert(QStringLiteral("headers"),
                QJsonObject{{QStringLiteral("Content-Type"), QStringLiteral("a/b")}});
    post.insert(QStringLiteral("bodyBase64"), QString::fromLatin1(QByteArray("payload").toBase64()));
    const OpReply echoed = call(http, post);
    REQUIRE(echoed.ok);
    const QByteArray body = QByteArray::fromBase64(QJsonDocument::fromJson(echoed.valueJson)
                                                       .object()
                                                       .value(QStringLiteral("bodyBase64"))
                                                       .toString()
                                                       .toLatin1());
    CHECK(body == R"({"body":"payload","contentType":"a/b","method":"PATCH"})");

    const OpReply missing = call(http, get(server.baseUrl() + QStringLiteral("/missing")));
    REQUIRE(missing.ok); // a 404 is an answer
    CHECK(QJsonDocument::fromJson(missing.valueJson).object().value(QStringLiteral("statusCode")).toInt() ==
          404);
}

TEST_CASE("http_request refuses what it must not send", "[runtime][http]") {
    HttpOps http(HttpOpsOptions{0, 5000, 1 << 20, 16});
    const auto refusal = [&](const QJsonObject& args) {
        const OpReply r = call(http, args);
        CHECK_FALSE(r.ok);
        CHECK(r.errorClass == QStringLiteral("Error"));
        return r.message;
    };
    CHECK(refusal(get(QStringLiteral("/relative"))).contains(QStringLiteral("is not an absolute URL")));
    CHECK(refusal(get(QStringLiteral("file:///etc/passwd"))).contains(QStringLiteral("only http and https")));
    QJsonObject badMethod = get(QStringLiteral("http://127.0.0.1:1/"));
    badMethod.insert(QStringLiteral("method"), QStringLiteral("GE T"));
    CHECK(refusal(badMethod).contains(QStringLiteral("is not an HTTP method")));
    QJsonObject badHeader = get(QStringLiteral("http://127.0.0.1:1/"));
    badHeader.insert(QStringLiteral("headers"),
                     QJsonObject{{QStringLiteral("X"), QStringLiteral("a\r\nInjected: 1")}});
    CHECK(refusal(badHeader).contains(QStringLiteral("header `X`")));
    QJsonObject big = get(QStringLiteral("http://127.0.0.1:1/"));
    big.insert(QStringLiteral("bodyBase64"), QString::fromLatin1(QByteArray(17, 'x').toBase64()));
    CHECK(refusal(big).contains(QStringLiteral("limit of 16 bytes")));
}

TEST_CASE("http_request waits its turn under the rate limit, in order", "[runtime][http]") {
    botwright::test::HttpTestServer server;
    REQUIRE(server.listen());
    HttpOps http(HttpOpsOptions{300, 5000, 1 << 20, 1 << 20});
    QList<int> order;
    for (int i = 0; i < 3; ++i)
        http.request(get(server.baseUrl() + QStringLiteral("/json")), [&order, i](const OpReply& r) {
            CHECK(r.ok);
            order.append(i);
        });
    CHECK(http.waiting() == 2); // none refused: they wait
    REQUIRE(QTest::qWaitFor([&] { return order.size() == 3; }, 10000));
    CHECK(order == QList<int>{0, 1, 2});
    const QList<qint64> arrivals = server.arrivals();
    REQUIRE(arrivals.size() == 3);
    // Started at least 300 ms apart (the limiter's own guarantee, less a little for clock reads).
    CHECK(arrivals.at(1) - arrivals.at(0) >= 250);
    CHECK(arrivals.at(2) - arrivals.at(1) >= 250);
}

TEST_CASE("http_request fails on a silent server, a closed port and an oversized answer", "[runtime][http]") {
    QTcpServer silent; // accepts and never answers
    REQUIRE(silent.listen(QHostAddress::LocalHost, 0));
    HttpOps http(HttpOpsOptions{0, 300, 10, 1 << 20});
    const OpReply timedOut =
        call(http, get(QStringLiteral("http://127.0.0.1:%1/x").arg(silent.serverPort())));
    CHECK_FALSE(timedOut.ok);
    CHECK(timedOut.message.contains(QStringLiteral("no complete answer within 0.3 s")));

    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    const OpReply refused = call(http, get(QStringLiteral("http://127.0.0.1:%1/x").arg(closedPort)));
    CHECK_FALSE(refused.ok);
    CHECK(refused.message.startsWith(QStringLiteral("error sending request for url (http://127.0.0.1:")));

    botwright::test::HttpTestServer server;
    REQUIRE(server.listen());
    const OpReply tooBig = call(http, get(server.baseUrl() + QStringLiteral("/json")));
    CHECK_FALSE(tooBig.ok);
    CHECK(tooBig.message.contains(QStringLiteral("larger than the studio's limit of 10 bytes")));
}
