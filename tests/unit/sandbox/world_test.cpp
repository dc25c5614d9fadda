#include "engine/protocol/permissions.h"
#include "engine/protocol/snowflake.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_file.h"
#include "engine/sandbox/world_json.h"
#include "tests/support/qt_catch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace botwright;
using namespace botwright::sandbox;
namespace perm = protocol::permission;

namespace {
constexpr Snowflake kGuild = 1113768905932800000ULL, kGeneral = 1113768910127104000ULL,
                    kModsOnly = 1113768910127104003ULL, kAnnouncements = 1113768910127104002ULL;
constexpr Snowflake kAlice = 948142551859331072ULL, kBob = 1064091569356800000ULL,
                    kCarol = 1079612317696000000ULL;
} // namespace

TEST_CASE("snowflakes are strictly increasing, never go back in time and decode to their time") {
    protocol::SnowflakeGenerator gen(1, 0);
    const std::int64_t now = 1700000000000;
    protocol::Snowflake last = 0;
    for (int i = 0; i < 10000; ++i) { // more than 4096 in one millisecond
        const protocol::Snowflake id = gen.nextAt(now);
        CHECK(id > last);
        last = id;
    }
    CHECK(gen.nextAt(now - 5000) > last); // a clock step back is clamped
    const protocol::Snowflake fresh = protocol::SnowflakeGenerator(3, 4).nextAt(now);
    CHECK(protocol::snowflakeTime(fresh).toMSecsSinceEpoch() == now);
    CHECK(((fresh >> 17) & 0x1F) == 3);
    CHECK(((fresh >> 12) & 0x1F) == 4);
    CHECK(protocol::parseSnowflake(u"18446744073709551615") ==
          std::optional<protocol::Snowflake>(18446744073709551615ULL));
    CHECK_FALSE(protocol::parseSnowflake(u"18446744073709551616"));
    CHECK_FALSE(protocol::parseSnowflake(u"12a"));
    CHECK_FALSE(protocol::parseSnowflake(u"-1"));
}

TEST_CASE("permissions follow roles, overwrites, ownership and timeouts") {
    World w;
    populateDefaultWorld(w);
    CHECK(w.basePermissions(kGuild, kAlice) == perm::All); // owner
    CHECK(w.channelPermissions(kGeneral, kCarol) == perm::DefaultEveryone);
    CHECK_FALSE(w.canSeeChannel(kModsOnly, kCarol));
    CHECK(w.canSeeChannel(kModsOnly, kBob));      // the Moderator role overwrite allows it
    CHECK(w.canSeeChannel(kModsOnly, w.botId())); // administrator bypasses overwrites
    CHECK_FALSE(w.channelPermissions(kAnnouncements, kCarol) & perm::SendMessages);
    CHECK_FALSE(w.channelPermissions(kAnnouncements, kCarol) &
                perm::EmbedLinks); // implied by no SEND_MESSAGES
    w.member(kGuild, kCarol)->communicationDisabledUntil = QDateTime::currentDateTimeUtc().addSecs(600);
    CHECK(w.channelPermissions(kGeneral, kCarol) == (perm::ViewChannel | perm::ReadMessageHistory));
    // A member overwrite beats role overwrites.
    Channel& general = *w.channel(kGeneral);
    general.overwrites.push_back(Overwrite{kBob, 1, 0, perm::SendMessages});
    CHECK_FALSE(w.channelPermissions(kGeneral, kBob) & perm::SendMessages);
    CHECK(w.highestRolePosition(kGuild, w.botId()) > w.highestRolePosition(kGuild, kBob));
}

TEST_CASE("world operations emit the dispatches Discord would") {
    World w;
    populateDefaultWorld(w);
    QList<Dispatch> seen;
    w.addListener([&seen](const Dispatch& d) { seen.append(d); });
    World::MessageDraft draft;
    draft.content = QStringLiteral("hi <@%1> and <@&1114131302187008001> @everyone").arg(w.botId());
    Message& m = w.createMessage(kGeneral, kAlice, draft);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].type == QStringLiteral("MESSAGE_CREATE"));
    CHECK(seen[0].contentExempt); // mentions the bot
    CHECK(m.mentions == std::vector<Snowflake>{w.botId()});
    CHECK(m.mentionRoles.size() == 1);
    CHECK(m.mentionEveryone); // the owner may mention everyone
    w.addReaction(kGeneral, m.id, Reaction{0, QStringLiteral("👍"), false, {}}, kBob);
    w.addReaction(kGeneral, m.id, Reaction{0, QStringLiteral("👍"), false, {}}, kBob); // repeated: nothing new
    CHECK(seen.size() == 2);
    CHECK(seen[1].data.value(QStringLiteral("member")).toObject().contains(QStringLiteral("user")));
    w.setPinned(kGeneral, m.id, true, kAlice);
    QStringList types;
    for (const Dispatch& d : seen)
        types << d.type;
    CHECK(types.contains(QStringLiteral("CHANNEL_PINS_UPDATE")));
    CHECK(types.count(QStringLiteral("MESSAGE_CREATE")) == 2); // the pin's system message
    const Channel& thread =
        w.createThread(kGeneral, m.id, w.botId(), QStringLiteral("talk"), channel_type::PublicThread, 60);
    CHECK(thread.id == m.id);
    CHECK(w.message(kGeneral, m.id)->threadId == m.id);
}

TEST_CASE("a world file round-trips with explicit ids and bad files name the field") {
    World w;
    populateDefaultWorld(w);
    World::MessageDraft draft;
    draft.content = QStringLiteral("kept across save and load");
    draft.embeds = QJsonArray{QJsonObject{{QStringLiteral("title"), QStringLiteral("T")}}};
    const Snowflake id = w.createMessage(kGeneral, kAlice, draft).id;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("world.json"));
    saveWorldFile(w, path);

    World loaded;
    loadWorldFile(loaded, path);
    CHECK(QJsonDocument(saveWorld(loaded)).toJson() == QJsonDocument(saveWorld(w)).toJson());
    REQUIRE(loaded.message(kGeneral, id));
    CHECK(loaded.message(kGeneral, id)->content == QStringLiteral("kept across save and load"));
    CHECK(loaded.botToken() == w.botToken());
    CHECK(loaded.nextId() > id); // new ids come after everything loaded

    QJsonObject broken = saveWorld(w);
    QJsonArray guilds = broken.value(QStringLiteral("guilds")).toArray();
    QJsonObject g = guilds[0].toObject();
    QJsonArray members = g.value(QStringLiteral("members")).toArray();
    QJsonObject first = members[0].toObject();
    first.insert(QStringLiteral("user_id"), QStringLiteral("not-an-id"));
    members[0] = first;
    g.insert(QStringLiteral("members"), members);
    guilds[0] = g;
    broken.insert(QStringLiteral("guilds"), guilds);
    World untouched;
    populateDefaultWorld(untouched);
    try {
        loadWorld(untouched, broken);
        FAIL("a bad id must be refused");
    } catch (const WorldFileError& e) {
        CHECK(
            QString::fromStdString(e.what()).contains(QStringLiteral("world.guilds[0].members[0].user_id")));
    }
    CHECK(untouched.user(kAlice)); // a failed load leaves the world as it was
    World other;
    CHECK_THROWS_AS(
        loadWorld(other, QJsonObject{{QStringLiteral("format"), QStringLiteral("something else")}}),
        WorldFileError);
}

TEST_CASE("JSON shapes carry the fields libraries rely on") {
    World w;
    populateDefaultWorld(w);
    const QJsonObject guild = json::guildCreate(w, *w.guild(kGuild));
    for (const char* key :
         {"roles", "channels", "members", "threads", "voice_states", "presences", "emojis", "stickers",
          "stage_instances", "guild_scheduled_events", "owner_id", "features", "member_count", "joined_at"})
        CHECK(guild.contains(QLatin1String(key)));
    for (const QJsonValue c : guild.value(QStringLiteral("channels")).toArray())
        for (const char* key : {"id", "type", "name", "position", "permission_overwrites"})
            CHECK(c.toObject().contains(QLatin1String(key)));
    const QJsonObject role = guild.value(QStringLiteral("roles")).toArray().first().toObject();
    for (const char* key : {"id", "name", "permissions", "position", "color", "colors", "hoist", "managed",
                            "mentionable", "flags"})
        CHECK(role.contains(QLatin1String(key)));
    CHECK(json::isoTime(QDateTime::fromMSecsSinceEpoch(1704110400000, Qt::UTC)) ==
          QStringLiteral("2024-01-01T12:00:00.000000+00:00"));
}

TEST_CASE("a channel keeps at most the message limit, dropping the oldest") {
    World w;
    populateDefaultWorld(w);
    w.setMessageLimit(3);
    std::vector<Snowflake> ids;
    for (int i = 0; i < 5; ++i) {
        World::MessageDraft draft;
        draft.content = QString::number(i);
        ids.push_back(w.createMessage(kGeneral, kAlice, draft).id);
    }
    CHECK(w.messagesIn(kGeneral).size() == 3);
    CHECK_FALSE(w.message(kGeneral, ids[1]));
    CHECK(w.message(kGeneral, ids[4]));
}
