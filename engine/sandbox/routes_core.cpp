// REST: gateway discovery, users, DMs and the application (discord-protocol.md §3.5).
#include "engine/sandbox/api_error.h"
#include "engine/sandbox/rest_router.h"
#include "engine/sandbox/world_json.h"

namespace botwright::sandbox {

namespace {

QString gatewayUrl(const RestContext& ctx) {
    QString url = ctx.publicBaseUrl;
    url.replace(QStringLiteral("http://"), QStringLiteral("ws://"));
    return url;
}

RestResponse getUser(RestContext& ctx) {
    const User& u = ctx.world.requireUser(ctx.id(QStringLiteral("user_id")));
    return RestResponse::json(json::user(u));
}

RestResponse getMe(RestContext& ctx) {
    QJsonObject me = json::user(*ctx.actor);
    me.insert(QStringLiteral("verified"), true);
    me.insert(QStringLiteral("mfa_enabled"), false);
    me.insert(QStringLiteral("flags"), 0);
    me.insert(QStringLiteral("locale"), QStringLiteral("en-US"));
    return RestResponse::json(me);
}

RestResponse patchMe(RestContext& ctx) {
    const QJsonObject body = ctx.bodyObject();
    if (body.contains(QStringLiteral("username"))) {
        const QString name = body.value(QStringLiteral("username")).toString();
        if (name.size() < 2 || name.size() > 32)
            throw ApiError::invalidField(QStringLiteral("username"), QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                                         QStringLiteral("Must be between 2 and 32 in length."));
        ctx.actor->username = name;
    }
    if (body.contains(QStringLiteral("avatar")))
        ctx.actor->avatar =
            body.value(QStringLiteral("avatar")).isNull() ? QString() : QStringLiteral("sandbox-avatar");
    Dispatch d;
    d.type = QStringLiteral("USER_UPDATE");
    d.data = json::user(*ctx.actor);
    if (ctx.actorIsBot)
        ctx.world.emitDispatch(d);
    return RestResponse::json(json::user(*ctx.actor));
}

RestResponse myGuilds(RestContext& ctx) {
    const int limit = ctx.queryInt(QStringLiteral("limit"), 200, 1, 200);
    const Snowflake after = ctx.querySnowflake(QStringLiteral("after")).value_or(0);
    const auto before = ctx.querySnowflake(QStringLiteral("before"));
    const bool withCounts = ctx.queryBool(QStringLiteral("with_counts"), false);
    QJsonArray out;
    for (Snowflake gid : ctx.world.guildsOf(ctx.actorId())) {
        if (gid <= after || (before && gid >= *before) || out.size() >= limit)
            continue;
        const Guild& g = *ctx.world.guild(gid);
        QJsonObject partial{
            {QStringLiteral("id"), json::id(gid)},
            {QStringLiteral("name"), g.name},
            {QStringLiteral("icon"), json::stringOrNull(g.icon)},
            {QStringLiteral("banner"), QJsonValue::Null},
            {QStringLiteral("owner"), g.ownerId == ctx.actorId()},
            {QStringLiteral("permissions"), QString::number(ctx.world.basePermissions(gid, ctx.actorId()))},
            {QStringLiteral("features"), QJsonArray{}}};
        if (withCounts) {
            partial.insert(QStringLiteral("approximate_member_count"), static_cast<int>(g.members.size()));
            partial.insert(QStringLiteral("approximate_presence_count"), static_cast<int>(g.members.size()));
        }
        out.append(partial);
    }
    return RestResponse::json(out);
}

RestResponse leaveGuild(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    const Guild& g = ctx.requireGuildAccess(guildId);
    if (g.ownerId == ctx.actorId())
        throw ApiError::invalidBody(QStringLiteral("The owner cannot leave the guild."));
    ctx.world.removeMember(guildId, ctx.actorId());
    return RestResponse::noContent();
}

RestResponse openDm(RestContext& ctx) {
    const QJsonObject body = ctx.bodyObject();
    const auto recipient = protocol::parseSnowflake(body.value(QStringLiteral("recipient_id")).toString());
    if (!recipient)
        throw ApiError::invalidField(QStringLiteral("recipient_id"), QStringLiteral("BASE_TYPE_REQUIRED"),
                                     QStringLiteral("This field is required"));
    const Channel& dm = ctx.world.openDm(ctx.actorId(), *recipient);
    QJsonObject out = json::channel(ctx.world, dm);
    // Each side sees the other as the recipient.
    QJsonArray recipients;
    for (Snowflake r : dm.recipients)
        if (r != ctx.actorId())
            if (const User* u = ctx.world.user(r))
                recipients.append(json::user(*u));
    out.insert(QStringLiteral("recipients"), recipients);
    return RestResponse::json(out);
}

} // namespace

void addCoreRoutes(RestRouter& r) {
    r.add(
        "GET", QStringLiteral("/gateway"),
        [](RestContext& ctx) {
            return RestResponse::json(QJsonObject{{QStringLiteral("url"), gatewayUrl(ctx)}});
        },
        RestAuth::None);
    r.add(
        "GET", QStringLiteral("/gateway/bot"),
        [](RestContext& ctx) {
            const SandboxOptions& o = *ctx.options;
            return RestResponse::json(
                QJsonObject{{QStringLiteral("url"), gatewayUrl(ctx)},
                            {QStringLiteral("shards"), o.recommendedShards},
                            {QStringLiteral("session_start_limit"),
                             QJsonObject{{QStringLiteral("total"), o.identifyBudget},
                                         {QStringLiteral("remaining"), ctx.world.identifiesLeft()},
                                         {QStringLiteral("reset_after"), 86400000},
                                         {QStringLiteral("max_concurrency"), o.maxConcurrency}}}});
        },
        RestAuth::BotOnly);
    r.add("GET", QStringLiteral("/users/@me"), getMe);
    r.add("PATCH", QStringLiteral("/users/@me"), patchMe);
    r.add("GET", QStringLiteral("/users/{user_id}"), getUser);
    r.add("GET", QStringLiteral("/users/@me/guilds"), myGuilds);
    r.add("DELETE", QStringLiteral("/users/@me/guilds/{guild_id}"), leaveGuild);
    r.add("POST", QStringLiteral("/users/@me/channels"), openDm);
    r.add("GET", QStringLiteral("/applications/@me"),
          [](RestContext& ctx) { return RestResponse::json(json::application(ctx.world)); });
    r.add("GET", QStringLiteral("/oauth2/applications/@me"),
          [](RestContext& ctx) { return RestResponse::json(json::application(ctx.world)); });
}

} // namespace botwright::sandbox
