#include "engine/sandbox/world_json.h"

#include "engine/protocol/permissions.h"

#include <QJsonArray>

namespace botwright::sandbox::json {

namespace {
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
    const QDateTime utc = time.toUTC();
    return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000+00:00");
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

QJsonObject user(const User& u) {
    QJsonObject o{{QStringLiteral("id"), id(u.id)},
                  {QStringLiteral("username"), u.username},
                  {QStringLiteral("discriminator"), QStringLiteral("0")},
                  {QStringLiteral("global_name"), stringOrNull(u.globalName)},
                  {QStringLiteral("avatar"), stringOrNull(u.avatar)},
                  {QStringLiteral("public_flags"), 0}};
    if (u.bot)
        o.insert(QStringLiteral("bot"), true);
    return o;
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

QJsonObject member(const World& world, Snowflake guildId, const Member& m, bool withUser) {
    Q_UNUSED(guildId);
    QJsonObject o{
        {QStringLiteral("nick"), stringOrNull(m.nick)},
        {QStringLiteral("avatar"), QJsonValue::Null},
        {QStringLiteral("banner"), QJsonValue::Null},
        {QStringLiteral("roles"), idArray(m.roles)},
        {QStringLiteral("joined_at"), isoTime(m.joinedAt)},
        {QStringLiteral("premium_since"), QJsonValue::Null},
        {QStringLiteral("deaf"), m.deaf},
        {QStringLiteral("mute"), m.mute},
        {QStringLiteral("flags"), 0},
        {QStringLiteral("pending"), m.pending},
        {QStringLiteral("communication_disabled_until"), isoTimeOrNull(m.communicationDisabledUntil)}};
    if (withUser)
        if (const User* u = world.user(m.userId))
            o.insert(QStringLiteral("user"), user(*u));
    return o;
}

QJsonObject threadMember(Snowflake threadId, const ThreadMember& m) {
    return QJsonObject{{QStringLiteral("id"), id(threadId)},
                       {QStringLiteral("user_id"), id(m.userId)},
                       {QStringLiteral("join_timestamp"), isoTime(m.joinTimestamp)},
                       {QStringLiteral("flags"), 0}};
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
    for (const auto& [uid, m] : g.members)
        members.append(member(world, g.id, m, true));
    const Member* botMember = world.member(g.id, world.botId());
    o.insert(QStringLiteral("joined_at"), isoTime(botMember ? botMember->joinedAt : QDateTime()));
    o.insert(QStringLiteral("large"), g.members.size() > 250);
    o.insert(QStringLiteral("unavailable"), false);
    o.insert(QStringLiteral("member_count"), static_cast<int>(g.members.size()));
    o.insert(QStringLiteral("channels"), channels);
    o.insert(QStringLiteral("threads"), threads);
    o.insert(QStringLiteral("members"), members);
    o.insert(QStringLiteral("presences"), QJsonArray{});
    o.insert(QStringLiteral("voice_states"), QJsonArray{});
    o.insert(QStringLiteral("stage_instances"), QJsonArray{});
    o.insert(QStringLiteral("guild_scheduled_events"), QJsonArray{});
    o.insert(QStringLiteral("soundboard_sounds"), QJsonArray{});
    return o;
}

QJsonObject message(const World& world, const Message& m, Snowflake viewerId, bool forGateway) {
    QJsonObject author;
    if (m.webhookId && !m.applicationId) {
        author = QJsonObject{{QStringLiteral("id"), id(m.webhookId)},
                             {QStringLiteral("username"), m.webhookName},
                             {QStringLiteral("discriminator"), QStringLiteral("0000")},
                             {QStringLiteral("global_name"), QJsonValue::Null},
                             {QStringLiteral("avatar"), QJsonValue::Null},
                             {QStringLiteral("bot"), true}};
    } else if (const User* u = world.user(m.authorId)) {
        author = user(*u);
    }
    const Channel* c = world.channel(m.channelId);
    QJsonArray mentions;
    for (Snowflake uid : m.mentions) {
        const User* u = world.user(uid);
        if (!u)
            continue;
        QJsonObject mention = user(*u);
        if (forGateway && c && c->guildId)
            if (const Member* mm = world.member(c->guildId, uid))
                mention.insert(QStringLiteral("member"), member(world, c->guildId, *mm, false));
        mentions.append(mention);
    }
    QJsonArray reactions;
    for (const Reaction& r : m.reactions) {
        const bool me = std::find(r.users.begin(), r.users.end(), viewerId) != r.users.end();
        const int count = static_cast<int>(r.users.size());
        reactions.append(
            QJsonObject{{QStringLiteral("count"), count},
                        {QStringLiteral("count_details"),
                         QJsonObject{{QStringLiteral("burst"), 0}, {QStringLiteral("normal"), count}}},
                        {QStringLiteral("me"), me},
                        {QStringLiteral("me_burst"), false},
                        {QStringLiteral("burst_colors"), QJsonArray{}},
                        {QStringLiteral("emoji"), reactionEmoji(r)}});
    }
    QJsonObject o{{QStringLiteral("id"), id(m.id)},
                  {QStringLiteral("channel_id"), id(m.channelId)},
                  {QStringLiteral("author"), author},
                  {QStringLiteral("content"), m.content},
                  {QStringLiteral("timestamp"), isoTime(m.timestamp)},
                  {QStringLiteral("edited_timestamp"), isoTimeOrNull(m.editedTimestamp)},
                  {QStringLiteral("tts"), m.tts},
                  {QStringLiteral("mention_everyone"), m.mentionEveryone},
                  {QStringLiteral("mentions"), mentions},
                  {QStringLiteral("mention_roles"), idArray(m.mentionRoles)},
                  {QStringLiteral("attachments"), m.attachments},
                  {QStringLiteral("embeds"), m.embeds},
                  {QStringLiteral("components"), m.components},
                  {QStringLiteral("pinned"), m.pinned},
                  {QStringLiteral("type"), m.type},
                  {QStringLiteral("flags"), m.flags}};
    if (!m.reactions.empty())
        o.insert(QStringLiteral("reactions"), reactions);
    if (!m.nonce.isEmpty())
        o.insert(QStringLiteral("nonce"), m.nonce);
    if (m.webhookId)
        o.insert(QStringLiteral("webhook_id"), id(m.webhookId));
    if (m.applicationId)
        o.insert(QStringLiteral("application_id"), id(m.applicationId));
    if (!m.interactionMetadata.isEmpty())
        o.insert(QStringLiteral("interaction_metadata"), m.interactionMetadata);
    if (!m.messageReference.isEmpty())
        o.insert(QStringLiteral("message_reference"), m.messageReference);
    if (m.type == 19) {
        const Snowflake refChannel =
            m.messageReference.value(QStringLiteral("channel_id")).toString().toULongLong();
        const Message* ref = m.referencedMessageId
                                 ? world.message(refChannel ? refChannel : m.channelId, m.referencedMessageId)
                                 : nullptr;
        o.insert(QStringLiteral("referenced_message"),
                 ref ? QJsonValue(message(world, *ref, viewerId, false)) : QJsonValue(QJsonValue::Null));
    }
    if (m.threadId)
        if (const Channel* t = world.channel(m.threadId))
            o.insert(QStringLiteral("thread"), channel(world, *t));
    if (c && c->guildId && !m.ephemeralFor) {
        o.insert(QStringLiteral("guild_id"), id(c->guildId));
        if (forGateway && !m.webhookId)
            if (const Member* mm = world.member(c->guildId, m.authorId))
                o.insert(QStringLiteral("member"), member(world, c->guildId, *mm, false));
    }
    if (forGateway && c)
        o.insert(QStringLiteral("channel_type"), c->type);
    return o;
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
