// REST: application commands, user-invoked interactions, callbacks, original responses and
// follow-ups (discord-protocol.md §3.10, §6).
#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"
#include "engine/sandbox/command_validation.h"
#include "engine/sandbox/interaction_webhooks.h"
#include "engine/sandbox/message_uploads.h"
#include "engine/sandbox/rest_router.h"
#include "engine/sandbox/world_json.h"

#include <QDateTime>

namespace botwright::sandbox {

namespace {

constexpr int kEphemeral = 1 << 6;
constexpr int kLoading = 1 << 7;

// ---- application commands ----

Snowflake scopeGuild(RestContext& ctx) {
    if (!ctx.params.contains(QStringLiteral("guild_id")))
        return 0;
    const Snowflake guildId = ctx.id(QStringLiteral("guild_id"));
    ctx.world.requireGuild(guildId);
    if (!ctx.world.member(guildId, ctx.world.botId()))
        throw ApiError::missingAccess();
    return guildId;
}

void requireOwnApplication(RestContext& ctx) {
    if (ctx.id(QStringLiteral("application_id")) != ctx.world.application().id)
        throw ApiError::missingAccess();
}

// Studio-only notice that a scope's commands changed (the chat's picker and simulated users watch it).
void commandsChanged(World& world, Snowflake guildId) {
    Dispatch d;
    d.type = QStringLiteral("SANDBOX_COMMANDS_UPDATE");
    d.internal = true;
    d.data = QJsonObject{{QStringLiteral("guild_id"), json::idOrNull(guildId)}};
    world.emitDispatch(d);
}

RestResponse listCommands(RestContext& ctx) {
    requireOwnApplication(ctx);
    const Snowflake guildId = scopeGuild(ctx);
    QJsonArray out;
    for (const auto& [id, cmd] : ctx.world.commands())
        if (cmd.guildId == guildId)
            out.append(json::command(ctx.world, cmd));
    return RestResponse::json(out);
}

ApplicationCommand* findCommand(World& world, Snowflake guildId, const QString& name, int type) {
    for (auto& [id, cmd] : world.commands())
        if (cmd.guildId == guildId && cmd.definition.value(QStringLiteral("name")).toString() == name &&
            cmd.definition.value(QStringLiteral("type")).toInt(1) == type)
            return &cmd;
    return nullptr;
}

// Stores `definition` (validated): keeps the id of a command with the same name and type and
// bumps its version when anything changed. Returns the stored command and whether it is new.
std::pair<ApplicationCommand*, bool> upsertCommand(World& world, Snowflake guildId,
                                                   const QJsonObject& definition) {
    const QString name = definition.value(QStringLiteral("name")).toString();
    const int type = definition.value(QStringLiteral("type")).toInt(1);
    if (ApplicationCommand* existing = findCommand(world, guildId, name, type)) {
        if (existing->definition != definition) {
            existing->definition = definition;
            existing->version = world.nextId();
        }
        return {existing, false};
    }
    ApplicationCommand cmd;
    cmd.id = world.nextId();
    cmd.version = cmd.id;
    cmd.guildId = guildId;
    cmd.definition = definition;
    const Snowflake id = cmd.id;
    world.addCommand(std::move(cmd));
    return {&world.commands().at(id), true};
}

RestResponse createCommand(RestContext& ctx) {
    requireOwnApplication(ctx);
    const Snowflake guildId = scopeGuild(ctx);
    const QJsonObject definition = validateCommand(ctx.bodyObject(), QString());
    int count = 0;
    for (const auto& [id, cmd] : ctx.world.commands())
        count += cmd.guildId == guildId ? 1 : 0;
    auto [cmd, created] = upsertCommand(ctx.world, guildId, definition);
    if (created && count >= 100 * 3)
        throw ApiError(400, 30032, QStringLiteral("Maximum number of application commands reached"));
    commandsChanged(ctx.world, guildId);
    return RestResponse::json(json::command(ctx.world, *cmd), created ? 201 : 200);
}

ApplicationCommand& requireCommand(RestContext& ctx) {
    const Snowflake guildId = scopeGuild(ctx);
    auto it = ctx.world.commands().find(ctx.id(QStringLiteral("command_id")));
    if (it == ctx.world.commands().end() || it->second.guildId != guildId)
        throw ApiError::unknown(10063, QStringLiteral("application command"));
    return it->second;
}

RestResponse getCommand(RestContext& ctx) {
    requireOwnApplication(ctx);
    return RestResponse::json(json::command(ctx.world, requireCommand(ctx)));
}

RestResponse patchCommand(RestContext& ctx) {
    requireOwnApplication(ctx);
    ApplicationCommand& cmd = requireCommand(ctx);
    QJsonObject merged = cmd.definition;
    const QJsonObject patch = ctx.bodyObject();
    for (auto it = patch.begin(); it != patch.end(); ++it)
        merged.insert(it.key(), it.value());
    merged.insert(QStringLiteral("type"), cmd.definition.value(QStringLiteral("type")).toInt(1));
    merged = validateCommand(merged, QString());
    if (merged != cmd.definition) {
        cmd.definition = merged;
        cmd.version = ctx.world.nextId();
    }
    commandsChanged(ctx.world, cmd.guildId);
    return RestResponse::json(json::command(ctx.world, cmd));
}

RestResponse deleteCommand(RestContext& ctx) {
    requireOwnApplication(ctx);
    ApplicationCommand& cmd = requireCommand(ctx);
    const Snowflake guildId = cmd.guildId;
    ctx.world.commands().erase(cmd.id);
    commandsChanged(ctx.world, guildId);
    return RestResponse::noContent();
}

RestResponse bulkOverwrite(RestContext& ctx) {
    requireOwnApplication(ctx);
    const Snowflake guildId = scopeGuild(ctx);
    const QJsonArray list = ctx.bodyArray();
    std::vector<QJsonObject> definitions;
    for (qsizetype i = 0; i < list.size(); ++i)
        definitions.push_back(validateCommand(list[i].toObject(), QString::number(i)));
    // Validate everything before changing anything: a bad entry leaves the old set intact.
    for (size_t i = 0; i < definitions.size(); ++i)
        for (size_t k = 0; k < i; ++k)
            if (definitions[i].value(QStringLiteral("name")) ==
                    definitions[k].value(QStringLiteral("name")) &&
                definitions[i].value(QStringLiteral("type")) == definitions[k].value(QStringLiteral("type")))
                throw ApiError::invalidField(QString::number(i) + QStringLiteral(".name"),
                                             QStringLiteral("APPLICATION_COMMANDS_DUPLICATE_NAME"),
                                             QStringLiteral("Application command names must be unique"));
    std::vector<Snowflake> kept;
    for (const QJsonObject& d : definitions)
        kept.push_back(upsertCommand(ctx.world, guildId, d).first->id);
    for (auto it = ctx.world.commands().begin(); it != ctx.world.commands().end();) {
        if (it->second.guildId == guildId && std::find(kept.begin(), kept.end(), it->first) == kept.end())
            it = ctx.world.commands().erase(it);
        else
            ++it;
    }
    QJsonArray out;
    for (Snowflake id : kept)
        out.append(json::command(ctx.world, ctx.world.commands().at(id)));
    commandsChanged(ctx.world, guildId);
    return RestResponse::json(out);
}

// ---- user-invoked interactions (what Discord's own client sends) ----

void resolveOption(World& world, Snowflake guildId, const QJsonObject& option, QJsonObject& resolved) {
    const int type = option.value(QStringLiteral("type")).toInt();
    for (const QJsonValue child : option.value(QStringLiteral("options")).toArray())
        resolveOption(world, guildId, child.toObject(), resolved);
    if (type < 6 || type > 9)
        return;
    const auto id = protocol::parseSnowflake(option.value(QStringLiteral("value")).toString());
    if (!id)
        throw ApiError::invalidField(QStringLiteral("data.options"), QStringLiteral("NUMBER_TYPE_COERCE"),
                                     QStringLiteral("Value is not snowflake."));
    auto add = [&resolved](const char* key, const QString& entryId, const QJsonObject& value) {
        QJsonObject map = resolved.value(QLatin1String(key)).toObject();
        map.insert(entryId, value);
        resolved.insert(QLatin1String(key), map);
    };
    const QString key = json::id(*id);
    if (const User* u = world.user(*id); u && (type == 6 || type == 9)) {
        add("users", key, json::user(*u));
        if (const Member* m = guildId ? world.member(guildId, *id) : nullptr) {
            QJsonObject member = json::member(world, guildId, *m, false);
            member.remove(QStringLiteral("deaf"));
            member.remove(QStringLiteral("mute"));
            add("members", key, member);
        }
    } else if (const Channel* c = world.channel(*id); c && type == 7) {
        QJsonObject partial{{QStringLiteral("id"), key},
                            {QStringLiteral("name"), c->name},
                            {QStringLiteral("type"), c->type},
                            {QStringLiteral("permissions"), QString::number(protocol::permission::All)}};
        add("channels", key, partial);
    } else if (const Guild* g = world.guild(guildId); g && (type == 8 || type == 9) && g->roles.count(*id)) {
        add("roles", key, json::role(g->roles.at(*id)));
    } else {
        throw ApiError::invalidField(
            QStringLiteral("data.options"), QStringLiteral("UNKNOWN_ENTITY"),
            QStringLiteral("The option refers to an unknown user, channel or role."));
    }
}

// User, role, mentionable and channel selects carry the picked entities in `resolved`, as on Discord.
void resolveSelectValues(World& world, Snowflake guildId, QJsonObject& data) {
    const int componentType = data.value(QStringLiteral("component_type")).toInt();
    static const int optionTypeOf[] = {0, 0, 0, 0, 0, 6, 8, 9, 7}; // select type → option type
    if (componentType < 5 || componentType > 8)
        return;
    QJsonObject resolved;
    for (const QJsonValue v : data.value(QStringLiteral("values")).toArray())
        resolveOption(
            world, guildId,
            QJsonObject{{QStringLiteral("type"), optionTypeOf[componentType]}, {QStringLiteral("value"), v}},
            resolved);
    if (!resolved.isEmpty())
        data.insert(QStringLiteral("resolved"), resolved);
}

RestResponse invokeInteraction(RestContext& ctx) {
    if (ctx.actorIsBot)
        throw ApiError(403, 20001, QStringLiteral("Bots cannot use this endpoint"));
    const QJsonObject body = ctx.bodyObject();
    const int type = body.value(QStringLiteral("type")).toInt();
    const auto channelId = protocol::parseSnowflake(body.value(QStringLiteral("channel_id")).toString());
    if (!channelId)
        throw ApiError::invalidField(QStringLiteral("channel_id"), QStringLiteral("BASE_TYPE_REQUIRED"),
                                     QStringLiteral("This field is required"));
    const Channel& c = ctx.requireChannelAccess(*channelId);
    QJsonObject data = body.value(QStringLiteral("data")).toObject();
    Snowflake messageId = 0;
    if (type == 2 || type == 4) {
        ctx.requireChannelPermission(*channelId, protocol::permission::UseApplicationCommands);
        const auto commandId = protocol::parseSnowflake(data.value(QStringLiteral("id")).toString());
        auto it = commandId ? ctx.world.commands().find(*commandId) : ctx.world.commands().end();
        if (it == ctx.world.commands().end() || (it->second.guildId && it->second.guildId != c.guildId))
            throw ApiError::unknown(10063, QStringLiteral("application command"));
        const QJsonObject& def = it->second.definition;
        data.insert(QStringLiteral("id"), json::id(it->second.id));
        data.insert(QStringLiteral("name"), def.value(QStringLiteral("name")));
        data.insert(QStringLiteral("type"), def.value(QStringLiteral("type")).toInt(1));
        if (it->second.guildId)
            data.insert(QStringLiteral("guild_id"), json::id(it->second.guildId));
        data.remove(QStringLiteral("version"));
        data.remove(QStringLiteral("application_command"));
        QJsonObject resolved;
        for (const QJsonValue option : data.value(QStringLiteral("options")).toArray())
            resolveOption(ctx.world, c.guildId, option.toObject(), resolved);
        if (data.contains(QStringLiteral("target_id"))) {
            const auto target = protocol::parseSnowflake(data.value(QStringLiteral("target_id")).toString());
            const int cmdType = def.value(QStringLiteral("type")).toInt(1);
            if (!target)
                throw ApiError::invalidField(QStringLiteral("data.target_id"),
                                             QStringLiteral("NUMBER_TYPE_COERCE"),
                                             QStringLiteral("Value is not snowflake."));
            if (cmdType == 3) {
                const Message& m = ctx.world.requireMessage(*channelId, *target);
                resolved.insert(
                    QStringLiteral("messages"),
                    QJsonObject{{json::id(m.id), json::message(ctx.world, m, ctx.world.botId(), false)}});
            } else {
                resolveOption(
                    ctx.world, c.guildId,
                    QJsonObject{{QStringLiteral("type"), 6}, {QStringLiteral("value"), json::id(*target)}},
                    resolved);
            }
        }
        if (const QJsonObject files = resolveAttachmentOptions(ctx, *channelId, data); !files.isEmpty())
            resolved.insert(QStringLiteral("attachments"), files.value(QStringLiteral("attachments")));
        if (!resolved.isEmpty())
            data.insert(QStringLiteral("resolved"), resolved);
    } else if (type == 3) {
        const auto id = protocol::parseSnowflake(body.value(QStringLiteral("message_id")).toString());
        const Message& m = ctx.world.requireMessage(*channelId, id.value_or(0));
        if (!m.applicationId && m.authorId != ctx.world.botId())
            throw ApiError::invalidField(
                QStringLiteral("message_id"), QStringLiteral("INTERACTION_APPLICATION_NOT_FOUND"),
                QStringLiteral("The message has no components from this application."));
        const QString customId = data.value(QStringLiteral("custom_id")).toString();
        if (customId.isEmpty())
            throw ApiError::invalidField(QStringLiteral("data.custom_id"),
                                         QStringLiteral("BASE_TYPE_REQUIRED"),
                                         QStringLiteral("This field is required"));
        messageId = m.id;
        resolveSelectValues(ctx.world, c.guildId, data);
    } else if (type == 5) {
        if (data.value(QStringLiteral("custom_id")).toString().isEmpty())
            throw ApiError::invalidField(QStringLiteral("data.custom_id"),
                                         QStringLiteral("BASE_TYPE_REQUIRED"),
                                         QStringLiteral("This field is required"));
        messageId = protocol::parseSnowflake(body.value(QStringLiteral("message_id")).toString()).value_or(0);
        data.remove(QStringLiteral("id"));
    } else {
        throw ApiError::invalidField(QStringLiteral("type"), QStringLiteral("BASE_TYPE_CHOICES"),
                                     QStringLiteral("Value must be one of {2, 3, 4, 5}."));
    }
    Interaction& in = ctx.world.createInteraction(type, *channelId, ctx.actorId(), data, messageId);
    return RestResponse::json(QJsonObject{{QStringLiteral("id"), json::id(in.id)}}, 200);
}

// ---- callbacks ----

Interaction& interactionFor(RestContext& ctx, const QString& idParam, const QString& tokenParam) {
    Interaction* in = ctx.world.interactionByToken(ctx.param(tokenParam));
    if (!in || (!idParam.isEmpty() && json::id(in->id) != ctx.param(idParam)))
        throw ApiError::unknown(10062, QStringLiteral("interaction"));
    return *in;
}

QJsonObject metadataFor(const World& world, const Interaction& in) {
    QJsonObject meta{
        {QStringLiteral("id"), json::id(in.id)},
        {QStringLiteral("type"), in.type},
        {QStringLiteral("user"), json::user(*world.user(in.userId))},
        {QStringLiteral("authorizing_integration_owners"),
         QJsonObject{{QStringLiteral("0"), in.guildId ? json::id(in.guildId) : QStringLiteral("0")}}}};
    if (in.messageId)
        meta.insert(QStringLiteral("interacted_message_id"), json::id(in.messageId));
    if (in.data.contains(QStringLiteral("target_id"))) {
        // A message command names the message by id; a user command carries the whole user.
        const QJsonValue target = in.data.value(QStringLiteral("target_id"));
        const User* user = world.user(target.toString().toULongLong());
        if (in.data.value(QStringLiteral("type")).toInt() == 3)
            meta.insert(QStringLiteral("target_message_id"), target);
        else if (user)
            meta.insert(QStringLiteral("target_user"), json::user(*user));
    }
    return meta;
}

Message& createResponseMessage(World& world, Interaction& in, World::MessageDraft draft) {
    draft.applicationId = world.botId();
    draft.webhookId = world.botId();
    draft.interactionMetadata = metadataFor(world, in);
    if (in.type == 2)
        draft.type = in.data.value(QStringLiteral("type")).toInt(1) == 1 ? 20 : 23;
    else if (in.messageId) {
        draft.type = 19;
        draft.messageReference = QJsonObject{{QStringLiteral("message_id"), json::id(in.messageId)},
                                             {QStringLiteral("channel_id"), json::id(in.channelId)},
                                             {QStringLiteral("fail_if_not_exists"), false}};
    }
    if (draft.flags & kEphemeral)
        draft.ephemeralFor = in.userId;
    return world.createMessage(in.channelId, world.botId(), std::move(draft));
}

RestResponse callback(RestContext& ctx) {
    Interaction& in =
        interactionFor(ctx, QStringLiteral("interaction_id"), QStringLiteral("interaction_token"));
    if (in.callbackType != 0)
        throw ApiError(400, 40060, QStringLiteral("Interaction has already been acknowledged."));
    const QJsonObject body = ctx.bodyObject();
    const int type = body.value(QStringLiteral("type")).toInt();
    const QJsonObject data = body.value(QStringLiteral("data")).toObject();
    const bool component = in.type == 3 || (in.type == 5 && in.messageId);
    auto invalidType = [] {
        return ApiError::invalidField(
            QStringLiteral("type"), QStringLiteral("INTERACTION_CALLBACK_TYPE_INVALID"),
            QStringLiteral("This callback type is not valid for this interaction."));
    };
    Snowflake responseId = 0;
    switch (type) {
    case 4: {
        if (in.type == 4)
            throw invalidType();
        Message& m = createResponseMessage(
            ctx.world, in, parseCreateWithUploads(ctx, in.channelId, data, MessageSource::Interaction));
        responseId = m.id;
        in.ephemeral = m.ephemeralFor != 0;
        break;
    }
    case 5: {
        if (in.type == 4)
            throw invalidType();
        World::MessageDraft draft;
        draft.flags = kLoading | (data.value(QStringLiteral("flags")).toInt() & kEphemeral);
        Message& m = createResponseMessage(ctx.world, in, draft);
        responseId = m.id;
        in.deferredPlaceholder = true;
        in.ephemeral = m.ephemeralFor != 0;
        break;
    }
    case 6:
    case 7:
        if (!component)
            throw invalidType();
        if (type == 7)
            ctx.world.editMessage(
                in.channelId, in.messageId,
                parseEditWithUploads(ctx, ctx.world.requireMessage(in.channelId, in.messageId), data));
        break;
    case 8: {
        if (in.type != 4)
            throw invalidType();
        const QJsonArray choices = data.value(QStringLiteral("choices")).toArray();
        if (choices.size() > 25)
            throw ApiError::invalidField(QStringLiteral("data.choices"),
                                         QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                                         QStringLiteral("Must be 25 or fewer in length."));
        in.autocompleteChoices = choices;
        Dispatch d;
        d.type = QStringLiteral("SANDBOX_AUTOCOMPLETE_RESULT");
        d.internal = true;
        d.data = QJsonObject{{QStringLiteral("interaction_id"), json::id(in.id)},
                             {QStringLiteral("user_id"), json::id(in.userId)},
                             {QStringLiteral("choices"), choices}};
        ctx.world.emitDispatch(d);
        break;
    }
    case 9: {
        if (in.type != 2 && in.type != 3)
            throw invalidType();
        const QString customId = data.value(QStringLiteral("custom_id")).toString();
        const QString title = data.value(QStringLiteral("title")).toString();
        if (customId.isEmpty() || customId.size() > 100)
            throw ApiError::invalidField(QStringLiteral("data.custom_id"),
                                         QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                                         QStringLiteral("Must be between 1 and 100 in length."));
        if (title.isEmpty() || title.size() > 45)
            throw ApiError::invalidField(QStringLiteral("data.title"), QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                                         QStringLiteral("Must be between 1 and 45 in length."));
        const QJsonArray components = validateComponents(data.value(QStringLiteral("components")).toArray(),
                                                         QStringLiteral("data.components"), true);
        if (components.isEmpty())
            throw ApiError::invalidField(QStringLiteral("data.components"),
                                         QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                                         QStringLiteral("Must be between 1 and 5 in length."));
        in.modal = data;
        in.modal.insert(QStringLiteral("components"), components);
        Dispatch d;
        d.type = QStringLiteral("SANDBOX_MODAL");
        d.internal = true;
        d.data = QJsonObject{{QStringLiteral("interaction_id"), json::id(in.id)},
                             {QStringLiteral("user_id"), json::id(in.userId)},
                             {QStringLiteral("channel_id"), json::id(in.channelId)},
                             {QStringLiteral("message_id"), json::idOrNull(in.messageId)},
                             {QStringLiteral("modal"), in.modal}};
        ctx.world.emitDispatch(d);
        break;
    }
    default:
        throw invalidType();
    }
    in.callbackType = type;
    in.responseMessageId = responseId;
    if (!ctx.queryBool(QStringLiteral("with_response"), false))
        return RestResponse::noContent();
    QJsonObject interaction{{QStringLiteral("id"), json::id(in.id)}, {QStringLiteral("type"), in.type}};
    QJsonObject out{{QStringLiteral("interaction"), interaction}};
    if (responseId) {
        interaction.insert(QStringLiteral("response_message_id"), json::id(responseId));
        interaction.insert(QStringLiteral("response_message_loading"), type == 5);
        interaction.insert(QStringLiteral("response_message_ephemeral"), in.ephemeral);
        out.insert(QStringLiteral("interaction"), interaction);
        out.insert(QStringLiteral("resource"),
                   QJsonObject{{QStringLiteral("type"), type},
                               {QStringLiteral("message"),
                                json::message(ctx.world, ctx.world.requireMessage(in.channelId, responseId),
                                              ctx.world.botId(), false)}});
    } else {
        out.insert(QStringLiteral("resource"), QJsonObject{{QStringLiteral("type"), type}});
    }
    return RestResponse::json(out);
}

} // namespace

// ---- follow-ups and original responses (shared paths with webhooks) ----

bool isInteractionWebhook(const RestContext& ctx) {
    const auto id = protocol::parseSnowflake(ctx.params.value(QStringLiteral("webhook_id")));
    return id && *id == ctx.world.application().id;
}

namespace {
Interaction& liveInteraction(RestContext& ctx) {
    Interaction* in = ctx.world.interactionByToken(ctx.param(QStringLiteral("webhook_token")));
    if (!in)
        throw ApiError(401, 50027, QStringLiteral("Invalid Webhook Token"));
    if (in->callbackType == 0)
        throw ApiError::unknown(10015, QStringLiteral("Webhook")); // nothing to follow up yet
    return *in;
}

Message& fillPlaceholder(RestContext& ctx, Interaction& in, const QJsonObject& body) {
    const Message& placeholder = ctx.world.requireMessage(in.channelId, in.responseMessageId);
    World::MessageEdit edit = parseEditWithUploads(ctx, placeholder, body);
    edit.flags = (placeholder.flags & ~kLoading) | (edit.flags.value_or(0) & ~kEphemeral);
    in.deferredPlaceholder = false;
    return ctx.world.editMessage(in.channelId, in.responseMessageId, edit);
}
} // namespace

RestResponse interactionFollowup(RestContext& ctx) {
    Interaction& in = liveInteraction(ctx);
    const QJsonObject body = ctx.bodyObject();
    if (in.deferredPlaceholder && in.responseMessageId) {
        const Message& filled = fillPlaceholder(ctx, in, body);
        return RestResponse::json(json::message(ctx.world, filled, ctx.world.botId(), false));
    }
    World::MessageDraft draft = parseCreateWithUploads(ctx, in.channelId, body, MessageSource::Interaction);
    draft.applicationId = ctx.world.botId();
    draft.webhookId = ctx.world.botId();
    draft.interactionMetadata = metadataFor(ctx.world, in);
    if (draft.flags & kEphemeral)
        draft.ephemeralFor = in.userId;
    const Message& m = ctx.world.createMessage(in.channelId, ctx.world.botId(), std::move(draft));
    return RestResponse::json(json::message(ctx.world, m, ctx.world.botId(), false));
}

RestResponse interactionMessage(RestContext& ctx, const QByteArray& method) {
    Interaction& in = liveInteraction(ctx);
    const QString which = ctx.param(QStringLiteral("message_id"));
    Snowflake messageId = 0;
    if (which == QStringLiteral("@original")) {
        messageId = (in.callbackType == 6 || in.callbackType == 7) ? in.messageId : in.responseMessageId;
        if (!messageId)
            throw ApiError::unknown(10008, QStringLiteral("Message"));
    } else {
        messageId = ctx.id(QStringLiteral("message_id"));
    }
    Message& m = ctx.world.requireMessage(in.channelId, messageId);
    if (method == "GET")
        return RestResponse::json(json::message(ctx.world, m, ctx.world.botId(), false));
    if (method == "DELETE") {
        ctx.world.deleteMessage(in.channelId, messageId);
        return RestResponse::noContent();
    }
    const QJsonObject body = ctx.bodyObject();
    if (in.deferredPlaceholder && messageId == in.responseMessageId) {
        const Message& filled = fillPlaceholder(ctx, in, body);
        return RestResponse::json(json::message(ctx.world, filled, ctx.world.botId(), false));
    }
    const Message& edited =
        ctx.world.editMessage(in.channelId, messageId, parseEditWithUploads(ctx, m, body));
    return RestResponse::json(json::message(ctx.world, edited, ctx.world.botId(), false));
}

void addInteractionRoutes(RestRouter& r) {
    for (const QString& base :
         {QStringLiteral("/applications/{application_id}/commands"),
          QStringLiteral("/applications/{application_id}/guilds/{guild_id}/commands")}) {
        r.add("GET", base, listCommands);
        r.add("POST", base, createCommand, RestAuth::BotOnly);
        r.add("PUT", base, bulkOverwrite, RestAuth::BotOnly);
        r.add("GET", base + QStringLiteral("/{command_id}"), getCommand);
        r.add("PATCH", base + QStringLiteral("/{command_id}"), patchCommand, RestAuth::BotOnly);
        r.add("DELETE", base + QStringLiteral("/{command_id}"), deleteCommand, RestAuth::BotOnly);
    }
    r.add("GET", QStringLiteral("/applications/{application_id}/guilds/{guild_id}/commands/permissions"),
          [](RestContext& ctx) {
              requireOwnApplication(ctx);
              scopeGuild(ctx);
              return RestResponse::json(QJsonArray{});
          });
    r.add("POST", QStringLiteral("/interactions"), invokeInteraction);
    r.add("POST", QStringLiteral("/interactions/{interaction_id}/{interaction_token}/callback"), callback,
          RestAuth::None);
}

} // namespace botwright::sandbox
