// The web API client against the local Botloader API server: headers, typed results, Botloader error
// bodies, retries (5xx, 429 with Retry-After), timeouts, and the key never reaching a message.
#include "engine/exporting/botloader_api_client.h"
#include "tests/support/botloader_api_server.h"
#include "tests/support/sync_test_support.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>

using namespace botwright::exporting;
using botwright::testing::BotloaderApiServer;
using botwright::testing::waitUntil;

namespace {

const QString kKey = QStringLiteral("bl-test-key-7f3a9c2e55d14b8e");

ApiClientOptions fast() {
    ApiClientOptions options;
    options.backoffBaseMs = 20;
    options.backoffMaxMs = 100;
    options.timeoutMs = 5000;
    return options;
}

template <typename T>
T wait(std::optional<T>& slot) {
    REQUIRE(waitUntil([&] { return slot.has_value(); }, 20000));
    return *slot;
}

} // namespace

TEST_CASE("the client lists guilds and scripts with the raw key", "[api_client]") {
    BotloaderApiServer server;
    REQUIRE(server.listen());
    server.addApiKey(kKey);
    const QString guild = server.addGuild(QStringLiteral("Alpha"));
    server.addGuild(QStringLiteral("Viewer"), 0, false);
    server.addScript(guild, QStringLiteral("hello"), QStringLiteral("console.log('hi')"));

    BotloaderApiClient client(server.baseUrl() + QStringLiteral("/api/"), kKey, fast());
    CHECK(client.baseUrl() == server.baseUrl());
    std::optional<ApiResult<QList<RemoteGuild>>> guilds;
    client.listGuilds(nullptr, [&](const auto& r) { guilds = r; });
    const auto g = wait(guilds);
    REQUIRE(g.ok());
    REQUIRE(g.value.size() == 2);
    CHECK(g.value[0].id == guild);
    CHECK(g.value[0].name == QStringLiteral("Alpha"));
    CHECK(g.value[0].connected);
    CHECK(g.value[0].canManageScripts());
    CHECK_FALSE(g.value[1].canManageScripts());
    CHECK(g.value[0].guild.value(QStringLiteral("permissions")).toString() == QStringLiteral("8"));

    std::optional<ApiResult<QList<RemoteScript>>> scripts;
    client.listScripts(guild, nullptr, [&](const auto& r) { scripts = r; });
    const auto s = wait(scripts);
    REQUIRE(s.ok());
    REQUIRE(s.value.size() == 1);
    CHECK(s.value[0].name == QStringLiteral("hello"));
    CHECK(s.value[0].originalSource == QStringLiteral("console.log('hi')"));
    CHECK(s.value[0].enabled);

    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].authorization == kKey.toUtf8()); // raw, no "Bearer"
    CHECK(requests[1].path == QStringLiteral("/api/guilds/%1/scripts").arg(guild));
}

TEST_CASE("create, update, delete and reload_vm follow the API", "[api_client]") {
    BotloaderApiServer server;
    REQUIRE(server.listen());
    server.addApiKey(kKey);
    const QString guild = server.addGuild(QStringLiteral("Alpha"));
    BotloaderApiClient client(server.baseUrl(), kKey, fast());

    std::optional<ApiResult<RemoteScript>> created;
    client.createScript(guild, QStringLiteral("ping"), QStringLiteral("// ping ✓"), true, nullptr,
                        [&](const auto& r) { created = r; });
    const auto c = wait(created);
    REQUIRE(c.ok());
    CHECK(c.value.name == QStringLiteral("ping"));
    CHECK(server.script(guild, QStringLiteral("ping"))->source == QStringLiteral("// ping ✓"));
    CHECK(server.reloadCount(guild) == 0); // create does not reload

    std::optional<ApiResult<RemoteScript>> updated;
    ScriptUpdate update;
    update.originalSource = QStringLiteral("// v2");
    client.updateScript(guild, c.value.id, update, nullptr, [&](const auto& r) { updated = r; });
    REQUIRE(wait(updated).ok());
    CHECK(server.script(guild, QStringLiteral("ping"))->source == QStringLiteral("// v2"));
    CHECK(server.reloadCount(guild) == 1); // update does

    std::optional<ApiResult<bool>> reloaded;
    client.reloadVm(guild, nullptr, [&](const auto& r) { reloaded = r; });
    REQUIRE(wait(reloaded).ok());
    CHECK(server.reloadCount(guild) == 2);

    std::optional<ApiResult<RemoteScript>> deleted;
    client.deleteScript(guild, c.value.id, nullptr, [&](const auto& r) { deleted = r; });
    REQUIRE(wait(deleted).ok());
    CHECK(server.scripts(guild).isEmpty());
    CHECK(server.reloadCount(guild) == 2); // delete does not
}

TEST_CASE("Botloader error bodies reach the person with the server's description", "[api_client]") {
    BotloaderApiServer server;
    REQUIRE(server.listen());
    server.addApiKey(kKey);
    const QString guild = server.addGuild(QStringLiteral("Alpha"));
    const QString viewer = server.addGuild(QStringLiteral("Viewer"), 0);
    server.addScript(guild, QStringLiteral("taken"), QStringLiteral("x"));
    BotloaderApiClient client(server.baseUrl(), kKey, fast());

    std::optional<ApiResult<RemoteScript>> taken;
    client.createScript(guild, QStringLiteral("taken"), QStringLiteral("y"), true, nullptr,
                        [&](const auto& r) { taken = r; });
    const ApiError e = *wait(taken).error;
    CHECK(e.httpStatus == 400);
    CHECK(e.code == error_code::kValidationFailed);
    CHECK(e.description == QStringLiteral("validation failed"));
    CHECK(e.hasValidationError(QStringLiteral("name"), QStringLiteral("Name already taken")));
    CHECK(e.message() == QStringLiteral("validation failed (name: Name already taken) [code 4, HTTP 400]"));
    CHECK(server.requestCount("PUT") == 1); // a 400 is not retried

    std::optional<ApiResult<RemoteScript>> tooBig;
    client.createScript(guild, QStringLiteral("big"), QString(100001, u'x'), true, nullptr,
                        [&](const auto& r) { tooBig = r; });
    CHECK(wait(tooBig).error->validationMessages() ==
          QStringList{QStringLiteral("original_source: source can be max 100KiB")});

    std::optional<ApiResult<RemoteScript>> missing;
    client.updateScript(guild, 999, ScriptUpdate{std::nullopt, QStringLiteral("z"), std::nullopt}, nullptr,
                        [&](const auto& r) { missing = r; });
    const ApiError notFound = *wait(missing).error;
    CHECK(notFound.code == error_code::kScriptNotFound);
    CHECK(notFound.description == QStringLiteral("Script not found"));

    std::optional<ApiResult<QList<RemoteScript>>> denied;
    client.listScripts(viewer, nullptr, [&](const auto& r) { denied = r; });
    const ApiError admin = *wait(denied).error;
    CHECK(admin.httpStatus == 403);
    CHECK(admin.code == error_code::kNotGuildAdmin);
    CHECK(admin.message().contains(QStringLiteral("Manage Server")));

    std::optional<ApiResult<QList<RemoteScript>>> unknownGuild;
    client.listScripts(QStringLiteral("123"), nullptr, [&](const auto& r) { unknownGuild = r; });
    CHECK(wait(unknownGuild).error->code == error_code::kNoActiveGuild);

    // A wrong key: "Session expired", with what to do, and the key appears nowhere.
    const QString wrongKey = QStringLiteral("bl-wrong-key-0123456789abcdef");
    BotloaderApiClient wrong(server.baseUrl(), wrongKey, fast());
    std::optional<ApiResult<QList<RemoteGuild>>> refused;
    wrong.listGuilds(nullptr, [&](const auto& r) { refused = r; });
    const ApiError session = *wait(refused).error;
    CHECK(session.code == error_code::kSessionExpired);
    CHECK(session.message().contains(QStringLiteral("Session expired")));
    CHECK(session.message().contains(QStringLiteral("API key")));
    CHECK_FALSE(session.message().contains(wrongKey));

    // Error bodies that are not Botloader's (axum's own rejections are plain text).
    std::optional<ApiReply> plain;
    client.send("PUT", QStringLiteral("/api/guilds/%1/scripts").arg(guild), "{\"name\":\"x\"}", nullptr,
                [&](const ApiReply& r) { plain = r; });
    const ApiReply p = wait(plain);
    CHECK(p.status == 422);
    CHECK(p.error->code == 0);
    CHECK(p.error->message().startsWith(QStringLiteral("HTTP 422: Failed to deserialize")));
}

TEST_CASE("5xx answers are retried with backoff, then reported", "[api_client]") {
    BotloaderApiServer server;
    REQUIRE(server.listen());
    server.addApiKey(kKey);
    const QString guild = server.addGuild(QStringLiteral("Alpha"));
    BotloaderApiClient client(server.baseUrl(), kKey, fast());

    server.addFault({.method = "GET", .path = QStringLiteral("/scripts"), .status = 500, .times = 2});
    std::optional<ApiResult<QList<RemoteScript>>> listed;
    client.listScripts(guild, nullptr, [&](const auto& r) { listed = r; });
    const auto l = wait(listed);
    CHECK(l.ok());
    CHECK(l.retries == 2);
    CHECK(server.requestCount("GET") == 3);

    server.clearRequests();
    server.addFault({.method = "PUT", .path = QStringLiteral("/scripts"), .status = 502, .times = 10});
    std::optional<ApiResult<RemoteScript>> failed;
    client.createScript(guild, QStringLiteral("x"), QStringLiteral("x"), true, nullptr,
                        [&](const auto& r) { failed = r; });
    const ApiError e = *wait(failed).error;
    CHECK(server.requestCount("PUT") == 4); // 1 + maxRetries
    CHECK(e.httpStatus == 502);
    CHECK(e.retries == 3);
    CHECK(e.retryable);
    CHECK(e.message().contains(QStringLiteral("internal server error")));
    CHECK(e.message().contains(QStringLiteral("after 3 retries")));
}

TEST_CASE("a 429 waits for Retry-After before the retry", "[api_client]") {
    BotloaderApiServer server;
    REQUIRE(server.listen());
    server.addApiKey(kKey);
    const QString guild = server.addGuild(QStringLiteral("Alpha"));
    BotloaderApiClient client(server.baseUrl(), kKey, fast());

    server.addFault(
        {.method = "PUT", .path = QStringLiteral("/scripts"), .status = 429, .times = 1, .retryAfter = 0.4});
    QElapsedTimer clock;
    clock.start();
    std::optional<ApiResult<RemoteScript>> created;
    client.createScript(guild, QStringLiteral("x"), QStringLiteral("x"), true, nullptr,
                        [&](const auto& r) { created = r; });
    const auto c = wait(created);
    CHECK(c.ok());
    CHECK(c.retries == 1);
    CHECK(clock.elapsed() >= 390);
    CHECK(server.scripts(guild).size() == 1);

    // Asked to wait longer than the client allows: reported at once.
    ApiClientOptions impatient = fast();
    impatient.maxRetryAfterMs = 1000;
    BotloaderApiClient hurried(server.baseUrl(), kKey, impatient);
    server.addFault(
        {.method = "GET", .path = QStringLiteral("/scripts"), .status = 429, .times = 1, .retryAfter = 30});
    std::optional<ApiResult<QList<RemoteScript>>> limited;
    clock.restart();
    hurried.listScripts(guild, nullptr, [&](const auto& r) { limited = r; });
    const ApiError e = *wait(limited).error;
    CHECK(e.httpStatus == 429);
    CHECK(clock.elapsed() < 5000);
}

TEST_CASE("a server that never answers times out; GET is retried, PUT is not", "[api_client]") {
    QTcpServer blackHole;
    REQUIRE(blackHole.listen(QHostAddress::LocalHost));
    QList<QTcpSocket*> held;
    QObject::connect(&blackHole, &QTcpServer::newConnection, &blackHole, [&] {
        while (QTcpSocket* socket = blackHole.nextPendingConnection())
            held.append(socket); // accepted, never answered
    });
    ApiClientOptions options = fast();
    options.timeoutMs = 300;
    options.maxRetries = 1;
    BotloaderApiClient client(QStringLiteral("http://127.0.0.1:%1").arg(blackHole.serverPort()), kKey,
                              options);

    std::optional<ApiResult<QList<RemoteGuild>>> guilds;
    client.listGuilds(nullptr, [&](const auto& r) { guilds = r; });
    const ApiError e = *wait(guilds).error;
    CHECK(e.httpStatus == 0);
    CHECK(e.retries == 1);
    CHECK(e.networkError.contains(QStringLiteral("timed out")));
    CHECK(e.message().startsWith(QStringLiteral("no answer from the server")));
    CHECK(client.requestsSent() == 2);

    std::optional<ApiResult<RemoteScript>> created;
    client.createScript(QStringLiteral("1"), QStringLiteral("x"), QStringLiteral("x"), true, nullptr,
                        [&](const auto& r) { created = r; });
    CHECK(wait(created).error->retries == 0);
    CHECK(client.requestsSent() == 3);

    // Nobody listening: the request never left, so even a create may be sent again.
    const quint16 port = blackHole.serverPort();
    blackHole.close();
    qDeleteAll(held);
    BotloaderApiClient refused(QStringLiteral("http://127.0.0.1:%1").arg(port), kKey, options);
    std::optional<ApiResult<RemoteScript>> nobody;
    refused.createScript(QStringLiteral("1"), QStringLiteral("x"), QStringLiteral("x"), true, nullptr,
                         [&](const auto& r) { nobody = r; });
    const ApiError n = *wait(nobody).error;
    CHECK(n.httpStatus == 0);
    CHECK(n.retries == 1);
}

TEST_CASE("callbacks are dropped when their context goes away", "[api_client]") {
    BotloaderApiServer server;
    REQUIRE(server.listen());
    server.addApiKey(kKey);
    BotloaderApiClient client(server.baseUrl(), kKey, fast());
    bool called = false;
    {
        QObject context;
        client.listGuilds(&context, [&](const auto&) { called = true; });
    }
    REQUIRE(waitUntil([&] { return client.pendingCount() == 0; }));
    CHECK_FALSE(called);
    // Destroying the client with a request under way does not call back either.
    auto* doomed = new BotloaderApiClient(server.baseUrl(), kKey, fast());
    doomed->listGuilds(nullptr, [&](const auto&) { called = true; });
    delete doomed;
    QCoreApplication::processEvents();
    CHECK_FALSE(called);
}

TEST_CASE("base URLs are normalised and checked", "[api_client]") {
    CHECK(BotloaderApiClient::normalizedBaseUrl(QStringLiteral(" https://api.botloader.io/api/ ")) ==
          QStringLiteral("https://api.botloader.io"));
    CHECK(BotloaderApiClient::checkBaseUrl(QStringLiteral("https://api.botloader.io")).isEmpty());
    CHECK(BotloaderApiClient::checkBaseUrl(QStringLiteral("http://127.0.0.1:8080")).isEmpty());
    CHECK_FALSE(BotloaderApiClient::checkBaseUrl(QStringLiteral("ftp://x")).isEmpty());
    CHECK_FALSE(BotloaderApiClient::checkBaseUrl(QStringLiteral("not a url")).isEmpty());
    CHECK_FALSE(BotloaderApiClient::checkBaseUrl(QString()).isEmpty());
}
