// World: messages, pins, reactions and typing.
#include "engine/protocol/gateway_constants.h"
#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_json.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace botwright::sandbox {

namespace intent = protocol::intent;

namespace {

bool isDm(const Channel& c) {
    return c.type == channel_type::Dm || c.type == channel_type::GroupDm;
}

bool contains(const std::vector<Snowflake>& list, Snowflake id) {
    return std::find(list.begin(), list.end(), id) != list.end();
}

// Routing fields shared by every channel-scoped dispatch.
Dispatch channelDispatch(const World& world, const Channel& c, const QString& type, QJsonObject data,
                         std::uint32_t guildIntent, std::uint32_t dmIntent) {
    Dispatch d;
    d.type = type;
    d.data = std::move(data);
    d.guildId = c.guildId;
    d.channelId = c.id;
    d.intents = isDm(c) ? dmIntent : guildIntent;
    Q_UNUSED(world);
    return d;
}

bool sameEmoji(const Reaction& a, const Reaction& b) {
    return a.emojiId ? a.emojiId == b.emojiId : (b.emojiId == 0 && a.emojiName == b.emojiName);
}

} // namespace

void World::resolveMentions(Message& m, const QJsonObject& allowed, bool hasAllowed) const {
    static const QRegularExpression userRe(QStringLiteral("<@!?(\\d{1,20})>"));
    static const QRegularExpression roleRe(QStringLiteral("<@&(\\d{1,20})>"));
    QStringList parse{QStringLiteral("users"), QStringLiteral("roles"), QStringLiteral("everyone")};
    std::vector<Snowflake> allowedUsers, allowedRoles;
    if (hasAllowed) {
        parse.clear();
        for (const QJsonValue v : allowed.value(QStringLiteral("parse")).toArray())
            parse.append(v.toString());
        for (const QJsonValue v : allowed.value(QStringLiteral("users")).toArray())
            allowedUsers.push_back(v.toString().toULongLong());
        for (const QJsonValue v : allowed.value(QStringLiteral("roles")).toArray())
            allowedRoles.push_back(v.toString().toULongLong());
    }
    const Channel* c = channel(m.channelId);
    m.mentions.clear();
    m.mentionRoles.clear();
    const bool hasAt = m.content.contains(u'@'); // plain text skips every mention scan
    const bool hasTags = hasAt && m.content.contains(QStringLiteral("<@"));
    for (auto it = hasTags ? userRe.globalMatch(m.content) : QRegularExpressionMatchIterator();
         it.hasNext();) {
        const Snowflake uid = it.next().captured(1).toULongLong();
        if (!user(uid) || contains(m.mentions, uid))
            continue;
        if (parse.contains(QStringLiteral("users")) || contains(allowedUsers, uid))
            m.mentions.push_back(uid);
    }
    if (m.type == 19 && m.referencedMessageId) {
        const bool repliedUser = !hasAllowed || allowed.value(QStringLiteral("replied_user")).toBool(true);
        if (const Message* ref = message(m.channelId, m.referencedMessageId))
            if (repliedUser && !contains(m.mentions, ref->authorId) && user(ref->authorId))
                m.mentions.push_back(ref->authorId);
    }
    if (c && c->guildId) {
        const Guild* g = guild(c->guildId);
        for (auto it = hasTags ? roleRe.globalMatch(m.content) : QRegularExpressionMatchIterator();
             it.hasNext();) {
            const Snowflake rid = it.next().captured(1).toULongLong();
            if (!g || !g->roles.count(rid) || contains(m.mentionRoles, rid))
                continue;
            if (parse.contains(QStringLiteral("roles")) || contains(allowedRoles, rid))
                m.mentionRoles.push_back(rid);
        }
    }
    const bool everyoneText = hasAt && (m.content.contains(QStringLiteral("@everyone")) ||
                                        m.content.contains(QStringLiteral("@here")));
    const auto mayMentionEveryone = [&] {
        return !c || !c->guildId || m.webhookId ||
               (channelPermissions(c->id, m.authorId) & protocol::permission::MentionEveryone);
    };
    m.mentionEveryone = everyoneText && parse.contains(QStringLiteral("everyone")) && mayMentionEveryone();
}

Message& World::createMessage(Snowflake channelId, Snowflake authorId, MessageDraft draft) {
    Channel& c = requireChannel(channelId);
    if (!channel_type::isTextBased(c.type))
        throw ApiError(400, 50008, QStringLiteral("Cannot send messages in a non-text channel"));
    if (channel_type::isThread(c.type) && c.archived) {
        if (c.locked)
            throw ApiError(400, 160005, QStringLiteral("Thread is locked"));
        c.archived = false; // posting into an archived, unlocked thread unarchives it
        c.archiveTimestamp = QDateTime::currentDateTimeUtc();
        emitChannelUpdate(c);
        emitBotThreadMemberUpdate(c);
    }
    Message m;
    m.id = nextId();
    m.channelId = channelId;
    m.authorId = draft.webhookId && !draft.applicationId ? draft.webhookId : authorId;
    m.webhookId = draft.webhookId;
    m.webhookName = draft.webhookName;
    m.applicationId = draft.applicationId;
    m.type = draft.type;
    m.flags = draft.flags;
    m.content = draft.content;
    m.tts = draft.tts;
    m.embeds = draft.embeds;
    m.components = draft.components;
    m.attachments = draft.attachments;
    m.nonce = draft.nonce;
    m.interactionMetadata = draft.interactionMetadata;
    m.ephemeralFor = draft.ephemeralFor;
    m.timestamp = protocol::snowflakeTime(m.id);
    if (!draft.messageReference.isEmpty()) {
        QJsonObject ref = draft.messageReference;
        const Snowflake refId = ref.value(QStringLiteral("message_id")).toString().toULongLong();
        const Snowflake refChannel = ref.value(QStringLiteral("channel_id")).toString().toULongLong();
        const bool failIfMissing = ref.value(QStringLiteral("fail_if_not_exists")).toBool(true);
        const Message* target = message(refChannel ? refChannel : channelId, refId);
        if (!target && failIfMissing)
            throw ApiError::invalidField(QStringLiteral("message_reference"),
                                         QStringLiteral("MESSAGE_REFERENCE_UNKNOWN_MESSAGE"),
                                         QStringLiteral("Unknown message"));
        if (target) {
            const int refType = ref.value(QStringLiteral("type")).toInt(0);
            QJsonObject normalised{{QStringLiteral("type"), refType},
                                   {QStringLiteral("message_id"), json::id(target->id)},
                                   {QStringLiteral("channel_id"), json::id(target->channelId)}};
            if (const Channel* tc = channel(target->channelId); tc && tc->guildId)
                normalised.insert(QStringLiteral("guild_id"), json::id(tc->guildId));
            m.messageReference = normalised;
            if (refType == 0) {
                if (m.type == 0)
                    m.type = 19;
                m.referencedMessageId = target->id;
            }
        }
    }
    resolveMentions(m, draft.allowedMentions, draft.hasAllowedMentions);
    if (channel_type::isThread(c.type)) {
        ++c.messageCount;
        ++c.totalMessageSent;
    }
    for (StoredFile& file : draft.files)
        m_files.put(std::move(file));
    Message& stored = insertMessage(std::move(m));

    // The hottest dispatch: written straight to bytes; `d` is parsed only if someone asks for it.
    Dispatch d = channelDispatch(*this, c, QStringLiteral("MESSAGE_CREATE"), {}, intent::GuildMessages,
                                 intent::DirectMessages);
    d.json = json::messageBytes(*this, stored, botId(), true);
    d.hasContent = true;
    d.contentExempt = stored.authorId == botId() || isDm(c) || contains(stored.mentions, botId()) ||
                      stored.applicationId == botId();
    if (stored.ephemeralFor) {
        d.guildId = 0;
        d.intents = intent::DirectMessages;
    }
    emitDispatch(d);
    return stored;
}

Message& World::editMessage(Snowflake channelId, Snowflake messageId, const MessageEdit& edit) {
    Channel& c = requireChannel(channelId);
    Message& m = requireMessage(channelId, messageId);
    if (edit.content) {
        m.content = *edit.content;
        resolveMentions(m, {}, false);
    }
    if (edit.embeds)
        m.embeds = *edit.embeds;
    if (edit.components)
        m.components = *edit.components;
    if (edit.attachments) {
        m_files.removeDropped(m.attachments, *edit.attachments);
        m.attachments = *edit.attachments;
    }
    for (const StoredFile& file : edit.files)
        m_files.put(file);
    if (edit.flags)
        m.flags = *edit.flags;
    if (edit.content || edit.embeds || edit.components || edit.attachments)
        m.editedTimestamp = QDateTime::currentDateTimeUtc();
    QJsonObject data = json::message(*this, m, botId(), true);
    data.insert(QStringLiteral("tts"), false);
    Dispatch d = channelDispatch(*this, c, QStringLiteral("MESSAGE_UPDATE"), data, intent::GuildMessages,
                                 intent::DirectMessages);
    d.hasContent = true;
    d.contentExempt = m.authorId == botId() || isDm(c) || contains(m.mentions, botId());
    if (m.ephemeralFor) {
        d.guildId = 0;
        d.intents = intent::DirectMessages;
    }
    emitDispatch(d);
    return m;
}

void World::deleteMessage(Snowflake channelId, Snowflake messageId) {
    Channel& c = requireChannel(channelId);
    m_files.removeAll(requireMessage(channelId, messageId).attachments);
    messageMap(channelId).erase(messageId);
    QJsonObject data{{QStringLiteral("id"), json::id(messageId)},
                     {QStringLiteral("channel_id"), json::id(channelId)}};
    if (c.guildId)
        data.insert(QStringLiteral("guild_id"), json::id(c.guildId));
    emitDispatch(channelDispatch(*this, c, QStringLiteral("MESSAGE_DELETE"), data, intent::GuildMessages,
                                 intent::DirectMessages));
}

void World::bulkDeleteMessages(Snowflake channelId, const std::vector<Snowflake>& ids) {
    Channel& c = requireChannel(channelId);
    QJsonArray deleted;
    auto& map = messageMap(channelId);
    for (Snowflake id : ids) {
        if (const auto it = map.find(id); it != map.end())
            m_files.removeAll(it->second.attachments);
        if (map.erase(id))
            deleted.append(json::id(id));
    }
    QJsonObject data{{QStringLiteral("ids"), deleted}, {QStringLiteral("channel_id"), json::id(channelId)}};
    if (c.guildId)
        data.insert(QStringLiteral("guild_id"), json::id(c.guildId));
    emitDispatch(channelDispatch(*this, c, QStringLiteral("MESSAGE_DELETE_BULK"), data, intent::GuildMessages,
                                 intent::DirectMessages));
}

void World::setPinned(Snowflake channelId, Snowflake messageId, bool pinned, Snowflake actorId) {
    Channel& c = requireChannel(channelId);
    Message& m = requireMessage(channelId, messageId);
    if (m.pinned == pinned)
        return;
    if (pinned) {
        int count = 0;
        for (const auto& [id, other] : messagesIn(channelId))
            count += other.pinned ? 1 : 0;
        if (count >= 250)
            throw ApiError(400, 30003, QStringLiteral("Maximum number of pins reached (250)"));
    }
    m.pinned = pinned;
    m.pinnedAt = pinned ? QDateTime::currentDateTimeUtc() : QDateTime();
    QDateTime last;
    for (const auto& [id, other] : messagesIn(channelId))
        if (other.pinned && (!last.isValid() || other.pinnedAt > last))
            last = other.pinnedAt;
    c.lastPinTimestamp = last;
    QJsonObject pins{{QStringLiteral("channel_id"), json::id(channelId)},
                     {QStringLiteral("last_pin_timestamp"), json::isoTimeOrNull(last)}};
    if (c.guildId)
        pins.insert(QStringLiteral("guild_id"), json::id(c.guildId));
    const Snowflake pinnedId = m.id;
    editMessage(channelId, pinnedId, {});
    emitDispatch(channelDispatch(*this, c, QStringLiteral("CHANNEL_PINS_UPDATE"), pins, intent::Guilds,
                                 intent::DirectMessages));
    if (pinned) {
        MessageDraft notice;
        notice.type = 6;
        notice.messageReference = QJsonObject{{QStringLiteral("message_id"), json::id(pinnedId)},
                                              {QStringLiteral("channel_id"), json::id(channelId)}};
        Message& system = createMessage(channelId, actorId, notice);
        Q_UNUSED(system);
    }
}

void World::addReaction(Snowflake channelId, Snowflake messageId, const Reaction& emoji, Snowflake userId) {
    Channel& c = requireChannel(channelId);
    Message& m = requireMessage(channelId, messageId);
    auto it = std::find_if(m.reactions.begin(), m.reactions.end(),
                           [&](const Reaction& r) { return sameEmoji(r, emoji); });
    if (it == m.reactions.end()) {
        if (m.reactions.size() >= 20)
            throw ApiError(400, 30010, QStringLiteral("Maximum number of reactions reached (20)"));
        Reaction fresh = emoji;
        fresh.users.clear();
        m.reactions.push_back(fresh);
        it = std::prev(m.reactions.end());
    }
    if (contains(it->users, userId))
        return; // Discord answers 204 and sends nothing for a repeated reaction
    it->users.push_back(userId);
    QJsonObject data{{QStringLiteral("user_id"), json::id(userId)},
                     {QStringLiteral("channel_id"), json::id(channelId)},
                     {QStringLiteral("message_id"), json::id(messageId)},
                     {QStringLiteral("emoji"), json::reactionEmoji(emoji)},
                     {QStringLiteral("burst"), false},
                     {QStringLiteral("burst_colors"), QJsonArray{}},
                     {QStringLiteral("type"), 0}};
    if (!m.webhookId)
        data.insert(QStringLiteral("message_author_id"), json::id(m.authorId));
    if (c.guildId) {
        data.insert(QStringLiteral("guild_id"), json::id(c.guildId));
        if (const Member* mm = member(c.guildId, userId))
            data.insert(QStringLiteral("member"), json::member(*this, c.guildId, *mm, true));
    }
    emitDispatch(channelDispatch(*this, c, QStringLiteral("MESSAGE_REACTION_ADD"), data,
                                 intent::GuildMessageReactions, intent::DirectMessageReactions));
}

void World::removeReaction(Snowflake channelId, Snowflake messageId, const Reaction& emoji,
                           Snowflake userId) {
    Channel& c = requireChannel(channelId);
    Message& m = requireMessage(channelId, messageId);
    auto it = std::find_if(m.reactions.begin(), m.reactions.end(),
                           [&](const Reaction& r) { return sameEmoji(r, emoji); });
    if (it == m.reactions.end() || !contains(it->users, userId))
        return;
    std::erase(it->users, userId);
    if (it->users.empty())
        m.reactions.erase(it);
    QJsonObject data{{QStringLiteral("user_id"), json::id(userId)},
                     {QStringLiteral("channel_id"), json::id(channelId)},
                     {QStringLiteral("message_id"), json::id(messageId)},
                     {QStringLiteral("emoji"), json::reactionEmoji(emoji)},
                     {QStringLiteral("burst"), false},
                     {QStringLiteral("type"), 0}};
    if (c.guildId)
        data.insert(QStringLiteral("guild_id"), json::id(c.guildId));
    emitDispatch(channelDispatch(*this, c, QStringLiteral("MESSAGE_REACTION_REMOVE"), data,
                                 intent::GuildMessageReactions, intent::DirectMessageReactions));
}

void World::removeAllReactions(Snowflake channelId, Snowflake messageId, const Reaction* onlyEmoji) {
    Channel& c = requireChannel(channelId);
    Message& m = requireMessage(channelId, messageId);
    if (onlyEmoji)
        std::erase_if(m.reactions, [&](const Reaction& r) { return sameEmoji(r, *onlyEmoji); });
    else
        m.reactions.clear();
    QJsonObject data{{QStringLiteral("channel_id"), json::id(channelId)},
                     {QStringLiteral("message_id"), json::id(messageId)}};
    if (c.guildId)
        data.insert(QStringLiteral("guild_id"), json::id(c.guildId));
    if (onlyEmoji)
        data.insert(QStringLiteral("emoji"), json::reactionEmoji(*onlyEmoji));
    emitDispatch(channelDispatch(*this, c,
                                 onlyEmoji ? QStringLiteral("MESSAGE_REACTION_REMOVE_EMOJI")
                                           : QStringLiteral("MESSAGE_REACTION_REMOVE_ALL"),
                                 data, intent::GuildMessageReactions, intent::DirectMessageReactions));
}

void World::startTyping(Snowflake channelId, Snowflake userId) {
    Channel& c = requireChannel(channelId);
    QJsonObject data{{QStringLiteral("channel_id"), json::id(channelId)},
                     {QStringLiteral("user_id"), json::id(userId)},
                     {QStringLiteral("timestamp"), QDateTime::currentSecsSinceEpoch()}};
    if (c.guildId) {
        data.insert(QStringLiteral("guild_id"), json::id(c.guildId));
        if (const Member* mm = member(c.guildId, userId))
            data.insert(QStringLiteral("member"), json::member(*this, c.guildId, *mm, true));
    }
    emitDispatch(channelDispatch(*this, c, QStringLiteral("TYPING_START"), data, intent::GuildMessageTyping,
                                 intent::DirectMessageTyping));
}

} // namespace botwright::sandbox
