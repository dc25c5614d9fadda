#pragma once
// A sandbox on a free loopback port for integration tests: its server (Identify without the 5 s
// bucket wait, so tests may connect several bots), a REST client on it, and a bot connected on demand.

#include "engine/sandbox/sandbox_server.h"
#include "tests/support/gateway_test_client.h"
#include "tests/support/qt_catch.h"
#include "tests/support/rest_test_client.h"

#include <memory>

namespace botwright::testing {

struct LoopbackSandbox {
    LoopbackSandbox() {
        sandbox::SandboxOptions options;
        options.identifyWindowMs = 0;
        server = std::make_unique<sandbox::SandboxServer>(options);
        REQUIRE(server->start(0));
        rest = std::make_unique<RestTestClient>(server->restBase());
    }
    sandbox::World& world() { return server->world(); }
    // Opens, identifies with `intents` (which must include GUILDS) and waits for GUILD_CREATE.
    void connectBot(GatewayTestClient& client, int intents) {
        REQUIRE(client.open(server->gatewayUrl(), QStringLiteral("?v=10&encoding=json")));
        client.identify(world().botToken(), intents);
        REQUIRE(client.waitForDispatch(QStringLiteral("GUILD_CREATE")) >= 0);
    }
    std::unique_ptr<sandbox::SandboxServer> server;
    std::unique_ptr<RestTestClient> rest;
};

} // namespace botwright::testing
