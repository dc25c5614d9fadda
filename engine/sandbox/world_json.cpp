#include "engine/sandbox/world_json.h"

#include "engine/protocol/json_writer.h"
#include "engine/protocol/permissions.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace botwright::sandbox::json {

namespace {
QJsonObject parsed(const protocol::JsonWriter& w) {
    return QJsonDocument::fromJson(w.bytes()).object();
}

QJsonArray idArray(const std::vector<Snowflake>& ids) {
    QJsonArray out;
    for (Snowflake v : ids)
        out.append(id(v));
    return out;
}
QJsonArray overwrites(const std::vector<Overwrite>& list) {
    QJsonArray out;
    for (const Overwrite& o : list)
        out.append(QJsonObject{{QStringLiteral("id"), id(o.id)},
                               {QStringLiteral("type"), o.type},
                               {QStringLiteral("allow"), QString::number(o.allow)},
                               {QStringLiteral("deny"), QString::number(o.deny)}});
    return out;
}
} // namespace

QString isoTime(const QDateTime& time) {
    if (!time.isValid())
        return {};
    // Formatted by hand: QDateTime::toString costs a microsecond, and every message carries times.
    const qint64 ms = time.toMSecsSinceEpoch();
    const qint64 days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
    int year = 0, month = 0, day = 0;
    QDate(1970, 1, 1).addDays(days).getDate(&year, &month, &day);
    const qint64 inDay = ms - days * 86400000;
    char text[] = "0000-00-00T00:00:00.000000+00:00";
    auto put = [&text](int at, int digits, qint64 value) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, 4, year);
    put(5, 2, month);
    put(8, 2, day);
    put(11, 2, inDay / 3600000);
    put(14, 2, inDay / 60000 % 60);
    put(17, 2, inDay / 1000 % 60);
    put(20, 3, inDay % 1000);
    return QString::fromLatin1(text, sizeof text - 1);
}
QJsonValue isoTimeOrNull(const QDateTime& time) {
    return time.isValid() ? QJsonValue(isoTime(time)) : QJsonValue(QJsonValue::Null);
}
QJsonValue idOrNull(Snowflake v) {
    return v ? QJsonValue(id(v)) : QJsonValue(QJsonValue::Null);
}
QJsonValue stringOrNull(const QString& text) {
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}
QString id(Snowflake v) {
    return QString::number(v);
}

void writeUser(protocol::JsonWriter& w, const User& u) {
    w.beginObject();
    w.fieldId("id", u.id);
    w.field("username", u.username);
    w.field("discriminator", u"0");
    w.fieldStringOrNull("global_name", u.globalName);
    w.fieldStringOrNull("avatar", u.avatar);
    w.field("public_flags", qint64{0});
    if (u.bot)
        w.fieldBool("bot", true);
    w.endObject();
}

QJsonObject user(const User& u) {
    protocol::JsonWriter w;
    writeUser(w, u);
    return parsed(w);
}

QJsonObject role(const Role& r) {
    QJsonObject o{
        {QStringLiteral("id"), id(r.id)},
        {QStringLiteral("name"), r.name},
        {QStringLiteral("permissions"), QString::number(r.permissions)},
        {QStringLiteral("position"), r.position},
        {QStringLiteral("color"), r.color},
        {QStringLiteral("colors"), QJsonObject{{QStringLiteral("primary_color"), r.color},
                                               {QStringLiteral("secondary_color"), QJsonValue::Null},
                                               {QStringLiteral("tertiary_color"), QJsonValue::Null}}},
        {QStringLiteral("hoist"), r.hoist},
        {QStringLiteral("managed"), r.managed},
        {QStringLiteral("mentionable"), r.mentionable},
        {QStringLiteral("icon"), QJsonValue::Null},
        {QStringLiteral("unicode_emoji"), stringOrNull(r.unicodeEmoji)},
        {QStringLiteral("flags"), 0}};
    if (r.botId)
        o.insert(QStringLiteral("tags"), QJsonObject{{QStringLiteral("bot_id"), id(r.botId)}});
    return o;
}

QJsonObject emoji(const Emoji& e) {
    return QJsonObject{{QStringLiteral("id"), id(e.id)},
                       {QStringLiteral("name"), e.name},
                       {QStringLiteral("roles"), idArray(e.roles)},
                       {QStringLiteral("require_colons"), true},
                       {QStringLiteral("managed"), false},
                       {QStringLiteral("animated"), e.animated},
                       {QStringLiteral("available"), true}};
}

QJsonObject reactionEmoji(const Reaction& r) {
    QJsonObject o{{QStringLiteral("id"), idOrNull(r.emojiId)}, {QStringLiteral("name"), r.emojiName}};
    if (r.emojiId && r.animated)
        o.insert(QStringLiteral("animated"), true);
    return o;
}

void writeMember(protocol::JsonWriter& w, const World& world, const Member& m, bool withUser) {
    w.beginObject();
    w.fieldStringOrNull("nick", m.nick);
    w.fieldNull("avatar");
    w.fieldNull("banner");
    w.key("roles");
    w.beginArray();
    for (Snowflake role : m.roles)
        w.string(QString::number(role));
    w.endArray();
    w.field("joined_at", isoTime(m.joinedAt));
    w.fieldNull("premium_since");
    w.fieldBool("deaf", m.deaf);
    w.fieldBool("mute", m.mute);
    w.field("flags", qint64{0});
    w.fieldBool("pending", m.pending);
    if (m.communicationDisabledUntil.isValid())
        w.field("communication_disabled_until", isoTime(m.communicationDisabledUntil));
    else
        w.fieldNull("communication_disabled_until");
    if (withUser)
        if (const User* u = world.user(m.userId)) {
            w.key("user");
            writeUser(w, *u);
        }
    w.endObject();
}

QJsonObject member(const World& world, Snowflake guildId, const Member& m, bool withUser) {
    Q_UNUSED(guildId);
    protocol::JsonWriter w;
    writeMember(w, world, m, withUser);
    return parsed(w);
}

QJsonObject threadMember(Snowflake threadId, const ThreadMember& m) {
    return QJsonObject{{QStringLiteral("id"), id(threadId)},
                       {QStringLiteral("user_id"), id(m.userId)},
                       {QStringLiteral("join_timestamp"), isoTime(m.joinTimestamp)},
                       {QStringLiteral("flags"), 0}};
}

QJsonObject voiceState(const World& world, Snowflake guildId, const Member& m, bool forGateway) {
    QJsonObject o{{QStringLiteral("channel_id"), idOrNull(m.voiceChannelId)},
                  {QStringLiteral("user_id"), id(m.userId)},
                  {QStringLiteral("session_id"), m.voiceSessionId},
                  {QStringLiteral("deaf"), m.deaf},
                  {QStringLiteral("mute"), m.mute},
                  {QStringLiteral("self_deaf"), m.selfDeaf},
                  {QStringLiteral("self_mute"), m.selfMute},
                  {QStringLiteral("self_video"), false},
                  {QStringLiteral("suppress"), false},
                  {QStringLiteral("request_to_speak_timestamp"), QJsonValue::Null}};
    if (forGateway) {
        o.insert(QStringLiteral("guild_id"), id(guildId));
        o.insert(QStringLiteral("member"), member(world, guildId, m, true));
    }
    return o;
}

QJsonObject channel(const World& world, const Channel& c) {
    QJsonObject o{
        {QStringLiteral("id"), id(c.id)}, {QStringLiteral("type"), c.type}, {QStringLiteral("flags"), 0}};
    o.insert(QStringLiteral("last_message_id"), idOrNull(c.lastMessageId));
    if (c.type == channel_type::Dm || c.type == channel_type::GroupDm) {
        QJsonArray recipients;
        for (Snowflake r : c.recipients)
            if (r != world.botId())
                if (const User* u = world.user(r))
                    recipients.append(user(*u));
        o.insert(QStringLiteral("recipients"), recipients);
        return o;
    }
    o.insert(QStringLiteral("guild_id"), id(c.guildId));
    o.insert(QStringLiteral("name"), c.name);
    o.insert(QStringLiteral("parent_id"), idOrNull(c.parentId));
    o.insert(QStringLiteral("rate_limit_per_user"), c.rateLimitPerUser);
    if (channel_type::isThread(c.type)) {
        o.insert(QStringLiteral("owner_id"), id(c.ownerId));
        o.insert(QStringLiteral("message_count"), c.messageCount);
        o.insert(QStringLiteral("member_count"), std::min<int>(50, static_cast<int>(c.threadMembers.size())));
        o.insert(QStringLiteral("total_message_sent"), c.totalMessageSent);
        QJsonObject meta{{QStringLiteral("archived"), c.archived},
                         {QStringLiteral("auto_archive_duration"), c.autoArchiveDuration},
                         {QStringLiteral("archive_timestamp"), isoTime(c.archiveTimestamp)},
                         {QStringLiteral("locked"), c.locked},
                         {QStringLiteral("create_timestamp"), isoTime(c.createTimestamp)}};
        if (c.type == channel_type::PrivateThread)
            meta.insert(QStringLiteral("invitable"), c.invitable);
        o.insert(QStringLiteral("thread_metadata"), meta);
        return o;
    }
    o.insert(QStringLiteral("position"), c.position);
    o.insert(QStringLiteral("permission_overwrites"), overwrites(c.overwrites));
    o.insert(QStringLiteral("nsfw"), c.nsfw);
    if (c.type == channel_type::GuildVoice || c.type == channel_type::GuildStageVoice) {
        o.insert(QStringLiteral("bitrate"), c.bitrate);
        o.insert(QStringLiteral("user_limit"), c.userLimit);
        o.insert(QStringLiteral("rtc_region"), QJsonValue::Null);
    } else if (c.type != channel_type::GuildCategory) {
        o.insert(QStringLiteral("topic"), stringOrNull(c.topic));
        o.insert(QStringLiteral("last_pin_timestamp"), isoTimeOrNull(c.lastPinTimestamp));
    }
    return o;
}

QJsonObject guild(const World& world, const Guild& g) {
    QJsonArray roles, emojis;
    for (const auto& [rid, r] : g.roles)
        roles.append(role(r));
    for (const auto& [eid, e] : g.emojis)
        emojis.append(emoji(e));
    Q_UNUSED(world);
    return QJsonObject{{QStringLiteral("id"), id(g.id)},
                       {QStringLiteral("name"), g.name},
                       {QStringLiteral("icon"), stringOrNull(g.icon)},
                       {QStringLiteral("splash"), QJsonValue::Null},
                       {QStringLiteral("discovery_splash"), QJsonValue::Null},
                       {QStringLiteral("banner"), QJsonValue::Null},
                       {QStringLiteral("description"), stringOrNull(g.description)},
                       {QStringLiteral("owner_id"), id(g.ownerId)},
                       {QStringLiteral("afk_channel_id"), QJsonValue::Null},
                       {QStringLiteral("afk_timeout"), 300},
                       {QStringLiteral("verification_level"), 0},
                       {QStringLiteral("default_message_notifications"), 0},
                       {QStringLiteral("explicit_content_filter"), 0},
                       {QStringLiteral("mfa_level"), 0},
                       {QStringLiteral("nsfw_level"), 0},
                       {QStringLiteral("premium_tier"), 0},
                       {QStringLiteral("premium_subscription_count"), 0},
                       {QStringLiteral("premium_progress_bar_enabled"), false},
                       {QStringLiteral("preferred_locale"), g.preferredLocale},
                       {QStringLiteral("system_channel_id"), idOrNull(g.systemChannelId)},
                       {QStringLiteral("system_channel_flags"), 0},
                       {QStringLiteral("rules_channel_id"), QJsonValue::Null},
                       {QStringLiteral("public_updates_channel_id"), QJsonValue::Null},
                       {QStringLiteral("safety_alerts_channel_id"), QJsonValue::Null},
                       {QStringLiteral("vanity_url_code"), QJsonValue::Null},
                       {QStringLiteral("application_id"), QJsonValue::Null},
                       {QStringLiteral("features"), QJsonArray{}},
                       {QStringLiteral("roles"), roles},
                       {QStringLiteral("emojis"), emojis},
                       {QStringLiteral("stickers"), QJsonArray{}}};
}

QJsonObject guildCreate(const World& world, const Guild& g) {
    QJsonObject o = guild(world, g);
    QJsonArray channels, threads, members;
    for (const Channel* c : world.guildChannels(g.id, true)) {
        if (channel_type::isThread(c->type)) {
            if (!c->archived)
                threads.append(channel(world, *c));
        } else {
            channels.append(channel(world, *c));
        }
    }
    QJsonArray voiceStates;
    for (const auto& [uid, m] : g.members) {
        members.append(member(world, g.id, m, true));
        if (m.voiceChannelId)
            voiceStates.append(voiceState(world, g.id, m, false));
    }
    const Member* botMember = world.member(g.id, world.botId());
    o.insert(QStringLiteral("joined_at"), isoTime(botMember ? botMember->joinedAt : QDateTime()));
    o.insert(QStringLiteral("large"), g.members.size() > 250);
    o.insert(QStringLiteral("unavailable"), false);
    o.insert(QStringLiteral("member_count"), static_cast<int>(g.members.size()));
    o.insert(QStringLiteral("channels"), channels);
    o.insert(QStringLiteral("threads"), threads);
    o.insert(QStringLiteral("members"), members);
    o.insert(QStringLiteral("presences"), QJsonArray{});
    o.insert(QStringLiteral("voice_states"), voiceStates);
    o.insert(QStringLiteral("stage_instances"), QJsonArray{});
    o.insert(QStringLiteral("guild_scheduled_events"), QJsonArray{});
    o.insert(QStringLiteral("soundboard_sounds"), QJsonArray{});
    return o;
}

namespace {
QByteArray compact(const QJsonArray& array) {
    return array.isEmpty() ? QByteArrayLiteral("[]") : QJsonDocument(array).toJson(QJsonDocument::Compact);
}
QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

void writeMessage(protocol::JsonWriter& w, const World& world, const Message& m, Snowflake viewerId,
                  bool forGateway) {
    const Channel* c = world.channel(m.channelId);
    w.beginObject();
    w.fieldId("id", m.id);
    w.fieldId("channel_id", m.channelId);
    w.key("author");
    if (m.webhookId && !m.applicationId) {
        w.beginObject();
        w.fieldId("id", m.webhookId);
        w.field("username", m.webhookName);
        w.field("discriminator", u"0000");
        w.fieldNull("global_name");
        w.fieldNull("avatar");
        w.fieldBool("bot", true);
        w.endObject();
    } else if (const User* u = world.user(m.authorId)) {
        writeUser(w, *u);
    } else {
        w.beginObject();
        w.endObject();
    }
    w.field("content", m.content);
    w.field("timestamp", isoTime(m.timestamp));
    if (m.editedTimestamp.isValid())
        w.field("edited_timestamp", isoTime(m.editedTimestamp));
    else
        w.fieldNull("edited_timestamp");
    w.fieldBool("tts", m.tts);
    w.fieldBool("mention_everyone", m.mentionEveryone);
    w.key("mentions");
    w.beginArray();
    for (Snowflake uid : m.mentions) {
        const User* u = world.user(uid);
        if (!u)
            continue;
        const Member* mm = forGateway && c && c->guildId ? world.member(c->guildId, uid) : nullptr;
        if (!mm) {
            writeUser(w, *u);
            continue;
        }
        // A mention carries a partial member inside the user object.
        QByteArray userJson;
        {
            protocol::JsonWriter inner;
            writeUser(inner, *u);
            userJson = inner.take();
        }
        protocol::JsonWriter memberJson;
        writeMember(memberJson, world, *mm, false);
        userJson.chop(1);
        w.raw(userJson + ",\"member\":" + memberJson.bytes() + '}');
    }
    w.endArray();
    w.key("mention_roles");
    w.beginArray();
    for (Snowflake role : m.mentionRoles)
        w.string(QString::number(role));
    w.endArray();
    w.key("attachments");
    w.raw(compact(m.attachments));
    w.key("embeds");
    w.raw(compact(m.embeds));
    w.key("components");
    w.raw(compact(m.components));
    w.fieldBool("pinned", m.pinned);
    w.field("type", qint64{m.type});
    w.field("flags", qint64{m.flags});
    if (!m.reactions.empty()) {
        w.key("reactions");
        w.beginArray();
        for (const Reaction& r : m.reactions) {
            const qint64 count = static_cast<qint64>(r.users.size());
            w.beginObject();
            w.field("count", count);
            w.key("count_details");
            w.beginObject();
            w.field("burst", qint64{0});
            w.field("normal", count);
            w.endObject();
            w.fieldBool("me", std::find(r.users.begin(), r.users.end(), viewerId) != r.users.end());
            w.fieldBool("me_burst", false);
            w.key("burst_colors");
            w.raw(QByteArrayLiteral("[]"));
            w.key("emoji");
            w.beginObject();
            w.fieldId("id", r.emojiId, true);
            w.field("name", r.emojiName);
            if (r.emojiId && r.animated)
                w.fieldBool("animated", true);
            w.endObject();
            w.endObject();
        }
        w.endArray();
    }
    if (!m.nonce.isEmpty())
        w.field("nonce", m.nonce);
    if (m.webhookId)
        w.fieldId("webhook_id", m.webhookId);
    if (m.applicationId)
        w.fieldId("application_id", m.applicationId);
    if (!m.interactionMetadata.isEmpty()) {
        w.key("interaction_metadata");
        w.raw(compact(m.interactionMetadata));
    }
    if (!m.messageReference.isEmpty()) {
        w.key("message_reference");
        w.raw(compact(m.messageReference));
    }
    if (m.type == 19) {
        const Snowflake refChannel =
            m.messageReference.value(QStringLiteral("channel_id")).toString().toULongLong();
        const Message* ref = m.referencedMessageId
                                 ? world.message(refChannel ? refChannel : m.channelId, m.referencedMessageId)
                                 : nullptr;
        w.key("referenced_message");
        if (ref)
            writeMessage(w, world, *ref, viewerId, false);
        else
            w.null();
    }
    if (m.threadId)
        if (const Channel* t = world.channel(m.threadId)) {
            w.key("thread");
            w.raw(compact(channel(world, *t)));
        }
    if (c && c->guildId && !m.ephemeralFor) {
        w.fieldId("guild_id", c->guildId);
        if (forGateway && !m.webhookId)
            if (const Member* mm = world.member(c->guildId, m.authorId)) {
                w.key("member");
                writeMember(w, world, *mm, false);
            }
    }
    if (forGateway && c)
        w.field("channel_type", qint64{c->type});
    w.endObject();
}

QByteArray messageBytes(const World& world, const Message& m, Snowflake viewerId, bool forGateway) {
    protocol::JsonWriter w;
    writeMessage(w, world, m, viewerId, forGateway);
    return w.take();
}

QJsonObject message(const World& world, const Message& m, Snowflake viewerId, bool forGateway) {
    return QJsonDocument::fromJson(messageBytes(world, m, viewerId, forGateway)).object();
}

QJsonObject invite(const World& world, const Invite& inv, bool withMetadata) {
    QJsonObject o{{QStringLiteral("type"), 0}, {QStringLiteral("code"), inv.code}};
    if (const Guild* g = world.guild(inv.guildId))
        o.insert(QStringLiteral("guild"), QJsonObject{{QStringLiteral("id"), id(g->id)},
                                                      {QStringLiteral("name"), g->name},
                                                      {QStringLiteral("icon"), stringOrNull(g->icon)},
                                                      {QStringLiteral("features"), QJsonArray{}}});
    if (const Channel* c = world.channel(inv.channelId))
        o.insert(QStringLiteral("channel"), QJsonObject{{QStringLiteral("id"), id(c->id)},
                                                        {QStringLiteral("name"), c->name},
                                                        {QStringLiteral("type"), c->type}});
    if (const User* u = world.user(inv.inviterId))
        o.insert(QStringLiteral("inviter"), user(*u));
    o.insert(QStringLiteral("expires_at"), inv.maxAge > 0
                                               ? QJsonValue(isoTime(inv.createdAt.addSecs(inv.maxAge)))
                                               : QJsonValue(QJsonValue::Null));
    if (withMetadata) {
        o.insert(QStringLiteral("uses"), inv.uses);
        o.insert(QStringLiteral("max_uses"), inv.maxUses);
        o.insert(QStringLiteral("max_age"), inv.maxAge);
        o.insert(QStringLiteral("temporary"), inv.temporary);
        o.insert(QStringLiteral("created_at"), isoTime(inv.createdAt));
    }
    return o;
}

QJsonObject webhook(const World& world, const Webhook& w, bool withUser) {
    QJsonObject o{{QStringLiteral("id"), id(w.id)},
                  {QStringLiteral("type"), w.type},
                  {QStringLiteral("guild_id"), idOrNull(w.guildId)},
                  {QStringLiteral("channel_id"), id(w.channelId)},
                  {QStringLiteral("name"), w.name},
                  {QStringLiteral("avatar"), stringOrNull(w.avatar)},
                  {QStringLiteral("application_id"), idOrNull(w.applicationId)}};
    if (!w.token.isEmpty())
        o.insert(QStringLiteral("token"), w.token);
    if (withUser)
        if (const User* u = world.user(w.creatorId))
            o.insert(QStringLiteral("user"), user(*u));
    return o;
}

QJsonObject command(const World& world, const ApplicationCommand& cmd) {
    QJsonObject o = cmd.definition;
    o.insert(QStringLiteral("id"), id(cmd.id));
    o.insert(QStringLiteral("application_id"), id(world.application().id));
    o.insert(QStringLiteral("version"), id(cmd.version));
    if (cmd.guildId)
        o.insert(QStringLiteral("guild_id"), id(cmd.guildId));
    return o;
}

namespace {
// Application flags GATEWAY_PRESENCE (1<<12), GATEWAY_GUILD_MEMBERS (1<<14), GATEWAY_MESSAGE_CONTENT (1<<18).
std::uint32_t privilegedIntentFlags(const Application& app) {
    std::uint32_t flags = 0;
    if (app.privilegedIntents & (1u << 8))
        flags |= 1u << 12;
    if (app.privilegedIntents & (1u << 1))
        flags |= 1u << 14;
    if (app.privilegedIntents & (1u << 15))
        flags |= 1u << 18;
    return flags;
}
} // namespace

QJsonObject application(const World& world) {
    const Application& app = world.application();
    QJsonObject o{{QStringLiteral("id"), id(app.id)},
                  {QStringLiteral("name"), app.name},
                  {QStringLiteral("icon"), QJsonValue::Null},
                  {QStringLiteral("description"), app.description},
                  {QStringLiteral("bot_public"), true},
                  {QStringLiteral("bot_require_code_grant"), false},
                  {QStringLiteral("verify_key"), QStringLiteral("00")},
                  {QStringLiteral("flags"), static_cast<qint64>(app.flags | privilegedIntentFlags(app))}};
    o.insert(QStringLiteral("bot"), user(world.botUser()));
    return o;
}

} // namespace botwright::sandbox::json
