// REST: channels, permission overwrites, invites and threads (discord-protocol.md §3.6–3.8).
#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"
#include "engine/sandbox/body_fields.h"
#include "engine/sandbox/message_uploads.h"
#include "engine/sandbox/message_validation.h"
#include "engine/sandbox/rest_router.h"
#include "engine/sandbox/world_json.h"

#include <QDateTime>

#include <cmath>

namespace botwright::sandbox {

namespace perm = protocol::permission;
using channel_type::isThread;

using namespace body;

namespace {

int archiveDuration(const QJsonObject& body, int fallback) {
    const int value = intField(body, QStringLiteral("auto_archive_duration"), fallback, 0, 10080);
    if (value != 60 && value != 1440 && value != 4320 && value != 10080)
        throw ApiError::invalidField(QStringLiteral("auto_archive_duration"),
                                     QStringLiteral("BASE_TYPE_CHOICES"),
                                     QStringLiteral("Value must be one of {60, 1440, 4320, 10080}."));
    return value;
}

ApiError wrongChannelType() {
    return ApiError(400, 50024, QStringLiteral("Cannot execute action on this channel type"));
}
ApiError archivedThread() {
    return ApiError(400, 50083, QStringLiteral("Thread is archived"));
}
ApiError lockedThread() {
    return ApiError(400, 160005, QStringLiteral("Thread is locked"));
}

// ---- access ----

const ThreadMember* findThreadMember(const Channel& t, Snowflake userId) {
    for (const ThreadMember& tm : t.threadMembers)
        if (tm.userId == userId)
            return &tm;
    return nullptr;
}

bool canSeeThread(const World& world, const Channel& t, Snowflake userId) {
    if (!world.canSeeChannel(t.id, userId))
        return false;
    return t.type != channel_type::PrivateThread || findThreadMember(t, userId) ||
           (world.channelPermissions(t.id, userId) & perm::ManageThreads);
}

// The {channel_id} channel; private threads are visible to their members and thread managers only.
Channel& visibleChannel(RestContext& ctx) {
    Channel& c = ctx.requireChannelAccess(ctx.id(QStringLiteral("channel_id")));
    if (!canSeeThread(ctx.world, c, ctx.actorId()))
        throw ApiError::missingAccess();
    return c;
}

Channel& visibleThread(RestContext& ctx) {
    Channel& t = visibleChannel(ctx);
    if (!isThread(t.type))
        throw wrongChannelType();
    return t;
}

bool hasChannelPermission(const RestContext& ctx, Snowflake channelId, std::uint64_t bits) {
    return (ctx.world.channelPermissions(channelId, ctx.actorId()) & bits) == bits;
}

// Overwrites may only grant or deny what the actor holds in the channel.
void requireGrantable(const RestContext& ctx, Snowflake channelId, std::uint64_t bits) {
    if (bits & ~ctx.world.channelPermissions(channelId, ctx.actorId()))
        throw ApiError::missingPermissions();
}

Snowflake userParam(const RestContext& ctx) {
    const QString text = ctx.param(QStringLiteral("user_id"));
    return text.isEmpty() || text == QStringLiteral("@me") ? ctx.actorId()
                                                           : ctx.id(QStringLiteral("user_id"));
}

QJsonObject channelFor(const RestContext& ctx, const Channel& c) {
    QJsonObject out = json::channel(ctx.world, c);
    if (isThread(c.type))
        if (const ThreadMember* tm = findThreadMember(c, ctx.actorId()))
            out.insert(QStringLiteral("member"), json::threadMember(c.id, *tm));
    return out;
}

// ---- channels ----

RestResponse getChannel(RestContext& ctx) {
    return RestResponse::json(channelFor(ctx, visibleChannel(ctx)));
}

RestResponse patchThread(RestContext& ctx, Channel& t, const QJsonObject& body) {
    const bool manager = hasChannelPermission(ctx, t.id, perm::ManageThreads);
    const bool owner = t.ownerId == ctx.actorId();
    const QJsonValue archivedValue = body.value(QStringLiteral("archived"));
    const bool unarchiving = t.archived && archivedValue.isBool() && !archivedValue.toBool();
    if (t.archived && !unarchiving)
        throw archivedThread();
    if (unarchiving && t.locked && !manager)
        throw lockedThread();
    static const QStringList ownerKeys{QStringLiteral("name"), QStringLiteral("archived"),
                                       QStringLiteral("auto_archive_duration"), QStringLiteral("invitable"),
                                       QStringLiteral("applied_tags")};
    for (const QString& key : body.keys()) {
        if (manager || (owner && ownerKeys.contains(key)))
            continue;
        // Anyone who may post in the thread may unarchive it (when it is not locked).
        if (key == QStringLiteral("archived") && archivedValue == QJsonValue(false) &&
            hasChannelPermission(ctx, t.id, perm::SendMessagesInThreads))
            continue;
        throw ApiError::missingPermissions();
    }
    Channel updated = t;
    if (body.contains(QStringLiteral("name")))
        updated.name = stringField(body, QStringLiteral("name"), 1, 100);
    updated.autoArchiveDuration = archiveDuration(body, t.autoArchiveDuration);
    updated.rateLimitPerUser =
        intField(body, QStringLiteral("rate_limit_per_user"), t.rateLimitPerUser, 0, 21600);
    updated.locked = boolField(body, QStringLiteral("locked"), t.locked);
    if (t.type == channel_type::PrivateThread)
        updated.invitable = boolField(body, QStringLiteral("invitable"), t.invitable);
    updated.archived = boolField(body, QStringLiteral("archived"), t.archived);
    if (updated.archived != t.archived)
        updated.archiveTimestamp = QDateTime::currentDateTimeUtc();
    t = std::move(updated);
    ctx.world.emitChannelUpdate(t);
    return RestResponse::json(channelFor(ctx, t));
}

RestResponse patchChannel(RestContext& ctx) {
    Channel& c = visibleChannel(ctx);
    if (!c.guildId)
        throw wrongChannelType();
    const QJsonObject body = ctx.bodyObject();
    if (isThread(c.type))
        return patchThread(ctx, c, body);
    ctx.requireChannelPermission(c.id, perm::ManageChannels);
    Channel updated = ctx.world.withChannelSettings(c, body);
    std::uint64_t changedBits = 0;
    bool overwritesChanged = updated.overwrites.size() != c.overwrites.size();
    for (const Overwrite& o : updated.overwrites) {
        const bool kept = std::any_of(c.overwrites.begin(), c.overwrites.end(), [&o](const Overwrite& old) {
            return old.id == o.id && old.type == o.type && old.allow == o.allow && old.deny == o.deny;
        });
        if (!kept) {
            overwritesChanged = true;
            changedBits |= o.allow | o.deny;
        }
    }
    if (overwritesChanged) {
        ctx.requireChannelPermission(c.id, perm::ManageRoles);
        requireGrantable(ctx, c.id, changedBits);
    }
    c = std::move(updated);
    ctx.world.emitChannelUpdate(c);
    return RestResponse::json(json::channel(ctx.world, c));
}

RestResponse deleteChannel(RestContext& ctx) {
    Channel& c = visibleChannel(ctx);
    const QJsonObject out = json::channel(ctx.world, c);
    if (!c.guildId)
        return RestResponse::json(out); // closing a DM: nothing to delete
    ctx.requireChannelPermission(c.id, isThread(c.type) ? perm::ManageThreads : perm::ManageChannels);
    const Snowflake channelId = c.id;
    std::erase_if(ctx.world.invites(),
                  [channelId](const auto& entry) { return entry.second.channelId == channelId; });
    std::erase_if(ctx.world.webhooks(),
                  [channelId](const auto& entry) { return entry.second.channelId == channelId; });
    if (Guild* g = ctx.world.guild(c.guildId); g && g->systemChannelId == channelId)
        g->systemChannelId = 0;
    ctx.world.deleteChannel(channelId);
    return RestResponse::json(out);
}

// ---- permission overwrites ----

Channel& overwriteChannel(RestContext& ctx) {
    Channel& c = ctx.requireChannelAccess(ctx.id(QStringLiteral("channel_id")));
    if (!c.guildId || isThread(c.type))
        throw wrongChannelType();
    ctx.requireChannelPermission(c.id, perm::ManageRoles);
    return c;
}

RestResponse putOverwrite(RestContext& ctx) {
    Channel& c = overwriteChannel(ctx);
    const Snowflake targetId = ctx.id(QStringLiteral("overwrite_id"));
    const QJsonObject body = ctx.bodyObject();
    if (absent(body.value(QStringLiteral("type"))))
        requiredField(QStringLiteral("type"));
    const int type = intField(body, QStringLiteral("type"), 0, 0, 1); // 0 role, 1 member
    const Overwrite ow{targetId, type, bitsField(body, QStringLiteral("allow")),
                       bitsField(body, QStringLiteral("deny"))};
    if (type == 0)
        ctx.world.requireRole(c.guildId, targetId);
    else
        ctx.world.requireMember(c.guildId, targetId);
    requireGrantable(ctx, c.id, ow.allow | ow.deny);
    auto it = std::find_if(c.overwrites.begin(), c.overwrites.end(),
                           [&](const Overwrite& o) { return o.id == targetId; });
    if (it != c.overwrites.end())
        *it = ow;
    else
        c.overwrites.push_back(ow);
    ctx.world.emitChannelUpdate(c);
    return RestResponse::noContent();
}

RestResponse deleteOverwrite(RestContext& ctx) {
    Channel& c = overwriteChannel(ctx);
    const Snowflake targetId = ctx.id(QStringLiteral("overwrite_id"));
    if (std::erase_if(c.overwrites, [targetId](const Overwrite& o) { return o.id == targetId; }))
        ctx.world.emitChannelUpdate(c);
    return RestResponse::noContent();
}

// ---- invites ----

bool expired(const Invite& inv) {
    return (inv.maxAge > 0 && inv.createdAt.isValid() &&
            inv.createdAt.addSecs(inv.maxAge) < QDateTime::currentDateTimeUtc()) ||
           (inv.maxUses > 0 && inv.uses >= inv.maxUses);
}

Invite& requireInvite(RestContext& ctx) {
    Invite* inv = ctx.world.invite(ctx.param(QStringLiteral("code")));
    if (!inv || expired(*inv))
        throw ApiError::unknown(10006, QStringLiteral("Invite"));
    if (const Channel* c = inv->guildId ? nullptr : ctx.world.channel(inv->channelId))
        inv->guildId = c->guildId; // world files may leave the guild implicit
    return *inv;
}

RestResponse listChannelInvites(RestContext& ctx) {
    const Snowflake channelId = ctx.id(QStringLiteral("channel_id"));
    ctx.requireChannelPermission(channelId, perm::ManageChannels);
    QJsonArray out;
    for (const auto& [code, inv] : ctx.world.invites())
        if (inv.channelId == channelId && !expired(inv))
            out.append(json::invite(ctx.world, inv, true));
    return RestResponse::json(out);
}

RestResponse createInvite(RestContext& ctx) {
    const Channel& c = ctx.requireChannelAccess(ctx.id(QStringLiteral("channel_id")));
    if (!c.guildId || isThread(c.type) || c.type == channel_type::GuildCategory)
        throw wrongChannelType();
    ctx.requireChannelPermission(c.id, perm::CreateInstantInvite);
    if (!ctx.hasBody())
        throw ApiError::invalidBody(QStringLiteral("A JSON body is required."));
    const QJsonObject body = ctx.bodyObject();
    Invite inv;
    inv.channelId = c.id;
    inv.inviterId = ctx.actorId();
    inv.maxAge = intField(body, QStringLiteral("max_age"), 86400, 0, 604800);
    inv.maxUses = intField(body, QStringLiteral("max_uses"), 0, 0, 100);
    inv.temporary = boolField(body, QStringLiteral("temporary"), false);
    if (!boolField(body, QStringLiteral("unique"), false)) {
        // Discord hands back an equivalent invite of the same inviter instead of a new one.
        for (const auto& [code, other] : ctx.world.invites())
            if (other.channelId == c.id && other.inviterId == inv.inviterId && other.maxAge == inv.maxAge &&
                other.maxUses == inv.maxUses && other.temporary == inv.temporary && !expired(other))
                return RestResponse::json(json::invite(ctx.world, other, true));
    }
    const Invite& stored = ctx.world.createInvite(std::move(inv));
    return RestResponse::json(json::invite(ctx.world, stored, true));
}

RestResponse getInvite(RestContext& ctx) {
    const Invite& inv = requireInvite(ctx);
    QJsonObject out = json::invite(ctx.world, inv, false);
    if (ctx.queryBool(QStringLiteral("with_counts"), false))
        if (const Guild* g = ctx.world.guild(inv.guildId)) {
            out.insert(QStringLiteral("approximate_member_count"), static_cast<int>(g->members.size()));
            out.insert(QStringLiteral("approximate_presence_count"), static_cast<int>(g->members.size()));
        }
    return RestResponse::json(out);
}

RestResponse deleteInvite(RestContext& ctx) {
    const Invite& inv = requireInvite(ctx);
    ctx.requireGuildAccess(inv.guildId);
    if (!hasChannelPermission(ctx, inv.channelId, perm::ManageChannels) &&
        !(ctx.world.basePermissions(inv.guildId, ctx.actorId()) & perm::ManageGuild))
        throw ApiError::missingPermissions();
    const QJsonObject out = json::invite(ctx.world, inv, false);
    ctx.world.deleteInvite(inv.code);
    return RestResponse::json(out);
}

RestResponse acceptInvite(RestContext& ctx) {
    if (ctx.actorIsBot)
        throw ApiError(403, 20001, QStringLiteral("Bots cannot use this endpoint"));
    Invite& inv = requireInvite(ctx);
    const Guild& g = ctx.world.requireGuild(inv.guildId);
    if (g.bans.count(ctx.actorId()))
        throw ApiError(403, 40007, QStringLiteral("The user is banned from this guild."));
    if (ctx.world.member(g.id, ctx.actorId()))
        return RestResponse::json(json::invite(ctx.world, inv, false));
    ctx.world.addMember(g.id, ctx.actorId());
    ++inv.uses;
    const QJsonObject out = json::invite(ctx.world, inv, false);
    if (inv.maxUses > 0 && inv.uses >= inv.maxUses)
        ctx.world.deleteInvite(inv.code);
    return RestResponse::json(out);
}

// ---- threads ----

RestResponse threadFromMessage(RestContext& ctx) {
    const Channel& parent = ctx.requireChannelAccess(ctx.id(QStringLiteral("channel_id")));
    if (parent.type != channel_type::GuildText && parent.type != channel_type::GuildAnnouncement)
        throw wrongChannelType();
    ctx.requireChannelPermission(parent.id, perm::CreatePublicThreads | perm::ReadMessageHistory);
    const Message& m = ctx.world.requireMessage(parent.id, ctx.id(QStringLiteral("message_id")));
    const QJsonObject body = ctx.bodyObject();
    const QString name = stringField(body, QStringLiteral("name"), 1, 100);
    const int duration = archiveDuration(body, 1440);
    const int rateLimit = intField(body, QStringLiteral("rate_limit_per_user"), 0, 0, 21600);
    if (m.threadId && ctx.world.channel(m.threadId))
        throw ApiError(400, 160004, QStringLiteral("A thread has already been created for this message"));
    const int type = parent.type == channel_type::GuildAnnouncement ? channel_type::AnnouncementThread
                                                                    : channel_type::PublicThread;
    Channel& t = ctx.world.createThread(parent.id, m.id, ctx.actorId(), name, type, duration);
    if (rateLimit) {
        t.rateLimitPerUser = rateLimit;
        ctx.world.emitChannelUpdate(t);
    }
    return RestResponse::json(channelFor(ctx, t));
}

RestResponse createThread(RestContext& ctx) {
    const Channel& parent = ctx.requireChannelAccess(ctx.id(QStringLiteral("channel_id")));
    const QJsonObject body = ctx.bodyObject();
    const QString name = stringField(body, QStringLiteral("name"), 1, 100);
    const int duration = archiveDuration(body, 1440);
    const int rateLimit = intField(body, QStringLiteral("rate_limit_per_user"), 0, 0, 21600);
    if (parent.type == channel_type::GuildForum || parent.type == channel_type::GuildMedia) {
        ctx.requireChannelPermission(parent.id, perm::SendMessages);
        const QJsonValue starter = body.value(QStringLiteral("message"));
        if (!starter.isObject())
            requiredField(QStringLiteral("message"));
        World::MessageDraft draft;
        try {
            draft = parseMessageCreate(withUploadEntries(ctx, starter.toObject()), MessageSource::Channel);
        } catch (ApiError& e) { // errors of the nested message are reported under "message"
            if (!e.errors.isEmpty())
                e.errors = QJsonObject{{QStringLiteral("message"), e.errors}};
            throw;
        }
        Channel& t =
            ctx.world.createThread(parent.id, 0, ctx.actorId(), name, channel_type::PublicThread, duration);
        t.rateLimitPerUser = rateLimit;
        const Snowflake threadId = t.id;
        draft.attachments = buildAttachments(ctx, threadId, draft.attachments, {}, false, draft.files);
        const Message& m = ctx.world.createMessage(threadId, ctx.actorId(), std::move(draft));
        QJsonObject out = channelFor(ctx, ctx.world.requireChannel(threadId));
        out.insert(QStringLiteral("message"), json::message(ctx.world, m, ctx.actorId(), false));
        return RestResponse::json(out);
    }
    if (parent.type != channel_type::GuildText && parent.type != channel_type::GuildAnnouncement)
        throw wrongChannelType();
    const bool announcement = parent.type == channel_type::GuildAnnouncement;
    const int type =
        intField(body, QStringLiteral("type"),
                 announcement ? channel_type::AnnouncementThread : channel_type::PrivateThread, 10, 12);
    if ((type == channel_type::AnnouncementThread) != announcement)
        throw ApiError::invalidField(QStringLiteral("type"), QStringLiteral("BASE_TYPE_CHOICES"),
                                     announcement ? QStringLiteral("Value must be one of {10}.")
                                                  : QStringLiteral("Value must be one of {11, 12}."));
    const bool isPrivate = type == channel_type::PrivateThread;
    ctx.requireChannelPermission(parent.id,
                                 isPrivate ? perm::CreatePrivateThreads : perm::CreatePublicThreads);
    const bool invitable = boolField(body, QStringLiteral("invitable"), true);
    Channel& t = ctx.world.createThread(parent.id, 0, ctx.actorId(), name, type, duration);
    if (rateLimit || (isPrivate && !invitable)) {
        t.rateLimitPerUser = rateLimit;
        t.invitable = !isPrivate || invitable;
        ctx.world.emitChannelUpdate(t);
    }
    return RestResponse::json(channelFor(ctx, t));
}

RestResponse addThreadMember(RestContext& ctx) {
    Channel& t = visibleThread(ctx);
    const Snowflake userId = userParam(ctx);
    if (t.archived)
        throw archivedThread();
    if (userId != ctx.actorId()) {
        ctx.requireChannelPermission(t.id, perm::SendMessagesInThreads);
        if (t.type == channel_type::PrivateThread && !t.invitable && t.ownerId != ctx.actorId() &&
            !hasChannelPermission(ctx, t.id, perm::ManageThreads))
            throw ApiError::missingPermissions();
        ctx.world.requireUser(userId);
        ctx.world.requireMember(t.guildId, userId);
    }
    ctx.world.joinThread(t.id, userId);
    return RestResponse::noContent();
}

RestResponse removeThreadMember(RestContext& ctx) {
    Channel& t = visibleThread(ctx);
    const Snowflake userId = userParam(ctx);
    if (t.archived)
        throw archivedThread();
    if (userId != ctx.actorId() && !hasChannelPermission(ctx, t.id, perm::ManageThreads) &&
        !(t.type == channel_type::PrivateThread && t.ownerId == ctx.actorId()))
        throw ApiError::missingPermissions();
    ctx.world.removeThreadMember(t.id, userId);
    return RestResponse::noContent();
}

QJsonObject threadMemberFor(const RestContext& ctx, const Channel& t, const ThreadMember& tm) {
    QJsonObject out = json::threadMember(t.id, tm);
    if (ctx.queryBool(QStringLiteral("with_member"), false))
        if (const Member* m = ctx.world.member(t.guildId, tm.userId))
            out.insert(QStringLiteral("member"), json::member(ctx.world, t.guildId, *m, true));
    return out;
}

RestResponse getThreadMember(RestContext& ctx) {
    const Channel& t = visibleThread(ctx);
    const ThreadMember* tm = findThreadMember(t, userParam(ctx));
    if (!tm)
        throw ApiError::unknown(10007, QStringLiteral("Member"));
    return RestResponse::json(threadMemberFor(ctx, t, *tm));
}

RestResponse listThreadMembers(RestContext& ctx) {
    const Channel& t = visibleThread(ctx);
    const Snowflake after = ctx.querySnowflake(QStringLiteral("after")).value_or(0);
    const int limit = ctx.queryInt(QStringLiteral("limit"), 100, 1, 100);
    std::vector<const ThreadMember*> members;
    for (const ThreadMember& tm : t.threadMembers)
        if (tm.userId > after)
            members.push_back(&tm);
    std::sort(members.begin(), members.end(),
              [](const ThreadMember* a, const ThreadMember* b) { return a->userId < b->userId; });
    QJsonArray out;
    for (const ThreadMember* tm : members)
        if (out.size() < limit)
            out.append(threadMemberFor(ctx, t, *tm));
    return RestResponse::json(out);
}

// {threads, members}: up to `limit` threads and the actor's memberships in them.
QJsonObject threadList(const RestContext& ctx, const std::vector<const Channel*>& picked, qsizetype limit) {
    QJsonArray threads, members;
    for (const Channel* c : picked) {
        if (threads.size() >= limit)
            break;
        threads.append(json::channel(ctx.world, *c));
        if (const ThreadMember* tm = findThreadMember(*c, ctx.actorId()))
            members.append(json::threadMember(c->id, *tm));
    }
    return QJsonObject{{QStringLiteral("threads"), threads}, {QStringLiteral("members"), members}};
}

RestResponse activeThreads(RestContext& ctx) {
    const Guild& g = ctx.requireGuildAccess(ctx.id(QStringLiteral("guild_id")));
    std::vector<const Channel*> active;
    for (const Channel* c : ctx.world.guildChannels(g.id, true))
        if (isThread(c->type) && !c->archived && canSeeThread(ctx.world, *c, ctx.actorId()))
            active.push_back(c);
    return RestResponse::json(threadList(ctx, active, static_cast<qsizetype>(active.size())));
}

enum class ArchivedKind { Public, Private, JoinedPrivate };

RestResponse archivedThreads(RestContext& ctx, ArchivedKind kind) {
    const Channel& parent = ctx.requireChannelAccess(ctx.id(QStringLiteral("channel_id")));
    if (parent.type != channel_type::GuildText && parent.type != channel_type::GuildAnnouncement &&
        parent.type != channel_type::GuildForum && parent.type != channel_type::GuildMedia)
        throw wrongChannelType();
    ctx.requireChannelPermission(parent.id, perm::ReadMessageHistory |
                                                (kind == ArchivedKind::Private ? perm::ManageThreads : 0));
    const int limit = ctx.queryInt(QStringLiteral("limit"), 50, 1, 100);
    std::optional<Snowflake> beforeId;
    QDateTime beforeTime;
    if (kind == ArchivedKind::JoinedPrivate) {
        beforeId = ctx.querySnowflake(QStringLiteral("before"));
    } else if (ctx.request.query.hasQueryItem(QStringLiteral("before"))) {
        const QString text = ctx.request.query.queryItemValue(QStringLiteral("before"));
        beforeTime = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!beforeTime.isValid())
            throw ApiError::invalidField(QStringLiteral("before"), QStringLiteral("DATE_TIME_TYPE_PARSE"),
                                         QStringLiteral("Could not parse %1. Should be ISO8601.").arg(text));
    }
    std::vector<const Channel*> picked;
    for (const Channel* c : ctx.world.guildChannels(parent.guildId, true)) {
        if (c->parentId != parent.id || !isThread(c->type) || !c->archived)
            continue;
        const bool isPrivate = c->type == channel_type::PrivateThread;
        if ((kind == ArchivedKind::Public) == isPrivate)
            continue;
        if (kind == ArchivedKind::JoinedPrivate && !findThreadMember(*c, ctx.actorId()))
            continue;
        if ((beforeId && c->id >= *beforeId) || (beforeTime.isValid() && c->archiveTimestamp >= beforeTime))
            continue;
        picked.push_back(c);
    }
    std::sort(picked.begin(), picked.end(), [kind](const Channel* a, const Channel* b) {
        if (kind == ArchivedKind::JoinedPrivate || a->archiveTimestamp == b->archiveTimestamp)
            return a->id > b->id;
        return a->archiveTimestamp > b->archiveTimestamp;
    });
    QJsonObject out = threadList(ctx, picked, limit);
    out.insert(QStringLiteral("has_more"), static_cast<qsizetype>(picked.size()) > limit);
    return RestResponse::json(out);
}

} // namespace

void addChannelRoutes(RestRouter& r) {
    const QString channel = QStringLiteral("/channels/{channel_id}");
    r.add("GET", channel, getChannel);
    r.add("PATCH", channel, patchChannel);
    r.add("DELETE", channel, deleteChannel);
    r.add("PUT", channel + QStringLiteral("/permissions/{overwrite_id}"), putOverwrite);
    r.add("DELETE", channel + QStringLiteral("/permissions/{overwrite_id}"), deleteOverwrite);
    r.add("GET", channel + QStringLiteral("/invites"), listChannelInvites);
    r.add("POST", channel + QStringLiteral("/invites"), createInvite);
    r.add("GET", QStringLiteral("/invites/{code}"), getInvite);
    r.add("DELETE", QStringLiteral("/invites/{code}"), deleteInvite);
    r.add("POST", QStringLiteral("/invites/{code}"), acceptInvite);
    r.add("POST", channel + QStringLiteral("/messages/{message_id}/threads"), threadFromMessage);
    r.add("POST", channel + QStringLiteral("/threads"), createThread);
    for (const QString& who :
         {QStringLiteral("/thread-members/@me"), QStringLiteral("/thread-members/{user_id}")}) {
        r.add("PUT", channel + who, addThreadMember);
        r.add("DELETE", channel + who, removeThreadMember);
    }
    r.add("GET", channel + QStringLiteral("/thread-members/{user_id}"), getThreadMember);
    r.add("GET", channel + QStringLiteral("/thread-members"), listThreadMembers);
    r.add("GET", QStringLiteral("/guilds/{guild_id}/threads/active"), activeThreads);
    r.add("GET", channel + QStringLiteral("/threads/archived/public"),
          [](RestContext& ctx) { return archivedThreads(ctx, ArchivedKind::Public); });
    r.add("GET", channel + QStringLiteral("/threads/archived/private"),
          [](RestContext& ctx) { return archivedThreads(ctx, ArchivedKind::Private); });
    r.add("GET", channel + QStringLiteral("/users/@me/threads/archived/private"),
          [](RestContext& ctx) { return archivedThreads(ctx, ArchivedKind::JoinedPrivate); });
}

} // namespace botwright::sandbox
