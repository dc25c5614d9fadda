// Voice states in the sandbox over real loopback sockets: a simulated person joins through the
// sandbox's own route, the bot sees VOICE_STATE_UPDATE and GUILD_CREATE's voice_states, reads them over
// REST, moves and disconnects members; world files keep who is where.
#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_file.h"
#include "tests/support/loopback_sandbox.h"

#include <QJsonArray>

using namespace botwright::sandbox;
namespace intent = botwright::protocol::intent;

namespace {

const QString kGuild = QStringLiteral("1113768905932800000");
const QString kGeneral = QStringLiteral("1113768910127104000");
const QString kLounge = QStringLiteral("1113768910127104004");
const QString kAlice = QStringLiteral("948142551859331072");
const QString kBob = QStringLiteral("1064091569356800000");

QJsonDocument body(const QJsonObject& o) {
    return QJsonDocument(o);
}

struct Fixture : botwright::testing::LoopbackSandbox {
    Fixture() {
        bot = QStringLiteral("Bot ") + world().botToken();
        alice = world().user(kAlice.toULongLong())->token;
        Channel backRoomChannel;
        backRoomChannel.guildId = kGuild.toULongLong();
        backRoomChannel.type = channel_type::GuildVoice;
        backRoomChannel.name = QStringLiteral("Back room");
        backRoom = QString::number(world().createGuildChannel(backRoomChannel).id);
    }
    void connect(GatewayTestClient& client) { connectBot(client, intent::Guilds | intent::GuildVoiceStates); }
    RestTestReply join(const QString& auth, const QJsonValue& channel, const QJsonObject& extra = {}) {
        QJsonObject o = extra;
        o.insert(QStringLiteral("channel_id"), channel);
        return rest->call("PUT", QStringLiteral("/v10/sandbox/guilds/%1/voice-states/@me").arg(kGuild), auth,
                          body(o));
    }
    RestTestReply move(const QString& user, const QJsonValue& channel) {
        return rest->call("PATCH", QStringLiteral("/v10/guilds/%1/members/%2").arg(kGuild, user), bot,
                          body(QJsonObject{{QStringLiteral("channel_id"), channel}}));
    }
    QString bot, alice, backRoom;
};

QJsonObject voiceUpdate(GatewayTestClient& client, int from) {
    const int i = client.waitForDispatch(QStringLiteral("VOICE_STATE_UPDATE"), 5000, from);
    REQUIRE(i >= 0);
    return client.received[i].value(QStringLiteral("d")).toObject();
}

} // namespace

TEST_CASE("a person joins voice, the bot sees it and moves and disconnects them", "[sandbox][voice]") {
    Fixture f;
    GatewayTestClient client;
    f.connect(client);

    int from = static_cast<int>(client.received.size());
    REQUIRE(f.join(f.alice, kLounge, QJsonObject{{QStringLiteral("self_mute"), true}}).status == 204);
    QJsonObject d = voiceUpdate(client, from);
    CHECK(d.value(QStringLiteral("channel_id")).toString() == kLounge);
    CHECK(d.value(QStringLiteral("user_id")).toString() == kAlice);
    CHECK(d.value(QStringLiteral("guild_id")).toString() == kGuild);
    CHECK(d.value(QStringLiteral("self_mute")).toBool());
    CHECK(d.value(QStringLiteral("member"))
              .toObject()
              .value(QStringLiteral("user"))
              .toObject()
              .value(QStringLiteral("id")) == kAlice);
    const QString session = d.value(QStringLiteral("session_id")).toString();
    CHECK(!session.isEmpty());

    const RestTestReply state =
        f.rest->call("GET", QStringLiteral("/v10/guilds/%1/voice-states/%2").arg(kGuild, kAlice), f.bot);
    REQUIRE(state.status == 200);
    CHECK(state.object().value(QStringLiteral("channel_id")).toString() == kLounge);
    const RestTestReply none =
        f.rest->call("GET", QStringLiteral("/v10/guilds/%1/voice-states/%2").arg(kGuild, kBob), f.bot);
    CHECK(none.status == 404);
    CHECK(none.object().value(QStringLiteral("code")).toInt() == 10065);

    // A new session's GUILD_CREATE lists her.
    GatewayTestClient second;
    f.connect(second);
    const QJsonObject guild = second.received[second.waitForDispatch(QStringLiteral("GUILD_CREATE"))]
                                  .value(QStringLiteral("d"))
                                  .toObject();
    const QJsonArray states = guild.value(QStringLiteral("voice_states")).toArray();
    REQUIRE(states.size() == 1);
    CHECK(states[0].toObject().value(QStringLiteral("user_id")).toString() == kAlice);

    // The bot moves her: same connection, new channel.
    from = static_cast<int>(client.received.size());
    REQUIRE(f.move(kAlice, f.backRoom).status == 200);
    d = voiceUpdate(client, from);
    CHECK(d.value(QStringLiteral("channel_id")).toString() == f.backRoom);
    CHECK(d.value(QStringLiteral("session_id")).toString() == session);

    // Refusals: someone not in voice, a text channel, the bot on the people's route.
    CHECK(f.move(kBob, kLounge).object().value(QStringLiteral("code")).toInt() == 40032);
    CHECK(f.move(kAlice, kGeneral).object().value(QStringLiteral("code")).toInt() == 50024);
    CHECK(f.join(f.alice, kGeneral).status == 400);
    CHECK(f.join(f.bot, kLounge).status == 403);

    // Disconnected by the bot.
    from = static_cast<int>(client.received.size());
    REQUIRE(f.move(kAlice, QJsonValue::Null).status == 200);
    d = voiceUpdate(client, from);
    CHECK(d.value(QStringLiteral("channel_id")).isNull());
    CHECK(f.rest->call("GET", QStringLiteral("/v10/guilds/%1/voice-states/%2").arg(kGuild, kAlice), f.bot)
              .status == 404);
}

TEST_CASE("deleting a voice channel or leaving the guild disconnects; world files keep voice states",
          "[sandbox][voice]") {
    Fixture f;
    REQUIRE(f.join(f.alice, f.backRoom, QJsonObject{{QStringLiteral("self_deaf"), true}}).status == 204);
    const QJsonObject saved = saveWorld(f.server->world());
    World loaded;
    loadWorld(loaded, saved);
    const Member* alice = loaded.member(kGuild.toULongLong(), kAlice.toULongLong());
    REQUIRE(alice);
    CHECK(QString::number(alice->voiceChannelId) == f.backRoom);
    CHECK(alice->selfDeaf);

    GatewayTestClient client;
    f.connect(client);
    const int from = static_cast<int>(client.received.size());
    REQUIRE(f.rest->call("DELETE", QStringLiteral("/v10/channels/%1").arg(f.backRoom), f.bot).status == 200);
    const QJsonObject d = voiceUpdate(client, from);
    CHECK(d.value(QStringLiteral("user_id")).toString() == kAlice);
    CHECK(d.value(QStringLiteral("channel_id")).isNull());
    CHECK(f.server->world().member(kGuild.toULongLong(), kAlice.toULongLong())->voiceChannelId == 0);

    // A file naming a text channel is refused with the field.
    QJsonObject bad = saved;
    QJsonArray states = bad.value(QStringLiteral("voice_states")).toArray();
    QJsonObject first = states[0].toObject();
    first.insert(QStringLiteral("channel_id"), kGeneral);
    states[0] = first;
    bad.insert(QStringLiteral("voice_states"), states);
    World refused;
    try {
        loadWorld(refused, bad);
        FAIL("a text channel was accepted as a voice channel");
    } catch (const std::exception& e) {
        CHECK(QString::fromUtf8(e.what()).contains(QStringLiteral("voice_states[0].channel_id")));
    }
}
