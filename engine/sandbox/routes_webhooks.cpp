// REST: webhooks and their execution (discord-protocol.md §3.9). Interaction follow-ups share the
// /webhooks/{id}/{token} paths; those requests are handed to routes_interactions.cpp.
#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"
#include "engine/sandbox/body_fields.h"
#include "engine/sandbox/interaction_webhooks.h"
#include "engine/sandbox/message_uploads.h"
#include "engine/sandbox/message_validation.h"
#include "engine/sandbox/rest_router.h"
#include "engine/sandbox/world_json.h"

#include <QRegularExpression>

namespace botwright::sandbox {

namespace perm = protocol::permission;
using channel_type::isThread;

using namespace body;

namespace {

// Webhook names and username overrides: 1–80 characters, never "clyde" or "discord".
QString webhookName(const QJsonObject& body, const QString& key) {
    const QJsonValue v = body.value(key);
    if (!v.isString())
        requiredField(key);
    const QString name = v.toString().trimmed();
    if (name.isEmpty() || name.size() > 80)
        throw ApiError::invalidField(key, QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                                     QStringLiteral("Must be between 1 and 80 in length."));
    for (const QString& word : {QStringLiteral("clyde"), QStringLiteral("discord")})
        if (name.contains(word, Qt::CaseInsensitive))
            throw ApiError::invalidField(key, QStringLiteral("USERNAME_INVALID_CONTAINS"),
                                         QStringLiteral("Username cannot contain \"%1\"").arg(word));
    return name;
}

QString avatarHash(const QJsonObject& body) {
    static const QRegularExpression re(
        QStringLiteral("^data:image/(png|jpeg|jpg|gif|webp);base64,[A-Za-z0-9+/=\\s]+$"));
    const QJsonValue v = body.value(QStringLiteral("avatar"));
    if (v.isNull())
        return {};
    if (!re.match(v.toString()).hasMatch())
        throw ApiError::invalidField(QStringLiteral("avatar"), QStringLiteral("IMAGE_INVALID"),
                                     QStringLiteral("Invalid image data"));
    return World::randomText(32, false).toLower();
}

bool acceptsWebhooks(const Channel& c) {
    return c.guildId && !isThread(c.type) && c.type != channel_type::GuildCategory;
}

QJsonObject webhookFor(const RestContext& ctx, const Webhook& w, bool withUser) {
    QJsonObject out = json::webhook(ctx.world, w, withUser);
    if (!w.token.isEmpty() && !ctx.publicBaseUrl.isEmpty())
        out.insert(QStringLiteral("url"),
                   ctx.publicBaseUrl + QStringLiteral("/api/webhooks/") + json::id(w.id) + u'/' + w.token);
    return out;
}

Webhook& requireWebhook(RestContext& ctx) {
    Webhook* w = ctx.world.webhook(ctx.id(QStringLiteral("webhook_id")));
    if (!w)
        throw ApiError::unknown(10015, QStringLiteral("Webhook"));
    return *w;
}

// Bot-authenticated access: MANAGE_WEBHOOKS in the webhook's channel.
Webhook& managedWebhook(RestContext& ctx) {
    Webhook& w = requireWebhook(ctx);
    ctx.requireChannelPermission(w.channelId, perm::ManageWebhooks);
    return w;
}

// Token-authorised access: the path token must be the webhook's.
Webhook& tokenWebhook(RestContext& ctx) {
    Webhook& w = requireWebhook(ctx);
    if (w.token.isEmpty() || ctx.param(QStringLiteral("webhook_token")) != w.token)
        throw ApiError(401, 50027, QStringLiteral("Invalid Webhook Token"));
    return w;
}

// ---- management ----

RestResponse createWebhook(RestContext& ctx) {
    const Channel& c = ctx.requireChannelAccess(ctx.id(QStringLiteral("channel_id")));
    if (!acceptsWebhooks(c))
        throw ApiError(400, 50024, QStringLiteral("Cannot execute action on this channel type"));
    ctx.requireChannelPermission(c.id, perm::ManageWebhooks);
    const QJsonObject body = ctx.bodyObject();
    Webhook w;
    w.channelId = c.id;
    w.creatorId = ctx.actorId();
    w.name = webhookName(body, QStringLiteral("name"));
    if (body.contains(QStringLiteral("avatar")))
        w.avatar = avatarHash(body);
    w.applicationId = ctx.actorIsBot ? ctx.world.application().id : 0;
    const Webhook& stored = ctx.world.createWebhook(std::move(w));
    return RestResponse::json(webhookFor(ctx, stored, true));
}

RestResponse channelWebhooks(RestContext& ctx) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    ctx.requireChannelPermission(channelId, perm::ManageWebhooks);
    QJsonArray out;
    for (const auto& [id, w] : ctx.world.webhooks())
        if (w.channelId == channelId)
            out.append(webhookFor(ctx, w, true));
    return RestResponse::json(out);
}

RestResponse guildWebhooks(RestContext& ctx) {
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.requireGuildPermission(guildId, perm::ManageWebhooks);
    QJsonArray out;
    for (const auto& [id, w] : ctx.world.webhooks())
        if (w.guildId == guildId)
            out.append(webhookFor(ctx, w, true));
    return RestResponse::json(out);
}

// PATCH with or without the token; only the bot-authenticated form may move the webhook.
RestResponse patchWebhook(RestContext& ctx, Webhook& w, bool withToken) {
    const QJsonObject body = ctx.bodyObject();
    const QString name =
        body.contains(QStringLiteral("name")) ? webhookName(body, QStringLiteral("name")) : w.name;
    const QString avatar = body.contains(QStringLiteral("avatar")) ? avatarHash(body) : w.avatar;
    const Snowflake oldChannel = w.channelId;
    Snowflake channelId = w.channelId;
    if (!withToken && body.contains(QStringLiteral("channel_id"))) {
        const auto id = protocol::parseSnowflake(body.value(QStringLiteral("channel_id")).toString());
        const Channel* target = id ? ctx.world.channel(*id) : nullptr;
        if (!target || target->guildId != w.guildId || !acceptsWebhooks(*target))
            throw ApiError::invalidField(QStringLiteral("channel_id"), QStringLiteral("CHANNEL_INVALID"),
                                         QStringLiteral("Not a channel of this webhook's guild."));
        ctx.requireChannelPermission(target->id, perm::ManageWebhooks);
        channelId = target->id;
    }
    w.name = name;
    w.avatar = avatar;
    w.channelId = channelId;
    ctx.world.emitWebhooksUpdate(w.guildId, channelId);
    if (oldChannel != channelId)
        ctx.world.emitWebhooksUpdate(w.guildId, oldChannel);
    return RestResponse::json(webhookFor(ctx, w, !withToken));
}

// ---- execution and webhook messages ----

// The channel a webhook request targets: its own, or one of its threads (?thread_id).
Snowflake targetChannel(RestContext& ctx, const Webhook& w) {
    const auto threadId = ctx.querySnowflake(QStringLiteral("thread_id"));
    if (!threadId)
        return w.channelId;
    const Channel* t = ctx.world.channel(*threadId);
    if (!t || !isThread(t->type) || t->parentId != w.channelId)
        throw ApiError::unknown(10003, QStringLiteral("Channel"));
    return t->id;
}

RestResponse executeWebhook(RestContext& ctx) {
    if (isInteractionWebhook(ctx))
        return interactionFollowup(ctx);
    Webhook& w = tokenWebhook(ctx);
    const bool wait = ctx.queryBool(QStringLiteral("wait"), false);
    const QJsonObject body = withUploadEntries(ctx, ctx.bodyObject());
    World::MessageDraft draft = parseMessageCreate(body, MessageSource::Webhook);
    draft.webhookId = w.id;
    draft.webhookName =
        body.value(QStringLiteral("username")).isNull() || !body.contains(QStringLiteral("username"))
            ? w.name
            : webhookName(body, QStringLiteral("username"));
    Snowflake channelId = targetChannel(ctx, w);
    const Channel& parent = ctx.world.requireChannel(w.channelId);
    const bool forum = parent.type == channel_type::GuildForum || parent.type == channel_type::GuildMedia;
    if (forum && channelId == w.channelId) {
        // A forum post needs a thread: an existing one (?thread_id) or a new one (thread_name).
        const QString threadName = body.value(QStringLiteral("thread_name")).toString().trimmed();
        if (threadName.isEmpty())
            throw ApiError(
                400, 220001,
                QStringLiteral("Webhooks posted to forum channels must have a thread_name or thread_id"));
        if (threadName.size() > 100)
            throw ApiError::invalidField(QStringLiteral("thread_name"),
                                         QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                                         QStringLiteral("Must be between 1 and 100 in length."));
        Channel& t = ctx.world.createThread(parent.id, 0, w.id, threadName, channel_type::PublicThread, 4320);
        t.threadMembers.clear(); // a webhook is not a thread member
        channelId = t.id;
    }
    draft.attachments = buildAttachments(ctx, channelId, draft.attachments, {}, false, draft.files);
    const Message& m = ctx.world.createMessage(channelId, w.id, std::move(draft));
    if (!wait)
        return RestResponse::noContent();
    return RestResponse::json(json::message(ctx.world, m, 0, false));
}

RestResponse webhookMessage(RestContext& ctx, const QByteArray& method) {
    if (isInteractionWebhook(ctx))
        return interactionMessage(ctx, method);
    const Webhook& w = tokenWebhook(ctx);
    const Snowflake channelId = targetChannel(ctx, w);
    const auto messageId = protocol::parseSnowflake(ctx.param(QStringLiteral("message_id")));
    const Message* m = messageId ? ctx.world.message(channelId, *messageId) : nullptr;
    if (!m || m->webhookId != w.id)
        throw ApiError::unknown(10008, QStringLiteral("Message"));
    if (method == "GET")
        return RestResponse::json(json::message(ctx.world, *m, 0, false));
    const Channel& c = ctx.world.requireChannel(channelId);
    if (isThread(c.type) && c.archived)
        throw ApiError(400, 50083, QStringLiteral("Thread is archived"));
    if (method == "DELETE") {
        ctx.world.deleteMessage(channelId, m->id);
        return RestResponse::noContent();
    }
    World::MessageEdit edit = parseMessageEdit(withUploadEntries(ctx, ctx.bodyObject(), &m->attachments));
    if (edit.attachments)
        edit.attachments =
            buildAttachments(ctx, channelId, *edit.attachments, m->attachments, false, edit.files);
    const Message& edited = ctx.world.editMessage(channelId, m->id, edit);
    return RestResponse::json(json::message(ctx.world, edited, 0, false));
}

} // namespace

void addWebhookRoutes(RestRouter& r) {
    r.add("POST", QStringLiteral("/channels/{channel_id}/webhooks"), createWebhook);
    r.add("GET", QStringLiteral("/channels/{channel_id}/webhooks"), channelWebhooks);
    r.add("GET", QStringLiteral("/guilds/{guild_id}/webhooks"), guildWebhooks);

    const QString byId = QStringLiteral("/webhooks/{webhook_id}");
    r.add("GET", byId,
          [](RestContext& ctx) { return RestResponse::json(webhookFor(ctx, managedWebhook(ctx), true)); });
    r.add("PATCH", byId, [](RestContext& ctx) { return patchWebhook(ctx, managedWebhook(ctx), false); });
    r.add("DELETE", byId, [](RestContext& ctx) {
        ctx.world.deleteWebhook(managedWebhook(ctx).id);
        return RestResponse::noContent();
    });

    const QString byToken = QStringLiteral("/webhooks/{webhook_id}/{webhook_token}");
    r.add(
        "GET", byToken,
        [](RestContext& ctx) { return RestResponse::json(webhookFor(ctx, tokenWebhook(ctx), false)); },
        RestAuth::None);
    r.add(
        "PATCH", byToken, [](RestContext& ctx) { return patchWebhook(ctx, tokenWebhook(ctx), true); },
        RestAuth::None);
    r.add(
        "DELETE", byToken,
        [](RestContext& ctx) {
            ctx.world.deleteWebhook(tokenWebhook(ctx).id);
            return RestResponse::noContent();
        },
        RestAuth::None);
    r.add("POST", byToken, executeWebhook, RestAuth::None);

    const QString message = byToken + QStringLiteral("/messages/{message_id}");
    for (const char* method : {"GET", "PATCH", "DELETE"})
        r.add(
            method, message, [method](RestContext& ctx) { return webhookMessage(ctx, QByteArray(method)); },
            RestAuth::None);
}

} // namespace botwright::sandbox
