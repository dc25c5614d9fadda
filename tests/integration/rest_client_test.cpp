// RestClient over real loopback sockets: against the sandbox (messages, errors, rate limits) and
// against a scripted fake Discord (429s, global limits, retries, headers, token echoes).
#include "engine/rest/rest_client.h"
#include "engine/sandbox/sandbox_server.h"
#include "tests/support/fake_discord.h"
#include "tests/support/qt_catch.h"
#include "tests/support/rest_test_client.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <functional>
#include <optional>

using namespace botwright;
using rest::HttpMethod;
using rest::RestClient;
using rest::RestClientOptions;
using rest::RestRequest;
using rest::RestResponse;

namespace {

constexpr auto kGeneral = "1113768910127104000";
constexpr auto kAlice = 948142551859331072ULL;
const QString kFakeToken = QStringLiteral("MTEwMjU2NTA4MTA4ODAwMDAwMA.GhIjKl.fake-token-for-rest-tests");

RestClientOptions fastOptions() {
    RestClientOptions options;
    options.backoffBaseMs = 20;
    options.backoffMaxMs = 160;
    options.maxRetries = 2;
    options.resetMarginMs = 5;
    return options;
}

RestRequest req(HttpMethod method, const QString& path, const QJsonObject& body = {}) {
    RestRequest r;
    r.method = method;
    r.path = path;
    if (!body.isEmpty())
        r.jsonBody = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

// Sends one request and waits for its answer.
RestResponse call(RestClient& client, const RestRequest& request, int timeoutMs = 10000) {
    std::optional<RestResponse> out;
    QObject context;
    client.request(request, &context, [&](const RestResponse& r) { out = r; });
    REQUIRE(QTest::qWaitFor([&] { return out.has_value(); }, timeoutMs));
    return *out;
}

QJsonObject object(const RestResponse& r) {
    return QJsonDocument::fromJson(r.body).object();
}

QString messagesPath(const QString& suffix = {}) {
    return QStringLiteral("/channels/%1/messages%2").arg(QLatin1String(kGeneral), suffix);
}

FakeDiscord::Answer rateLimited(double retryAfter, bool global) {
    FakeDiscord::Answer a;
    a.status = 429;
    a.body =
        QJsonDocument(QJsonObject{{QStringLiteral("message"), QStringLiteral("You are being rate limited.")},
                                  {QStringLiteral("retry_after"), retryAfter},
                                  {QStringLiteral("global"), global}})
            .toJson(QJsonDocument::Compact);
    a.headers = {{"Retry-After", "1"}, {"X-RateLimit-Scope", global ? "global" : "user"}};
    if (global)
        a.headers.append(qMakePair(QByteArrayLiteral("X-RateLimit-Global"), QByteArrayLiteral("true")));
    return a;
}

} // namespace

TEST_CASE("create, get, edit and delete a message in the sandbox") {
    sandbox::SandboxServer server;
    REQUIRE(server.start(0));
    RestClient client(server.restBase(), server.world().botToken(), fastOptions());

    const RestResponse created =
        call(client, req(HttpMethod::Post, messagesPath(),
                         {{QStringLiteral("content"), QStringLiteral("hello rest")}}));
    REQUIRE(created.status == 200);
    CHECK(created.ok());
    CHECK(created.errorClass.isEmpty());
    CHECK(created.routeKey == QStringLiteral("POST /channels/1113768910127104000/messages"));
    const QString id = object(created).value(QStringLiteral("id")).toString();
    REQUIRE_FALSE(id.isEmpty());

    const RestResponse got = call(client, req(HttpMethod::Get, messagesPath(u'/' + id)));
    CHECK(got.status == 200);
    CHECK(object(got).value(QStringLiteral("content")).toString() == QStringLiteral("hello rest"));
    CHECK(got.routeKey == QStringLiteral("GET /channels/1113768910127104000/messages/:id"));

    const RestResponse edited = call(client, req(HttpMethod::Patch, messagesPath(u'/' + id),
                                                 {{QStringLiteral("content"), QStringLiteral("edited")}}));
    CHECK(edited.status == 200);
    CHECK(object(edited).value(QStringLiteral("content")).toString() == QStringLiteral("edited"));

    const RestResponse deleted = call(client, req(HttpMethod::Delete, messagesPath(u'/' + id)));
    CHECK(deleted.status == 204);
    CHECK(deleted.ok());
    CHECK(deleted.body.isEmpty());

    const RestResponse gone = call(client, req(HttpMethod::Get, messagesPath(u'/' + id)));
    CHECK(gone.status == 404);
    CHECK(gone.errorClass == QStringLiteral("DiscordNotFoundError"));
    CHECK(gone.errorMessage == QStringLiteral("Discord.NotFoundError: 10008: Unknown Message"));
    CHECK(gone.retries == 0); // a 404 is an answer, not a failure to retry
    CHECK(client.pendingCount() == 0);
}

TEST_CASE("sandbox refusals become Botloader's permission and form errors") {
    sandbox::SandboxServer server;
    REQUIRE(server.start(0));
    RestClient client(server.restBase(), server.world().botToken(), fastOptions());
    RestTestClient person(server.restBase());
    const RestTestReply alices =
        person.call("POST", QStringLiteral("/v10") + messagesPath(), server.world().user(kAlice)->token,
                    QJsonDocument(QJsonObject{{QStringLiteral("content"), QStringLiteral("mine")}}));
    REQUIRE(alices.status == 200);
    const QString id = alices.object().value(QStringLiteral("id")).toString();

    const RestResponse denied = call(client, req(HttpMethod::Patch, messagesPath(u'/' + id),
                                                 {{QStringLiteral("content"), QStringLiteral("not yours")}}));
    CHECK(denied.status == 403);
    CHECK(denied.errorClass == QStringLiteral("DiscordPermissionsError"));
    CHECK(denied.errorMessage ==
          QStringLiteral("Discord.PermissionsError: 50005: Cannot edit a message authored by another user"));

    const RestResponse tooLong = call(
        client, req(HttpMethod::Post, messagesPath(), {{QStringLiteral("content"), QString(2001, u'x')}}));
    CHECK(tooLong.status == 400);
    CHECK(tooLong.errorClass == QStringLiteral("DiscordFormError"));
    CHECK(tooLong.errorMessage.startsWith(
        QStringLiteral("Discord.FormError: 50035: Invalid Form Body - {\"content\":")));
    CHECK(tooLong.retries == 0);
}

TEST_CASE("a burst of 20 messages on one channel under sandbox rate limits arrives complete and in order") {
    sandbox::SandboxOptions options;
    options.rateLimitsEnabled = true;
    options.bucketLimit = 5;
    options.bucketWindowMs = 300;
    sandbox::SandboxServer server(options);
    REQUIRE(server.start(0));
    RestClient client(server.restBase(), server.world().botToken(), fastOptions());

    constexpr int kBurst = 20;
    QList<int> order;
    QList<RestResponse> responses;
    QObject context;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kBurst; ++i)
        client.request(req(HttpMethod::Post, messagesPath(),
                           {{QStringLiteral("content"), QStringLiteral("burst %1").arg(i)}}),
                       &context, [&order, &responses, i](const RestResponse& r) {
                           order << i;
                           responses << r;
                       });
    REQUIRE(QTest::qWaitFor([&] { return order.size() == kBurst; }, 20000));
    const qint64 elapsed = timer.elapsed();

    QList<int> expected;
    for (int i = 0; i < kBurst; ++i)
        expected << i;
    CHECK(order == expected);
    int retries = 0;
    for (const RestResponse& r : responses) {
        CHECK(r.status == 200);
        CHECK(r.ok());
        retries += r.retries;
    }
    CHECK(retries == 0);            // the client waited for each reset instead of drawing 429s
    CHECK(elapsed >= 3 * 300 - 50); // 4 windows of 5: it really was held back
    const std::optional<rest::RateLimitBuckets::State> state =
        client.buckets().state(rest::RestRoute::parse(HttpMethod::Post, messagesPath()));
    REQUIRE(state.has_value());
    CHECK(state->limit == 5);

    // The sandbox stored them in the order they were issued.
    RestTestClient check(server.restBase());
    const RestTestReply listed =
        check.call("GET", QStringLiteral("/v10") + messagesPath(QStringLiteral("?limit=20")),
                   QStringLiteral("Bot ") + server.world().botToken());
    REQUIRE(listed.status == 200);
    const QJsonArray messages = listed.json.array();
    REQUIRE(messages.size() == kBurst);
    for (int i = 0; i < kBurst; ++i) // newest first
        CHECK(messages.at(kBurst - 1 - i).toObject().value(QStringLiteral("content")).toString() ==
              QStringLiteral("burst %1").arg(i));
}

TEST_CASE("429s injected by the sandbox are retried without reaching the caller") {
    sandbox::SandboxServer server;
    REQUIRE(server.start(0));
    server.faults().restFailureStatus = 429;
    server.faults().restFailuresLeft = 2;
    RestClient client(server.restBase(), server.world().botToken(), fastOptions());
    const RestResponse r = call(client, req(HttpMethod::Post, messagesPath(),
                                            {{QStringLiteral("content"), QStringLiteral("patient")}}));
    CHECK(r.status == 200);
    CHECK(r.retries == 2);
    CHECK(r.elapsedMs >= 2 * 250); // the fault's retry_after, twice
}

TEST_CASE("a 429 from a fake Discord is waited out for retry_after, then the request succeeds") {
    FakeDiscord fake;
    fake.answer = [](const FakeDiscord::Seen&, int index) {
        if (index == 0)
            return rateLimited(0.3, false);
        return FakeDiscord::Answer{200, QByteArrayLiteral("{\"id\":\"1\"}"), {}};
    };
    RestClient client(fake.base(), kFakeToken, fastOptions());
    const RestResponse r = call(client, req(HttpMethod::Get, QStringLiteral("/channels/1")));
    CHECK(r.status == 200);
    CHECK(r.retries == 1);
    CHECK(r.body == QByteArrayLiteral("{\"id\":\"1\"}"));
    REQUIRE(fake.seen.size() == 2);
    const qint64 gap = fake.seen[1].atMs - fake.seen[0].atMs;
    CHECK(gap >= 295);
    CHECK(gap < 950); // the body's 0.3 s, not the header's whole second
    CHECK(fake.seen[0].path == QStringLiteral("/api/v10/channels/1"));
    CHECK(fake.seen[0].header("Authorization") == QByteArrayLiteral("Bot ") + kFakeToken.toUtf8());
    CHECK(fake.seen[0].header("User-Agent").startsWith("DiscordBot (https://botwright.invalid, "));
}

TEST_CASE("a global 429 holds every bucket until it passes") {
    FakeDiscord fake;
    bool limitedOnce = false;
    fake.answer = [&limitedOnce](const FakeDiscord::Seen& s, int) {
        if (s.path.endsWith(QStringLiteral("/channels/1")) && !limitedOnce) {
            limitedOnce = true;
            return rateLimited(0.4, true);
        }
        return FakeDiscord::Answer{};
    };
    RestClient client(fake.base(), kFakeToken, fastOptions());
    std::optional<RestResponse> first, second;
    QObject context;
    client.request(req(HttpMethod::Get, QStringLiteral("/channels/1")), &context,
                   [&](const RestResponse& r) { first = r; });
    REQUIRE(QTest::qWaitFor([&] { return fake.seen.size() == 1; }, 5000));
    QTest::qWait(60); // the 429 reaches the client
    client.request(req(HttpMethod::Get, QStringLiteral("/guilds/2")), &context,
                   [&](const RestResponse& r) { second = r; });
    REQUIRE(QTest::qWaitFor([&] { return first && second; }, 5000));
    CHECK(first->status == 200);
    CHECK(first->retries == 1);
    CHECK(second->status == 200);
    CHECK(second->retries == 0);
    REQUIRE(fake.seen.size() == 3);
    CHECK(fake.seen[1].atMs - fake.seen[0].atMs >= 395);
    CHECK(fake.seen[2].atMs - fake.seen[0].atMs >= 395); // the other route waited too
}

TEST_CASE("routes Discord puts in one bucket share one queue: a later DELETE never overtakes a PATCH") {
    FakeDiscord fake;
    fake.answer = [](const FakeDiscord::Seen& s, int index) {
        FakeDiscord::Answer a = index == 2 ? rateLimited(0.2, false) : FakeDiscord::Answer{};
        if (s.method == "DELETE")
            a = FakeDiscord::Answer{204, {}, {}};
        a.headers.append(qMakePair(QByteArrayLiteral("X-RateLimit-Bucket"), QByteArrayLiteral("messages")));
        a.headers.append(qMakePair(QByteArrayLiteral("X-RateLimit-Limit"), QByteArrayLiteral("5")));
        a.headers.append(qMakePair(QByteArrayLiteral("X-RateLimit-Remaining"), QByteArrayLiteral("4")));
        a.headers.append(qMakePair(QByteArrayLiteral("X-RateLimit-Reset-After"), QByteArrayLiteral("1")));
        return a;
    };
    RestClient client(fake.base(), kFakeToken, fastOptions());
    const QJsonObject edit{{QStringLiteral("content"), QStringLiteral("edited")}};
    CHECK(call(client, req(HttpMethod::Patch, QStringLiteral("/channels/1/messages/10"), edit)).status ==
          200);
    CHECK(call(client, req(HttpMethod::Delete, QStringLiteral("/channels/1/messages/11"))).status == 204);
    CHECK(client.buckets().bucketId(
              rest::RestRoute::parse(HttpMethod::Delete, QStringLiteral("/channels/1/messages/11"))) ==
          QStringLiteral("messages:channels/1"));

    std::optional<RestResponse> edited, deleted;
    QObject context;
    client.request(req(HttpMethod::Patch, QStringLiteral("/channels/1/messages/12"), edit), &context,
                   [&](const RestResponse& r) { edited = r; });
    client.request(req(HttpMethod::Delete, QStringLiteral("/channels/1/messages/12")), &context,
                   [&](const RestResponse& r) { deleted = r; });
    REQUIRE(QTest::qWaitFor([&] { return edited && deleted; }, 5000));
    CHECK(edited->status == 200);
    CHECK(edited->retries == 1);
    CHECK(deleted->status == 204);
    REQUIRE(fake.seen.size() == 5);
    CHECK(fake.seen[2].method == QByteArrayLiteral("PATCH"));
    CHECK(fake.seen[3].method == QByteArrayLiteral("PATCH"));  // the retry after 429 …
    CHECK(fake.seen[4].method == QByteArrayLiteral("DELETE")); // … before the DELETE queued behind it
    CHECK(fake.seen[3].atMs - fake.seen[2].atMs >= 195);
}

TEST_CASE("requests carry JSON, the audit-log reason and no Authorization on token routes") {
    FakeDiscord fake;
    RestClient client(fake.base(), kFakeToken, fastOptions());
    RestRequest kick = req(HttpMethod::Patch, QStringLiteral("/guilds/1/members/2"),
                           {{QStringLiteral("communication_disabled_until"), QJsonValue::Null}});
    kick.auditLogReason = QStringLiteral("Spam & eggs / ü");
    CHECK(call(client, kick).status == 200);
    CHECK(call(client, req(HttpMethod::Post, QStringLiteral("/webhooks/5/hook-token-value"),
                           {{QStringLiteral("content"), QStringLiteral("hi")}}))
              .status == 200);
    CHECK(call(client, req(HttpMethod::Put, QStringLiteral("/channels/1/pins/3"))).status == 200);
    REQUIRE(fake.seen.size() == 3);
    CHECK(fake.seen[0].method == QByteArrayLiteral("PATCH"));
    CHECK(fake.seen[0].header("X-Audit-Log-Reason") == QByteArrayLiteral("Spam%20%26%20eggs%20%2F%20%C3%BC"));
    CHECK(fake.seen[0].header("Content-Type") == QByteArrayLiteral("application/json"));
    CHECK(fake.seen[0].body == QByteArrayLiteral("{\"communication_disabled_until\":null}"));
    CHECK(fake.seen[1].header("Authorization").isEmpty());
    CHECK(fake.seen[2].header("Authorization") == QByteArrayLiteral("Bot ") + kFakeToken.toUtf8());
    CHECK(fake.seen[2].header("X-Audit-Log-Reason").isEmpty());
    CHECK(fake.seen[2].body.isEmpty());
}

TEST_CASE("the token never appears in a response, even when the server echoes it") {
    FakeDiscord fake;
    const QByteArray token = kFakeToken.toUtf8();
    fake.answer = [token](const FakeDiscord::Seen& s, int index) {
        const QByteArray auth = s.header("Authorization");
        switch (index) {
        case 0:
            return FakeDiscord::Answer{401, "{\"code\":0,\"message\":\"401: Unauthorized: " + auth +
                                                "\",\"echo\":\"" + auth + "\"}"};
        case 1: // the token spelled with a JSON escape
            return FakeDiscord::Answer{400, "{\"code\":50035,\"message\":\"bad \\u00" +
                                                token.left(1).toHex() + token.mid(1) +
                                                "\",\"errors\":{\"token\":\"" + token + "\"}}"};
        case 2:
            return FakeDiscord::Answer{500, "upstream said " + auth};
        default:
            return FakeDiscord::Answer{200, "{\"content\":\"" + token + "\"}"};
        }
    };
    RestClient client(fake.base(), kFakeToken, fastOptions());
    QList<RestResponse> responses;
    for (int i = 0; i < 4; ++i)
        responses << call(client, req(HttpMethod::Post, QStringLiteral("/channels/%1/typing").arg(i)));
    REQUIRE(fake.seen.size() == 4);
    CHECK(responses[0].errorClass == QStringLiteral("DiscordGenericErrorResponse"));
    CHECK(responses[1].errorClass == QStringLiteral("DiscordFormError"));
    CHECK(responses[2].errorClass == QStringLiteral("DiscordServerErrorResponse"));
    CHECK(responses[3].ok());
    for (const RestResponse& r : responses) {
        INFO(r.body.toStdString() << " / " << r.errorMessage.toStdString());
        CHECK_FALSE(r.body.contains(token));
        CHECK_FALSE(r.errorMessage.contains(kFakeToken));
        CHECK_FALSE(r.errorClass.contains(kFakeToken));
        CHECK_FALSE(r.routeKey.contains(kFakeToken));
        // Parsed, the body does not reveal it either.
        CHECK_FALSE(QJsonDocument::fromJson(r.body).toJson().contains(token));
    }
    CHECK(responses[0].errorMessage.contains(QStringLiteral("[redacted]")));
    CHECK(responses[3].body == QByteArrayLiteral("{\"content\":\"[redacted]\"}"));
}

TEST_CASE("GET retries network errors and 5xx with backoff; other methods report them at once") {
    SECTION("5xx") {
        FakeDiscord fake;
        fake.answer = [](const FakeDiscord::Seen& s, int index) {
            if (s.method == "GET" && index < 2)
                return FakeDiscord::Answer{502, "{\"code\":0,\"message\":\"Bad Gateway\"}"};
            if (s.method == "POST")
                return FakeDiscord::Answer{503, "{\"code\":0,\"message\":\"Service Unavailable\"}"};
            return FakeDiscord::Answer{};
        };
        RestClient client(fake.base(), kFakeToken, fastOptions());
        const RestResponse got = call(client, req(HttpMethod::Get, QStringLiteral("/channels/1")));
        CHECK(got.status == 200);
        CHECK(got.retries == 2);
        CHECK(got.elapsedMs >= 20 + 40);
        const RestResponse posted = call(client, req(HttpMethod::Post, QStringLiteral("/channels/1/typing")));
        CHECK(posted.status == 503);
        CHECK(posted.retries == 0);
        CHECK(posted.errorClass == QStringLiteral("DiscordServerErrorResponse"));
        CHECK(posted.errorMessage ==
              QStringLiteral("Discord.ServerError: Discord failed handling the request (5xx "
                             "response), http status: 503, code: 0, message: Service "
                             "Unavailable"));
    }
    SECTION("no server") {
        QTcpServer closed;
        REQUIRE(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        RestClientOptions options = fastOptions();
        options.backoffBaseMs = 10;
        options.backoffMaxMs = 40;
        RestClient client(QStringLiteral("http://127.0.0.1:%1/api").arg(port), kFakeToken, options);
        const RestResponse got = call(client, req(HttpMethod::Get, QStringLiteral("/channels/1")));
        CHECK(got.status == 0);
        CHECK(got.retries == 2);
        CHECK(got.errorClass == QStringLiteral("Error"));
        CHECK(got.errorMessage.contains(QStringLiteral("GET /channels/1")));
        CHECK_FALSE(got.errorMessage.contains(kFakeToken));
        // createMessage backs off 10, 20, 40 ms: the retry at the cap is the last.
        const RestResponse created =
            call(client, req(HttpMethod::Post, QStringLiteral("/channels/1/messages"),
                             {{QStringLiteral("content"), QStringLiteral("x")}}));
        CHECK(created.status == 0);
        CHECK(created.retries == 3);
        CHECK(created.elapsedMs >= 10 + 20 + 40);
        const RestResponse edited =
            call(client, req(HttpMethod::Patch, QStringLiteral("/channels/1/messages/2"),
                             {{QStringLiteral("content"), QStringLiteral("x")}}));
        CHECK(edited.status == 0);
        CHECK(edited.retries == 0);
    }
}

TEST_CASE("a createMessage 429 backs off from the base delay, doubling") {
    FakeDiscord fake;
    fake.answer = [](const FakeDiscord::Seen&, int index) {
        return index < 2 ? rateLimited(0.0, false) : FakeDiscord::Answer{};
    };
    RestClientOptions options = fastOptions();
    options.backoffBaseMs = 100;
    options.backoffMaxMs = 1000;
    RestClient client(fake.base(), kFakeToken, options);
    const RestResponse r = call(client, req(HttpMethod::Post, QStringLiteral("/channels/1/messages"),
                                            {{QStringLiteral("content"), QStringLiteral("x")}}));
    CHECK(r.status == 200);
    CHECK(r.retries == 2);
    REQUIRE(fake.seen.size() == 3);
    CHECK(fake.seen[1].atMs - fake.seen[0].atMs >= 95);
    CHECK(fake.seen[2].atMs - fake.seen[1].atMs >= 195);
}

TEST_CASE("a request whose context is gone is never answered, and never sent if it was still queued") {
    FakeDiscord fake;
    RestClient client(fake.base(), kFakeToken, fastOptions());
    bool answered = false;
    bool keptAnswered = false;
    QObject kept;
    auto sent = std::make_unique<QObject>();
    auto queued = std::make_unique<QObject>();
    client.request(req(HttpMethod::Get, QStringLiteral("/channels/1")), sent.get(),
                   [&](const RestResponse&) { answered = true; });
    client.request(req(HttpMethod::Get, QStringLiteral("/channels/1")), queued.get(),
                   [&](const RestResponse&) { answered = true; });
    client.request(req(HttpMethod::Get, QStringLiteral("/channels/1")), &kept,
                   [&](const RestResponse&) { keptAnswered = true; });
    sent.reset();
    queued.reset();
    REQUIRE(QTest::qWaitFor([&] { return keptAnswered; }, 5000));
    CHECK_FALSE(answered);
    CHECK(fake.seen.size() == 2); // the first (already sent) and the kept one
    CHECK(client.pendingCount() == 0);
}

TEST_CASE("the client serves callers on other threads from its own thread") {
    FakeDiscord fake;
    QThread thread;
    auto* client = new RestClient(fake.base(), kFakeToken, fastOptions());
    client->moveToThread(&thread);
    thread.start();
    std::optional<RestResponse> out;
    QThread* calledOn = nullptr;
    QObject context;
    client->request(req(HttpMethod::Get, QStringLiteral("/users/@me")), &context, [&](const RestResponse& r) {
        calledOn = QThread::currentThread();
        out = r;
    });
    REQUIRE(QTest::qWaitFor([&] { return out.has_value(); }, 5000));
    CHECK(out->status == 200);
    CHECK(calledOn == QThread::currentThread());
    QMetaObject::invokeMethod(
        client, [client] { delete client; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
}
