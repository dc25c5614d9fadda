#include "engine/sandbox/world_file.h"

#include "engine/project/file_io.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/protocol/permissions.h"
#include "engine/sandbox/world_file_attachments.h"
#include "engine/sandbox/world_json.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace botwright::sandbox {

namespace {

// Reads fields of one JSON object and names the exact path in every error.
class Reader final {
public:
    Reader(const QJsonObject& object, QString path)
        : m_object(object)
        , m_path(std::move(path)) {}

    [[noreturn]] void fail(const QString& key, const QString& why) const {
        throw WorldFileError(QStringLiteral("%1.%2: %3").arg(m_path, key, why));
    }
    bool has(const QString& key) const { return m_object.contains(key) && !m_object.value(key).isNull(); }
    Snowflake id(const QString& key, bool required = true) const {
        const QJsonValue v = m_object.value(key);
        if (!has(key)) {
            if (required)
                fail(key, QStringLiteral("required snowflake is missing"));
            return 0;
        }
        const auto parsed =
            protocol::parseSnowflake(v.isString() ? v.toString() : QString::number(v.toInteger()));
        if (!parsed || (!v.isString() && !v.isDouble()))
            fail(key, QStringLiteral("not a snowflake (write ids as decimal strings)"));
        return *parsed;
    }
    QString string(const QString& key, const QString& fallback = {}, bool required = false) const {
        if (!has(key)) {
            if (required)
                fail(key, QStringLiteral("required text is missing"));
            return fallback;
        }
        if (!m_object.value(key).isString())
            fail(key, QStringLiteral("must be a string"));
        return m_object.value(key).toString();
    }
    int integer(const QString& key, int fallback = 0) const {
        if (!has(key))
            return fallback;
        if (!m_object.value(key).isDouble())
            fail(key, QStringLiteral("must be a number"));
        return m_object.value(key).toInt();
    }
    bool boolean(const QString& key, bool fallback = false) const {
        if (!has(key))
            return fallback;
        if (!m_object.value(key).isBool())
            fail(key, QStringLiteral("must be true or false"));
        return m_object.value(key).toBool();
    }
    std::uint64_t bits(const QString& key, std::uint64_t fallback = 0) const {
        if (!has(key))
            return fallback;
        const QJsonValue v = m_object.value(key);
        bool ok = false;
        const std::uint64_t value = v.isString() ? v.toString().toULongLong(&ok) : 0;
        if (!ok)
            fail(key, QStringLiteral("must be a permission bit set as a decimal string"));
        return value;
    }
    QDateTime time(const QString& key) const {
        if (!has(key))
            return {};
        const QDateTime t = QDateTime::fromString(string(key), Qt::ISODateWithMs);
        if (!t.isValid())
            fail(key, QStringLiteral("must be an ISO 8601 time"));
        return t.toUTC();
    }
    QJsonArray array(const QString& key) const {
        if (!has(key))
            return {};
        if (!m_object.value(key).isArray())
            fail(key, QStringLiteral("must be an array"));
        return m_object.value(key).toArray();
    }
    QJsonObject object(const QString& key) const {
        if (!has(key))
            return {};
        if (!m_object.value(key).isObject())
            fail(key, QStringLiteral("must be an object"));
        return m_object.value(key).toObject();
    }
    std::vector<Snowflake> ids(const QString& key) const {
        std::vector<Snowflake> out;
        const QJsonArray list = array(key);
        for (qsizetype i = 0; i < list.size(); ++i) {
            const auto parsed = protocol::parseSnowflake(list[i].toString());
            if (!parsed)
                fail(QStringLiteral("%1[%2]").arg(key).arg(i), QStringLiteral("not a snowflake string"));
            out.push_back(*parsed);
        }
        return out;
    }
    // Each element of an array of objects, with its path.
    template <class F>
    void each(const QString& key, F&& f) const {
        const QJsonArray list = array(key);
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString path = QStringLiteral("%1.%2[%3]").arg(m_path, key).arg(i);
            if (!list[i].isObject())
                throw WorldFileError(path + QStringLiteral(": must be an object"));
            f(Reader(list[i].toObject(), path));
        }
    }

private:
    QJsonObject m_object;
    QString m_path;
};

const QStringList kPrivilegedNames{QStringLiteral("GUILD_MEMBERS"), QStringLiteral("GUILD_PRESENCES"),
                                   QStringLiteral("MESSAGE_CONTENT")};
const std::uint32_t kPrivilegedBits[] = {protocol::intent::GuildMembers, protocol::intent::GuildPresences,
                                         protocol::intent::MessageContent};

QJsonArray idList(const std::vector<Snowflake>& ids) {
    QJsonArray out;
    for (Snowflake v : ids)
        out.append(json::id(v));
    return out;
}

void readWorld(World& w, const Reader& root) {
    if (root.string(QStringLiteral("format")) != QLatin1String(kWorldFormat))
        root.fail(QStringLiteral("format"),
                  QStringLiteral("expected \"%1\"").arg(QLatin1String(kWorldFormat)));
    if (root.integer(QStringLiteral("version")) != kWorldFormatVersion)
        root.fail(QStringLiteral("version"),
                  QStringLiteral("this studio reads version %1").arg(kWorldFormatVersion));
    const Reader app(root.object(QStringLiteral("application")), QStringLiteral("application"));
    Application& a = w.application();
    a.id = app.id(QStringLiteral("id"));
    a.name = app.string(QStringLiteral("name"), QStringLiteral("sandbox-bot"));
    a.description = app.string(QStringLiteral("description"));
    for (const QJsonValue v : app.array(QStringLiteral("privileged_intents"))) {
        const qsizetype index = kPrivilegedNames.indexOf(v.toString());
        if (index < 0)
            app.fail(QStringLiteral("privileged_intents"),
                     QStringLiteral("unknown intent \"%1\" (use %2)")
                         .arg(v.toString(), kPrivilegedNames.join(u',')));
        a.privilegedIntents |= kPrivilegedBits[index];
    }
    root.each(QStringLiteral("users"), [&](const Reader& r) {
        w.addUser(User{r.id(QStringLiteral("id")), r.string(QStringLiteral("username"), {}, true),
                       r.string(QStringLiteral("global_name")), r.string(QStringLiteral("avatar")),
                       r.boolean(QStringLiteral("bot")), r.string(QStringLiteral("token"))});
    });
    if (!w.user(a.id))
        app.fail(QStringLiteral("id"), QStringLiteral("no user with the application's id (the bot user)"));
    w.user(a.id)->bot = true;
    root.each(QStringLiteral("guilds"), [&](const Reader& r) {
        Guild g;
        g.id = r.id(QStringLiteral("id"));
        g.name = r.string(QStringLiteral("name"), {}, true);
        g.ownerId = r.id(QStringLiteral("owner_id"));
        g.systemChannelId = r.id(QStringLiteral("system_channel_id"), false);
        g.description = r.string(QStringLiteral("description"));
        g.preferredLocale = r.string(QStringLiteral("preferred_locale"), QStringLiteral("en-US"));
        g.unavailable = r.boolean(QStringLiteral("unavailable"));
        r.each(QStringLiteral("roles"), [&](const Reader& rr) {
            Role role{rr.id(QStringLiteral("id")),
                      rr.string(QStringLiteral("name"), {}, true),
                      rr.bits(QStringLiteral("permissions")),
                      rr.integer(QStringLiteral("position")),
                      rr.integer(QStringLiteral("color")),
                      rr.boolean(QStringLiteral("hoist")),
                      rr.boolean(QStringLiteral("managed")),
                      rr.boolean(QStringLiteral("mentionable")),
                      rr.id(QStringLiteral("bot_id"), false),
                      rr.string(QStringLiteral("unicode_emoji"))};
            g.roles[role.id] = role;
        });
        if (!g.roles.count(g.id))
            g.roles[g.id] = Role{g.id,
                                 QStringLiteral("@everyone"),
                                 protocol::permission::DefaultEveryone,
                                 0,
                                 0,
                                 false,
                                 false,
                                 false,
                                 0,
                                 {}};
        r.each(QStringLiteral("members"), [&](const Reader& mr) {
            Member m{mr.id(QStringLiteral("user_id")),
                     mr.string(QStringLiteral("nick")),
                     mr.ids(QStringLiteral("roles")),
                     mr.time(QStringLiteral("joined_at")),
                     mr.boolean(QStringLiteral("deaf")),
                     mr.boolean(QStringLiteral("mute")),
                     mr.boolean(QStringLiteral("pending")),
                     mr.time(QStringLiteral("communication_disabled_until"))};
            if (!w.user(m.userId))
                mr.fail(QStringLiteral("user_id"), QStringLiteral("no such user in \"users\""));
            for (Snowflake role : m.roles)
                if (!g.roles.count(role))
                    mr.fail(QStringLiteral("roles"),
                            QStringLiteral("role %1 is not in this guild").arg(role));
            if (!m.joinedAt.isValid())
                m.joinedAt = protocol::snowflakeTime(g.id);
            g.members[m.userId] = m;
        });
        r.each(QStringLiteral("emojis"), [&](const Reader& er) {
            Emoji e{er.id(QStringLiteral("id")), er.string(QStringLiteral("name"), {}, true),
                    er.boolean(QStringLiteral("animated")), er.ids(QStringLiteral("roles")),
                    er.id(QStringLiteral("creator_id"), false)};
            g.emojis[e.id] = e;
        });
        r.each(QStringLiteral("bans"), [&](const Reader& br) {
            const Snowflake uid = br.id(QStringLiteral("user_id"));
            g.bans[uid] = Ban{uid, br.string(QStringLiteral("reason"))};
        });
        w.addGuild(std::move(g));
    });
    root.each(QStringLiteral("channels"), [&](const Reader& r) {
        Channel c;
        c.id = r.id(QStringLiteral("id"));
        c.type = r.integer(QStringLiteral("type"));
        c.guildId = r.id(QStringLiteral("guild_id"), false);
        if (c.guildId && !w.guild(c.guildId))
            r.fail(QStringLiteral("guild_id"), QStringLiteral("no such guild"));
        c.name = r.string(QStringLiteral("name"));
        c.position = r.integer(QStringLiteral("position"));
        c.parentId = r.id(QStringLiteral("parent_id"), false);
        c.topic = r.string(QStringLiteral("topic"));
        c.nsfw = r.boolean(QStringLiteral("nsfw"));
        c.rateLimitPerUser = r.integer(QStringLiteral("rate_limit_per_user"));
        c.bitrate = r.integer(QStringLiteral("bitrate"), 64000);
        c.userLimit = r.integer(QStringLiteral("user_limit"));
        c.recipients = r.ids(QStringLiteral("recipients"));
        c.ownerId = r.id(QStringLiteral("owner_id"), false);
        c.archived = r.boolean(QStringLiteral("archived"));
        c.locked = r.boolean(QStringLiteral("locked"));
        c.invitable = r.boolean(QStringLiteral("invitable"), true);
        c.autoArchiveDuration = r.integer(QStringLiteral("auto_archive_duration"), 1440);
        c.createTimestamp = protocol::snowflakeTime(c.id);
        c.archiveTimestamp = c.createTimestamp;
        for (Snowflake uid : r.ids(QStringLiteral("thread_members")))
            c.threadMembers.push_back({uid, c.createTimestamp});
        r.each(QStringLiteral("permission_overwrites"), [&](const Reader& o) {
            c.overwrites.push_back(Overwrite{o.id(QStringLiteral("id")), o.integer(QStringLiteral("type")),
                                             o.bits(QStringLiteral("allow")),
                                             o.bits(QStringLiteral("deny"))});
        });
        if (!c.guildId && c.type != channel_type::Dm && c.type != channel_type::GroupDm)
            r.fail(QStringLiteral("guild_id"), QStringLiteral("guild channels need a guild_id"));
        w.addChannel(std::move(c));
    });
    root.each(QStringLiteral("voice_states"), [&](const Reader& r) {
        const Snowflake guildId = r.id(QStringLiteral("guild_id"));
        Member* m = w.member(guildId, r.id(QStringLiteral("user_id")));
        if (!m)
            r.fail(QStringLiteral("user_id"), QStringLiteral("not a member of that guild"));
        const Snowflake channelId = r.id(QStringLiteral("channel_id"));
        const Channel* c = w.channel(channelId);
        if (!c || c->guildId != guildId ||
            (c->type != channel_type::GuildVoice && c->type != channel_type::GuildStageVoice))
            r.fail(QStringLiteral("channel_id"),
                   QStringLiteral("not a voice or stage channel of that guild"));
        m->voiceChannelId = channelId;
        m->selfMute = r.boolean(QStringLiteral("self_mute"));
        m->selfDeaf = r.boolean(QStringLiteral("self_deaf"));
        m->voiceSessionId = QStringLiteral("sandbox-voice-%1").arg(m->userId);
    });
    root.each(QStringLiteral("messages"), [&](const Reader& r) {
        Message m;
        m.id = r.id(QStringLiteral("id"));
        m.channelId = r.id(QStringLiteral("channel_id"));
        if (!w.channel(m.channelId))
            r.fail(QStringLiteral("channel_id"), QStringLiteral("no such channel"));
        m.authorId = r.id(QStringLiteral("author_id"));
        m.webhookId = r.id(QStringLiteral("webhook_id"), false);
        m.webhookName = r.string(QStringLiteral("webhook_name"));
        m.applicationId = r.id(QStringLiteral("application_id"), false);
        m.type = r.integer(QStringLiteral("type"));
        m.flags = r.integer(QStringLiteral("flags"));
        m.content = r.string(QStringLiteral("content"));
        m.timestamp = protocol::snowflakeTime(m.id);
        m.editedTimestamp = r.time(QStringLiteral("edited_timestamp"));
        m.tts = r.boolean(QStringLiteral("tts"));
        m.pinned = r.boolean(QStringLiteral("pinned"));
        m.pinnedAt = r.time(QStringLiteral("pinned_at"));
        m.embeds = r.array(QStringLiteral("embeds"));
        m.components = r.array(QStringLiteral("components"));
        m.attachments = r.array(QStringLiteral("attachments"));
        m.messageReference = r.object(QStringLiteral("message_reference"));
        m.referencedMessageId =
            m.type == 19 ? m.messageReference.value(QStringLiteral("message_id")).toString().toULongLong()
                         : 0;
        m.interactionMetadata = r.object(QStringLiteral("interaction_metadata"));
        m.threadId = r.id(QStringLiteral("thread_id"), false);
        r.each(QStringLiteral("reactions"), [&](const Reader& rr) {
            const Reader e(rr.object(QStringLiteral("emoji")), QStringLiteral("reaction.emoji"));
            Reaction reaction{e.id(QStringLiteral("id"), false), e.string(QStringLiteral("name")),
                              e.boolean(QStringLiteral("animated")), rr.ids(QStringLiteral("users"))};
            m.reactions.push_back(reaction);
        });
        w.insertMessage(std::move(m));
        Message& stored = *w.message(r.id(QStringLiteral("channel_id")), r.id(QStringLiteral("id")));
        w.resolveMentions(stored, {}, false);
    });
    root.each(QStringLiteral("webhooks"), [&](const Reader& r) {
        w.addWebhook(Webhook{r.id(QStringLiteral("id")), r.integer(QStringLiteral("type"), 1),
                             r.id(QStringLiteral("guild_id"), false), r.id(QStringLiteral("channel_id")),
                             r.id(QStringLiteral("creator_id"), false),
                             r.string(QStringLiteral("name"), {}, true), r.string(QStringLiteral("avatar")),
                             r.string(QStringLiteral("token"), {}, true),
                             r.id(QStringLiteral("application_id"), false)});
    });
    root.each(QStringLiteral("invites"), [&](const Reader& r) {
        w.addInvite(Invite{r.string(QStringLiteral("code"), {}, true),
                           r.id(QStringLiteral("guild_id"), false), r.id(QStringLiteral("channel_id")),
                           r.id(QStringLiteral("inviter_id"), false),
                           r.integer(QStringLiteral("max_age"), 86400), r.integer(QStringLiteral("max_uses")),
                           r.integer(QStringLiteral("uses")), r.boolean(QStringLiteral("temporary")),
                           r.time(QStringLiteral("created_at"))});
    });
    root.each(QStringLiteral("commands"), [&](const Reader& r) {
        ApplicationCommand cmd;
        cmd.id = r.id(QStringLiteral("id"));
        cmd.guildId = r.id(QStringLiteral("guild_id"), false);
        cmd.version = r.id(QStringLiteral("version"), false);
        if (!cmd.version)
            cmd.version = cmd.id;
        r.string(QStringLiteral("name"), {}, true);
        cmd.definition = r.object(QStringLiteral("definition"));
        if (cmd.definition.isEmpty())
            r.fail(QStringLiteral("definition"),
                   QStringLiteral("the command body (name, description, options…) is missing"));
        w.addCommand(std::move(cmd));
    });
}

} // namespace

QJsonObject saveWorld(const World& w, bool withFiles) {
    const Application& a = w.application();
    QJsonArray privileged;
    for (int i = 0; i < kPrivilegedNames.size(); ++i)
        if (a.privilegedIntents & kPrivilegedBits[i])
            privileged.append(kPrivilegedNames[i]);
    QJsonArray users, guilds, channels, messages, webhooks, invites, commands;
    for (const auto& [id, u] : w.users())
        users.append(QJsonObject{{QStringLiteral("id"), json::id(id)},
                                 {QStringLiteral("username"), u.username},
                                 {QStringLiteral("global_name"), json::stringOrNull(u.globalName)},
                                 {QStringLiteral("bot"), u.bot},
                                 {QStringLiteral("token"), u.token}});
    for (const auto& [id, g] : w.guilds()) {
        QJsonArray roles, members, emojis, bans;
        for (const auto& [rid, r] : g.roles) {
            QJsonObject role{{QStringLiteral("id"), json::id(rid)},
                             {QStringLiteral("name"), r.name},
                             {QStringLiteral("permissions"), QString::number(r.permissions)},
                             {QStringLiteral("position"), r.position},
                             {QStringLiteral("color"), r.color},
                             {QStringLiteral("hoist"), r.hoist},
                             {QStringLiteral("managed"), r.managed},
                             {QStringLiteral("mentionable"), r.mentionable}};
            if (r.botId)
                role.insert(QStringLiteral("bot_id"), json::id(r.botId));
            roles.append(role);
        }
        for (const auto& [uid, m] : g.members)
            members.append(QJsonObject{{QStringLiteral("user_id"), json::id(uid)},
                                       {QStringLiteral("nick"), json::stringOrNull(m.nick)},
                                       {QStringLiteral("roles"), idList(m.roles)},
                                       {QStringLiteral("joined_at"), json::isoTime(m.joinedAt)},
                                       {QStringLiteral("communication_disabled_until"),
                                        json::isoTimeOrNull(m.communicationDisabledUntil)}});
        for (const auto& [eid, e] : g.emojis)
            emojis.append(QJsonObject{{QStringLiteral("id"), json::id(eid)},
                                      {QStringLiteral("name"), e.name},
                                      {QStringLiteral("animated"), e.animated},
                                      {QStringLiteral("roles"), idList(e.roles)}});
        for (const auto& [uid, b] : g.bans)
            bans.append(QJsonObject{{QStringLiteral("user_id"), json::id(uid)},
                                    {QStringLiteral("reason"), b.reason}});
        guilds.append(QJsonObject{{QStringLiteral("id"), json::id(id)},
                                  {QStringLiteral("name"), g.name},
                                  {QStringLiteral("owner_id"), json::id(g.ownerId)},
                                  {QStringLiteral("system_channel_id"), json::idOrNull(g.systemChannelId)},
                                  {QStringLiteral("preferred_locale"), g.preferredLocale},
                                  {QStringLiteral("roles"), roles},
                                  {QStringLiteral("members"), members},
                                  {QStringLiteral("emojis"), emojis},
                                  {QStringLiteral("bans"), bans}});
    }
    for (const auto& [id, c] : w.channels()) {
        QJsonArray overwrites;
        for (const Overwrite& o : c.overwrites)
            overwrites.append(QJsonObject{{QStringLiteral("id"), json::id(o.id)},
                                          {QStringLiteral("type"), o.type},
                                          {QStringLiteral("allow"), QString::number(o.allow)},
                                          {QStringLiteral("deny"), QString::number(o.deny)}});
        QJsonObject channel{{QStringLiteral("id"), json::id(id)},
                            {QStringLiteral("type"), c.type},
                            {QStringLiteral("guild_id"), json::idOrNull(c.guildId)},
                            {QStringLiteral("name"), c.name},
                            {QStringLiteral("position"), c.position},
                            {QStringLiteral("parent_id"), json::idOrNull(c.parentId)},
                            {QStringLiteral("topic"), json::stringOrNull(c.topic)},
                            {QStringLiteral("nsfw"), c.nsfw},
                            {QStringLiteral("rate_limit_per_user"), c.rateLimitPerUser},
                            {QStringLiteral("permission_overwrites"), overwrites}};
        if (!c.recipients.empty())
            channel.insert(QStringLiteral("recipients"), idList(c.recipients));
        if (channel_type::isThread(c.type)) {
            std::vector<Snowflake> members;
            for (const ThreadMember& tm : c.threadMembers)
                members.push_back(tm.userId);
            channel.insert(QStringLiteral("owner_id"), json::id(c.ownerId));
            channel.insert(QStringLiteral("archived"), c.archived);
            channel.insert(QStringLiteral("locked"), c.locked);
            channel.insert(QStringLiteral("auto_archive_duration"), c.autoArchiveDuration);
            channel.insert(QStringLiteral("thread_members"), idList(members));
        }
        channels.append(channel);
        for (const auto& [mid, m] : w.messagesIn(id)) {
            if (m.ephemeralFor)
                continue;
            QJsonArray reactions;
            for (const Reaction& r : m.reactions)
                reactions.append(QJsonObject{{QStringLiteral("emoji"), json::reactionEmoji(r)},
                                             {QStringLiteral("users"), idList(r.users)}});
            QJsonObject message{{QStringLiteral("id"), json::id(mid)},
                                {QStringLiteral("channel_id"), json::id(id)},
                                {QStringLiteral("author_id"), json::id(m.authorId)},
                                {QStringLiteral("type"), m.type},
                                {QStringLiteral("flags"), m.flags},
                                {QStringLiteral("content"), m.content},
                                {QStringLiteral("edited_timestamp"), json::isoTimeOrNull(m.editedTimestamp)},
                                {QStringLiteral("tts"), m.tts},
                                {QStringLiteral("pinned"), m.pinned},
                                {QStringLiteral("pinned_at"), json::isoTimeOrNull(m.pinnedAt)},
                                {QStringLiteral("embeds"), m.embeds},
                                {QStringLiteral("components"), m.components},
                                {QStringLiteral("attachments"), m.attachments},
                                {QStringLiteral("reactions"), reactions}};
            if (!m.messageReference.isEmpty())
                message.insert(QStringLiteral("message_reference"), m.messageReference);
            if (m.webhookId) {
                message.insert(QStringLiteral("webhook_id"), json::id(m.webhookId));
                message.insert(QStringLiteral("webhook_name"), m.webhookName);
            }
            if (m.applicationId)
                message.insert(QStringLiteral("application_id"), json::id(m.applicationId));
            if (!m.interactionMetadata.isEmpty())
                message.insert(QStringLiteral("interaction_metadata"), m.interactionMetadata);
            if (m.threadId)
                message.insert(QStringLiteral("thread_id"), json::id(m.threadId));
            messages.append(message);
        }
    }
    for (const auto& [id, hook] : w.webhooks())
        webhooks.append(QJsonObject{{QStringLiteral("id"), json::id(id)},
                                    {QStringLiteral("type"), hook.type},
                                    {QStringLiteral("guild_id"), json::idOrNull(hook.guildId)},
                                    {QStringLiteral("channel_id"), json::id(hook.channelId)},
                                    {QStringLiteral("creator_id"), json::idOrNull(hook.creatorId)},
                                    {QStringLiteral("name"), hook.name},
                                    {QStringLiteral("token"), hook.token},
                                    {QStringLiteral("application_id"), json::idOrNull(hook.applicationId)}});
    for (const auto& [code, inv] : w.invites())
        invites.append(QJsonObject{{QStringLiteral("code"), code},
                                   {QStringLiteral("guild_id"), json::idOrNull(inv.guildId)},
                                   {QStringLiteral("channel_id"), json::id(inv.channelId)},
                                   {QStringLiteral("inviter_id"), json::idOrNull(inv.inviterId)},
                                   {QStringLiteral("max_age"), inv.maxAge},
                                   {QStringLiteral("max_uses"), inv.maxUses},
                                   {QStringLiteral("uses"), inv.uses},
                                   {QStringLiteral("temporary"), inv.temporary},
                                   {QStringLiteral("created_at"), json::isoTime(inv.createdAt)}});
    for (const auto& [id, cmd] : w.commands())
        commands.append(QJsonObject{{QStringLiteral("id"), json::id(id)},
                                    {QStringLiteral("guild_id"), json::idOrNull(cmd.guildId)},
                                    {QStringLiteral("version"), json::id(cmd.version)},
                                    {QStringLiteral("name"), cmd.definition.value(QStringLiteral("name"))},
                                    {QStringLiteral("definition"), cmd.definition}});
    QJsonArray voiceStates;
    for (const auto& [gid, g] : w.guilds())
        for (const auto& [uid, m] : g.members)
            if (m.voiceChannelId)
                voiceStates.append(QJsonObject{{QStringLiteral("guild_id"), json::id(gid)},
                                               {QStringLiteral("user_id"), json::id(uid)},
                                               {QStringLiteral("channel_id"), json::id(m.voiceChannelId)},
                                               {QStringLiteral("self_mute"), m.selfMute},
                                               {QStringLiteral("self_deaf"), m.selfDeaf}});
    QJsonObject out{
        {QStringLiteral("format"), QLatin1String(kWorldFormat)},
        {QStringLiteral("version"), kWorldFormatVersion},
        {QStringLiteral("application"), QJsonObject{{QStringLiteral("id"), json::id(a.id)},
                                                    {QStringLiteral("name"), a.name},
                                                    {QStringLiteral("description"), a.description},
                                                    {QStringLiteral("privileged_intents"), privileged}}},
        {QStringLiteral("users"), users},
        {QStringLiteral("guilds"), guilds},
        {QStringLiteral("channels"), channels},
        {QStringLiteral("voice_states"), voiceStates},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("webhooks"), webhooks},
        {QStringLiteral("invites"), invites},
        {QStringLiteral("commands"), commands},
        {QStringLiteral("actions"), writeSimulatedActions(w.simulatedActions())}};
    if (withFiles)
        out.insert(QStringLiteral("attachment_files"), saveAttachmentFiles(w));
    return out;
}

void loadWorld(World& world, const QJsonObject& file) {
    World fresh;
    readWorld(fresh, Reader(file, QStringLiteral("world")));
    loadAttachmentFiles(fresh, file.value(QStringLiteral("attachment_files")));
    std::vector<SimulatedAction> actions =
        readSimulatedActions(Reader(file, QStringLiteral("world")).array(QStringLiteral("actions")),
                             QStringLiteral("world.actions"));
    // Copy the parsed content over; listeners stay with the original world.
    world.clear();
    world.application() = fresh.application();
    for (const auto& [id, u] : fresh.users())
        world.addUser(u);
    for (const auto& [id, g] : fresh.guilds())
        world.addGuild(g);
    for (const auto& [id, c] : fresh.channels()) {
        world.addChannel(c);
        for (const auto& [mid, m] : fresh.messagesIn(id))
            world.insertMessage(m);
    }
    for (const auto& [id, hook] : fresh.webhooks())
        world.addWebhook(hook);
    for (const auto& [code, inv] : fresh.invites())
        world.addInvite(inv);
    for (const auto& [id, cmd] : fresh.commands())
        world.addCommand(cmd);
    for (const auto& [id, stored] : fresh.files().files())
        world.files().put(stored);
    world.simulatedActions() = std::move(actions);
    world.advanceIdsPastContent();
}

void loadWorldFile(World& world, const QString& path) {
    QString readError;
    const auto bytes = project::readWholeFile(path, &readError);
    if (!bytes)
        throw WorldFileError(QStringLiteral("cannot read the world file %1: %2").arg(path, readError));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError)
        throw WorldFileError(QStringLiteral("%1: not valid JSON at byte %2: %3")
                                 .arg(path)
                                 .arg(error.offset)
                                 .arg(error.errorString()));
    if (!doc.isObject())
        throw WorldFileError(QStringLiteral("%1: the top level must be an object").arg(path));
    try {
        loadWorld(world, doc.object());
    } catch (const WorldFileError& e) {
        throw WorldFileError(path + QStringLiteral(": ") + QString::fromStdString(e.what()));
    }
}

void saveWorldFile(const World& world, const QString& path) {
    const QByteArray bytes = QJsonDocument(saveWorld(world, true)).toJson(QJsonDocument::Indented);
    QString error;
    if (!project::writeFileAtomically(path, bytes, &error))
        throw WorldFileError(QStringLiteral("cannot save the world to %1: %2").arg(path, error));
}

} // namespace botwright::sandbox
