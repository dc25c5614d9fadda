// ShardManager against the sandbox: /gateway/bot, shard count, buckets and the identify budget guard.
#include "engine/gateway/shard_manager.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/gateway_server.h"
#include "engine/sandbox/sandbox_server.h"
#include "tests/support/qt_catch.h"
#include "tests/support/rest_test_client.h"

#include <QSignalSpy>
#include <QTest>

using namespace botwright;
namespace intent = protocol::intent;

namespace {
gateway::ShardManagerConfig configFor(sandbox::SandboxServer& server) {
    gateway::ShardManagerConfig config;
    config.token = server.world().botToken();
    config.restBase = server.restBase();
    config.intents = intent::Guilds | intent::GuildMessages | intent::MessageContent;
    config.bucketSpacingMs = 100;
    config.shardTemplate.invalidSessionMinDelayMs = 0;
    config.shardTemplate.invalidSessionMaxDelayMs = 10;
    return config;
}
bool allReady(const gateway::ShardManager& manager) {
    return !manager.shards().empty() &&
           std::all_of(manager.shards().begin(), manager.shards().end(),
                       [](const auto& s) { return s->state() == gateway::Shard::State::Ready; });
}
} // namespace

TEST_CASE("the manager starts Discord's recommended shard count and routes a guild to its shard") {
    sandbox::SandboxOptions options;
    options.identifyWindowMs = 0;
    options.recommendedShards = 2;
    options.maxConcurrency = 1; // two rounds of one shard
    sandbox::SandboxServer server(options);
    REQUIRE(server.start(0));
    gateway::ShardManager manager(configFor(server));
    QSignalSpy started(&manager, &gateway::ShardManager::started);
    QList<int> messageShards;
    QObject::connect(&manager, &gateway::ShardManager::dispatch, &manager,
                     [&](int shard, const QString& type, const QByteArray&, int) {
                         if (type == QStringLiteral("MESSAGE_CREATE"))
                             messageShards << shard;
                     });
    manager.start();
    REQUIRE(started.wait(5000));
    CHECK(started.first().at(0).toInt() == 2);
    CHECK(started.first().at(1).toInt() == 1);
    REQUIRE(QTest::qWaitFor([&] { return allReady(manager); }, 5000));
    RestTestClient rest(server.restBase());
    REQUIRE(rest.call("POST", QStringLiteral("/v10/channels/1113768910127104000/messages"),
                      server.world().user(948142551859331072ULL)->token,
                      QJsonDocument(QJsonObject{{QStringLiteral("content"), QStringLiteral("routed")}}))
                .status == 200);
    REQUIRE(QTest::qWaitFor([&] { return !messageShards.isEmpty(); }, 5000));
    QTest::qWait(100);
    CHECK(messageShards == QList<int>{static_cast<int>((1113768905932800000ULL >> 22) % 2)});
}

TEST_CASE(
    "the manager refuses to start without identify budget, or with a bad token, and never shows the token") {
    sandbox::SandboxServer server;
    REQUIRE(server.start(0));
    SECTION("no budget left") {
        server.faults().gatewayBotRemainingZero = true;
        gateway::ShardManager manager(configFor(server));
        QSignalSpy failed(&manager, &gateway::ShardManager::failed);
        manager.start();
        REQUIRE(failed.wait(5000));
        CHECK(failed.first().first().toString().contains(QStringLiteral("identifies are left")));
        CHECK(manager.shards().empty());
    }
    SECTION("a bad token") {
        gateway::ShardManagerConfig config = configFor(server);
        config.token = QStringLiteral("MTIz.not-the.token");
        gateway::ShardManager manager(config);
        QSignalSpy failed(&manager, &gateway::ShardManager::failed);
        manager.start();
        REQUIRE(failed.wait(5000));
        const QString reason = failed.first().first().toString();
        CHECK(reason.contains(QStringLiteral("401")));
        CHECK_FALSE(reason.contains(config.token));
    }
}

TEST_CASE("a reconnect storm stops before the identify budget is spent") {
    sandbox::SandboxOptions options;
    options.identifyWindowMs = 0;
    options.identifyBudget = 9;
    sandbox::SandboxServer server(options);
    REQUIRE(server.start(0));
    gateway::ShardManagerConfig config = configFor(server);
    config.identifyBudgetGuard = 5;
    gateway::ShardManager manager(config);
    QSignalSpy failed(&manager, &gateway::ShardManager::failed);
    manager.start();
    REQUIRE(QTest::qWaitFor([&] { return allReady(manager); }, 5000));
    for (int i = 0; i < 10 && failed.isEmpty(); ++i) {
        const QString session = manager.shards().front()->sessionId();
        server.gateway().closeWithCode(protocol::close_code::SessionTimedOut); // forces a new session
        [[maybe_unused]] const bool settled = QTest::qWaitFor(
            [&] {
                return !failed.isEmpty() ||
                       (allReady(manager) && manager.shards().front()->sessionId() != session);
            },
            3000);
    }
    REQUIRE(failed.size() == 1);
    CHECK(failed.first().first().toString().contains(QStringLiteral("reconnect storm")));
    CHECK(manager.identifiesLeft() == 5);
    CHECK(server.gateway().identifiesLeft() == 5); // the sandbox agrees: nothing was wasted
    CHECK(manager.shards().front()->state() == gateway::Shard::State::Stopped);
}
