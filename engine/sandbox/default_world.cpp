#include "engine/protocol/gateway_constants.h"
#include "engine/protocol/permissions.h"
#include "engine/sandbox/world_file.h"

namespace botwright::sandbox {

namespace perm = protocol::permission;

void populateDefaultWorld(World& world) {
    world.clear();
    const Snowflake botId = 1102565081088000000ULL;
    const Snowflake guildId = 1113768905932800000ULL;
    const Snowflake alice = 948142551859331072ULL, bob = 1064091569356800000ULL,
                    carol = 1079612317696000000ULL;
    const Snowflake botRole = 1114131302187008000ULL, modRole = 1114131302187008001ULL;
    const Snowflake general = 1113768910127104000ULL, commands = 1113768910127104001ULL,
                    announcements = 1113768910127104002ULL, modsOnly = 1113768910127104003ULL,
                    lounge = 1113768910127104004ULL, category = 1113768910127104005ULL;

    Application& app = world.application();
    app.id = botId;
    app.name = QStringLiteral("sandbox-bot");
    app.description = QStringLiteral("The bot under test in Botwright's local Discord sandbox");
    app.privilegedIntents = protocol::intent::Privileged;

    world.addUser(User{botId, QStringLiteral("sandbox-bot"), {}, {}, true, {}});
    world.addUser(User{alice, QStringLiteral("alice"), QStringLiteral("Alice"), {}, false, {}});
    world.addUser(User{bob, QStringLiteral("bob"), QStringLiteral("Bob"), {}, false, {}});
    world.addUser(User{carol, QStringLiteral("carol"), QStringLiteral("Carol"), {}, false, {}});

    Guild g;
    g.id = guildId;
    g.name = QStringLiteral("Sandbox");
    g.ownerId = alice;
    g.systemChannelId = general;
    const QDateTime created = protocol::snowflakeTime(guildId);
    g.roles[guildId] =
        Role{guildId, QStringLiteral("@everyone"), perm::DefaultEveryone, 0, 0, false, false, false, 0, {}};
    g.roles[modRole] =
        Role{modRole,
             QStringLiteral("Moderator"),
             perm::DefaultEveryone | perm::ManageMessages | perm::KickMembers | perm::ManageThreads,
             1,
             0x3498DB,
             true,
             false,
             true,
             0,
             {}};
    g.roles[botRole] = Role{
        botRole, QStringLiteral("sandbox-bot"), perm::Administrator, 2, 0, false, true, false, botId, {}};
    g.members[alice] = Member{alice, {}, {}, created, false, false, false, {}};
    g.members[bob] = Member{bob, {}, {modRole}, created.addDays(1), false, false, false, {}};
    g.members[carol] = Member{carol, QStringLiteral("caz"), {}, created.addDays(2), false, false, false, {}};
    g.members[botId] = Member{botId, {}, {botRole}, created.addDays(3), false, false, false, {}};
    g.emojis[1180116084326400001ULL] =
        Emoji{1180116084326400001ULL, QStringLiteral("botwright"), false, {}, alice};
    world.addGuild(std::move(g));

    auto text = [&](Snowflake id, const QString& name, int position, const QString& topic) {
        Channel c;
        c.id = id;
        c.guildId = guildId;
        c.name = name;
        c.position = position;
        c.topic = topic;
        c.parentId = category;
        return c;
    };
    Channel cat;
    cat.id = category;
    cat.type = channel_type::GuildCategory;
    cat.guildId = guildId;
    cat.name = QStringLiteral("Text Channels");
    world.addChannel(cat);
    world.addChannel(text(general, QStringLiteral("general"), 0, QStringLiteral("Say hello to the bot")));
    world.addChannel(
        text(commands, QStringLiteral("bot-commands"), 1, QStringLiteral("Try the bot's commands here")));
    Channel news = text(announcements, QStringLiteral("announcements"), 2, {});
    news.type = channel_type::GuildAnnouncement;
    news.overwrites.push_back(Overwrite{guildId, 0, 0, perm::SendMessages});
    world.addChannel(news);
    Channel mods = text(modsOnly, QStringLiteral("mods-only"), 3, QStringLiteral("Only moderators see this"));
    mods.overwrites.push_back(Overwrite{guildId, 0, 0, perm::ViewChannel});
    mods.overwrites.push_back(Overwrite{modRole, 0, perm::ViewChannel, 0});
    world.addChannel(mods);
    Channel voice;
    voice.id = lounge;
    voice.type = channel_type::GuildVoice;
    voice.guildId = guildId;
    voice.name = QStringLiteral("Lounge");
    voice.position = 4;
    world.addChannel(voice);
    world.advanceIdsPastContent();
}

} // namespace botwright::sandbox
