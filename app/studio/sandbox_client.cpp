#include "app/studio/sandbox_client.h"

#include "app/studio/attachment_fetcher.h"
#include "engine/sandbox/sandbox_host.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace botwright::studio {

namespace {

constexpr qint64 kDiscordEpochMs = 1420070400000LL;
constexpr int kEphemeral = 1 << 6;

QString str(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : (v.isDouble() ? QString::number(v.toInteger()) : QString());
}

bool isThread(int type) {
    return type == 10 || type == 11 || type == 12;
}

QString snowflakeTime(const QString& id) {
    const qint64 ms = static_cast<qint64>(id.toULongLong() >> 22) + kDiscordEpochMs;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

bool sameEmoji(const QJsonObject& a, const QJsonObject& b) {
    const QString idA = str(a, "id"), idB = str(b, "id");
    return idA.isEmpty() && idB.isEmpty() ? str(a, "name") == str(b, "name") : idA == idB;
}

} // namespace

SandboxClient::SandboxClient(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_fetcher(new AttachmentFetcher(this))
    , m_snapshotTimer(new QTimer(this)) {
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_snapshotTimer->setSingleShot(true);
    m_snapshotTimer->setInterval(150);
    connect(m_snapshotTimer, &QTimer::timeout, this, &SandboxClient::requestSnapshot);
}

SandboxClient::~SandboxClient() = default;

void SandboxClient::attach(sandbox::SandboxHost* host) {
    m_host = host;
    const auto onStarted = [this](const QString& rest, const QString& gateway, const QString& token) {
        m_restBase = rest;
        m_gatewayUrl = gateway;
        m_botToken = token;
        Q_EMIT connected(rest, gateway, token);
        requestSnapshot();
    };
    connect(host, &sandbox::SandboxHost::started, this, onStarted);
    connect(host, &sandbox::SandboxHost::failed, this, &SandboxClient::hostFailed);
    connect(host, &sandbox::SandboxHost::snapshotReady, this, &SandboxClient::applySnapshot);
    connect(host, &sandbox::SandboxHost::worldEvent, this, &SandboxClient::applyEvent);
    if (host->isRunning())
        onStarted(host->restBase(), host->gatewayUrl(), host->botToken());
}

void SandboxClient::requestSnapshot() {
    if (m_host)
        m_host->requestSnapshot();
}

void SandboxClient::scheduleSnapshot() {
    m_snapshotTimer->start();
}

// ---- the model ----

QStringList SandboxClient::peopleIds() const {
    QStringList out;
    for (const QString& id : m_userOrder)
        if (!m_users.value(id).bot)
            out.append(id);
    return out;
}

const SandboxUser* SandboxClient::user(const QString& id) const {
    auto it = m_users.constFind(id);
    return it == m_users.cend() ? nullptr : &*it;
}

const SandboxGuild* SandboxClient::guild(const QString& id) const {
    auto it = m_guilds.constFind(id);
    return it == m_guilds.cend() ? nullptr : &*it;
}

const SandboxChannel* SandboxClient::channel(const QString& id) const {
    auto it = m_channels.constFind(id);
    return it == m_channels.cend() ? nullptr : &*it;
}

QList<SandboxChannel> SandboxClient::channelsOf(const QString& guildId) const {
    QList<SandboxChannel> out;
    for (const SandboxChannel& c : m_channels)
        if (c.guildId == guildId)
            out.append(c);
    // Sort key: (category position, category id, is-not-category, position, id); threads follow parents.
    const auto key = [this](const SandboxChannel& c) {
        const SandboxChannel* parent = channel(c.parentId);
        const SandboxChannel* top = isThread(c.type) && parent ? parent : &c;
        const SandboxChannel* category = top->type == 4 ? top : channel(top->parentId);
        return std::make_tuple(category ? category->position : -1, category ? category->id.toULongLong() : 0,
                               top->type == 4 ? 0 : 1, top->position, top->id.toULongLong(),
                               isThread(c.type) ? c.id.toULongLong() : 0);
    };
    std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    return out;
}

QString SandboxClient::channelLabel(const QString& channelId) const {
    const SandboxChannel* c = channel(channelId);
    if (!c)
        return QStringLiteral("#unknown");
    if (c->type == 1 || c->type == 3) {
        QStringList names;
        for (const QString& r : c->recipients)
            names.append(displayName(r, {}));
        return QStringLiteral("@") + names.join(QStringLiteral(", @"));
    }
    return QStringLiteral("#") + c->name;
}

QList<QJsonObject> SandboxClient::commandsFor(const QString& guildId) const {
    QList<QJsonObject> out;
    for (const QJsonObject& cmd : m_commands) {
        const QString scope = str(cmd, "guild_id");
        if ((scope.isEmpty() || scope == guildId) && cmd.value(QStringLiteral("type")).toInt(1) == 1)
            out.append(cmd);
    }
    std::sort(out.begin(), out.end(),
              [](const QJsonObject& a, const QJsonObject& b) { return str(a, "name") < str(b, "name"); });
    return out;
}

QString SandboxClient::displayName(const QString& userId, const QString& guildId) const {
    if (const SandboxGuild* g = guild(guildId))
        if (auto it = g->members.constFind(userId); it != g->members.cend() && !it->nick.isEmpty())
            return it->nick;
    const SandboxUser* u = user(userId);
    if (!u)
        return QStringLiteral("unknown-user");
    return u->globalName.isEmpty() ? u->username : u->globalName;
}

QColor SandboxClient::roleColor(const QString& guildId, const QString& userId) const {
    const SandboxGuild* g = guild(guildId);
    if (!g || !g->members.contains(userId))
        return {};
    int best = -1;
    QColor color;
    for (const QString& roleId : g->members.value(userId).roles) {
        const SandboxRole role = g->roles.value(roleId);
        if (role.color != 0 && role.position > best) {
            best = role.position;
            color = QColor::fromRgb(static_cast<QRgb>(role.color));
        }
    }
    return color;
}

QString SandboxClient::roleName(const QString& guildId, const QString& roleId) const {
    const SandboxGuild* g = guild(guildId);
    return g && g->roles.contains(roleId) ? g->roles.value(roleId).name : QStringLiteral("deleted-role");
}

QStringList SandboxClient::messageIds(const QString& channelId) const {
    QStringList out;
    auto it = m_messages.constFind(channelId);
    if (it == m_messages.cend())
        return out;
    out.reserve(static_cast<qsizetype>(it->size()));
    for (const auto& entry : *it)
        out.append(QString::number(entry.first));
    return out;
}

const QJsonObject* SandboxClient::message(const QString& channelId, const QString& messageId) const {
    auto it = m_messages.constFind(channelId);
    if (it == m_messages.cend())
        return nullptr;
    auto found = it->find(messageId.toULongLong());
    return found == it->end() ? nullptr : &found->second;
}

bool SandboxClient::visibleTo(const QJsonObject& message, const QString& userId) {
    if (!(message.value(QStringLiteral("flags")).toInt() & kEphemeral))
        return true;
    const QJsonObject meta = message.value(QStringLiteral("interaction_metadata")).toObject();
    return str(meta.value(QStringLiteral("user")).toObject(), "id") == userId;
}

QJsonArray SandboxClient::reactionsFor(const QJsonObject& message) const {
    QJsonArray out;
    for (const QJsonValue v : message.value(QStringLiteral("reactions")).toArray()) {
        const QJsonObject r = v.toObject();
        const bool me = r.value(QStringLiteral("users")).toArray().contains(QJsonValue(m_currentUser));
        out.append(QJsonObject{{QStringLiteral("emoji"), r.value(QStringLiteral("emoji"))},
                               {QStringLiteral("count"), r.value(QStringLiteral("count"))},
                               {QStringLiteral("me"), me}});
    }
    return out;
}

void SandboxClient::setCurrentUser(const QString& userId) {
    if (userId == m_currentUser)
        return;
    m_currentUser = userId;
    Q_EMIT currentUserChanged(userId);
}

// ---- snapshot and events ----

void SandboxClient::applySnapshot(const QJsonObject& world) {
    m_users.clear();
    m_userOrder.clear();
    m_guilds.clear();
    m_guildOrder.clear();
    m_channels.clear();
    m_commands.clear();
    m_messages.clear();
    m_applicationId = str(world.value(QStringLiteral("application")).toObject(), "id");
    for (const QJsonValue v : world.value(QStringLiteral("users")).toArray()) {
        const QJsonObject u = v.toObject();
        SandboxUser user{str(u, "id"), str(u, "username"), str(u, "global_name"), str(u, "token"),
                         u.value(QStringLiteral("bot")).toBool()};
        m_userOrder.append(user.id);
        m_users.insert(user.id, user);
    }
    for (const QJsonValue v : world.value(QStringLiteral("guilds")).toArray()) {
        const QJsonObject g = v.toObject();
        SandboxGuild guild{str(g, "id"), str(g, "name"), {}, {}, g.value(QStringLiteral("emojis")).toArray()};
        for (const QJsonValue r : g.value(QStringLiteral("roles")).toArray()) {
            const QJsonObject o = r.toObject();
            guild.roles.insert(str(o, "id"), SandboxRole{str(o, "id"), str(o, "name"), o[u"color"].toInt(),
                                                         o[u"position"].toInt(), o[u"hoist"].toBool()});
        }
        for (const QJsonValue m : g.value(QStringLiteral("members")).toArray()) {
            const QJsonObject o = m.toObject();
            QStringList roles;
            for (const QJsonValue r : o.value(QStringLiteral("roles")).toArray())
                roles.append(r.toString());
            guild.members.insert(str(o, "user_id"), SandboxMember{str(o, "user_id"), str(o, "nick"), roles});
        }
        m_guildOrder.append(guild.id);
        m_guilds.insert(guild.id, guild);
    }
    for (const QJsonValue v : world.value(QStringLiteral("channels")).toArray())
        applyChannel(v.toObject(), false);
    for (const QJsonValue v : world.value(QStringLiteral("voice_states")).toArray())
        applyVoiceState(v.toObject());
    for (const QJsonValue v : world.value(QStringLiteral("commands")).toArray()) {
        const QJsonObject c = v.toObject();
        QJsonObject cmd = c.value(QStringLiteral("definition")).toObject();
        cmd.insert(QStringLiteral("id"), str(c, "id"));
        cmd.insert(QStringLiteral("guild_id"), c.value(QStringLiteral("guild_id")));
        m_commands.insert(str(c, "id"), cmd);
    }
    // World-file messages name their author by id; give them Discord's shape.
    for (const QJsonValue v : world.value(QStringLiteral("messages")).toArray()) {
        QJsonObject m = v.toObject();
        const QString author = str(m, "author_id");
        QJsonObject authorJson{{QStringLiteral("id"), author}};
        if (!str(m, "webhook_name").isEmpty() && str(m, "application_id").isEmpty())
            authorJson = QJsonObject{{QStringLiteral("id"), str(m, "webhook_id")},
                                     {QStringLiteral("username"), str(m, "webhook_name")},
                                     {QStringLiteral("bot"), true}};
        else if (const SandboxUser* u = user(author))
            authorJson = QJsonObject{{QStringLiteral("id"), u->id},
                                     {QStringLiteral("username"), u->username},
                                     {QStringLiteral("global_name"), u->globalName},
                                     {QStringLiteral("bot"), u->bot}};
        m.insert(QStringLiteral("author"), authorJson);
        m.insert(QStringLiteral("timestamp"), snowflakeTime(str(m, "id")));
        QJsonArray reactions;
        for (const QJsonValue r : m.value(QStringLiteral("reactions")).toArray()) {
            QJsonObject reaction = r.toObject();
            reaction.insert(QStringLiteral("count"),
                            reaction.value(QStringLiteral("users")).toArray().size());
            reactions.append(reaction);
        }
        m.insert(QStringLiteral("reactions"), reactions);
        m_messages[str(m, "channel_id")][str(m, "id").toULongLong()] = m;
    }
    if (m_currentUser.isEmpty() || !m_users.contains(m_currentUser))
        m_currentUser = peopleIds().value(0);
    m_haveSnapshot = true;
    Q_EMIT modelReset();
}

void SandboxClient::applyEvent(const QString& type, const QJsonObject& data) {
    if (type == QLatin1String("MESSAGE_CREATE") || type == QLatin1String("MESSAGE_UPDATE")) {
        applyMessage(data, true);
    } else if (type == QLatin1String("MESSAGE_DELETE") || type == QLatin1String("MESSAGE_DELETE_BULK")) {
        const QString channelId = str(data, "channel_id");
        QJsonArray ids = data.value(QStringLiteral("ids")).toArray();
        if (ids.isEmpty())
            ids.append(str(data, "id"));
        for (const QJsonValue id : ids)
            if (m_messages[channelId].erase(id.toString().toULongLong()) > 0)
                Q_EMIT messageRemoved(channelId, id.toString());
    } else if (type == QLatin1String("MESSAGE_REACTION_ADD") ||
               type == QLatin1String("MESSAGE_REACTION_REMOVE")) {
        applyReaction(data, type == QLatin1String("MESSAGE_REACTION_ADD"));
    } else if (type.startsWith(QLatin1String("MESSAGE_REACTION_REMOVE_"))) {
        const QString channelId = str(data, "channel_id"), messageId = str(data, "message_id");
        auto& list = m_messages[channelId];
        auto it = list.find(messageId.toULongLong());
        if (it == list.end())
            return;
        QJsonArray kept;
        const QJsonObject emoji = data.value(QStringLiteral("emoji")).toObject();
        for (const QJsonValue r : it->second.value(QStringLiteral("reactions")).toArray())
            if (!emoji.isEmpty() && !sameEmoji(r.toObject().value(QStringLiteral("emoji")).toObject(), emoji))
                kept.append(r);
        it->second.insert(QStringLiteral("reactions"), kept);
        Q_EMIT messageChanged(channelId, messageId);
    } else if (static const QStringList channelEvents{
                   QStringLiteral("CHANNEL_CREATE"), QStringLiteral("CHANNEL_UPDATE"),
                   QStringLiteral("CHANNEL_DELETE"), QStringLiteral("THREAD_CREATE"),
                   QStringLiteral("THREAD_UPDATE"), QStringLiteral("THREAD_DELETE")};
               channelEvents.contains(type)) {
        applyChannel(data, type.endsWith(QLatin1String("_DELETE")));
    } else if (type == QLatin1String("VOICE_STATE_UPDATE")) {
        applyVoiceState(data);
        Q_EMIT channelsChanged();
    } else if (type.startsWith(QLatin1String("GUILD_MEMBER_"))) {
        applyMember(data, type == QLatin1String("GUILD_MEMBER_REMOVE"));
    } else if (type.startsWith(QLatin1String("GUILD_"))) {
        scheduleSnapshot(); // guilds, roles, emojis: the snapshot has them all
    } else if (type == QLatin1String("USER_UPDATE")) {
        rememberUser(data);
        Q_EMIT membersChanged({});
    } else if (type == QLatin1String("TYPING_START")) {
        Q_EMIT typing(str(data, "channel_id"), str(data, "user_id"));
    } else if (type == QLatin1String("SANDBOX_MODAL")) {
        Q_EMIT modalRequested(data);
    } else if (type == QLatin1String("SANDBOX_AUTOCOMPLETE_RESULT")) {
        Q_EMIT autocompleteResult(str(data, "interaction_id"),
                                  data.value(QStringLiteral("choices")).toArray());
    } else if (type == QLatin1String("SANDBOX_COMMANDS_UPDATE")) {
        fetchCommands(str(data, "guild_id")); // a script (re)loaded and registered its commands
    } else if (type == QLatin1String("SANDBOX_INTERACTION_FAILED")) {
        Q_EMIT interactionFailed(str(data, "id"), str(data, "channel_id"), str(data, "user_id"));
    }
}

void SandboxClient::applyMessage(QJsonObject message, bool fromEvent) {
    const QString channelId = str(message, "channel_id"), id = str(message, "id");
    if (channelId.isEmpty() || id.isEmpty())
        return;
    auto& list = m_messages[channelId];
    auto it = list.find(id.toULongLong());
    const bool known = it != list.end();
    // Reactions are tracked from reaction events; a fresh message knows only whether its viewer reacted.
    if (known) {
        message.insert(QStringLiteral("reactions"), it->second.value(QStringLiteral("reactions")));
        for (auto field = it->second.begin(); field != it->second.end(); ++field)
            if (!message.contains(field.key()))
                message.insert(field.key(), field.value());
    } else {
        const QString viewer = fromEvent ? m_applicationId : m_currentUser; // whose "me" the JSON carries
        QJsonArray reactions;
        for (const QJsonValue v : message.value(QStringLiteral("reactions")).toArray()) {
            QJsonObject r = v.toObject();
            r.insert(QStringLiteral("users"),
                     r.value(QStringLiteral("me")).toBool() ? QJsonArray{viewer} : QJsonArray{});
            r.remove(QStringLiteral("me"));
            reactions.append(r);
        }
        message.insert(QStringLiteral("reactions"), reactions);
    }
    if (const QJsonObject author = message.value(QStringLiteral("author")).toObject(); !author.isEmpty())
        if (!user(str(author, "id")) && str(message, "webhook_id").isEmpty())
            rememberUser(author);
    list[id.toULongLong()] = message;
    if (known)
        Q_EMIT messageChanged(channelId, id);
    else
        Q_EMIT messageAdded(channelId, id);
}

void SandboxClient::applyReaction(const QJsonObject& data, bool add) {
    const QString channelId = str(data, "channel_id"), messageId = str(data, "message_id");
    const QString userId = str(data, "user_id");
    const QJsonObject emoji = data.value(QStringLiteral("emoji")).toObject();
    auto& list = m_messages[channelId];
    auto it = list.find(messageId.toULongLong());
    if (it == list.end())
        return;
    QJsonArray reactions = it->second.value(QStringLiteral("reactions")).toArray();
    qsizetype index = -1;
    for (qsizetype i = 0; i < reactions.size(); ++i)
        if (sameEmoji(reactions[i].toObject().value(QStringLiteral("emoji")).toObject(), emoji))
            index = i;
    if (index < 0 && !add)
        return;
    if (index < 0) {
        reactions.append(QJsonObject{{QStringLiteral("emoji"), emoji},
                                     {QStringLiteral("count"), 0},
                                     {QStringLiteral("users"), QJsonArray{}}});
        index = reactions.size() - 1;
    }
    QJsonObject r = reactions[index].toObject();
    QJsonArray users = r.value(QStringLiteral("users")).toArray();
    qsizetype at = -1;
    for (qsizetype i = 0; i < users.size(); ++i)
        if (users[i].toString() == userId)
            at = i;
    int count = r.value(QStringLiteral("count")).toInt();
    if (add && at < 0) {
        users.append(userId);
        ++count;
    } else if (!add) {
        if (at >= 0)
            users.removeAt(at);
        --count;
    }
    r.insert(QStringLiteral("users"), users);
    r.insert(QStringLiteral("count"), std::max<qsizetype>(count, users.size()));
    if (count <= 0 && users.isEmpty())
        reactions.removeAt(index);
    else
        reactions[index] = r;
    it->second.insert(QStringLiteral("reactions"), reactions);
    Q_EMIT messageChanged(channelId, messageId);
}

void SandboxClient::applyChannel(const QJsonObject& data, bool removed) {
    const QString id = str(data, "id");
    if (id.isEmpty())
        return;
    if (removed) {
        m_channels.remove(id);
        m_messages.remove(id);
    } else {
        SandboxChannel c{
            id, str(data, "guild_id"), str(data, "parent_id"),   str(data, "name"), str(data, "topic"),
            {}, data[u"type"].toInt(), data[u"position"].toInt()};
        for (const QJsonValue r : data.value(QStringLiteral("recipients")).toArray())
            c.recipients.append(r.isObject() ? str(r.toObject(), "id") : r.toString());
        m_channels.insert(id, c);
    }
    if (m_haveSnapshot)
        Q_EMIT channelsChanged();
}

void SandboxClient::applyMember(const QJsonObject& data, bool removed) {
    const QString guildId = str(data, "guild_id");
    const QJsonObject userJson = data.value(QStringLiteral("user")).toObject();
    const QString userId = str(userJson, "id");
    if (!m_guilds.contains(guildId) || userId.isEmpty())
        return;
    if (!user(userId))
        scheduleSnapshot(); // a new person: the snapshot knows their token
    rememberUser(userJson);
    SandboxGuild& g = m_guilds[guildId];
    if (removed) {
        g.members.remove(userId);
    } else {
        QStringList roles;
        for (const QJsonValue r : data.value(QStringLiteral("roles")).toArray())
            roles.append(r.toString());
        SandboxMember& m = g.members[userId]; // voice state is kept: member events do not carry it
        m.userId = userId;
        m.nick = str(data, "nick");
        m.roles = roles;
    }
    Q_EMIT membersChanged(guildId);
}

void SandboxClient::applyVoiceState(const QJsonObject& data) {
    auto g = m_guilds.find(str(data, "guild_id"));
    if (g == m_guilds.end())
        return;
    auto m = g->members.find(str(data, "user_id"));
    if (m == g->members.end())
        return;
    m->voiceChannelId = str(data, "channel_id");
    m->selfMute = data.value(QStringLiteral("self_mute")).toBool();
    m->selfDeaf = data.value(QStringLiteral("self_deaf")).toBool();
}

QList<SandboxMember> SandboxClient::voiceMembers(const QString& channelId) const {
    QList<SandboxMember> out;
    const SandboxChannel* c = channel(channelId);
    const SandboxGuild* g = c ? guild(c->guildId) : nullptr;
    if (!g)
        return out;
    for (const SandboxMember& m : g->members)
        if (m.voiceChannelId == channelId)
            out.append(m);
    std::sort(out.begin(), out.end(), [&](const SandboxMember& a, const SandboxMember& b) {
        return displayName(a.userId, g->id).compare(displayName(b.userId, g->id), Qt::CaseInsensitive) < 0;
    });
    return out;
}

QString SandboxClient::voiceChannelOf(const QString& guildId, const QString& userId) const {
    const SandboxGuild* g = guild(guildId);
    return g ? g->members.value(userId).voiceChannelId : QString();
}

void SandboxClient::rememberUser(const QJsonObject& u) {
    const QString id = str(u, "id");
    if (id.isEmpty())
        return;
    if (!m_users.contains(id))
        m_userOrder.append(id);
    SandboxUser& stored = m_users[id];
    stored.id = id;
    stored.username = str(u, "username");
    stored.globalName = str(u, "global_name");
    stored.bot = u.value(QStringLiteral("bot")).toBool();
}

} // namespace botwright::studio
