// THREAD_LIST_SYNC and THREAD_MEMBER_UPDATE from the sandbox, over real loopback sockets: the bot gains
// access to a hidden channel (a role it is given, an overwrite for it) and gets that channel's active
// threads; a message into an archived thread the bot is in unarchives it and updates its membership.
#include "engine/protocol/gateway_constants.h"
#include "engine/protocol/permissions.h"
#include "engine/sandbox/world.h"
#include "tests/support/loopback_sandbox.h"

#include <QJsonArray>
#include <QSet>

using namespace botwright::sandbox;
namespace intent = botwright::protocol::intent;
namespace perm = botwright::protocol::permission;

namespace {

const Snowflake kGuild = 1113768905932800000ULL;
const Snowflake kGeneral = 1113768910127104000ULL;
const Snowflake kAlice = 948142551859331072ULL; // the guild's owner

QString sid(Snowflake id) {
    return QString::number(id);
}

QJsonObject data(const GatewayTestClient& c, int index) {
    return c.received[index].value(QStringLiteral("d")).toObject();
}

QSet<QString> ids(const QJsonArray& array, const char* key = nullptr) {
    QSet<QString> out;
    for (const QJsonValue v : array)
        out.insert(key ? v.toObject().value(QLatin1String(key)).toString() : v.toString());
    return out;
}

struct Fixture : botwright::testing::LoopbackSandbox {
    Fixture() {
        World& w = world();
        alice = w.user(kAlice)->token;
        // The bot without ADMINISTRATOR, so overwrites apply to it.
        for (auto& [id, role] : w.guild(kGuild)->roles)
            if (role.botId == w.botId())
                role.permissions = perm::ViewChannel | perm::SendMessages | perm::ReadMessageHistory;
    }
    void connectBot(GatewayTestClient& client) {
        LoopbackSandbox::connectBot(client, intent::Guilds | intent::GuildMembers);
    }
    QString alice;
};

} // namespace

TEST_CASE("the bot gaining access to channels gets THREAD_LIST_SYNC with their active threads",
          "[sandbox][gateway][threads]") {
    Fixture f;
    World& w = f.world();
    Role keeperRole;
    keeperRole.name = QStringLiteral("vault keeper");
    keeperRole.position = 1;
    const Snowflake keeper = w.createRole(kGuild, keeperRole).id;
    Channel vaultChannel;
    vaultChannel.guildId = kGuild;
    vaultChannel.type = channel_type::GuildText;
    vaultChannel.name = QStringLiteral("vault");
    vaultChannel.overwrites = {Overwrite{kGuild, 0, 0, perm::ViewChannel},
                               Overwrite{keeper, 0, perm::ViewChannel, 0}};
    const Snowflake vault = w.createGuildChannel(vaultChannel).id;
    const Snowflake plans =
        w.createThread(vault, 0, kAlice, QStringLiteral("plans"), channel_type::PublicThread, 1440).id;
    const Snowflake secret =
        w.createThread(vault, 0, kAlice, QStringLiteral("secret"), channel_type::PrivateThread, 1440).id;
    Channel& old = w.createThread(vault, 0, kAlice, QStringLiteral("old"), channel_type::PublicThread, 1440);
    old.archived = true;
    const Snowflake oldId = old.id;
    w.addThreadMember(plans, w.botId());
    CHECK(!w.canSeeChannel(vault, w.botId()));

    GatewayTestClient bot;
    f.connectBot(bot);
    const int start = static_cast<int>(bot.received.size());
    const auto roleRoute = [&](Snowflake role) {
        return QStringLiteral("/v10/guilds/%1/members/%2/roles/%3")
            .arg(sid(kGuild), sid(w.botId()), sid(role));
    };
    REQUIRE(f.rest->call("PUT", roleRoute(keeper), f.alice).status == 204);
    const int sync = bot.waitForDispatch(QStringLiteral("THREAD_LIST_SYNC"), 5000, start);
    REQUIRE(sync >= 0);
    // Sent after the member update that caused it.
    const int update = bot.waitForDispatch(QStringLiteral("GUILD_MEMBER_UPDATE"), 5000, start);
    CHECK((update >= 0 && update < sync));
    const QJsonObject d = data(bot, sync);
    CHECK(d.value(QStringLiteral("guild_id")).toString() == sid(kGuild));
    CHECK(ids(d.value(QStringLiteral("channel_ids")).toArray()) == QSet<QString>{sid(vault)});
    const QSet<QString> threads = ids(d.value(QStringLiteral("threads")).toArray(), "id");
    CHECK(threads.contains(sid(plans)));
    CHECK(!threads.contains(sid(secret))); // private, and the bot is neither in it nor a thread manager
    CHECK(!threads.contains(sid(oldId)));  // archived
    const QJsonArray members = d.value(QStringLiteral("members")).toArray();
    REQUIRE(members.size() == 1);
    CHECK(members[0].toObject().value(QStringLiteral("id")).toString() == sid(plans));
    CHECK(members[0].toObject().value(QStringLiteral("user_id")).toString() == sid(w.botId()));

    // A role that grants nothing new: no sync.
    Role plainRole;
    plainRole.name = QStringLiteral("plain");
    const Snowflake plain = w.createRole(kGuild, plainRole).id;
    const int before = static_cast<int>(bot.received.size());
    REQUIRE(f.rest->call("PUT", roleRoute(plain), f.alice).status == 204);
    REQUIRE(bot.waitForDispatch(QStringLiteral("GUILD_MEMBER_UPDATE"), 5000, before) >= 0);
    CHECK(bot.waitForDispatch(QStringLiteral("THREAD_LIST_SYNC"), 300, before) < 0);

    // Access lost, then regained through an overwrite for the bot itself: a second sync.
    REQUIRE(f.rest->call("DELETE", roleRoute(keeper), f.alice).status == 204);
    CHECK(!w.canSeeChannel(vault, w.botId()));
    const int regain = static_cast<int>(bot.received.size());
    const QJsonObject overwrite{{QStringLiteral("type"), 1},
                                {QStringLiteral("allow"), QString::number(perm::ViewChannel)}};
    REQUIRE(f.rest
                ->call("PUT",
                       QStringLiteral("/v10/channels/%1/permissions/%2").arg(sid(vault), sid(w.botId())),
                       f.alice, QJsonDocument(overwrite))
                .status == 204);
    const int second = bot.waitForDispatch(QStringLiteral("THREAD_LIST_SYNC"), 5000, regain);
    REQUIRE(second >= 0);
    CHECK(ids(data(bot, second).value(QStringLiteral("channel_ids")).toArray()) == QSet<QString>{sid(vault)});
}

TEST_CASE("a message into an archived thread tells the bot its membership changed",
          "[sandbox][gateway][threads]") {
    Fixture f;
    World& w = f.world();
    Channel& mine =
        w.createThread(kGeneral, 0, w.botId(), QStringLiteral("bot's"), channel_type::PublicThread, 60);
    mine.archived = true;
    const Snowflake mineId = mine.id;
    Channel& theirs =
        w.createThread(kGeneral, 0, kAlice, QStringLiteral("alice's"), channel_type::PublicThread, 60);
    theirs.archived = true;
    const Snowflake theirsId = theirs.id;
    GatewayTestClient bot;
    f.connectBot(bot);
    const auto post = [&](Snowflake thread) {
        const int from = static_cast<int>(bot.received.size());
        REQUIRE(f.rest
                    ->call("POST", QStringLiteral("/v10/channels/%1/messages").arg(sid(thread)), f.alice,
                           QJsonDocument(QJsonObject{{QStringLiteral("content"), QStringLiteral("wake up")}}))
                    .status == 200);
        REQUIRE(bot.waitForDispatch(QStringLiteral("THREAD_UPDATE"), 5000, from) >= 0);
        return from;
    };
    const int first = post(mineId);
    const int member = bot.waitForDispatch(QStringLiteral("THREAD_MEMBER_UPDATE"), 5000, first);
    REQUIRE(member >= 0);
    CHECK(bot.waitForDispatch(QStringLiteral("THREAD_UPDATE"), 5000, first) < member);
    const QJsonObject d = data(bot, member);
    CHECK(d.value(QStringLiteral("id")).toString() == sid(mineId));
    CHECK(d.value(QStringLiteral("user_id")).toString() == sid(w.botId()));
    CHECK(d.value(QStringLiteral("guild_id")).toString() == sid(kGuild));
    CHECK(!d.value(QStringLiteral("join_timestamp")).toString().isEmpty());
    CHECK(!w.channel(mineId)->archived);

    // Not a member: the thread unarchives, no membership update.
    const int second = post(theirsId);
    CHECK(bot.waitForDispatch(QStringLiteral("THREAD_MEMBER_UPDATE"), 300, second) < 0);
}
