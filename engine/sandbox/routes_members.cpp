// REST: guild members, their roles and bans (discord-protocol.md §3.8, hierarchy in §5).
#include "engine/protocol/gateway_constants.h"
#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"
#include "engine/sandbox/body_fields.h"
#include "engine/sandbox/rest_router.h"
#include "engine/sandbox/world_json.h"

#include <QUrl>

namespace botwright::sandbox {

void addMemberRoutes(RestRouter& router);

namespace perm = protocol::permission;

using namespace body;

namespace {

constexpr std::uint64_t kMuteMembers = perm::bit(22);
constexpr std::uint64_t kDeafenMembers = perm::bit(23);
constexpr std::uint64_t kMoveMembers = perm::bit(24);
constexpr std::uint64_t kConnect = perm::bit(20);

void requireBits(const RestContext& ctx, Snowflake guildId, std::uint64_t bits) {
    if ((ctx.world.basePermissions(guildId, ctx.actorId()) & bits) != bits)
        throw ApiError::missingPermissions();
}

// A voice or stage channel of the guild, or 400 50024.
void requireVoiceChannel(const RestContext& ctx, Snowflake guildId, Snowflake channelId) {
    const Channel* c = ctx.world.channel(channelId);
    if (!c || c->guildId != guildId ||
        (c->type != channel_type::GuildVoice && c->type != channel_type::GuildStageVoice))
        throw ApiError(400, 50024, QStringLiteral("Cannot execute action on this channel type"));
}

// Acting on another member (kick, ban, nickname, roles, timeout) needs a higher highest role.
void requireOutranks(const RestContext& ctx, Snowflake guildId, Snowflake targetId) {
    if (targetId != ctx.actorId() && !ctx.world.outranks(guildId, ctx.actorId(), targetId))
        throw ApiError::missingPermissions();
}

// A role the actor may hand out or take away: below its highest role, not managed, not @everyone.
void requireAssignable(const RestContext& ctx, Snowflake guildId, const Role& role) {
    if (role.managed || !ctx.world.roleBelow(guildId, ctx.actorId(), role.id))
        throw ApiError::missingPermissions();
}

QString nickField(const QJsonObject& body) {
    const QJsonValue v = body.value(QStringLiteral("nick"));
    if (v.isNull())
        return {};
    if (!v.isString())
        throw ApiError::invalidField(QStringLiteral("nick"), QStringLiteral("BASE_TYPE_STRING"),
                                     QStringLiteral("Must be a string."));
    const QString nick = v.toString().trimmed();
    if (nick.size() > 32)
        throw ApiError::invalidField(QStringLiteral("nick"), QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                                     QStringLiteral("Must be between 1 and 32 in length."));
    return nick;
}

std::vector<Snowflake> roleListField(const Guild& g, const QJsonObject& body) {
    const QJsonValue v = body.value(QStringLiteral("roles"));
    if (!v.isArray())
        throw ApiError::invalidField(QStringLiteral("roles"), QStringLiteral("LIST_TYPE_CONVERT"),
                                     QStringLiteral("Must be an array."));
    std::vector<Snowflake> roles;
    const QJsonArray list = v.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const auto id = protocol::parseSnowflake(list[i].toString());
        if (!id || !g.roles.count(*id))
            throw ApiError::invalidField(QStringLiteral("roles.") + QString::number(i),
                                         QStringLiteral("ROLE_INVALID"), QStringLiteral("Unknown role."));
        if (*id != g.id && std::find(roles.begin(), roles.end(), *id) == roles.end())
            roles.push_back(*id);
    }
    return roles;
}

QJsonObject memberFor(const RestContext& ctx, Snowflake guildId, const Member& m) {
    return json::member(ctx.world, guildId, m, true);
}

// ---- members ----

RestResponse getMember(RestContext& ctx) {
    const Guild& g = ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")));
    return RestResponse::json(
        memberFor(ctx, g.id, ctx.world.requireMember(g.id, ctx.id(QStringLiteral("user_id")))));
}

RestResponse listMembers(RestContext& ctx) {
    const Guild& g = ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")));
    // An HTTP restriction of its own: the application needs the GUILD_MEMBERS privileged intent.
    if (ctx.actorIsBot && !(ctx.world.application().privilegedIntents & protocol::intent::GuildMembers))
        throw ApiError::missingAccess();
    const int limit = ctx.queryInt(QStringLiteral("limit"), 1, 1, 1000);
    const Snowflake after = ctx.querySnowflake(QStringLiteral("after")).value_or(0);
    QJsonArray out;
    for (auto it = g.members.upper_bound(after); it != g.members.end() && out.size() < limit; ++it)
        out.append(memberFor(ctx, g.id, it->second));
    return RestResponse::json(out);
}

RestResponse searchMembers(RestContext& ctx) {
    const Guild& g = ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")));
    if (!ctx.request.query.hasQueryItem(QStringLiteral("query")))
        requiredField(QStringLiteral("query"));
    const QString query = ctx.request.query.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded);
    const int limit = ctx.queryInt(QStringLiteral("limit"), 1, 1, 1000);
    QJsonArray out;
    for (const auto& [userId, m] : g.members) {
        const User* u = ctx.world.user(userId);
        const bool match = (u && (u->username.startsWith(query, Qt::CaseInsensitive) ||
                                  u->globalName.startsWith(query, Qt::CaseInsensitive))) ||
                           (!m.nick.isEmpty() && m.nick.startsWith(query, Qt::CaseInsensitive));
        if (match && out.size() < limit)
            out.append(memberFor(ctx, g.id, m));
    }
    return RestResponse::json(out);
}

RestResponse patchMember(RestContext& ctx, bool self) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    const Guild& g = ctx.requireGuildAccess(guildId);
    const Snowflake userId = self ? ctx.actorId() : ctx.id(QStringLiteral("user_id"));
    Member& m = ctx.world.requireMember(guildId, userId);
    const QJsonObject body = ctx.bodyObject();
    const bool me = userId == ctx.actorId();
    Member updated = m;
    if (body.contains(QStringLiteral("nick"))) {
        const std::uint64_t have = ctx.world.basePermissions(guildId, ctx.actorId());
        if (!(have & perm::ManageNicknames) && !(me && (have & perm::ChangeNickname)))
            throw ApiError::missingPermissions();
        requireOutranks(ctx, guildId, userId);
        updated.nick = nickField(body);
    }
    if (!self && body.contains(QStringLiteral("roles"))) {
        requireBits(ctx, guildId, perm::ManageRoles);
        requireOutranks(ctx, guildId, userId);
        updated.roles = roleListField(g, body);
        for (const Snowflake roleId : updated.roles)
            if (std::find(m.roles.begin(), m.roles.end(), roleId) == m.roles.end())
                requireAssignable(ctx, guildId, g.roles.at(roleId));
        for (const Snowflake roleId : m.roles)
            if (std::find(updated.roles.begin(), updated.roles.end(), roleId) == updated.roles.end())
                if (auto it = g.roles.find(roleId); it != g.roles.end())
                    requireAssignable(ctx, guildId, it->second);
    }
    if (!self && body.contains(QStringLiteral("mute"))) {
        requireBits(ctx, guildId, kMuteMembers);
        updated.mute = boolField(body, QStringLiteral("mute"), m.mute);
    }
    if (!self && body.contains(QStringLiteral("deaf"))) {
        requireBits(ctx, guildId, kDeafenMembers);
        updated.deaf = boolField(body, QStringLiteral("deaf"), m.deaf);
    }
    std::optional<Snowflake> voiceChannel; // a move (or, 0, a disconnect)
    if (!self && body.contains(QStringLiteral("channel_id"))) {
        requireBits(ctx, guildId, kMoveMembers);
        const QJsonValue v = body.value(QStringLiteral("channel_id"));
        if (!v.isNull() && !m.voiceChannelId)
            throw ApiError(400, 40032, QStringLiteral("Target user is not connected to voice."));
        voiceChannel =
            v.isNull() ? 0
                       : requiredSnowflake(body, QStringLiteral("channel_id"), QStringLiteral("channel_id"));
        if (*voiceChannel) {
            requireVoiceChannel(ctx, guildId, *voiceChannel);
            if (!(ctx.world.channelPermissions(*voiceChannel, ctx.actorId()) & kConnect))
                throw ApiError::missingPermissions();
        }
    }
    if (!self && body.contains(QStringLiteral("communication_disabled_until"))) {
        requireBits(ctx, guildId, perm::ModerateMembers);
        if (me || !ctx.world.outranks(guildId, ctx.actorId(), userId) ||
            (ctx.world.basePermissions(guildId, userId) & perm::Administrator))
            throw ApiError::missingPermissions(); // nobody times out themselves, an admin or the owner
        const QJsonValue v = body.value(QStringLiteral("communication_disabled_until"));
        const QString field = QStringLiteral("communication_disabled_until");
        QDateTime until;
        if (!v.isNull()) {
            until = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
            if (!until.isValid())
                throw ApiError::invalidField(
                    field, QStringLiteral("DATE_TIME_TYPE_PARSE"),
                    QStringLiteral("Could not parse %1. Should be ISO8601.").arg(v.toString()));
            if (until > QDateTime::currentDateTimeUtc().addDays(28))
                throw ApiError::invalidField(field, QStringLiteral("COMMUNICATION_DISABLED_TIMEOUT_TOO_LONG"),
                                             QStringLiteral("A timeout can last at most 28 days."));
        }
        updated.communicationDisabledUntil = until.toUTC();
    }
    const bool voiceFlagsChanged = m.voiceChannelId && (updated.mute != m.mute || updated.deaf != m.deaf);
    m = updated;
    ctx.world.emitMemberUpdate(guildId, m);
    if (voiceChannel)
        ctx.world.setVoiceChannel(guildId, userId, *voiceChannel);
    else if (voiceFlagsChanged)
        ctx.world.emitVoiceState(guildId, m);
    return RestResponse::json(memberFor(ctx, guildId, m));
}

RestResponse addGuildMember(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::CreateInstantInvite);
    const Guild& g = ctx.world.requireGuild(guildId);
    const User& u = ctx.world.requireUser(ctx.id(QStringLiteral("user_id")));
    const QJsonObject body = ctx.bodyObject();
    if (body.value(QStringLiteral("access_token")).toString().isEmpty())
        requiredField(QStringLiteral("access_token"));
    if (ctx.world.member(guildId, u.id))
        return RestResponse::noContent();
    if (g.bans.count(u.id))
        throw ApiError(403, 40007, QStringLiteral("The user is banned from this guild."));
    QString nick;
    std::vector<Snowflake> roles;
    if (body.contains(QStringLiteral("nick"))) {
        requireBits(ctx, guildId, perm::ManageNicknames);
        nick = nickField(body);
    }
    if (body.contains(QStringLiteral("roles"))) {
        requireBits(ctx, guildId, perm::ManageRoles);
        roles = roleListField(g, body);
        for (const Snowflake roleId : roles)
            requireAssignable(ctx, guildId, g.roles.at(roleId));
    }
    const bool mute = boolField(body, QStringLiteral("mute"), false);
    const bool deaf = boolField(body, QStringLiteral("deaf"), false);
    if (mute)
        requireBits(ctx, guildId, kMuteMembers);
    if (deaf)
        requireBits(ctx, guildId, kDeafenMembers);
    Member& m = ctx.world.addMember(guildId, u.id, nick, roles);
    m.mute = mute;
    m.deaf = deaf;
    return RestResponse::json(memberFor(ctx, guildId, m), 201);
}

RestResponse kickMember(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::KickMembers);
    const Member& m = ctx.world.requireMember(guildId, ctx.id(QStringLiteral("user_id")));
    if (!ctx.world.outranks(guildId, ctx.actorId(), m.userId)) // includes the owner and oneself
        throw ApiError::missingPermissions();
    ctx.world.removeMember(guildId, m.userId);
    return RestResponse::noContent();
}

RestResponse memberRole(RestContext& ctx, bool add) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::ManageRoles);
    Member& m = ctx.world.requireMember(guildId, ctx.id(QStringLiteral("user_id")));
    const Snowflake roleId = ctx.id(QStringLiteral("role_id"));
    if (roleId == guildId)
        throw ApiError::unknown(10011, QStringLiteral("Role"));
    const Role& role = ctx.world.requireRole(guildId, roleId);
    requireAssignable(ctx, guildId, role);
    requireOutranks(ctx, guildId, m.userId);
    const bool has = std::find(m.roles.begin(), m.roles.end(), roleId) != m.roles.end();
    if (has == add)
        return RestResponse::noContent();
    if (add)
        m.roles.push_back(roleId);
    else
        std::erase(m.roles, roleId);
    ctx.world.emitMemberUpdate(guildId, m);
    return RestResponse::noContent();
}

// ---- bans ----

QJsonObject banFor(const World& world, const Ban& ban) {
    QJsonObject out{{QStringLiteral("reason"), json::stringOrNull(ban.reason)}};
    if (const User* u = world.user(ban.userId))
        out.insert(QStringLiteral("user"), json::user(*u));
    return out;
}

RestResponse listBans(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::BanMembers);
    const Guild& g = ctx.world.requireGuild(guildId);
    const int limit = ctx.queryInt(QStringLiteral("limit"), 1000, 1, 1000);
    const auto before = ctx.querySnowflake(QStringLiteral("before"));
    const auto after = ctx.querySnowflake(QStringLiteral("after"));
    std::vector<const Ban*> picked;
    if (before && !after) { // the `limit` bans just below `before`, still ascending
        for (auto it = std::make_reverse_iterator(g.bans.lower_bound(*before));
             it != g.bans.rend() && static_cast<int>(picked.size()) < limit; ++it)
            picked.insert(picked.begin(), &it->second);
    } else {
        for (auto it = g.bans.upper_bound(after.value_or(0));
             it != g.bans.end() && static_cast<int>(picked.size()) < limit; ++it)
            if (!before || it->first < *before)
                picked.push_back(&it->second);
    }
    QJsonArray out;
    for (const Ban* ban : picked)
        out.append(banFor(ctx.world, *ban));
    return RestResponse::json(out);
}

RestResponse getBan(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::BanMembers);
    const Guild& g = ctx.world.requireGuild(guildId);
    auto it = g.bans.find(ctx.id(QStringLiteral("user_id")));
    if (it == g.bans.end())
        throw ApiError::unknown(10026, QStringLiteral("Ban"));
    return RestResponse::json(banFor(ctx.world, it->second));
}

RestResponse putBan(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::BanMembers);
    const Guild& g = ctx.world.requireGuild(guildId);
    const User& u = ctx.world.requireUser(ctx.id(QStringLiteral("user_id")));
    const QJsonObject body = ctx.bodyObject();
    const QString field = QStringLiteral("delete_message_seconds");
    int seconds = 0;
    if (!absent(body.value(field))) {
        const double value = body.value(field).toDouble(-1);
        if (!body.value(field).isDouble() || value < 0 || value > 604800)
            throw ApiError::invalidField(field, QStringLiteral("NUMBER_TYPE_MAX"),
                                         QStringLiteral("Int value should be between 0 and 604800."));
        seconds = static_cast<int>(value);
    } else if (!absent(body.value(QStringLiteral("delete_message_days")))) { // deprecated form
        const double days = body.value(QStringLiteral("delete_message_days")).toDouble(-1);
        if (days < 0 || days > 7)
            throw ApiError::invalidField(QStringLiteral("delete_message_days"),
                                         QStringLiteral("NUMBER_TYPE_MAX"),
                                         QStringLiteral("Int value should be between 0 and 7."));
        seconds = static_cast<int>(days) * 86400;
    }
    if (u.id == g.ownerId || (g.members.count(u.id) && !ctx.world.outranks(guildId, ctx.actorId(), u.id)))
        throw ApiError::missingPermissions();
    const QString reason =
        QUrl::fromPercentEncoding(ctx.request.header("x-audit-log-reason")).trimmed().left(512);
    ctx.world.banUser(guildId, u.id, reason, seconds);
    return RestResponse::noContent();
}

RestResponse deleteBan(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::BanMembers);
    ctx.world.unbanUser(guildId, ctx.id(QStringLiteral("user_id")));
    return RestResponse::noContent();
}

// GET /guilds/{g}/voice-states/{u|@me}: a connected member's voice state, or 404 10065.
RestResponse getVoiceState(RestContext& ctx, bool me) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildAccess(guildId);
    const Snowflake userId = me ? ctx.actorId() : ctx.id(QStringLiteral("user_id"));
    const Member* m = ctx.world.member(guildId, userId);
    if (!m || !m->voiceChannelId)
        throw ApiError::unknown(10065, QStringLiteral("Voice State"));
    return RestResponse::json(json::voiceState(ctx.world, guildId, *m, true));
}

// Sandbox only (Discord's client does this over its own gateway, op 4): a simulated person joins,
// moves between or leaves (channel_id null) voice channels, with self_mute/self_deaf. 204.
RestResponse putOwnVoiceState(RestContext& ctx) {
    if (ctx.actorIsBot)
        throw ApiError(403, 20001,
                       QStringLiteral("Bots cannot use this endpoint; they join voice through the gateway"));
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildAccess(guildId);
    const QJsonObject body = ctx.bodyObject();
    Snowflake channelId = 0;
    if (!body.value(QStringLiteral("channel_id")).isNull()) {
        channelId = requiredSnowflake(body, QStringLiteral("channel_id"), QStringLiteral("channel_id"));
        requireVoiceChannel(ctx, guildId, channelId);
        const std::uint64_t need = kConnect | perm::ViewChannel;
        if ((ctx.world.channelPermissions(channelId, ctx.actorId()) & need) != need)
            throw ApiError::missingPermissions();
    }
    std::optional<bool> selfMute, selfDeaf;
    if (body.contains(QStringLiteral("self_mute")))
        selfMute = boolField(body, QStringLiteral("self_mute"), false);
    if (body.contains(QStringLiteral("self_deaf")))
        selfDeaf = boolField(body, QStringLiteral("self_deaf"), false);
    ctx.world.setVoiceChannel(guildId, ctx.actorId(), channelId, selfMute, selfDeaf);
    return RestResponse::noContent();
}

} // namespace

void addMemberRoutes(RestRouter& r) {
    const QString voice = QStringLiteral("/guilds/{guild_id}/voice-states");
    r.add("GET", voice + QStringLiteral("/@me"), [](RestContext& ctx) { return getVoiceState(ctx, true); });
    r.add("GET", voice + QStringLiteral("/{user_id}"),
          [](RestContext& ctx) { return getVoiceState(ctx, false); });
    r.add("PUT", QStringLiteral("/sandbox") + voice + QStringLiteral("/@me"), putOwnVoiceState);
    const QString members = QStringLiteral("/guilds/{guild_id}/members");
    r.add("GET", members, listMembers);
    r.add("GET", members + QStringLiteral("/search"), searchMembers);
    r.add("GET", members + QStringLiteral("/{user_id}"), getMember);
    r.add("PATCH", members + QStringLiteral("/{user_id}"),
          [](RestContext& ctx) { return patchMember(ctx, false); });
    r.add("PATCH", members + QStringLiteral("/@me"), [](RestContext& ctx) { return patchMember(ctx, true); });
    r.add("PUT", members + QStringLiteral("/{user_id}"), addGuildMember, RestAuth::BotOnly);
    r.add("DELETE", members + QStringLiteral("/{user_id}"), kickMember);
    r.add("PUT", members + QStringLiteral("/{user_id}/roles/{role_id}"),
          [](RestContext& ctx) { return memberRole(ctx, true); });
    r.add("DELETE", members + QStringLiteral("/{user_id}/roles/{role_id}"),
          [](RestContext& ctx) { return memberRole(ctx, false); });
    const QString bans = QStringLiteral("/guilds/{guild_id}/bans");
    r.add("GET", bans, listBans);
    r.add("GET", bans + QStringLiteral("/{user_id}"), getBan);
    r.add("PUT", bans + QStringLiteral("/{user_id}"), putBan);
    r.add("DELETE", bans + QStringLiteral("/{user_id}"), deleteBan);
}

} // namespace botwright::sandbox
