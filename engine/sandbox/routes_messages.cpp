// REST: messages, reactions, pins, typing (discord-protocol.md §3.6).
#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"
#include "engine/sandbox/message_uploads.h"
#include "engine/sandbox/message_validation.h"
#include "engine/sandbox/rest_router.h"
#include "engine/sandbox/world_json.h"

#include <QSet>

namespace botwright::sandbox {

namespace perm = protocol::permission;

namespace {

bool isThreadChannel(const Channel& c) {
    return channel_type::isThread(c.type);
}

// Messages visible to `viewer`: ephemeral messages only to their user.
bool visibleTo(const Message& m, Snowflake viewer) {
    return !m.ephemeralFor || m.ephemeralFor == viewer;
}

RestResponse listMessages(RestContext& ctx) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    ctx.requireChannelAccess(channelId);
    const int limit = ctx.queryInt(QStringLiteral("limit"), 50, 1, 100);
    const auto before = ctx.querySnowflake(QStringLiteral("before"));
    const auto after = ctx.querySnowflake(QStringLiteral("after"));
    const auto around = ctx.querySnowflake(QStringLiteral("around"));
    if (int(before.has_value()) + int(after.has_value()) + int(around.has_value()) > 1)
        throw ApiError::invalidBody(QStringLiteral("Only one of before, after and around may be given."));
    if (!(ctx.world.channelPermissions(channelId, ctx.actorId()) & perm::ReadMessageHistory))
        return RestResponse::json(QJsonArray{});
    const auto& all = ctx.world.messagesIn(channelId);
    std::vector<const Message*> picked;
    if (after) {
        for (auto it = all.upper_bound(*after); it != all.end() && static_cast<int>(picked.size()) < limit;
             ++it)
            if (visibleTo(it->second, ctx.actorId()))
                picked.push_back(&it->second);
    } else if (around) {
        std::vector<const Message*> older, newer;
        for (auto it = all.upper_bound(*around);
             it != all.end() && static_cast<int>(newer.size()) < limit / 2; ++it)
            if (visibleTo(it->second, ctx.actorId()))
                newer.push_back(&it->second);
        auto stop = all.upper_bound(*around);
        for (auto it = std::make_reverse_iterator(stop);
             it != all.rend() && static_cast<int>(older.size()) < limit - static_cast<int>(newer.size());
             ++it)
            if (visibleTo(it->second, ctx.actorId()))
                older.push_back(&it->second);
        picked = newer;
        picked.insert(picked.end(), older.begin(), older.end());
    } else {
        auto end = before ? all.lower_bound(*before) : all.end();
        for (auto it = std::make_reverse_iterator(end);
             it != all.rend() && static_cast<int>(picked.size()) < limit; ++it)
            if (visibleTo(it->second, ctx.actorId()))
                picked.push_back(&it->second);
    }
    std::sort(picked.begin(), picked.end(), [](const Message* a, const Message* b) { return a->id > b->id; });
    QJsonArray out;
    for (const Message* m : picked)
        out.append(json::message(ctx.world, *m, ctx.actorId(), false));
    return RestResponse::json(out);
}

RestResponse getMessage(RestContext& ctx) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    ctx.requireChannelPermission(channelId, perm::ReadMessageHistory);
    const Message& m = ctx.world.requireMessage(channelId, ctx.id(QStringLiteral("message_id")));
    if (!visibleTo(m, ctx.actorId()))
        throw ApiError::unknown(10008, QStringLiteral("Message"));
    return RestResponse::json(json::message(ctx.world, m, ctx.actorId(), false));
}

RestResponse createMessage(RestContext& ctx) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    const Channel& c = ctx.requireChannelAccess(channelId);
    World::MessageDraft draft =
        parseMessageCreate(withUploadEntries(ctx, ctx.bodyObject()), MessageSource::Channel);
    std::uint64_t needed = isThreadChannel(c) ? perm::SendMessagesInThreads : perm::SendMessages;
    if (draft.tts)
        needed |= perm::SendTtsMessages;
    if (!ctx.uploads.empty())
        needed |= perm::AttachFiles;
    if (!draft.messageReference.isEmpty())
        needed |= perm::ReadMessageHistory;
    ctx.requireChannelPermission(channelId, needed);
    if (c.type == channel_type::Dm && ctx.actorIsBot) {
        // A bot can message a user only when they share a guild (else 50007).
        for (Snowflake r : c.recipients)
            if (r != ctx.actorId() && ctx.world.guildsOf(r).empty())
                throw ApiError(403, 50007, QStringLiteral("Cannot send messages to this user"));
    }
    draft.attachments = buildAttachments(ctx, channelId, draft.attachments, {}, false, draft.files);
    const Message& m = ctx.world.createMessage(channelId, ctx.actorId(), std::move(draft));
    return RestResponse::json(json::message(ctx.world, m, ctx.actorId(), false));
}

RestResponse editMessage(RestContext& ctx) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    ctx.requireChannelAccess(channelId);
    Message& m = ctx.world.requireMessage(channelId, ctx.id(QStringLiteral("message_id")));
    World::MessageEdit edit = parseMessageEdit(withUploadEntries(ctx, ctx.bodyObject(), &m.attachments));
    if (m.authorId != ctx.actorId()) {
        // Others may only change flags (suppress embeds) with MANAGE_MESSAGES.
        if (edit.content || edit.embeds || edit.components || edit.attachments)
            throw ApiError(403, 50005, QStringLiteral("Cannot edit a message authored by another user"));
        ctx.requireChannelPermission(channelId, perm::ManageMessages);
    }
    if (m.type != 0 && m.type != 19 && m.type != 20 && m.type != 23)
        throw ApiError(400, 50021, QStringLiteral("Cannot execute action on a system message"));
    if (!ctx.uploads.empty())
        ctx.requireChannelPermission(channelId, perm::AttachFiles);
    if (edit.attachments)
        edit.attachments = buildAttachments(ctx, channelId, *edit.attachments, m.attachments,
                                            m.ephemeralFor != 0, edit.files);
    const Message& edited = ctx.world.editMessage(channelId, m.id, edit);
    return RestResponse::json(json::message(ctx.world, edited, ctx.actorId(), false));
}

RestResponse deleteMessage(RestContext& ctx) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    ctx.requireChannelAccess(channelId);
    const Message& m = ctx.world.requireMessage(channelId, ctx.id(QStringLiteral("message_id")));
    if (m.authorId != ctx.actorId())
        ctx.requireChannelPermission(channelId, perm::ManageMessages);
    ctx.world.deleteMessage(channelId, m.id);
    return RestResponse::noContent();
}

RestResponse bulkDelete(RestContext& ctx) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    ctx.requireChannelPermission(channelId, perm::ManageMessages);
    const QJsonValue list = ctx.bodyObject().value(QStringLiteral("messages"));
    if (!list.isArray())
        throw ApiError::invalidField(QStringLiteral("messages"), QStringLiteral("BASE_TYPE_REQUIRED"),
                                     QStringLiteral("This field is required"));
    const QJsonArray ids = list.toArray();
    if (ids.size() < 2 || ids.size() > 100)
        throw ApiError(400, 50016,
                       QStringLiteral("You must provide at least 2 and fewer than 100 messages to delete."));
    std::vector<Snowflake> parsed;
    QSet<Snowflake> seen;
    const Snowflake twoWeeksAgo =
        protocol::snowflakeAt(QDateTime::currentMSecsSinceEpoch() - 14LL * 24 * 3600 * 1000);
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const auto id = protocol::parseSnowflake(ids[i].toString());
        if (!id)
            throw ApiError::invalidField(QStringLiteral("messages.") + QString::number(i),
                                         QStringLiteral("NUMBER_TYPE_COERCE"),
                                         QStringLiteral("Value is not snowflake."));
        if (seen.contains(*id))
            throw ApiError::invalidField(QStringLiteral("messages"), QStringLiteral("BASE_TYPE_DUPLICATE"),
                                         QStringLiteral("Duplicate message ids."));
        if (*id < twoWeeksAgo)
            throw ApiError(400, 50034,
                           QStringLiteral("You can only bulk delete messages that are under 14 days old."));
        seen.insert(*id);
        parsed.push_back(*id);
    }
    ctx.world.bulkDeleteMessages(channelId, parsed);
    return RestResponse::noContent();
}

RestResponse crosspost(RestContext& ctx) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    const Channel& c = ctx.requireChannelAccess(channelId);
    if (c.type != channel_type::GuildAnnouncement)
        throw ApiError(400, 50024, QStringLiteral("Cannot execute action on this channel type"));
    Message& m = ctx.world.requireMessage(channelId, ctx.id(QStringLiteral("message_id")));
    if (m.authorId != ctx.actorId())
        ctx.requireChannelPermission(channelId, perm::ManageMessages);
    if (m.flags & 1)
        throw ApiError(400, 40033, QStringLiteral("This message has already been crossposted."));
    World::MessageEdit edit;
    edit.flags = m.flags | 1;
    const Message& updated = ctx.world.editMessage(channelId, m.id, edit);
    return RestResponse::json(json::message(ctx.world, updated, ctx.actorId(), false));
}

RestResponse typing(RestContext& ctx) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    const Channel& c = ctx.requireChannelAccess(channelId);
    ctx.requireChannelPermission(channelId,
                                 isThreadChannel(c) ? perm::SendMessagesInThreads : perm::SendMessages);
    ctx.world.startTyping(channelId, ctx.actorId());
    return RestResponse::noContent();
}

// ---- reactions ----

Message& reactionTarget(RestContext& ctx) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    ctx.requireChannelPermission(channelId, perm::ReadMessageHistory);
    return ctx.world.requireMessage(channelId, ctx.id(QStringLiteral("message_id")));
}

RestResponse addReaction(RestContext& ctx) {
    Message& m = reactionTarget(ctx);
    const Reaction emoji = parseEmojiParam(ctx.world, ctx.param(QStringLiteral("emoji")));
    const bool existing = std::any_of(m.reactions.begin(), m.reactions.end(), [&](const Reaction& r) {
        return emoji.emojiId ? r.emojiId == emoji.emojiId : r.emojiName == emoji.emojiName;
    });
    if (!existing)
        ctx.requireChannelPermission(m.channelId, perm::AddReactions);
    ctx.world.addReaction(m.channelId, m.id, emoji, ctx.actorId());
    return RestResponse::noContent();
}

RestResponse removeOwnReaction(RestContext& ctx) {
    Message& m = reactionTarget(ctx);
    ctx.world.removeReaction(m.channelId, m.id,
                             parseEmojiParam(ctx.world, ctx.param(QStringLiteral("emoji"))), ctx.actorId());
    return RestResponse::noContent();
}

RestResponse removeUserReaction(RestContext& ctx) {
    Message& m = reactionTarget(ctx);
    const Snowflake userId = ctx.id(QStringLiteral("user_id"));
    if (userId != ctx.actorId())
        ctx.requireChannelPermission(m.channelId, perm::ManageMessages);
    ctx.world.removeReaction(m.channelId, m.id,
                             parseEmojiParam(ctx.world, ctx.param(QStringLiteral("emoji"))), userId);
    return RestResponse::noContent();
}

RestResponse listReactionUsers(RestContext& ctx) {
    Message& m = reactionTarget(ctx);
    const Reaction emoji = parseEmojiParam(ctx.world, ctx.param(QStringLiteral("emoji")));
    const int limit = ctx.queryInt(QStringLiteral("limit"), 25, 1, 100);
    const Snowflake after = ctx.querySnowflake(QStringLiteral("after")).value_or(0);
    QJsonArray out;
    for (const Reaction& r : m.reactions) {
        if (emoji.emojiId ? r.emojiId != emoji.emojiId : r.emojiName != emoji.emojiName)
            continue;
        std::vector<Snowflake> users = r.users;
        std::sort(users.begin(), users.end());
        for (Snowflake uid : users)
            if (uid > after && out.size() < limit)
                if (const User* u = ctx.world.user(uid))
                    out.append(json::user(*u));
    }
    return RestResponse::json(out);
}

RestResponse clearReactions(RestContext& ctx) {
    Message& m = reactionTarget(ctx);
    ctx.requireChannelPermission(m.channelId, perm::ManageMessages);
    if (ctx.params.contains(QStringLiteral("emoji"))) {
        const Reaction emoji = parseEmojiParam(ctx.world, ctx.param(QStringLiteral("emoji")));
        ctx.world.removeAllReactions(m.channelId, m.id, &emoji);
    } else {
        ctx.world.removeAllReactions(m.channelId, m.id, nullptr);
    }
    return RestResponse::noContent();
}

// ---- pins ----

RestResponse listPins(RestContext& ctx, bool legacy) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    ctx.requireChannelAccess(channelId);
    const int limit = legacy ? 250 : ctx.queryInt(QStringLiteral("limit"), 50, 1, 50);
    QDateTime before;
    if (!legacy && ctx.request.query.hasQueryItem(QStringLiteral("before"))) {
        before = QDateTime::fromString(ctx.request.query.queryItemValue(QStringLiteral("before")),
                                       Qt::ISODateWithMs);
        if (!before.isValid())
            throw ApiError::invalidField(QStringLiteral("before"), QStringLiteral("DATE_TIME_TYPE_PARSE"),
                                         QStringLiteral("Could not parse the time."));
    }
    std::vector<const Message*> pinned;
    for (const auto& [id, m] : ctx.world.messagesIn(channelId))
        if (m.pinned && (!before.isValid() || m.pinnedAt < before))
            pinned.push_back(&m);
    std::sort(pinned.begin(), pinned.end(),
              [](const Message* a, const Message* b) { return a->pinnedAt > b->pinnedAt; });
    QJsonArray items;
    for (const Message* m : pinned) {
        if (items.size() >= limit)
            break;
        const QJsonObject message = json::message(ctx.world, *m, ctx.actorId(), false);
        items.append(legacy
                         ? QJsonValue(message)
                         : QJsonValue(QJsonObject{{QStringLiteral("pinned_at"), json::isoTime(m->pinnedAt)},
                                                  {QStringLiteral("message"), message}}));
    }
    if (legacy)
        return RestResponse::json(items);
    return RestResponse::json(
        QJsonObject{{QStringLiteral("items"), items},
                    {QStringLiteral("has_more"), static_cast<qsizetype>(pinned.size()) > items.size()}});
}

RestResponse pin(RestContext& ctx, bool pinned) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    ctx.requireChannelPermission(channelId, perm::PinMessages);
    const Message& m = ctx.world.requireMessage(channelId, ctx.id(QStringLiteral("message_id")));
    ctx.world.setPinned(channelId, m.id, pinned, ctx.actorId());
    return RestResponse::noContent();
}

} // namespace

void addMessageRoutes(RestRouter& r) {
    const QString msgs = QStringLiteral("/channels/{channel_id}/messages");
    const QString msg = msgs + QStringLiteral("/{message_id}");
    r.add("GET", msgs, listMessages);
    r.add("POST", msgs, createMessage);
    r.add("GET", msg, getMessage);
    r.add("PATCH", msg, editMessage);
    r.add("DELETE", msg, deleteMessage);
    r.add("POST", msgs + QStringLiteral("/bulk-delete"), bulkDelete, RestAuth::BotOnly);
    r.add("POST", msg + QStringLiteral("/crosspost"), crosspost);
    r.add("POST", QStringLiteral("/channels/{channel_id}/typing"), typing);
    const QString reactions = msg + QStringLiteral("/reactions");
    r.add("PUT", reactions + QStringLiteral("/{emoji}/@me"), addReaction);
    r.add("DELETE", reactions + QStringLiteral("/{emoji}/@me"), removeOwnReaction);
    r.add("DELETE", reactions + QStringLiteral("/{emoji}/{user_id}"), removeUserReaction);
    r.add("GET", reactions + QStringLiteral("/{emoji}"), listReactionUsers);
    r.add("DELETE", reactions + QStringLiteral("/{emoji}"), clearReactions);
    r.add("DELETE", reactions, clearReactions);
    r.add("GET", msgs + QStringLiteral("/pins"), [](RestContext& ctx) { return listPins(ctx, false); });
    r.add("PUT", msgs + QStringLiteral("/pins/{message_id}"),
          [](RestContext& ctx) { return pin(ctx, true); });
    r.add("DELETE", msgs + QStringLiteral("/pins/{message_id}"),
          [](RestContext& ctx) { return pin(ctx, false); });
    r.add("GET", QStringLiteral("/channels/{channel_id}/pins"),
          [](RestContext& ctx) { return listPins(ctx, true); });
    r.add("PUT", QStringLiteral("/channels/{channel_id}/pins/{message_id}"),
          [](RestContext& ctx) { return pin(ctx, true); });
    r.add("DELETE", QStringLiteral("/channels/{channel_id}/pins/{message_id}"),
          [](RestContext& ctx) { return pin(ctx, false); });
}

} // namespace botwright::sandbox
