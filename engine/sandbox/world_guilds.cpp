// World: channels, threads, DMs, members, roles, bans, emojis and interactions.
#include "engine/protocol/gateway_constants.h"
#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_json.h"

#include <QJsonArray>
#include <QRandomGenerator>

#include <algorithm>

namespace botwright::sandbox {

namespace intent = protocol::intent;
namespace perm = protocol::permission;

namespace {
Dispatch guildDispatch(const QString& type, QJsonObject data, Snowflake guildId, std::uint32_t intents) {
    Dispatch d;
    d.type = type;
    d.data = std::move(data);
    d.guildId = guildId;
    d.intents = intents;
    return d;
}
} // namespace

void World::emitChannelUpdate(const Channel& c) {
    Dispatch d = guildDispatch(channel_type::isThread(c.type) ? QStringLiteral("THREAD_UPDATE")
                                                              : QStringLiteral("CHANNEL_UPDATE"),
                               json::channel(*this, c), c.guildId, intent::Guilds);
    d.channelId = c.id;
    emitDispatch(d);
}

void World::deleteChannel(Snowflake channelId) {
    Channel removed = requireChannel(channelId);
    if (Guild* g = guild(removed.guildId)) // everyone in a deleted voice channel is disconnected
        for (auto& [uid, m] : g->members)
            if (m.voiceChannelId == channelId)
                setVoiceChannel(g->id, uid, 0);
    // Threads of the channel go with it; a category's children lose their parent.
    std::vector<Snowflake> threads;
    for (auto& [id, c] : m_channels) {
        if (c.parentId != channelId)
            continue;
        if (channel_type::isThread(c.type)) {
            threads.push_back(id);
        } else {
            c.parentId = 0;
            emitChannelUpdate(c);
        }
    }
    for (Snowflake t : threads) {
        m_channels.erase(t);
        m_messages.erase(t);
        m_files.removeChannel(t);
    }
    m_channels.erase(channelId);
    m_messages.erase(channelId);
    m_files.removeChannel(channelId);
    QJsonObject data = json::channel(*this, removed);
    if (channel_type::isThread(removed.type))
        data = QJsonObject{{QStringLiteral("id"), json::id(removed.id)},
                           {QStringLiteral("guild_id"), json::id(removed.guildId)},
                           {QStringLiteral("parent_id"), json::id(removed.parentId)},
                           {QStringLiteral("type"), removed.type}};
    emitDispatch(guildDispatch(channel_type::isThread(removed.type) ? QStringLiteral("THREAD_DELETE")
                                                                    : QStringLiteral("CHANNEL_DELETE"),
                               data, removed.guildId, intent::Guilds));
}

Channel& World::createThread(Snowflake parentId, Snowflake starterMessageId, Snowflake ownerId,
                             const QString& name, int type, int autoArchiveDuration) {
    Channel& parent = requireChannel(parentId);
    if (parent.type != channel_type::GuildText && parent.type != channel_type::GuildAnnouncement &&
        parent.type != channel_type::GuildForum && parent.type != channel_type::GuildMedia)
        throw ApiError(400, 50024, QStringLiteral("Cannot execute action on this channel type"));
    Channel t;
    t.id = starterMessageId ? starterMessageId : nextId();
    if (channel(t.id))
        throw ApiError(400, 160004, QStringLiteral("A thread has already been created for this message"));
    t.type = type;
    t.guildId = parent.guildId;
    t.parentId = parentId;
    t.name = name;
    t.ownerId = ownerId;
    t.autoArchiveDuration = autoArchiveDuration;
    t.createTimestamp = QDateTime::currentDateTimeUtc();
    t.archiveTimestamp = t.createTimestamp;
    t.rateLimitPerUser = 0;
    t.threadMembers.push_back({ownerId, t.createTimestamp});
    Channel& stored = addChannel(std::move(t));
    QJsonObject data = json::channel(*this, stored);
    data.insert(QStringLiteral("newly_created"), true);
    Dispatch d = guildDispatch(QStringLiteral("THREAD_CREATE"), data, stored.guildId, intent::Guilds);
    d.channelId = stored.id;
    emitDispatch(d);
    if (starterMessageId) {
        Message& starter = requireMessage(parentId, starterMessageId);
        starter.threadId = stored.id;
        starter.flags |= 1 << 5; // HAS_THREAD
        editMessage(parentId, starterMessageId, {});
    }
    return stored;
}

void World::addThreadMember(Snowflake threadId, Snowflake userId) {
    Channel& t = requireChannel(threadId);
    for (const ThreadMember& tm : t.threadMembers)
        if (tm.userId == userId)
            return;
    ThreadMember tm{userId, QDateTime::currentDateTimeUtc()};
    t.threadMembers.push_back(tm);
    QJsonObject data{
        {QStringLiteral("id"), json::id(threadId)},
        {QStringLiteral("guild_id"), json::id(t.guildId)},
        {QStringLiteral("member_count"), std::min<int>(50, static_cast<int>(t.threadMembers.size()))},
        {QStringLiteral("added_members"), QJsonArray{json::threadMember(threadId, tm)}}};
    Dispatch d = guildDispatch(QStringLiteral("THREAD_MEMBERS_UPDATE"), data, t.guildId, intent::Guilds);
    d.aboutBot = userId == botId();
    emitDispatch(d);
}

void World::removeThreadMember(Snowflake threadId, Snowflake userId) {
    Channel& t = requireChannel(threadId);
    const auto before = t.threadMembers.size();
    std::erase_if(t.threadMembers, [userId](const ThreadMember& tm) { return tm.userId == userId; });
    if (before == t.threadMembers.size())
        return;
    QJsonObject data{
        {QStringLiteral("id"), json::id(threadId)},
        {QStringLiteral("guild_id"), json::id(t.guildId)},
        {QStringLiteral("member_count"), std::min<int>(50, static_cast<int>(t.threadMembers.size()))},
        {QStringLiteral("removed_member_ids"), QJsonArray{json::id(userId)}}};
    Dispatch d = guildDispatch(QStringLiteral("THREAD_MEMBERS_UPDATE"), data, t.guildId, intent::Guilds);
    d.aboutBot = userId == botId();
    emitDispatch(d);
}

void World::emitBotThreadMemberUpdate(const Channel& t) {
    const auto it = std::find_if(t.threadMembers.begin(), t.threadMembers.end(),
                                 [this](const ThreadMember& tm) { return tm.userId == botId(); });
    if (it == t.threadMembers.end())
        return;
    QJsonObject data = json::threadMember(t.id, *it);
    data.insert(QStringLiteral("guild_id"), json::id(t.guildId));
    Dispatch d = guildDispatch(QStringLiteral("THREAD_MEMBER_UPDATE"), data, t.guildId, intent::Guilds);
    d.channelId = t.id;
    d.aboutBot = true;
    emitDispatch(d);
}

Channel& World::openDm(Snowflake userA, Snowflake userB) {
    requireUser(userB);
    for (auto& [id, c] : m_channels) {
        if (c.type != channel_type::Dm || c.recipients.size() != 2)
            continue;
        if ((c.recipients[0] == userA && c.recipients[1] == userB) ||
            (c.recipients[0] == userB && c.recipients[1] == userA))
            return c;
    }
    Channel dm;
    dm.id = nextId();
    dm.type = channel_type::Dm;
    dm.recipients = {userA, userB};
    return addChannel(std::move(dm));
}

Member& World::addMember(Snowflake guildId, Snowflake userId, const QString& nick,
                         const std::vector<Snowflake>& roles) {
    Guild& g = requireGuild(guildId);
    requireUser(userId);
    Member m;
    m.userId = userId;
    m.nick = nick;
    m.roles = roles;
    m.joinedAt = QDateTime::currentDateTimeUtc();
    Member& stored = g.members[userId] = std::move(m);
    if (userId == botId()) {
        Dispatch d = guildDispatch(QStringLiteral("GUILD_CREATE"), json::guildCreate(*this, g), guildId,
                                   intent::Guilds);
        emitDispatch(d);
    } else {
        QJsonObject data = json::member(*this, guildId, stored, true);
        data.insert(QStringLiteral("guild_id"), json::id(guildId));
        emitDispatch(guildDispatch(QStringLiteral("GUILD_MEMBER_ADD"), data, guildId, intent::GuildMembers));
    }
    return stored;
}

void World::removeMember(Snowflake guildId, Snowflake userId) {
    Guild& g = requireGuild(guildId);
    if (const Member* m = member(guildId, userId); m && m->voiceChannelId)
        setVoiceChannel(guildId, userId, 0); // leaving the guild leaves its voice channel
    if (!g.members.erase(userId))
        throw ApiError::unknown(10007, QStringLiteral("Member"));
    const User& u = requireUser(userId);
    emitDispatch(guildDispatch(
        QStringLiteral("GUILD_MEMBER_REMOVE"),
        QJsonObject{{QStringLiteral("guild_id"), json::id(guildId)}, {QStringLiteral("user"), json::user(u)}},
        guildId, intent::GuildMembers));
    if (userId == botId())
        emitDispatch(guildDispatch(QStringLiteral("GUILD_DELETE"),
                                   QJsonObject{{QStringLiteral("id"), json::id(guildId)}}, guildId,
                                   intent::Guilds));
}

void World::emitMemberUpdate(Snowflake guildId, const Member& m) {
    QJsonObject data = json::member(*this, guildId, m, true);
    data.insert(QStringLiteral("guild_id"), json::id(guildId));
    Dispatch d = guildDispatch(QStringLiteral("GUILD_MEMBER_UPDATE"), data, guildId, intent::GuildMembers);
    d.aboutBot = m.userId == botId();
    emitDispatch(d);
}

void World::emitRoleEvent(const QString& type, Snowflake guildId, const Role& role) {
    QJsonObject data{{QStringLiteral("guild_id"), json::id(guildId)}};
    if (type == QStringLiteral("GUILD_ROLE_DELETE"))
        data.insert(QStringLiteral("role_id"), json::id(role.id));
    else
        data.insert(QStringLiteral("role"), json::role(role));
    emitDispatch(guildDispatch(type, data, guildId, intent::Guilds));
}

void World::emitGuildUpdate(const Guild& g) {
    emitDispatch(guildDispatch(QStringLiteral("GUILD_UPDATE"), json::guild(*this, g), g.id, intent::Guilds));
}

void World::emitEmojisUpdate(const Guild& g) {
    QJsonArray emojis;
    for (const auto& [id, e] : g.emojis)
        emojis.append(json::emoji(e));
    emitDispatch(guildDispatch(
        QStringLiteral("GUILD_EMOJIS_UPDATE"),
        QJsonObject{{QStringLiteral("guild_id"), json::id(g.id)}, {QStringLiteral("emojis"), emojis}}, g.id,
        intent::GuildExpressions));
}

void World::banUser(Snowflake guildId, Snowflake userId, const QString& reason, int deleteMessageSeconds) {
    Guild& g = requireGuild(guildId);
    const User& u = requireUser(userId);
    g.bans[userId] = Ban{userId, reason};
    Dispatch ban = guildDispatch(
        QStringLiteral("GUILD_BAN_ADD"),
        QJsonObject{{QStringLiteral("guild_id"), json::id(guildId)}, {QStringLiteral("user"), json::user(u)}},
        guildId, intent::GuildModeration);
    ban.permission = perm::BanMembers;
    emitDispatch(ban);
    if (g.members.count(userId))
        removeMember(guildId, userId);
    if (deleteMessageSeconds > 0) {
        const Snowflake since =
            protocol::snowflakeAt(QDateTime::currentMSecsSinceEpoch() - qint64{deleteMessageSeconds} * 1000);
        for (const Channel* c : guildChannels(guildId, true)) {
            std::vector<Snowflake> purge;
            for (const auto& [mid, m] : messagesIn(c->id))
                if (m.authorId == userId && mid >= since)
                    purge.push_back(mid);
            if (!purge.empty())
                bulkDeleteMessages(c->id, purge);
        }
    }
}

void World::unbanUser(Snowflake guildId, Snowflake userId) {
    Guild& g = requireGuild(guildId);
    if (!g.bans.erase(userId))
        throw ApiError::unknown(10026, QStringLiteral("Ban"));
    Dispatch d = guildDispatch(QStringLiteral("GUILD_BAN_REMOVE"),
                               QJsonObject{{QStringLiteral("guild_id"), json::id(guildId)},
                                           {QStringLiteral("user"), json::user(requireUser(userId))}},
                               guildId, intent::GuildModeration);
    d.permission = perm::BanMembers;
    emitDispatch(d);
}

Interaction& World::createInteraction(int type, Snowflake channelId, Snowflake userId, QJsonObject data,
                                      Snowflake messageId) {
    const Channel& c = requireChannel(channelId);
    const User& u = requireUser(userId);
    Interaction in;
    in.id = nextId();
    QByteArray secret(24, Qt::Uninitialized);
    for (char& ch : secret)
        ch = static_cast<char>(QRandomGenerator::global()->bounded(256));
    in.token =
        QStringLiteral("interaction.") + QString::number(in.id) + u'.' +
        QString::fromLatin1(secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    in.type = type;
    in.guildId = c.guildId;
    in.channelId = channelId;
    in.userId = userId;
    in.messageId = messageId;
    in.data = std::move(data);
    in.deliveredAtMs = QDateTime::currentMSecsSinceEpoch();

    const std::uint64_t userPerms = channelPermissions(channelId, userId);
    const std::uint64_t botPerms = channelPermissions(channelId, botId());
    QJsonObject channelPartial = json::channel(*this, c);
    channelPartial.insert(QStringLiteral("permissions"), QString::number(userPerms));
    QJsonObject payload{{QStringLiteral("id"), json::id(in.id)},
                        {QStringLiteral("application_id"), json::id(botId())},
                        {QStringLiteral("type"), type},
                        {QStringLiteral("token"), in.token},
                        {QStringLiteral("version"), 1},
                        {QStringLiteral("data"), in.data},
                        {QStringLiteral("channel_id"), json::id(channelId)},
                        {QStringLiteral("channel"), channelPartial},
                        {QStringLiteral("app_permissions"), QString::number(botPerms)},
                        {QStringLiteral("locale"), QStringLiteral("en-US")},
                        {QStringLiteral("entitlements"), QJsonArray{}},
                        {QStringLiteral("attachment_size_limit"), 10485760}};
    if (c.guildId) {
        const Guild& g = requireGuild(c.guildId);
        payload.insert(QStringLiteral("guild_id"), json::id(c.guildId));
        payload.insert(QStringLiteral("guild"), QJsonObject{{QStringLiteral("id"), json::id(c.guildId)},
                                                            {QStringLiteral("locale"), g.preferredLocale},
                                                            {QStringLiteral("features"), QJsonArray{}}});
        payload.insert(QStringLiteral("guild_locale"), g.preferredLocale);
        QJsonObject memberJson = json::member(*this, c.guildId, requireMember(c.guildId, userId), true);
        memberJson.insert(QStringLiteral("permissions"), QString::number(userPerms));
        payload.insert(QStringLiteral("member"), memberJson);
        payload.insert(QStringLiteral("authorizing_integration_owners"),
                       QJsonObject{{QStringLiteral("0"), json::id(c.guildId)}});
        payload.insert(QStringLiteral("context"), 0);
    } else {
        payload.insert(QStringLiteral("user"), json::user(u));
        payload.insert(QStringLiteral("authorizing_integration_owners"),
                       QJsonObject{{QStringLiteral("0"), QStringLiteral("0")}});
        payload.insert(QStringLiteral("context"), 1);
    }
    if (messageId)
        if (const Message* m = message(channelId, messageId))
            payload.insert(QStringLiteral("message"), json::message(*this, *m, botId(), false));
    m_interactionByToken.insert(in.token, in.id);
    Interaction& stored = m_interactions[in.id] = std::move(in);
    Dispatch d;
    d.type = QStringLiteral("INTERACTION_CREATE");
    d.data = payload;
    d.guildId = c.guildId;
    emitDispatch(d);
    return stored;
}

} // namespace botwright::sandbox
