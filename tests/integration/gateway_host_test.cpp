// GatewayHost: the shards on their own thread, every frame captured (redacted) for readers.
#include "engine/capture/capture_store.h"
#include "engine/gateway/gateway_host.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/sandbox_server.h"
#include "tests/support/qt_catch.h"

#include <QSignalSpy>
#include <QTest>

using namespace botwright;

TEST_CASE("the gateway host connects on its own thread and captures every frame, token redacted") {
    sandbox::SandboxServer server;
    REQUIRE(server.start(0));
    gateway::GatewayHost host;
    QStringList types;
    QList<gateway::Shard::State> states;
    QObject::connect(&host, &gateway::GatewayHost::dispatches, &host,
                     [&types](const gateway::DispatchBatch& batch) {
                         for (const gateway::Dispatch& d : batch)
                             types << d.type;
                     });
    QObject::connect(&host, &gateway::GatewayHost::shardStateChanged, &host,
                     [&states](int, gateway::Shard::State state) { states << state; });
    gateway::ShardManagerConfig config;
    config.token = server.world().botToken();
    config.restBase = server.restBase();
    config.intents = protocol::intent::Guilds;
    host.start(config);
    REQUIRE(QTest::qWaitFor([&] { return types.contains(QStringLiteral("GUILD_CREATE")); }, 10000));
    CHECK(QTest::qWaitFor([&] { return states.contains(gateway::Shard::State::Ready); }, 5000));
    const capture::CaptureStore& store = host.capture();
    const quint32 rows = store.size();
    CHECK(rows >= 4); // hello, identify, READY, GUILD_CREATE
    bool identifySeen = false;
    for (quint32 i = 0; i < rows; ++i) {
        CHECK_FALSE(store.payloadView(i).toByteArray().contains(server.world().botToken().toUtf8()));
        identifySeen |= store.op(i) == 2;
    }
    CHECK(identifySeen);
    host.stop();
}

TEST_CASE("the gateway host reports each shard's status and obeys reconnect and close buttons") {
    sandbox::SandboxServer server;
    REQUIRE(server.start(0));
    gateway::GatewayHost host;
    QStringList types;
    QObject::connect(&host, &gateway::GatewayHost::dispatches, &host,
                     [&types](const gateway::DispatchBatch& batch) {
                         for (const gateway::Dispatch& d : batch)
                             types << d.type;
                     });
    QList<gateway::ShardStatus> status;
    QObject::connect(&host, &gateway::GatewayHost::statusReady, &host,
                     [&status](const QList<gateway::ShardStatus>& list) { status = list; });
    gateway::ShardManagerConfig config;
    config.token = server.world().botToken();
    config.restBase = server.restBase();
    config.intents = protocol::intent::Guilds;
    host.start(config);
    REQUIRE(QTest::qWaitFor([&] { return types.contains(QStringLiteral("READY")); }, 10000));
    host.requestStatus();
    REQUIRE(QTest::qWaitFor(
        [&] { return !status.isEmpty() && status.first().state == gateway::Shard::State::Ready; }, 5000));
    const QString session = status.first().sessionId;
    CHECK(!session.isEmpty());
    host.reconnect(0, true);
    REQUIRE(QTest::qWaitFor([&] { return types.contains(QStringLiteral("RESUMED")); }, 5000));
    host.closeShard(0, protocol::close_code::SessionTimedOut); // closed by us with a non-1000 code:
    REQUIRE(QTest::qWaitFor([&] { return types.count(QStringLiteral("RESUMED")) == 2; }, 5000)); // it resumes
    host.stop();
}
