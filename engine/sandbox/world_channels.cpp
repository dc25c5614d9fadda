// World: helpers for the channel, guild and webhook routes — channel settings, guild channels,
// thread joins, invites, webhooks, roles and the role hierarchy.
#include "engine/protocol/gateway_constants.h"
#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"
#include "engine/sandbox/body_fields.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_json.h"

#include <QJsonArray>
#include <QRandomGenerator>

#include <algorithm>

namespace botwright::sandbox {

namespace intent = protocol::intent;
namespace perm = protocol::permission;
using body::absent;
using body::snowflakeValue;

namespace {

Dispatch makeDispatch(const QString& type, QJsonObject data, Snowflake guildId, Snowflake channelId,
                      std::uint32_t intents, std::uint64_t permission = 0) {
    Dispatch d;
    d.type = type;
    d.data = std::move(data);
    d.guildId = guildId;
    d.channelId = channelId;
    d.intents = intents;
    d.permission = permission;
    return d;
}

std::uint64_t bitsValue(const QJsonValue& v, const QString& field) {
    if (absent(v))
        return 0;
    const auto bits = snowflakeValue(v); // a decimal 64-bit number, like a snowflake
    if (!bits)
        throw ApiError::invalidField(field, QStringLiteral("NUMBER_TYPE_COERCE"),
                                     QStringLiteral("Value is not a valid permission set."));
    return *bits & perm::All;
}

std::vector<Overwrite> parseOverwrites(const World& world, Snowflake guildId, const QJsonValue& value) {
    const QString field = QStringLiteral("permission_overwrites");
    if (!value.isArray())
        throw ApiError::invalidField(field, QStringLiteral("LIST_TYPE_CONVERT"),
                                     QStringLiteral("Must be an array."));
    const QJsonArray list = value.toArray();
    if (list.size() > 100)
        throw ApiError::invalidField(field, QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                                     QStringLiteral("Must be 100 or fewer in length."));
    const Guild* g = world.guild(guildId);
    std::vector<Overwrite> out;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = field + u'.' + QString::number(i);
        const QJsonObject o = list[i].toObject();
        const auto id = snowflakeValue(o.value(QStringLiteral("id")));
        if (!id)
            throw ApiError::invalidField(path + QStringLiteral(".id"), QStringLiteral("BASE_TYPE_REQUIRED"),
                                         QStringLiteral("This field is required"));
        const QJsonValue typeValue = o.value(QStringLiteral("type"));
        const int type = typeValue.isString() ? typeValue.toString().toInt() : typeValue.toInt(-1);
        if (type != 0 && type != 1)
            throw ApiError::invalidField(path + QStringLiteral(".type"), QStringLiteral("BASE_TYPE_CHOICES"),
                                         QStringLiteral("Value must be one of {0, 1}."));
        if ((type == 0 && (!g || !g->roles.count(*id))) || (type == 1 && !world.user(*id)))
            throw ApiError::invalidField(
                path + QStringLiteral(".id"), QStringLiteral("UNKNOWN_OVERWRITE_TARGET"),
                type == 0 ? QStringLiteral("Unknown role.") : QStringLiteral("Unknown user."));
        Overwrite ow{*id, type, bitsValue(o.value(QStringLiteral("allow")), path + QStringLiteral(".allow")),
                     bitsValue(o.value(QStringLiteral("deny")), path + QStringLiteral(".deny"))};
        std::erase_if(out, [&ow](const Overwrite& other) { return other.id == ow.id; });
        out.push_back(ow);
    }
    return out;
}

bool textLike(int type) {
    return type == channel_type::GuildText || type == channel_type::GuildAnnouncement ||
           type == channel_type::GuildForum || type == channel_type::GuildMedia;
}

} // namespace

Channel World::withChannelSettings(const Channel& base, const QJsonObject& body) const {
    Channel c = base;
    const bool creating = base.id == 0;
    const QJsonValue typeValue = body.value(QStringLiteral("type"));
    if (!absent(typeValue)) {
        const int type = typeValue.isDouble() ? typeValue.toInt(-1) : -1;
        static const std::vector<int> creatable{
            channel_type::GuildText,         channel_type::GuildVoice,      channel_type::GuildCategory,
            channel_type::GuildAnnouncement, channel_type::GuildStageVoice, channel_type::GuildForum,
            channel_type::GuildMedia};
        const bool convertible =
            (base.type == channel_type::GuildText && type == channel_type::GuildAnnouncement) ||
            (base.type == channel_type::GuildAnnouncement && type == channel_type::GuildText);
        if (creating ? std::find(creatable.begin(), creatable.end(), type) == creatable.end()
                     : (type != base.type && !convertible))
            throw ApiError::invalidField(QStringLiteral("type"), QStringLiteral("BASE_TYPE_CHOICES"),
                                         QStringLiteral("Value must be one of {0, 2, 4, 5, 13, 15, 16}."));
        c.type = type;
    }
    const QJsonValue nameValue = body.value(QStringLiteral("name"));
    if (creating || body.contains(QStringLiteral("name"))) {
        if (!nameValue.isString())
            throw ApiError::invalidField(QStringLiteral("name"), QStringLiteral("BASE_TYPE_REQUIRED"),
                                         QStringLiteral("This field is required"));
        QString name = nameValue.toString().trimmed();
        if (textLike(c.type))
            name = name.toLower().replace(u' ', u'-');
        if (name.isEmpty() || name.size() > 100)
            throw ApiError::invalidField(QStringLiteral("name"), QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                                         QStringLiteral("Must be between 1 and 100 in length."));
        c.name = name;
    }
    if (body.contains(QStringLiteral("topic"))) {
        const QString topic = body.value(QStringLiteral("topic")).toString();
        const int max =
            c.type == channel_type::GuildForum || c.type == channel_type::GuildMedia ? 4096 : 1024;
        if (topic.size() > max)
            throw ApiError::invalidField(QStringLiteral("topic"), QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                                         QStringLiteral("Must be %1 or fewer in length.").arg(max));
        c.topic = topic;
    }
    c.position = body::intField(body, QStringLiteral("position"), c.position, 0, 1 << 20);
    if (body.contains(QStringLiteral("nsfw")))
        c.nsfw = body.value(QStringLiteral("nsfw")).toBool(false);
    c.rateLimitPerUser =
        body::intField(body, QStringLiteral("rate_limit_per_user"), c.rateLimitPerUser, 0, 21600);
    c.bitrate = body::intField(body, QStringLiteral("bitrate"), c.bitrate, 8000, 384000);
    c.userLimit = body::intField(body, QStringLiteral("user_limit"), c.userLimit, 0,
                                 c.type == channel_type::GuildStageVoice ? 10000 : 99);
    if (body.contains(QStringLiteral("parent_id"))) {
        const QJsonValue parentValue = body.value(QStringLiteral("parent_id"));
        const auto parentId = snowflakeValue(parentValue);
        const Channel* parent = parentId ? channel(*parentId) : nullptr;
        if (!absent(parentValue) && (!parent || parent->type != channel_type::GuildCategory ||
                                     parent->guildId != c.guildId || c.type == channel_type::GuildCategory))
            throw ApiError::invalidField(QStringLiteral("parent_id"),
                                         QStringLiteral("CHANNEL_PARENT_INVALID"),
                                         QStringLiteral("Not a category of this guild."));
        c.parentId = parent ? parent->id : 0;
        if (creating && parent && !body.contains(QStringLiteral("permission_overwrites")))
            c.overwrites = parent->overwrites; // a new channel starts synced with its category
    }
    if (body.contains(QStringLiteral("permission_overwrites")))
        c.overwrites = parseOverwrites(*this, c.guildId, body.value(QStringLiteral("permission_overwrites")));
    return c;
}

Channel& World::createGuildChannel(Channel c) {
    requireGuild(c.guildId);
    if (guildChannels(c.guildId, false).size() >= 500)
        throw ApiError(400, 30013, QStringLiteral("Maximum number of guild channels reached (500)"));
    if (!c.id)
        c.id = nextId();
    Channel& stored = addChannel(std::move(c));
    emitDispatch(makeDispatch(QStringLiteral("CHANNEL_CREATE"), json::channel(*this, stored), stored.guildId,
                              stored.id, intent::Guilds));
    return stored;
}

bool World::joinThread(Snowflake threadId, Snowflake userId) {
    Channel& t = requireChannel(threadId);
    const auto isMember = [&t, userId] {
        return std::any_of(t.threadMembers.begin(), t.threadMembers.end(),
                           [userId](const ThreadMember& tm) { return tm.userId == userId; });
    };
    if (isMember())
        return false;
    addThreadMember(threadId, userId);
    if (userId == botId()) {
        QJsonObject data = json::channel(*this, t);
        for (const ThreadMember& tm : t.threadMembers)
            if (tm.userId == userId)
                data.insert(QStringLiteral("member"), json::threadMember(threadId, tm));
        emitDispatch(makeDispatch(QStringLiteral("THREAD_CREATE"), data, t.guildId, t.id, intent::Guilds));
    }
    return true;
}

Invite& World::createInvite(Invite inv) {
    const Channel& c = requireChannel(inv.channelId);
    inv.guildId = c.guildId;
    while (inv.code.isEmpty() || invite(inv.code))
        inv.code = randomText(8, false);
    inv.createdAt = QDateTime::currentDateTimeUtc();
    const QString code = inv.code;
    addInvite(std::move(inv));
    Invite& stored = m_invites.at(code);
    QJsonObject data{{QStringLiteral("type"), 0},
                     {QStringLiteral("code"), stored.code},
                     {QStringLiteral("channel_id"), json::id(stored.channelId)},
                     {QStringLiteral("guild_id"), json::id(stored.guildId)},
                     {QStringLiteral("created_at"), json::isoTime(stored.createdAt)},
                     {QStringLiteral("expires_at"),
                      stored.maxAge > 0 ? QJsonValue(json::isoTime(stored.createdAt.addSecs(stored.maxAge)))
                                        : QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("max_age"), stored.maxAge},
                     {QStringLiteral("max_uses"), stored.maxUses},
                     {QStringLiteral("temporary"), stored.temporary},
                     {QStringLiteral("uses"), stored.uses}};
    if (const User* u = user(stored.inviterId))
        data.insert(QStringLiteral("inviter"), json::user(*u));
    emitDispatch(makeDispatch(QStringLiteral("INVITE_CREATE"), data, stored.guildId, stored.channelId,
                              intent::GuildInvites, perm::ManageChannels));
    return stored;
}

void World::deleteInvite(const QString& code) {
    auto it = m_invites.find(code);
    if (it == m_invites.end())
        throw ApiError::unknown(10006, QStringLiteral("Invite"));
    const Invite removed = it->second;
    m_invites.erase(it);
    emitDispatch(makeDispatch(QStringLiteral("INVITE_DELETE"),
                              QJsonObject{{QStringLiteral("channel_id"), json::id(removed.channelId)},
                                          {QStringLiteral("guild_id"), json::id(removed.guildId)},
                                          {QStringLiteral("code"), removed.code}},
                              removed.guildId, removed.channelId, intent::GuildInvites,
                              perm::ManageChannels));
}

Webhook& World::createWebhook(Webhook w) {
    const Channel& c = requireChannel(w.channelId);
    const auto inChannel = std::count_if(m_webhooks.begin(), m_webhooks.end(),
                                         [&c](const auto& entry) { return entry.second.channelId == c.id; });
    if (inChannel >= 15)
        throw ApiError(400, 30007, QStringLiteral("Maximum number of webhooks reached (15)"));
    if (!w.id)
        w.id = nextId();
    if (w.token.isEmpty())
        w.token = randomText(68, true);
    w.guildId = c.guildId;
    const Snowflake id = w.id;
    addWebhook(std::move(w));
    emitWebhooksUpdate(c.guildId, c.id);
    return m_webhooks.at(id);
}

void World::deleteWebhook(Snowflake webhookId) {
    auto it = m_webhooks.find(webhookId);
    if (it == m_webhooks.end())
        throw ApiError::unknown(10015, QStringLiteral("Webhook"));
    const Snowflake guildId = it->second.guildId, channelId = it->second.channelId;
    m_webhooks.erase(it);
    emitWebhooksUpdate(guildId, channelId);
}

void World::emitWebhooksUpdate(Snowflake guildId, Snowflake channelId) {
    emitDispatch(makeDispatch(QStringLiteral("WEBHOOKS_UPDATE"),
                              QJsonObject{{QStringLiteral("guild_id"), json::id(guildId)},
                                          {QStringLiteral("channel_id"), json::id(channelId)}},
                              guildId, channelId, intent::GuildWebhooks));
}

Role& World::createRole(Snowflake guildId, Role role) {
    Guild& g = requireGuild(guildId);
    if (g.roles.size() >= 250)
        throw ApiError(400, 30005, QStringLiteral("Maximum number of guild roles reached (250)"));
    role.id = role.id ? role.id : nextId();
    role.position = 1;
    std::vector<Snowflake> moved;
    for (auto& [id, other] : g.roles)
        if (id != guildId && other.position >= 1) {
            ++other.position;
            moved.push_back(id);
        }
    const Snowflake id = role.id;
    Role& stored = g.roles[id] = std::move(role);
    emitRoleEvent(QStringLiteral("GUILD_ROLE_CREATE"), guildId, stored);
    for (Snowflake other : moved)
        emitRoleEvent(QStringLiteral("GUILD_ROLE_UPDATE"), guildId, g.roles.at(other));
    return stored;
}

void World::deleteRole(Snowflake guildId, Snowflake roleId) {
    Guild& g = requireGuild(guildId);
    const Role removed = requireRole(guildId, roleId);
    g.roles.erase(roleId);
    // Members, overwrites and emoji restrictions lose the role with it.
    for (auto& [uid, m] : g.members)
        std::erase(m.roles, roleId);
    for (auto& [cid, c] : m_channels)
        if (c.guildId == guildId)
            std::erase_if(c.overwrites,
                          [roleId](const Overwrite& o) { return o.type == 0 && o.id == roleId; });
    for (auto& [eid, e] : g.emojis)
        std::erase(e.roles, roleId);
    emitRoleEvent(QStringLiteral("GUILD_ROLE_DELETE"), guildId, removed);
}

bool World::outranks(Snowflake guildId, Snowflake actorId, Snowflake targetId) const {
    const Guild* g = guild(guildId);
    if (!g || g->ownerId == targetId)
        return false;
    return g->ownerId == actorId ||
           highestRolePosition(guildId, actorId) > highestRolePosition(guildId, targetId);
}

bool World::roleBelow(Snowflake guildId, Snowflake actorId, Snowflake roleId) const {
    const Guild* g = guild(guildId);
    if (!g)
        return false;
    auto it = g->roles.find(roleId);
    if (it == g->roles.end())
        return false;
    return g->ownerId == actorId || it->second.position < highestRolePosition(guildId, actorId);
}

QString World::randomText(int length, bool urlSafe) {
    static const QString alphanumeric =
        QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    const QString alphabet = urlSafe ? alphanumeric + QStringLiteral("-_") : alphanumeric;
    QString out;
    out.reserve(length);
    for (int i = 0; i < length; ++i)
        out.append(alphabet.at(QRandomGenerator::global()->bounded(static_cast<int>(alphabet.size()))));
    return out;
}

} // namespace botwright::sandbox
