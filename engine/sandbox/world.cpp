#include "engine/sandbox/world.h"

#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"

#include <algorithm>

namespace botwright::sandbox {

namespace perm = protocol::permission;

World::World()
    : m_ids(1, 0) {}

const User& World::botUser() const {
    static const User none;
    const User* bot = user(m_app.id);
    return bot ? *bot : none;
}

QString World::botToken() const {
    return botUser().token;
}

QString World::makeUserToken(Snowflake userId, bool bot) {
    // Libraries derive the bot id from the first token segment: base64 of the decimal id, unpadded.
    const QByteArray first = QByteArray::number(userId).toBase64(QByteArray::OmitTrailingEquals);
    return QString::fromLatin1(first) +
           (bot ? QStringLiteral(".sandbox.bot-token") : QStringLiteral(".sandbox.user"));
}

int World::addListener(Listener listener) {
    const int handle = m_nextListener++;
    m_listeners.emplace_back(handle, std::move(listener));
    return handle;
}

void World::removeListener(int handle) {
    std::erase_if(m_listeners, [handle](const auto& entry) { return entry.first == handle; });
}

void World::emitDispatch(const Dispatch& dispatch) {
    const auto listeners = m_listeners; // a listener may remove itself
    for (const auto& [handle, listener] : listeners)
        listener(dispatch);
}

// ---- lookups ----

User* World::user(Snowflake id) {
    auto it = m_users.find(id);
    return it == m_users.end() ? nullptr : &it->second;
}
const User* World::user(Snowflake id) const {
    auto it = m_users.find(id);
    return it == m_users.end() ? nullptr : &it->second;
}
User* World::userByToken(const QString& token) {
    auto it = m_userByToken.constFind(token);
    return it == m_userByToken.constEnd() ? nullptr : user(*it);
}
Guild* World::guild(Snowflake id) {
    auto it = m_guilds.find(id);
    return it == m_guilds.end() ? nullptr : &it->second;
}
const Guild* World::guild(Snowflake id) const {
    auto it = m_guilds.find(id);
    return it == m_guilds.end() ? nullptr : &it->second;
}
Channel* World::channel(Snowflake id) {
    auto it = m_channels.find(id);
    return it == m_channels.end() ? nullptr : &it->second;
}
const Channel* World::channel(Snowflake id) const {
    auto it = m_channels.find(id);
    return it == m_channels.end() ? nullptr : &it->second;
}
Member* World::member(Snowflake guildId, Snowflake userId) {
    Guild* g = guild(guildId);
    if (!g)
        return nullptr;
    auto it = g->members.find(userId);
    return it == g->members.end() ? nullptr : &it->second;
}
const Member* World::member(Snowflake guildId, Snowflake userId) const {
    const Guild* g = guild(guildId);
    if (!g)
        return nullptr;
    auto it = g->members.find(userId);
    return it == g->members.end() ? nullptr : &it->second;
}
Message* World::message(Snowflake channelId, Snowflake messageId) {
    auto c = m_messages.find(channelId);
    if (c == m_messages.end())
        return nullptr;
    auto it = c->second.find(messageId);
    return it == c->second.end() ? nullptr : &it->second;
}
const Message* World::message(Snowflake channelId, Snowflake messageId) const {
    auto c = m_messages.find(channelId);
    if (c == m_messages.end())
        return nullptr;
    auto it = c->second.find(messageId);
    return it == c->second.end() ? nullptr : &it->second;
}
Webhook* World::webhook(Snowflake id) {
    auto it = m_webhooks.find(id);
    return it == m_webhooks.end() ? nullptr : &it->second;
}
Invite* World::invite(const QString& code) {
    auto it = m_invites.find(code);
    return it == m_invites.end() ? nullptr : &it->second;
}
Interaction* World::interaction(Snowflake id) {
    auto it = m_interactions.find(id);
    return it == m_interactions.end() ? nullptr : &it->second;
}
Interaction* World::interactionByToken(const QString& token) {
    auto it = m_interactionByToken.constFind(token);
    return it == m_interactionByToken.constEnd() ? nullptr : interaction(*it);
}

std::map<Snowflake, Interaction>::iterator
World::forgetInteraction(std::map<Snowflake, Interaction>::iterator it) {
    m_interactionByToken.remove(it->second.token);
    return m_interactions.erase(it);
}

User& World::requireUser(Snowflake id) {
    if (User* u = user(id))
        return *u;
    throw ApiError::unknown(10013, QStringLiteral("User"));
}
Guild& World::requireGuild(Snowflake id) {
    if (Guild* g = guild(id))
        return *g;
    throw ApiError::unknown(10004, QStringLiteral("Guild"));
}
Channel& World::requireChannel(Snowflake id) {
    if (Channel* c = channel(id))
        return *c;
    throw ApiError::unknown(10003, QStringLiteral("Channel"));
}
Member& World::requireMember(Snowflake guildId, Snowflake userId) {
    requireGuild(guildId);
    if (Member* m = member(guildId, userId))
        return *m;
    throw ApiError::unknown(10007, QStringLiteral("Member"));
}
Message& World::requireMessage(Snowflake channelId, Snowflake messageId) {
    if (Message* m = message(channelId, messageId))
        return *m;
    throw ApiError::unknown(10008, QStringLiteral("Message"));
}
Role& World::requireRole(Snowflake guildId, Snowflake roleId) {
    Guild& g = requireGuild(guildId);
    auto it = g.roles.find(roleId);
    if (it == g.roles.end())
        throw ApiError::unknown(10011, QStringLiteral("Role"));
    return it->second;
}

const std::map<Snowflake, Message>& World::messagesIn(Snowflake channelId) const {
    static const std::map<Snowflake, Message> none;
    auto it = m_messages.find(channelId);
    return it == m_messages.end() ? none : it->second;
}

std::map<Snowflake, Message>& World::messageMap(Snowflake channelId) {
    return m_messages[channelId];
}

std::vector<const Channel*> World::guildChannels(Snowflake guildId, bool withThreads) const {
    std::vector<const Channel*> out;
    for (const auto& [id, c] : m_channels)
        if (c.guildId == guildId && (withThreads || !channel_type::isThread(c.type)))
            out.push_back(&c);
    std::stable_sort(out.begin(), out.end(), [](const Channel* a, const Channel* b) {
        return a->position != b->position ? a->position < b->position : a->id < b->id;
    });
    return out;
}

std::vector<Snowflake> World::guildsOf(Snowflake userId) const {
    std::vector<Snowflake> out;
    for (const auto& [id, g] : m_guilds)
        if (g.members.count(userId))
            out.push_back(id);
    return out;
}

// ---- permissions ----

std::uint64_t World::basePermissions(Snowflake guildId, Snowflake userId) const {
    const Guild* g = guild(guildId);
    if (!g)
        return 0;
    if (g->ownerId == userId)
        return perm::All;
    const Member* m = member(guildId, userId);
    if (!m)
        return 0;
    std::uint64_t bits = 0;
    if (auto everyone = g->roles.find(guildId); everyone != g->roles.end())
        bits = everyone->second.permissions;
    for (Snowflake roleId : m->roles)
        if (auto r = g->roles.find(roleId); r != g->roles.end())
            bits |= r->second.permissions;
    if (bits & perm::Administrator)
        return perm::All;
    if (m->communicationDisabledUntil.isValid() &&
        m->communicationDisabledUntil > QDateTime::currentDateTimeUtc())
        bits &= perm::ViewChannel | perm::ReadMessageHistory;
    return bits;
}

std::uint64_t World::channelPermissions(Snowflake channelId, Snowflake userId) const {
    const Channel* c = channel(channelId);
    if (!c)
        return 0;
    if (c->type == channel_type::Dm || c->type == channel_type::GroupDm) {
        const bool inDm =
            std::find(c->recipients.begin(), c->recipients.end(), userId) != c->recipients.end();
        return inDm
                   ? (perm::ViewChannel | perm::SendMessages | perm::ReadMessageHistory | perm::AddReactions |
                      perm::EmbedLinks | perm::AttachFiles | perm::UseApplicationCommands)
                   : 0;
    }
    const Channel* source = c;
    if (channel_type::isThread(c->type))
        if (const Channel* parent = channel(c->parentId))
            source = parent;
    const std::uint64_t base = basePermissions(c->guildId, userId);
    if (base & perm::Administrator)
        return perm::All;
    const Guild* g = guild(c->guildId);
    const Member* m = member(c->guildId, userId);
    if (!g || !m)
        return 0;
    std::uint64_t bits = base;
    const Overwrite* memberOverwrite = nullptr;
    std::uint64_t roleAllow = 0, roleDeny = 0;
    for (const Overwrite& o : source->overwrites) {
        if (o.type == 0 && o.id == c->guildId) {
            bits &= ~o.deny;
            bits |= o.allow;
        } else if (o.type == 0 && std::find(m->roles.begin(), m->roles.end(), o.id) != m->roles.end()) {
            roleAllow |= o.allow;
            roleDeny |= o.deny;
        } else if (o.type == 1 && o.id == userId) {
            memberOverwrite = &o;
        }
    }
    bits &= ~roleDeny;
    bits |= roleAllow;
    if (memberOverwrite) {
        bits &= ~memberOverwrite->deny;
        bits |= memberOverwrite->allow;
    }
    if (!(bits & perm::ViewChannel))
        return 0;
    const bool voice = c->type == channel_type::GuildVoice || c->type == channel_type::GuildStageVoice;
    if (!voice && !(bits & perm::SendMessages))
        bits &= ~(perm::MentionEveryone | perm::SendTtsMessages | perm::AttachFiles | perm::EmbedLinks);
    if (voice && !(bits & perm::Connect))
        bits &= perm::ViewChannel;
    return bits;
}

int World::highestRolePosition(Snowflake guildId, Snowflake userId) const {
    const Guild* g = guild(guildId);
    if (!g)
        return -1;
    if (g->ownerId == userId)
        return 1 << 30;
    const Member* m = member(guildId, userId);
    if (!m)
        return -1;
    int best = 0;
    for (Snowflake roleId : m->roles)
        if (auto r = g->roles.find(roleId); r != g->roles.end())
            best = std::max(best, r->second.position);
    return best;
}

bool World::canSeeChannel(Snowflake channelId, Snowflake userId) const {
    return channelPermissions(channelId, userId) & perm::ViewChannel;
}

// ---- building ----

void World::clear() {
    m_app = {};
    m_users.clear();
    m_userByToken.clear();
    m_guilds.clear();
    m_channels.clear();
    m_messages.clear();
    m_webhooks.clear();
    m_invites.clear();
    m_commands.clear();
    m_interactions.clear();
    m_interactionByToken.clear();
    m_actions.clear();
    m_files.clear();
}

User& World::addUser(User u) {
    if (u.token.isEmpty())
        u.token = makeUserToken(u.id, u.bot);
    const Snowflake id = u.id;
    if (User* old = user(id))
        m_userByToken.remove(old->token);
    m_userByToken.insert(u.token, id);
    User& stored = m_users[id] = std::move(u);
    return stored;
}

Guild& World::addGuild(Guild g) {
    const Snowflake id = g.id;
    return m_guilds[id] = std::move(g);
}

Channel& World::addChannel(Channel c) {
    const Snowflake id = c.id;
    return m_channels[id] = std::move(c);
}

Message& World::insertMessage(Message m) {
    auto& map = messageMap(m.channelId);
    const Snowflake id = m.id;
    if (Channel* c = channel(m.channelId))
        c->lastMessageId = std::max(c->lastMessageId, id);
    Message& stored = map[id] = std::move(m);
    while (static_cast<int>(map.size()) > m_messageLimit && map.begin()->first != id) {
        m_files.removeAll(map.begin()->second.attachments);
        map.erase(map.begin());
    }
    return stored;
}

void World::advanceIdsPastContent() {
    Snowflake highest = m_app.id;
    auto bump = [&highest](Snowflake id) { highest = std::max(highest, id); };
    for (const auto& [id, u] : m_users)
        bump(id);
    for (const auto& [id, g] : m_guilds) {
        bump(id);
        for (const auto& [rid, r] : g.roles)
            bump(rid);
        for (const auto& [eid, e] : g.emojis)
            bump(eid);
    }
    for (const auto& [id, c] : m_channels)
        bump(id);
    for (const auto& [cid, map] : m_messages)
        if (!map.empty())
            bump(map.rbegin()->first);
    for (const auto& [id, w] : m_webhooks)
        bump(id);
    for (const auto& [id, cmd] : m_commands)
        bump(std::max(id, cmd.version));
    m_ids.advancePast(highest);
}

} // namespace botwright::sandbox
