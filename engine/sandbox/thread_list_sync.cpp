#include "engine/sandbox/thread_list_sync.h"

#include "engine/protocol/gateway_constants.h"
#include "engine/protocol/permissions.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_json.h"

#include <QJsonArray>

namespace botwright::sandbox {

using protocol::Snowflake;

namespace {
// Dispatches after which the bot may see channels it did not: permissions moved.
bool mayGrantAccess(const Dispatch& d) {
    return d.type == QLatin1String("CHANNEL_UPDATE") || d.type == QLatin1String("GUILD_ROLE_UPDATE") ||
           d.type == QLatin1String("GUILD_ROLE_DELETE") || d.type == QLatin1String("GUILD_UPDATE") ||
           (d.type == QLatin1String("GUILD_MEMBER_UPDATE") && d.aboutBot);
}
// Dispatches that change the set of channels without granting anything.
bool changesChannels(const Dispatch& d) {
    return d.type == QLatin1String("CHANNEL_CREATE") || d.type == QLatin1String("CHANNEL_DELETE") ||
           d.type == QLatin1String("GUILD_CREATE");
}
} // namespace

std::set<Snowflake> ThreadListSync::visible(Snowflake guildId) const {
    std::set<Snowflake> out;
    if (!m_world.guild(guildId))
        return out;
    for (const Channel* c : m_world.guildChannels(guildId, false))
        if (m_world.canSeeChannel(c->id, m_world.botId()))
            out.insert(c->id);
    return out;
}

void ThreadListSync::remember(Snowflake guildId) {
    m_visible[guildId] = visible(guildId);
}

std::optional<Dispatch> ThreadListSync::after(const Dispatch& d) {
    if (!d.guildId)
        return std::nullopt;
    if (changesChannels(d) || !m_visible.contains(d.guildId)) {
        remember(d.guildId);
        return std::nullopt;
    }
    if (!mayGrantAccess(d))
        return std::nullopt;
    std::set<Snowflake> now = visible(d.guildId);
    std::set<Snowflake> gained;
    for (Snowflake id : now)
        if (!m_visible[d.guildId].contains(id))
            gained.insert(id);
    m_visible[d.guildId] = std::move(now);
    if (gained.empty())
        return std::nullopt;
    return syncFor(d.guildId, gained);
}

// {guild_id, channel_ids, threads, members}: every gained channel is listed (so a client knows it has
// none), with its active threads the bot may see and the bot's own memberships of them.
Dispatch ThreadListSync::syncFor(Snowflake guildId, const std::set<Snowflake>& channels) const {
    const Snowflake bot = m_world.botId();
    QJsonArray ids, threads, members;
    for (Snowflake id : channels)
        ids.append(json::id(id));
    for (const Channel* t : m_world.guildChannels(guildId, true)) {
        if (!channel_type::isThread(t->type) || t->archived || !channels.contains(t->parentId))
            continue;
        const ThreadMember* mine = nullptr;
        for (const ThreadMember& tm : t->threadMembers)
            if (tm.userId == bot)
                mine = &tm;
        const bool manager = m_world.channelPermissions(t->id, bot) & protocol::permission::ManageThreads;
        if (t->type == channel_type::PrivateThread && !mine && !manager)
            continue;
        threads.append(json::channel(m_world, *t));
        if (mine)
            members.append(json::threadMember(t->id, *mine));
    }
    Dispatch d;
    d.type = QStringLiteral("THREAD_LIST_SYNC");
    d.data = QJsonObject{{QStringLiteral("guild_id"), json::id(guildId)},
                         {QStringLiteral("channel_ids"), ids},
                         {QStringLiteral("threads"), threads},
                         {QStringLiteral("members"), members}};
    d.guildId = guildId;
    d.intents = protocol::intent::Guilds;
    return d;
}

} // namespace botwright::sandbox
