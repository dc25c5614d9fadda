// The sandbox over real loopback sockets: a scripted bot on the gateway, people on REST.
#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/gateway_server.h"
#include "engine/sandbox/sandbox_server.h"
#include "tests/support/gateway_test_client.h"
#include "tests/support/qt_catch.h"
#include "tests/support/rest_test_client.h"
#include "tests/support/sandbox_requests.h"

#include <QJsonArray>
#include <QTest>

using namespace botwright::sandbox;
namespace intent = botwright::protocol::intent;

namespace {

const QString kGuild = QStringLiteral("1113768905932800000");
const QString kGeneral = QStringLiteral("1113768910127104000");
const QString kBot = QStringLiteral("1102565081088000000");
const QString kAlice = QStringLiteral("948142551859331072");

// Tests identify many sessions in a row; Discord's one-identify-per-5-s bucket is tested on its own.
SandboxOptions fastIdentify() {
    SandboxOptions o;
    o.identifyWindowMs = 0;
    return o;
}

struct Fixture {
    explicit Fixture(SandboxOptions options = fastIdentify())
        : server(options) {
        REQUIRE(server.start(0));
        rest = std::make_unique<RestTestClient>(server.restBase());
        bot = QStringLiteral("Bot ") + server.world().botToken();
        alice = server.world().user(kAlice.toULongLong())->token;
    }
    // Connects and identifies; returns after READY and (with GUILDS) the GUILD_CREATE.
    void connectBot(GatewayTestClient& client, int intents,
                    const QString& query = QStringLiteral("?v=10&encoding=json")) {
        REQUIRE(client.open(server.gatewayUrl(), query));
        REQUIRE(client.waitForOp(10) >= 0);
        client.identify(server.world().botToken(), intents);
        REQUIRE(client.waitForDispatch(QStringLiteral("READY")) >= 0);
        if (intents & intent::Guilds)
            REQUIRE(client.waitForDispatch(QStringLiteral("GUILD_CREATE")) >= 0);
    }
    RestTestReply say(const QString& auth, const QString& content, const QJsonObject& extra = {}) {
        QJsonObject body = extra;
        body.insert(QStringLiteral("content"), content);
        return rest->call("POST", QStringLiteral("/v10/channels/%1/messages").arg(kGeneral), auth,
                          QJsonDocument(body));
    }
    SandboxServer server;
    std::unique_ptr<RestTestClient> rest;
    QString bot;
    QString alice;
};

QString field(const QJsonObject& frame, const char* key) {
    return frame.value(QStringLiteral("d")).toObject().value(QLatin1String(key)).toString();
}

constexpr int kMessageIntents = intent::Guilds | intent::GuildMessages | intent::MessageContent;

} // namespace

TEST_CASE("a scripted bot over zlib-stream sees READY, GUILD_CREATE, a user's message and its own reply") {
    Fixture f;
    GatewayTestClient client;
    f.connectBot(client, kMessageIntents, QStringLiteral("?v=10&encoding=json&compress=zlib-stream"));
    CHECK(client.decodeError.isEmpty());
    for (const QByteArray& raw : client.rawMessages)
        CHECK(raw.endsWith(QByteArray("\x00\x00\xff\xff", 4)));

    const QJsonObject ready = client.received[client.waitForDispatch(QStringLiteral("READY"))];
    CHECK(ready.value(QStringLiteral("s")).toInt() == 1);
    const QJsonObject readyData = ready.value(QStringLiteral("d")).toObject();
    CHECK(readyData.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString() == kBot);
    CHECK(readyData.value(QStringLiteral("application")).toObject().value(QStringLiteral("id")).toString() ==
          kBot);
    CHECK(readyData.value(QStringLiteral("resume_gateway_url")).toString() == f.server.gatewayUrl());
    CHECK(readyData.value(QStringLiteral("guilds"))
              .toArray()
              .first()
              .toObject()
              .value(QStringLiteral("unavailable"))
              .toBool());

    const QJsonObject guild = client.received[client.waitForDispatch(QStringLiteral("GUILD_CREATE"))]
                                  .value(QStringLiteral("d"))
                                  .toObject();
    CHECK(guild.value(QStringLiteral("id")).toString() == kGuild);
    bool everyone = false, botMember = false;
    for (const QJsonValue role : guild.value(QStringLiteral("roles")).toArray())
        everyone |= role.toObject().value(QStringLiteral("id")).toString() == kGuild;
    for (const QJsonValue m : guild.value(QStringLiteral("members")).toArray())
        botMember |=
            m.toObject().value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString() ==
            kBot;
    CHECK(everyone);
    CHECK(botMember);
    CHECK(!guild.value(QStringLiteral("channels")).toArray().isEmpty());

    const RestTestReply sent = f.say(f.alice, QStringLiteral("!ping"));
    REQUIRE(sent.status == 200);
    const int userMsg = client.waitForDispatch(QStringLiteral("MESSAGE_CREATE"));
    REQUIRE(userMsg >= 0);
    const QJsonObject userData = client.received[userMsg].value(QStringLiteral("d")).toObject();
    CHECK(userData.value(QStringLiteral("content")).toString() == QStringLiteral("!ping"));
    CHECK(userData.value(QStringLiteral("author")).toObject().value(QStringLiteral("id")).toString() ==
          kAlice);
    CHECK(userData.value(QStringLiteral("guild_id")).toString() == kGuild);
    CHECK(userData.contains(QStringLiteral("member")));

    const RestTestReply reply = f.say(
        f.bot, QStringLiteral("pong"),
        QJsonObject{{QStringLiteral("message_reference"),
                     QJsonObject{{QStringLiteral("message_id"), userData.value(QStringLiteral("id"))}}}});
    REQUIRE(reply.status == 200);
    const int own = client.waitForDispatch(QStringLiteral("MESSAGE_CREATE"), 5000, userMsg + 1);
    REQUIRE(own >= 0);
    const QJsonObject ownData = client.received[own].value(QStringLiteral("d")).toObject();
    CHECK(ownData.value(QStringLiteral("author")).toObject().value(QStringLiteral("id")).toString() == kBot);
    CHECK(ownData.value(QStringLiteral("type")).toInt() == 19);
    CHECK(ownData.value(QStringLiteral("referenced_message")).toObject().value(QStringLiteral("id")) ==
          userData.value(QStringLiteral("id")));
    CHECK(client.decodeError.isEmpty());
}

TEST_CASE("heartbeats are acknowledged and a zstd-stream session decodes") {
    Fixture f;
    GatewayTestClient client;
    f.connectBot(client, kMessageIntents, QStringLiteral("?v=10&encoding=json&compress=zstd-stream"));
    const int before = static_cast<int>(client.received.size());
    client.send(QJsonObject{{QStringLiteral("op"), 1}, {QStringLiteral("d"), client.lastSeq}});
    CHECK(client.waitForOp(11, 5000, before) >= 0);
    f.say(f.alice, QStringLiteral("zstd works"));
    const int msg = client.waitForDispatch(QStringLiteral("MESSAGE_CREATE"));
    REQUIRE(msg >= 0);
    CHECK(field(client.received[msg], "content") == QStringLiteral("zstd works"));
    CHECK(client.decodeError.isEmpty());
}

TEST_CASE("encoding=etf frames are binary Erlang terms") {
    Fixture f;
    GatewayTestClient client;
    f.connectBot(client, kMessageIntents, QStringLiteral("?v=10&encoding=etf&compress=zlib-stream"));
    f.say(f.alice, QStringLiteral("in etf"));
    const int msg = client.waitForDispatch(QStringLiteral("MESSAGE_CREATE"));
    REQUIRE(msg >= 0);
    CHECK(field(client.received[msg], "content") == QStringLiteral("in etf"));
    CHECK(field(client.received[msg], "channel_id") == kGeneral);
    CHECK(client.decodeError.isEmpty());
}

TEST_CASE("resume after a dropped connection replays exactly the missed dispatches, then RESUMED") {
    Fixture f;
    GatewayTestClient client;
    f.connectBot(client, kMessageIntents);
    const QString sessionId =
        field(client.received[client.waitForDispatch(QStringLiteral("READY"))], "session_id");
    f.say(f.alice, QStringLiteral("seen live"));
    REQUIRE(client.waitForDispatch(QStringLiteral("MESSAGE_CREATE")) >= 0);
    const int seq = client.lastSeq;
    client.abort();
    REQUIRE(client.waitForClose());
    QTest::qWait(50);
    for (int i = 0; i < 3; ++i)
        REQUIRE(f.say(f.alice, QStringLiteral("missed %1").arg(i)).status == 200);

    GatewayTestClient again;
    REQUIRE(again.open(f.server.gatewayUrl(), QStringLiteral("?v=10&encoding=json")));
    again.resume(f.server.world().botToken(), sessionId, seq);
    const int resumed = again.waitForDispatch(QStringLiteral("RESUMED"));
    REQUIRE(resumed >= 0);
    QStringList replayed;
    QList<int> seqs;
    for (int i = 0; i < resumed; ++i)
        if (again.received[i].value(QStringLiteral("t")).toString() == QStringLiteral("MESSAGE_CREATE")) {
            replayed << field(again.received[i], "content");
            seqs << again.received[i].value(QStringLiteral("s")).toInt();
        }
    CHECK(replayed ==
          QStringList{QStringLiteral("missed 0"), QStringLiteral("missed 1"), QStringLiteral("missed 2")});
    CHECK(seqs == QList<int>{seq + 1, seq + 2, seq + 3});
    CHECK(again.received[resumed].value(QStringLiteral("s")).toInt() == seq + 4);
    CHECK(again.waitForDispatch(QStringLiteral("READY"), 200) < 0); // no READY on resume

    f.say(f.alice, QStringLiteral("live again"));
    const int live = again.waitForDispatch(QStringLiteral("MESSAGE_CREATE"), 5000, resumed);
    REQUIRE(live >= 0);
    CHECK(again.received[live].value(QStringLiteral("s")).toInt() == seq + 5);

    SECTION("a seq ahead of the session closes with 4007, an unknown session gets op 9 false") {
        GatewayTestClient ahead;
        REQUIRE(ahead.open(f.server.gatewayUrl(), QStringLiteral("?v=10")));
        ahead.resume(f.server.world().botToken(), sessionId, seq + 100);
        REQUIRE(ahead.waitForClose());
        CHECK(ahead.closeCode == 4007);
        GatewayTestClient unknown;
        REQUIRE(unknown.open(f.server.gatewayUrl(), QStringLiteral("?v=10")));
        unknown.resume(f.server.world().botToken(), QStringLiteral("nope"), 1);
        const int op9 = unknown.waitForOp(9);
        REQUIRE(op9 >= 0);
        CHECK(unknown.received[op9].value(QStringLiteral("d")) == QJsonValue(false));
    }
}

TEST_CASE("a user's slash command round-trips through an interaction callback") {
    Fixture f;
    GatewayTestClient client;
    f.connectBot(client, kMessageIntents);
    const QJsonArray commands{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("roll")},
                    {QStringLiteral("description"), QStringLiteral("Roll a die")},
                    {QStringLiteral("options"),
                     QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("sides")},
                                            {QStringLiteral("description"), QStringLiteral("Sides")},
                                            {QStringLiteral("type"), 4},
                                            {QStringLiteral("required"), true}}}}}};
    const RestTestReply put = f.rest->call("PUT", QStringLiteral("/v10/applications/%1/commands").arg(kBot),
                                           f.bot, QJsonDocument(commands));
    REQUIRE(put.status == 200);
    const QString commandId = put.json.array().first().toObject().value(QStringLiteral("id")).toString();
    // Resubmitting keeps the id.
    const RestTestReply again = f.rest->call("PUT", QStringLiteral("/v10/applications/%1/commands").arg(kBot),
                                             f.bot, QJsonDocument(commands));
    CHECK(again.json.array().first().toObject().value(QStringLiteral("id")).toString() == commandId);

    const QJsonObject invoke = sandbox_requests::slashCommand(
        kGeneral, kGuild, commandId, QStringLiteral("roll"), QStringLiteral("sides"), 20);
    REQUIRE(
        f.rest->call("POST", QStringLiteral("/v10/interactions"), f.alice, QJsonDocument(invoke)).status ==
        200);
    const int created = client.waitForDispatch(QStringLiteral("INTERACTION_CREATE"));
    REQUIRE(created >= 0);
    const QJsonObject in = client.received[created].value(QStringLiteral("d")).toObject();
    CHECK(in.value(QStringLiteral("type")).toInt() == 2);
    CHECK(in.value(QStringLiteral("version")).toInt() == 1);
    CHECK(in.value(QStringLiteral("channel")).toObject().value(QStringLiteral("id")).toString() == kGeneral);
    CHECK(in.value(QStringLiteral("member"))
              .toObject()
              .value(QStringLiteral("user"))
              .toObject()
              .value(QStringLiteral("id"))
              .toString() == kAlice);
    CHECK(in.value(QStringLiteral("entitlements")).isArray());
    CHECK(in.value(QStringLiteral("data"))
              .toObject()
              .value(QStringLiteral("options"))
              .toArray()
              .first()
              .toObject()
              .value(QStringLiteral("value")) == QJsonValue(20));

    const QString id = in.value(QStringLiteral("id")).toString();
    const QString token = in.value(QStringLiteral("token")).toString();
    const QString callbackPath = QStringLiteral("/v10/interactions/%1/%2/callback").arg(id, token);
    const QJsonObject answer{
        {QStringLiteral("type"), 4},
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("content"), QStringLiteral("rolled 17")}}}};
    REQUIRE(f.rest->call("POST", callbackPath, {}, QJsonDocument(answer)).status == 204);
    const int response = client.waitForDispatch(QStringLiteral("MESSAGE_CREATE"));
    REQUIRE(response >= 0);
    const QJsonObject msg = client.received[response].value(QStringLiteral("d")).toObject();
    CHECK(msg.value(QStringLiteral("content")).toString() == QStringLiteral("rolled 17"));
    CHECK(msg.value(QStringLiteral("type")).toInt() == 20);
    CHECK(
        msg.value(QStringLiteral("interaction_metadata")).toObject().value(QStringLiteral("id")).toString() ==
        id);

    const RestTestReply twice = f.rest->call("POST", callbackPath, {}, QJsonDocument(answer));
    CHECK(twice.status == 400);
    CHECK(twice.object().value(QStringLiteral("code")).toInt() == 40060);

    const RestTestReply edit =
        f.rest->call("PATCH", QStringLiteral("/v10/webhooks/%1/%2/messages/@original").arg(kBot, token), {},
                     QJsonDocument(QJsonObject{{QStringLiteral("content"), QStringLiteral("rolled 18")}}));
    CHECK(edit.status == 200);
    const int updated = client.waitForDispatch(QStringLiteral("MESSAGE_UPDATE"));
    REQUIRE(updated >= 0);
    CHECK(field(client.received[updated], "content") == QStringLiteral("rolled 18"));
    const RestTestReply followup =
        f.rest->call("POST", QStringLiteral("/v10/webhooks/%1/%2").arg(kBot, token), {},
                     QJsonDocument(QJsonObject{{QStringLiteral("content"), QStringLiteral("and again")}}));
    CHECK(followup.status == 200);
}

TEST_CASE("protocol violations get Discord's close codes") {
    Fixture f;
    auto closeCodeAfter = [&f](const QString& query, const std::function<void(GatewayTestClient&)>& act) {
        GatewayTestClient c;
        if (c.open(f.server.gatewayUrl(), query))
            act(c);
        REQUIRE(c.waitForClose());
        return c.closeCode;
    };
    const QString token = f.server.world().botToken();
    CHECK(closeCodeAfter(QStringLiteral("?v=10"),
                         [](GatewayTestClient& c) { c.identify(QStringLiteral("wrong"), 1); }) == 4004);
    CHECK(closeCodeAfter(QStringLiteral("?v=10"),
                         [&](GatewayTestClient& c) { c.identify(token, 1 << 17); }) == 4013);
    CHECK(closeCodeAfter(QStringLiteral("?v=10"),
                         [&](GatewayTestClient& c) { c.identify(token, 1, 2, 2); }) == 4010);
    CHECK(closeCodeAfter(QStringLiteral("?v=10"), [](GatewayTestClient& c) {
              c.send(QJsonObject{{QStringLiteral("op"), 8}, {QStringLiteral("d"), QJsonObject{}}});
          }) == 4003);
    CHECK(closeCodeAfter(QStringLiteral("?v=10"), [](GatewayTestClient& c) { c.sendRaw("{not json"); }) ==
          4002);
    CHECK(closeCodeAfter(QStringLiteral("?v=10"), [](GatewayTestClient& c) {
              c.sendRaw("{\"op\":1,\"d\":null,\"pad\":\"" + QByteArray(5000, 'x') + "\"}");
          }) == 4002);
    CHECK(closeCodeAfter(QStringLiteral("?v=10"), [](GatewayTestClient& c) {
              c.send(QJsonObject{{QStringLiteral("op"), 5}, {QStringLiteral("d"), QJsonValue::Null}});
          }) == 4001);
    CHECK(closeCodeAfter(QStringLiteral("?v=10"), [&](GatewayTestClient& c) {
              c.identify(token, 1);
              c.identify(token, 1);
          }) == 4005);
    CHECK(closeCodeAfter(QStringLiteral("?v=8"), [](GatewayTestClient&) {}) == 4012);
    CHECK(closeCodeAfter(QStringLiteral("?v=10"), [](GatewayTestClient& c) {
              for (int i = 0; i < 121; ++i)
                  c.send(QJsonObject{{QStringLiteral("op"), 1}, {QStringLiteral("d"), QJsonValue::Null}});
          }) == 4008);
    f.server.world().application().privilegedIntents = 0;
    CHECK(closeCodeAfter(QStringLiteral("?v=10"),
                         [&](GatewayTestClient& c) { c.identify(token, intent::MessageContent); }) == 4014);
}

TEST_CASE("intents, MESSAGE_CONTENT and shards decide who receives what") {
    Fixture f;
    GatewayTestClient noMessages, noContent;
    f.connectBot(noMessages, intent::Guilds);
    f.connectBot(noContent, intent::Guilds | intent::GuildMessages);
    f.say(f.alice, QStringLiteral("secret text"));
    f.say(f.alice, QStringLiteral("hey <@%1>").arg(kBot));
    const int first = noContent.waitForDispatch(QStringLiteral("MESSAGE_CREATE"));
    REQUIRE(first >= 0);
    CHECK(field(noContent.received[first], "content").isEmpty());
    const int second = noContent.waitForDispatch(QStringLiteral("MESSAGE_CREATE"), 5000, first + 1);
    REQUIRE(second >= 0);
    CHECK(field(noContent.received[second], "content") ==
          QStringLiteral("hey <@%1>").arg(kBot)); // a mention is exempt
    CHECK(noMessages.waitForDispatch(QStringLiteral("MESSAGE_CREATE"), 300) < 0);

    // Two shards: the guild goes to (id >> 22) % 2; a DM only to shard 0.
    GatewayTestClient shard0, shard1;
    for (auto [client, id] : {std::pair{&shard0, 0}, std::pair{&shard1, 1}}) {
        REQUIRE(client->open(f.server.gatewayUrl(), QStringLiteral("?v=10")));
        client->identify(f.server.world().botToken(), kMessageIntents | intent::DirectMessages, id, 2);
        REQUIRE(client->waitForDispatch(QStringLiteral("READY")) >= 0);
    }
    const int guildShard = static_cast<int>((kGuild.toULongLong() >> 22) % 2);
    GatewayTestClient& owner = guildShard == 0 ? shard0 : shard1;
    GatewayTestClient& other = guildShard == 0 ? shard1 : shard0;
    f.say(f.alice, QStringLiteral("routed"));
    CHECK(owner.waitForDispatch(QStringLiteral("MESSAGE_CREATE")) >= 0);
    CHECK(other.waitForDispatch(QStringLiteral("MESSAGE_CREATE"), 300) < 0);
    const RestTestReply dm = f.rest->call("POST", QStringLiteral("/v10/users/@me/channels"), f.alice,
                                          QJsonDocument(QJsonObject{{QStringLiteral("recipient_id"), kBot}}));
    REQUIRE(dm.status == 200);
    const QString dmId = dm.object().value(QStringLiteral("id")).toString();
    REQUIRE(f.rest
                ->call("POST", QStringLiteral("/v10/channels/%1/messages").arg(dmId), f.alice,
                       QJsonDocument(QJsonObject{{QStringLiteral("content"), QStringLiteral("psst")}}))
                .status == 200);
    const int dm0 = shard0.waitFor([](const QJsonObject& o) {
        return o.value(QStringLiteral("t")).toString() == QStringLiteral("MESSAGE_CREATE") &&
               field(o, "content") == QStringLiteral("psst");
    });
    CHECK(dm0 >= 0);
    CHECK(shard1.waitFor([](const QJsonObject& o) { return field(o, "content") == QStringLiteral("psst"); },
                         300) < 0);
}

TEST_CASE(
    "fault injection: op 7, op 9, server heartbeat, withheld ACKs, split frames, TCP drop, REST 429/5xx") {
    Fixture f;
    GatewayTestClient client;
    f.connectBot(client, kMessageIntents, QStringLiteral("?v=10&encoding=json&compress=zlib-stream"));
    f.server.gateway().requestHeartbeat();
    CHECK(client.waitForOp(1) >= 0);
    f.server.gateway().sendReconnect();
    CHECK(client.waitForOp(7) >= 0);
    f.server.gateway().sendInvalidSession(true);
    CHECK(client.waitForOp(9) >= 0);

    f.server.faults().dropHeartbeatAcks = true;
    const int before = static_cast<int>(client.received.size());
    client.send(QJsonObject{{QStringLiteral("op"), 1}, {QStringLiteral("d"), client.lastSeq}});
    CHECK(client.waitForOp(11, 300, before) < 0);
    f.server.faults().dropHeartbeatAcks = false;

    f.server.faults().splitCompressedFrames = 3;
    const int rawBefore = static_cast<int>(client.rawMessages.size());
    f.say(f.alice, QStringLiteral("split across messages ") + QString(200, u'x'));
    const int split = client.waitForDispatch(QStringLiteral("MESSAGE_CREATE"));
    REQUIRE(split >= 0);
    CHECK(client.decodeError.isEmpty());
    int withoutSuffix = 0;
    for (int i = rawBefore; i < client.rawMessages.size(); ++i)
        withoutSuffix += client.rawMessages[i].endsWith(QByteArray("\x00\x00\xff\xff", 4)) ? 0 : 1;
    CHECK(withoutSuffix >= 2);
    f.server.faults().splitCompressedFrames = 0;

    f.server.gateway().dropTcp();
    REQUIRE(client.waitForClose());
    CHECK(client.closeCode != 4004);

    f.server.faults().restFailureStatus = 429;
    f.server.faults().restFailuresLeft = 1;
    const RestTestReply limited = f.say(f.bot, QStringLiteral("x"));
    CHECK(limited.status == 429);
    CHECK(!limited.header("Retry-After").isEmpty());
    CHECK(limited.object().value(QStringLiteral("retry_after")).toDouble() > 0);
    f.server.faults().restFailureStatus = 502;
    f.server.faults().restFailuresLeft = 1;
    CHECK(f.say(f.bot, QStringLiteral("x")).status == 502);
    CHECK(f.say(f.bot, QStringLiteral("x")).status == 200);

    SECTION("closing with a chosen code") {
        GatewayTestClient c2;
        f.connectBot(c2, intent::Guilds);
        f.server.gateway().closeWithCode(4009);
        REQUIRE(c2.waitForClose());
        CHECK(c2.closeCode == 4009);
    }
}

TEST_CASE("a missed heartbeat deadline closes with 4000 and leaves the session resumable") {
    SandboxOptions options = fastIdentify();
    options.heartbeatIntervalMs = 150;
    options.heartbeatGraceMs = 50;
    Fixture f(options);
    GatewayTestClient client;
    f.connectBot(client, intent::Guilds);
    const QString sessionId =
        field(client.received[client.waitForDispatch(QStringLiteral("READY"))], "session_id");
    REQUIRE(client.waitForClose(3000));
    CHECK(client.closeCode == 4000);
    GatewayTestClient again;
    REQUIRE(again.open(f.server.gatewayUrl(), QStringLiteral("?v=10")));
    again.resume(f.server.world().botToken(), sessionId, client.lastSeq);
    CHECK(again.waitForDispatch(QStringLiteral("RESUMED")) >= 0);
}

TEST_CASE("bad REST requests get Discord's statuses and error codes") {
    Fixture f;
    const QString carol = f.server.world().user(1079612317696000000ULL)->token;
    CHECK(f.rest->call("GET", QStringLiteral("/v10/users/@me"), {}).status == 401);
    CHECK(f.rest->call("GET", QStringLiteral("/v10/users/@me"), QStringLiteral("Bot nope")).status == 401);
    const RestTestReply unknownChannel =
        f.rest->call("GET", QStringLiteral("/v10/channels/123/messages"), f.bot);
    CHECK(unknownChannel.status == 404);
    CHECK(unknownChannel.object().value(QStringLiteral("code")).toInt() == 10003);
    CHECK(f.rest->call("GET", QStringLiteral("/v10/no/such/route"), f.bot).status == 404);
    CHECK(f.rest->call("PUT", QStringLiteral("/v10/channels/%1/messages").arg(kGeneral), f.bot).status ==
          405);
    const RestTestReply tooLong = f.say(f.bot, QString(2001, u'a'));
    CHECK(tooLong.status == 400);
    CHECK(tooLong.object().value(QStringLiteral("code")).toInt() == 50035);
    CHECK(tooLong.object().value(QStringLiteral("errors")).toObject().contains(QStringLiteral("content")));
    const RestTestReply badJson =
        f.rest->call("POST", QStringLiteral("/v10/channels/%1/messages").arg(kGeneral), f.bot,
                     QJsonDocument(), "application/json");
    CHECK(badJson.status == 400);
    const RestTestReply hidden =
        f.rest->call("POST", QStringLiteral("/v10/channels/1113768910127104003/messages"), carol,
                     QJsonDocument(QJsonObject{{QStringLiteral("content"), QStringLiteral("hi")}}));
    CHECK(hidden.status == 403);
    CHECK(hidden.object().value(QStringLiteral("code")).toInt() == 50001);
    const QString mine =
        f.say(f.alice, QStringLiteral("alice's")).object().value(QStringLiteral("id")).toString();
    const RestTestReply notAllowed =
        f.rest->call("DELETE", QStringLiteral("/v10/channels/%1/messages/%2").arg(kGeneral, mine), carol);
    CHECK(notAllowed.status == 403);
    CHECK(notAllowed.object().value(QStringLiteral("code")).toInt() == 50013);
    const RestTestReply editOther =
        f.rest->call("PATCH", QStringLiteral("/v10/channels/%1/messages/%2").arg(kGeneral, mine), f.bot,
                     QJsonDocument(QJsonObject{{QStringLiteral("content"), QStringLiteral("x")}}));
    CHECK(editOther.object().value(QStringLiteral("code")).toInt() == 50005);
    const RestTestReply badLimit =
        f.rest->call("GET", QStringLiteral("/v10/channels/%1/messages?limit=500").arg(kGeneral), f.bot);
    CHECK(badLimit.status == 400);
    CHECK(badLimit.object().value(QStringLiteral("errors")).toObject().contains(QStringLiteral("limit")));
    const RestTestReply unknownMessage =
        f.rest->call("GET", QStringLiteral("/v10/channels/%1/messages/42").arg(kGeneral), f.bot);
    CHECK(unknownMessage.object().value(QStringLiteral("code")).toInt() == 10008);

    SECTION("rate limits send headers and provoke 429s when enabled") {
        f.server.options().rateLimitsEnabled = true;
        f.server.options().bucketLimit = 3;
        RestTestReply last;
        for (int i = 0; i < 4; ++i)
            last = f.say(f.bot, QStringLiteral("rl %1").arg(i));
        CHECK(last.status == 429);
        CHECK(!last.header("X-RateLimit-Bucket").isEmpty());
        CHECK(last.header("X-RateLimit-Remaining") == "0");
        CHECK(!last.header("Retry-After").isEmpty());
    }
}

TEST_CASE("message history pages by before/after/limit, newest first") {
    Fixture f;
    QStringList ids;
    for (int i = 0; i < 7; ++i)
        ids << f.say(f.alice, QStringLiteral("m%1").arg(i)).object().value(QStringLiteral("id")).toString();
    const QJsonArray newest =
        f.rest->call("GET", QStringLiteral("/v10/channels/%1/messages?limit=3").arg(kGeneral), f.bot)
            .json.array();
    REQUIRE(newest.size() == 3);
    CHECK(newest[0].toObject().value(QStringLiteral("id")).toString() == ids[6]);
    CHECK(newest[2].toObject().value(QStringLiteral("id")).toString() == ids[4]);
    const QJsonArray older =
        f.rest
            ->call("GET", QStringLiteral("/v10/channels/%1/messages?limit=2&before=%2").arg(kGeneral, ids[4]),
                   f.bot)
            .json.array();
    REQUIRE(older.size() == 2);
    CHECK(older[0].toObject().value(QStringLiteral("id")).toString() == ids[3]);
    const QJsonArray after =
        f.rest
            ->call("GET", QStringLiteral("/v10/channels/%1/messages?limit=2&after=%2").arg(kGeneral, ids[0]),
                   f.bot)
            .json.array();
    REQUIRE(after.size() == 2);
    CHECK(after[0].toObject().value(QStringLiteral("id")).toString() == ids[2]);
    CHECK(after[1].toObject().value(QStringLiteral("id")).toString() == ids[1]);
}

TEST_CASE("identifying twice within 5 s in one bucket gets op 9 false") {
    Fixture f(SandboxOptions{});
    GatewayTestClient first, second;
    f.connectBot(first, intent::Guilds);
    REQUIRE(second.open(f.server.gatewayUrl(), QStringLiteral("?v=10")));
    second.identify(f.server.world().botToken(), intent::Guilds);
    const int op9 = second.waitForOp(9);
    REQUIRE(op9 >= 0);
    CHECK(second.received[op9].value(QStringLiteral("d")) == QJsonValue(false));
}

TEST_CASE("a client close with 1000 ends the session; other codes leave it resumable") {
    Fixture f;
    GatewayTestClient normal, other;
    f.connectBot(normal, intent::Guilds);
    f.connectBot(other, intent::Guilds);
    const QString normalId =
        field(normal.received[normal.waitForDispatch(QStringLiteral("READY"))], "session_id");
    const QString otherId =
        field(other.received[other.waitForDispatch(QStringLiteral("READY"))], "session_id");
    normal.close(1000);
    other.close(4200); // @discordjs/ws closes with 4200 when it means to resume
    REQUIRE(normal.waitForClose());
    REQUIRE(other.waitForClose());
    QTest::qWait(50);
    GatewayTestClient a, b;
    REQUIRE(a.open(f.server.gatewayUrl(), QStringLiteral("?v=10")));
    a.resume(f.server.world().botToken(), normalId, normal.lastSeq);
    const int op9 = a.waitForOp(9);
    REQUIRE(op9 >= 0);
    REQUIRE(b.open(f.server.gatewayUrl(), QStringLiteral("?v=10")));
    b.resume(f.server.world().botToken(), otherId, other.lastSeq);
    CHECK(b.waitForDispatch(QStringLiteral("RESUMED")) >= 0);
}

TEST_CASE("an exhausted identify budget ends every session with 4004 (the token is reset)") {
    SandboxOptions options = fastIdentify();
    options.identifyBudget = 2;
    Fixture f(options);
    GatewayTestClient first, second, third;
    f.connectBot(first, intent::Guilds);
    f.connectBot(second, intent::Guilds);
    REQUIRE(third.open(f.server.gatewayUrl(), QStringLiteral("?v=10")));
    third.identify(f.server.world().botToken(), intent::Guilds);
    REQUIRE(first.waitForClose());
    REQUIRE(third.waitForClose());
    CHECK(first.closeCode == 4004);
    CHECK(third.closeCode == 4004);
    const RestTestReply bot = f.rest->call("GET", QStringLiteral("/v10/gateway/bot"), f.bot);
    CHECK(bot.object()
              .value(QStringLiteral("session_start_limit"))
              .toObject()
              .value(QStringLiteral("remaining"))
              .toInt() == 0);
}

TEST_CASE("an interaction not answered within the callback window fails with 10062") {
    SandboxOptions options = fastIdentify();
    options.interactionAckWindowMs = 150;
    options.interactionAckGraceMs = 50;
    Fixture f(options);
    GatewayTestClient client;
    f.connectBot(client, intent::Guilds);
    const QJsonArray commands{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("slow")},
                    {QStringLiteral("description"), QStringLiteral("Never answered in time")}}};
    const RestTestReply put = f.rest->call("PUT", QStringLiteral("/v10/applications/%1/commands").arg(kBot),
                                           f.bot, QJsonDocument(commands));
    const QString commandId = put.json.array().first().toObject().value(QStringLiteral("id")).toString();
    QStringList studioEvents;
    QObject::connect(&f.server, &SandboxServer::worldEvent, &f.server,
                     [&studioEvents](const QString& type, const QJsonObject&) { studioEvents << type; });
    const QJsonObject invoke{
        {QStringLiteral("type"), 2},
        {QStringLiteral("channel_id"), kGeneral},
        {QStringLiteral("guild_id"), kGuild},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("id"), commandId}, {QStringLiteral("name"), QStringLiteral("slow")}}}};
    REQUIRE(
        f.rest->call("POST", QStringLiteral("/v10/interactions"), f.alice, QJsonDocument(invoke)).status ==
        200);
    const int created = client.waitForDispatch(QStringLiteral("INTERACTION_CREATE"));
    REQUIRE(created >= 0);
    const QJsonObject in = client.received[created].value(QStringLiteral("d")).toObject();
    REQUIRE(QTest::qWaitFor(
        [&] { return studioEvents.contains(QStringLiteral("SANDBOX_INTERACTION_FAILED")); }, 3000));
    const RestTestReply late = f.rest->call(
        "POST",
        QStringLiteral("/v10/interactions/%1/%2/callback")
            .arg(in.value(QStringLiteral("id")).toString(), in.value(QStringLiteral("token")).toString()),
        {}, QJsonDocument(QJsonObject{{QStringLiteral("type"), 5}}));
    CHECK(late.status == 404);
    CHECK(late.object().value(QStringLiteral("code")).toInt() == 10062);
}
