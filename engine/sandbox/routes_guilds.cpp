// REST: guilds, guild channels, roles, emojis and guild invites (discord-protocol.md §3.8). Members
// and bans are in routes_members.cpp.
#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"
#include "engine/sandbox/body_fields.h"
#include "engine/sandbox/rest_router.h"
#include "engine/sandbox/world_json.h"

#include <QRegularExpression>

#include <cmath>

namespace botwright::sandbox {

void addMemberRoutes(RestRouter& router); // routes_members.cpp

namespace perm = protocol::permission;

using namespace body;

namespace {

constexpr std::uint64_t kCreateGuildExpressions = perm::bit(43);

// A data URI image (`data:image/png;base64,…`): returns the decoded size, or -1 when malformed.
qsizetype dataUriSize(const QString& text, bool* animated = nullptr) {
    static const QRegularExpression re(
        QStringLiteral("^data:image/(png|jpeg|jpg|gif|webp|avif);base64,([A-Za-z0-9+/=\\s]+)$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return -1;
    if (animated)
        *animated = m.captured(1) == QStringLiteral("gif");
    const auto decoded =
        QByteArray::fromBase64Encoding(m.captured(2).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? decoded.decoded.size() : -1;
}

QString imageHash(const QJsonObject& body, const QString& key) {
    const QJsonValue v = body.value(key);
    if (v.isNull())
        return {};
    if (dataUriSize(v.toString()) < 0)
        throw ApiError::invalidField(key, QStringLiteral("IMAGE_INVALID"),
                                     QStringLiteral("Invalid image data"));
    return World::randomText(32, false).toLower();
}

// ---- guild ----

RestResponse getGuild(RestContext& ctx) {
    const Guild& g = ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")));
    QJsonObject out = json::guild(ctx.world, g);
    if (ctx.queryBool(QStringLiteral("with_counts"), false)) {
        out.insert(QStringLiteral("approximate_member_count"), static_cast<int>(g.members.size()));
        out.insert(QStringLiteral("approximate_presence_count"), static_cast<int>(g.members.size()));
    }
    return RestResponse::json(out);
}

RestResponse patchGuild(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::ManageGuild);
    Guild& g = ctx.world.requireGuild(guildId);
    const QJsonObject body = ctx.bodyObject();
    // Validate everything before changing anything.
    const QString name =
        body.contains(QStringLiteral("name")) ? stringField(body, QStringLiteral("name"), 2, 100) : g.name;
    QString description = g.description;
    if (body.contains(QStringLiteral("description"))) {
        description = body.value(QStringLiteral("description")).toString();
        if (description.size() > 300)
            throw ApiError::invalidField(QStringLiteral("description"),
                                         QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                                         QStringLiteral("Must be 300 or fewer in length."));
    }
    const QString locale = body.contains(QStringLiteral("preferred_locale"))
                               ? stringField(body, QStringLiteral("preferred_locale"), 2, 10)
                               : g.preferredLocale;
    Snowflake systemChannel = g.systemChannelId;
    if (body.contains(QStringLiteral("system_channel_id"))) {
        const QJsonValue v = body.value(QStringLiteral("system_channel_id"));
        const auto id = snowflakeValue(v);
        const Channel* c = id ? ctx.world.channel(*id) : nullptr;
        if (!v.isNull() && (!c || c->guildId != guildId || c->type != channel_type::GuildText))
            throw ApiError::invalidField(QStringLiteral("system_channel_id"),
                                         QStringLiteral("CHANNEL_INVALID"),
                                         QStringLiteral("Not a text channel of this guild."));
        systemChannel = c ? c->id : 0;
    }
    const QString icon =
        body.contains(QStringLiteral("icon")) ? imageHash(body, QStringLiteral("icon")) : g.icon;
    Snowflake owner = g.ownerId;
    if (body.contains(QStringLiteral("owner_id"))) {
        owner = requiredSnowflake(body, QStringLiteral("owner_id"), QStringLiteral("owner_id"));
        if (g.ownerId != ctx.actorId() && owner != g.ownerId)
            throw ApiError::missingPermissions(); // only the owner hands the guild over
        ctx.world.requireMember(guildId, owner);
    }
    g.name = name;
    g.description = description;
    g.preferredLocale = locale;
    g.systemChannelId = systemChannel;
    g.icon = icon;
    g.ownerId = owner;
    ctx.world.emitGuildUpdate(g);
    return RestResponse::json(json::guild(ctx.world, g));
}

// ---- channels ----

RestResponse listGuildChannels(RestContext& ctx) {
    const Guild& g = ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")));
    QJsonArray out;
    for (const Channel* c : ctx.world.guildChannels(g.id, false))
        out.append(json::channel(ctx.world, *c));
    return RestResponse::json(out);
}

RestResponse createGuildChannel(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::ManageChannels);
    const QJsonObject body = ctx.bodyObject();
    Channel base;
    base.guildId = guildId;
    for (const Channel* other : ctx.world.guildChannels(guildId, false))
        base.position = std::max(base.position, other->position + 1);
    Channel c = ctx.world.withChannelSettings(base, body);
    if (body.contains(QStringLiteral("permission_overwrites")) && !c.overwrites.empty()) {
        ctx.requireGuildPermission(guildId, perm::ManageRoles);
        std::uint64_t bits = 0;
        for (const Overwrite& o : c.overwrites)
            bits |= o.allow | o.deny;
        if (bits & ~ctx.world.basePermissions(guildId, ctx.actorId()))
            throw ApiError::missingPermissions();
    }
    const Channel& stored = ctx.world.createGuildChannel(std::move(c));
    return RestResponse::json(json::channel(ctx.world, stored));
}

RestResponse moveGuildChannels(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::ManageChannels);
    const QJsonArray list = ctx.bodyArray();
    struct Move {
        Channel* channel = nullptr;
        std::optional<int> position;
        std::optional<Snowflake> parent; // 0 = no category
        bool lock = false;
    };
    std::vector<Move> moves;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = QString::number(i);
        const QJsonObject entry = list[i].toObject();
        Move move;
        move.channel =
            ctx.world.channel(requiredSnowflake(entry, QStringLiteral("id"), path + QStringLiteral(".id")));
        if (!move.channel || move.channel->guildId != guildId || channel_type::isThread(move.channel->type))
            throw ApiError::invalidField(path + QStringLiteral(".id"), QStringLiteral("CHANNEL_NOT_IN_GUILD"),
                                         QStringLiteral("Not a channel of this guild."));
        if (!absent(entry.value(QStringLiteral("position"))))
            move.position = intField(entry, QStringLiteral("position"), 0, 0, 1 << 20,
                                     path + QStringLiteral(".position"));
        if (entry.contains(QStringLiteral("parent_id"))) {
            const QJsonValue v = entry.value(QStringLiteral("parent_id"));
            const auto id = snowflakeValue(v);
            const Channel* parent = id ? ctx.world.channel(*id) : nullptr;
            if (!v.isNull() &&
                (!parent || parent->guildId != guildId || parent->type != channel_type::GuildCategory ||
                 move.channel->type == channel_type::GuildCategory))
                throw ApiError::invalidField(path + QStringLiteral(".parent_id"),
                                             QStringLiteral("CHANNEL_PARENT_INVALID"),
                                             QStringLiteral("Not a category of this guild."));
            move.parent = parent ? parent->id : 0;
        }
        move.lock = entry.value(QStringLiteral("lock_permissions")).toBool(false);
        moves.push_back(move);
    }
    std::vector<Channel*> changed;
    for (const Move& move : moves) {
        Channel& c = *move.channel;
        const Channel before = c;
        c.position = move.position.value_or(c.position);
        c.parentId = move.parent.value_or(c.parentId);
        if (move.lock && c.parentId)
            c.overwrites = ctx.world.requireChannel(c.parentId).overwrites;
        const bool sameOverwrites =
            before.overwrites.size() == c.overwrites.size() &&
            std::equal(before.overwrites.begin(), before.overwrites.end(), c.overwrites.begin(),
                       [](const Overwrite& a, const Overwrite& b) {
                           return a.id == b.id && a.type == b.type && a.allow == b.allow && a.deny == b.deny;
                       });
        if (before.position != c.position || before.parentId != c.parentId || !sameOverwrites)
            if (std::find(changed.begin(), changed.end(), &c) == changed.end())
                changed.push_back(&c);
    }
    for (const Channel* c : changed)
        ctx.world.emitChannelUpdate(*c);
    return RestResponse::noContent();
}

// ---- roles ----

std::vector<const Role*> sortedRoles(const Guild& g) {
    std::vector<const Role*> roles;
    for (const auto& [id, r] : g.roles)
        roles.push_back(&r);
    std::sort(roles.begin(), roles.end(), [](const Role* a, const Role* b) {
        return a->position != b->position ? a->position < b->position : a->id < b->id;
    });
    return roles;
}

QJsonArray rolesJson(const Guild& g) {
    QJsonArray out;
    for (const Role* r : sortedRoles(g))
        out.append(json::role(*r));
    return out;
}

RestResponse listRoles(RestContext& ctx) {
    return RestResponse::json(rolesJson(ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")))));
}

// Role fields of a create or edit body; permissions may only include bits the actor holds.
void applyRoleFields(const RestContext& ctx, Snowflake guildId, Role& role, const QJsonObject& body) {
    if (body.contains(QStringLiteral("name")) && !body.value(QStringLiteral("name")).isNull())
        role.name = stringField(body, QStringLiteral("name"), 1, 100);
    if (body.contains(QStringLiteral("permissions")) && !body.value(QStringLiteral("permissions")).isNull()) {
        const auto bits = snowflakeValue(body.value(QStringLiteral("permissions")));
        if (!bits)
            throw ApiError::invalidField(QStringLiteral("permissions"), QStringLiteral("NUMBER_TYPE_COERCE"),
                                         QStringLiteral("Value is not a valid permission set."));
        const std::uint64_t wanted = *bits & perm::All;
        if ((wanted & ~role.permissions) & ~ctx.world.basePermissions(guildId, ctx.actorId()))
            throw ApiError::missingPermissions();
        role.permissions = wanted;
    }
    role.color = intField(body, QStringLiteral("color"), role.color, 0, 0xFFFFFF);
    const QJsonObject colors = body.value(QStringLiteral("colors")).toObject();
    role.color = intField(colors, QStringLiteral("primary_color"), role.color, 0, 0xFFFFFF,
                          QStringLiteral("colors.primary_color"));
    role.hoist = boolField(body, QStringLiteral("hoist"), role.hoist);
    role.mentionable = boolField(body, QStringLiteral("mentionable"), role.mentionable);
    if (body.contains(QStringLiteral("unicode_emoji")))
        role.unicodeEmoji = body.value(QStringLiteral("unicode_emoji")).toString();
}

RestResponse createRole(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::ManageRoles);
    const Guild& g = ctx.world.requireGuild(guildId);
    Role role;
    role.name = QStringLiteral("new role");
    role.permissions = g.roles.count(guildId) ? g.roles.at(guildId).permissions : 0; // @everyone's
    applyRoleFields(ctx, guildId, role, ctx.bodyObject());
    return RestResponse::json(json::role(ctx.world.createRole(guildId, std::move(role))));
}

RestResponse moveRoles(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::ManageRoles);
    Guild& g = ctx.world.requireGuild(guildId);
    const QJsonArray list = ctx.bodyArray();
    std::vector<Snowflake> order; // roles above @everyone, lowest first
    for (const Role* r : sortedRoles(g))
        if (r->id != guildId)
            order.push_back(r->id);
    const int actorTop = ctx.world.highestRolePosition(guildId, ctx.actorId());
    const bool owner = g.ownerId == ctx.actorId();
    std::vector<std::pair<Snowflake, int>> moves;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = QString::number(i);
        const QJsonObject entry = list[i].toObject();
        const Snowflake roleId = requiredSnowflake(entry, QStringLiteral("id"), path + QStringLiteral(".id"));
        if (!g.roles.count(roleId) || roleId == guildId)
            throw ApiError::invalidField(path + QStringLiteral(".id"), QStringLiteral("ROLE_INVALID"),
                                         QStringLiteral("Not a movable role of this guild."));
        const int position = intField(entry, QStringLiteral("position"), g.roles.at(roleId).position, 1, 250,
                                      path + QStringLiteral(".position"));
        if (!owner && (!ctx.world.roleBelow(guildId, ctx.actorId(), roleId) || position >= actorTop))
            throw ApiError::missingPermissions();
        moves.emplace_back(roleId, position);
    }
    for (const auto& [roleId, position] : moves) {
        std::erase(order, roleId);
        const auto index = std::clamp<qsizetype>(position - 1, 0, static_cast<qsizetype>(order.size()));
        order.insert(order.begin() + index, roleId);
    }
    for (size_t i = 0; i < order.size(); ++i) {
        Role& r = g.roles.at(order[i]);
        if (r.position != static_cast<int>(i) + 1) {
            r.position = static_cast<int>(i) + 1;
            ctx.world.emitRoleEvent(QStringLiteral("GUILD_ROLE_UPDATE"), guildId, r);
        }
    }
    return RestResponse::json(rolesJson(g));
}

Role& editableRole(RestContext& ctx, Snowflake guildId) {
    ctx.requireGuildPermission(guildId, perm::ManageRoles);
    Role& role = ctx.world.requireRole(guildId, ctx.id(QStringLiteral("role_id")));
    if (role.id != guildId && !ctx.world.roleBelow(guildId, ctx.actorId(), role.id))
        throw ApiError::missingPermissions();
    return role;
}

RestResponse patchRole(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    Role& role = editableRole(ctx, guildId);
    Role updated = role;
    applyRoleFields(ctx, guildId, updated, ctx.bodyObject());
    role = updated;
    ctx.world.emitRoleEvent(QStringLiteral("GUILD_ROLE_UPDATE"), guildId, role);
    return RestResponse::json(json::role(role));
}

RestResponse deleteRole(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    const Role& role = editableRole(ctx, guildId);
    if (role.id == guildId)
        throw ApiError::invalidBody(QStringLiteral("The @everyone role cannot be deleted."));
    if (role.managed)
        throw ApiError::missingPermissions();
    ctx.world.deleteRole(guildId, role.id);
    return RestResponse::noContent();
}

// ---- emojis ----

QJsonObject emojiFor(const RestContext& ctx, Snowflake guildId, const Emoji& e) {
    QJsonObject out = json::emoji(e);
    if (ctx.world.basePermissions(guildId, ctx.actorId()) &
        (perm::ManageGuildExpressions | kCreateGuildExpressions))
        if (const User* u = ctx.world.user(e.creatorId))
            out.insert(QStringLiteral("user"), json::user(*u));
    return out;
}

QString emojiName(const QJsonObject& body) {
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_]+$"));
    const QString name = stringField(body, QStringLiteral("name"), 2, 32);
    if (!re.match(name).hasMatch())
        throw ApiError::invalidField(QStringLiteral("name"), QStringLiteral("STRING_TYPE_REGEX"),
                                     QStringLiteral("String value did not match validation regex."));
    return name;
}

std::vector<Snowflake> emojiRoles(const Guild& g, const QJsonObject& body) {
    std::vector<Snowflake> roles;
    const QJsonArray list = body.value(QStringLiteral("roles")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const auto id = snowflakeValue(list[i]);
        if (!id || !g.roles.count(*id))
            throw ApiError::invalidField(QStringLiteral("roles.") + QString::number(i),
                                         QStringLiteral("ROLE_INVALID"), QStringLiteral("Unknown role."));
        roles.push_back(*id);
    }
    return roles;
}

Emoji& requireEmoji(RestContext& ctx, Guild& g) {
    auto it = g.emojis.find(ctx.id(QStringLiteral("emoji_id")));
    if (it == g.emojis.end())
        throw ApiError::unknown(10014, QStringLiteral("Emoji"));
    return it->second;
}

// Managing an emoji: MANAGE_GUILD_EXPRESSIONS, or CREATE_GUILD_EXPRESSIONS for one's own.
Emoji& manageableEmoji(RestContext& ctx, Guild& g) {
    Emoji& e = requireEmoji(ctx, g);
    const std::uint64_t have = ctx.world.basePermissions(g.id, ctx.actorId());
    if (!(have & perm::ManageGuildExpressions) &&
        !((have & kCreateGuildExpressions) && e.creatorId == ctx.actorId()))
        throw ApiError::missingPermissions();
    return e;
}

RestResponse listEmojis(RestContext& ctx) {
    const Guild& g = ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")));
    QJsonArray out;
    for (const auto& [id, e] : g.emojis)
        out.append(emojiFor(ctx, g.id, e));
    return RestResponse::json(out);
}

RestResponse getEmoji(RestContext& ctx) {
    Guild& g = ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")));
    return RestResponse::json(emojiFor(ctx, g.id, requireEmoji(ctx, g)));
}

RestResponse createEmoji(RestContext& ctx) {
    Guild& g = ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")));
    if (!(ctx.world.basePermissions(g.id, ctx.actorId()) &
          (perm::ManageGuildExpressions | kCreateGuildExpressions)))
        throw ApiError::missingPermissions();
    const QJsonObject body = ctx.bodyObject();
    const QString name = emojiName(body);
    if (!body.value(QStringLiteral("image")).isString())
        requiredField(QStringLiteral("image"));
    bool animated = false;
    const qsizetype size = dataUriSize(body.value(QStringLiteral("image")).toString(), &animated);
    if (size < 0)
        throw ApiError::invalidField(QStringLiteral("image"), QStringLiteral("IMAGE_INVALID"),
                                     QStringLiteral("Invalid image data"));
    if (size > 256 * 1024)
        throw ApiError::invalidField(QStringLiteral("image"), QStringLiteral("BINARY_TYPE_MAX_SIZE"),
                                     QStringLiteral("File cannot be larger than 256.0 kb."));
    const std::vector<Snowflake> roles = emojiRoles(g, body);
    const auto sameKind = std::count_if(g.emojis.begin(), g.emojis.end(), [animated](const auto& entry) {
        return entry.second.animated == animated;
    });
    if (sameKind >= 50)
        throw ApiError(400, 30008, QStringLiteral("Maximum number of emojis reached (50)"));
    const Snowflake id = ctx.world.nextId();
    g.emojis[id] = Emoji{id, name, animated, roles, ctx.actorId()};
    ctx.world.emitEmojisUpdate(g);
    return RestResponse::json(emojiFor(ctx, g.id, g.emojis.at(id)));
}

RestResponse patchEmoji(RestContext& ctx) {
    Guild& g = ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")));
    Emoji& e = manageableEmoji(ctx, g);
    const QJsonObject body = ctx.bodyObject();
    const QString name = body.contains(QStringLiteral("name")) ? emojiName(body) : e.name;
    const std::vector<Snowflake> roles =
        body.contains(QStringLiteral("roles")) ? emojiRoles(g, body) : e.roles;
    e.name = name;
    e.roles = roles;
    ctx.world.emitEmojisUpdate(g);
    return RestResponse::json(emojiFor(ctx, g.id, e));
}

RestResponse deleteEmoji(RestContext& ctx) {
    Guild& g = ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")));
    const Emoji& e = manageableEmoji(ctx, g);
    g.emojis.erase(e.id);
    ctx.world.emitEmojisUpdate(g);
    return RestResponse::noContent();
}

// ---- invites ----

RestResponse guildInvites(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::ManageGuild);
    QJsonArray out;
    for (const auto& [code, inv] : ctx.world.invites())
        if (inv.guildId == guildId)
            out.append(json::invite(ctx.world, inv, true));
    return RestResponse::json(out);
}

} // namespace

void addGuildRoutes(RestRouter& r) {
    const QString guild = QStringLiteral("/guilds/{guild_id}");
    r.add("GET", guild, getGuild);
    r.add("PATCH", guild, patchGuild);
    r.add("GET", guild + QStringLiteral("/channels"), listGuildChannels);
    r.add("POST", guild + QStringLiteral("/channels"), createGuildChannel);
    r.add("PATCH", guild + QStringLiteral("/channels"), moveGuildChannels);
    r.add("GET", guild + QStringLiteral("/roles"), listRoles);
    r.add("POST", guild + QStringLiteral("/roles"), createRole);
    r.add("PATCH", guild + QStringLiteral("/roles"), moveRoles);
    r.add("PATCH", guild + QStringLiteral("/roles/{role_id}"), patchRole);
    r.add("DELETE", guild + QStringLiteral("/roles/{role_id}"), deleteRole);
    r.add("GET", guild + QStringLiteral("/emojis"), listEmojis);
    r.add("POST", guild + QStringLiteral("/emojis"), createEmoji);
    r.add("GET", guild + QStringLiteral("/emojis/{emoji_id}"), getEmoji);
    r.add("PATCH", guild + QStringLiteral("/emojis/{emoji_id}"), patchEmoji);
    r.add("DELETE", guild + QStringLiteral("/emojis/{emoji_id}"), deleteEmoji);
    r.add("GET", guild + QStringLiteral("/invites"), guildInvites);
    addMemberRoutes(r);
}

} // namespace botwright::sandbox
