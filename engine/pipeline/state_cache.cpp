#include "engine/pipeline/state_cache.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace botwright::pipeline {

namespace {

quint64 idOf(const QJsonValue& v) {
    return v.toString().toULongLong();
}

enum class Kind { None, Ready, Guild, Channel, ThreadSync, Role, Member, Voice };

Kind kindOf(QByteArrayView type) {
    struct Entry {
        const char* type;
        Kind kind;
    };
    static const Entry table[] = {
        {"READY", Kind::Ready},
        {"GUILD_CREATE", Kind::Guild},
        {"GUILD_UPDATE", Kind::Guild},
        {"GUILD_DELETE", Kind::Guild},
        {"CHANNEL_CREATE", Kind::Channel},
        {"CHANNEL_UPDATE", Kind::Channel},
        {"CHANNEL_DELETE", Kind::Channel},
        {"THREAD_CREATE", Kind::Channel},
        {"THREAD_UPDATE", Kind::Channel},
        {"THREAD_DELETE", Kind::Channel},
        {"THREAD_LIST_SYNC", Kind::ThreadSync},
        {"GUILD_ROLE_CREATE", Kind::Role},
        {"GUILD_ROLE_UPDATE", Kind::Role},
        {"GUILD_ROLE_DELETE", Kind::Role},
        {"GUILD_MEMBER_ADD", Kind::Member},
        {"GUILD_MEMBER_UPDATE", Kind::Member},
        {"GUILD_MEMBER_REMOVE", Kind::Member},
        {"GUILD_MEMBERS_CHUNK", Kind::Member},
        {"VOICE_STATE_UPDATE", Kind::Voice},
    };
    for (const Entry& e : table)
        if (type == e.type)
            return e.kind;
    return Kind::None;
}

} // namespace

QString StateCache::apply(QByteArrayView type, const QByteArray& data) {
    const Kind kind = kindOf(type);
    if (kind == Kind::None)
        return {};
    const QJsonObject d = QJsonDocument::fromJson(data).object();
    if (d.isEmpty())
        return {};
    switch (kind) {
    case Kind::Ready:
        m_botUser = d.value(QStringLiteral("user")).toObject();
        return QStringLiteral("bot user %1").arg(m_botUser.value(QStringLiteral("username")).toString());
    case Kind::Guild:
        return applyGuild(type, d);
    case Kind::Channel:
        return applyChannel(type, d);
    case Kind::ThreadSync:
        return applyThreadSync(d);
    case Kind::Role:
        return applyRole(type, d);
    case Kind::Member:
        return applyMember(type, d);
    case Kind::Voice:
        return applyVoiceState(d);
    case Kind::None:
        break;
    }
    return {};
}

void StateCache::clear() {
    *this = StateCache{};
}

QByteArray StateCache::voiceState(quint64 guildId, quint64 userId) const {
    const auto it = m_voiceStates.constFind({guildId, userId});
    return it == m_voiceStates.constEnd() ? QByteArray() : QJsonDocument(*it).toJson(QJsonDocument::Compact);
}

QList<QJsonObject> StateCache::voiceStates(quint64 guildId) const {
    QList<Key> keys;
    for (auto it = m_voiceStates.constBegin(); it != m_voiceStates.constEnd(); ++it)
        if (it.key().first == guildId)
            keys.append(it.key());
    std::sort(keys.begin(), keys.end());
    QList<QJsonObject> out;
    for (const Key& k : keys)
        out.append(m_voiceStates.value(k));
    return out;
}

QJsonObject StateCache::summary() const {
    return {{QStringLiteral("botUser"), m_botUser.value(QStringLiteral("username"))},
            {QStringLiteral("guilds"), guildCount()},
            {QStringLiteral("channels"), channelCount()},
            {QStringLiteral("roles"), roleCount()},
            {QStringLiteral("members"), memberCount()},
            {QStringLiteral("voiceStates"), static_cast<int>(m_voiceStates.size())}};
}

QString StateCache::applyGuild(QByteArrayView type, const QJsonObject& d) {
    const quint64 id = idOf(d.value(QStringLiteral("id")));
    if (type == "GUILD_DELETE") {
        m_guilds.remove(id);
        for (auto it = m_channels.begin(); it != m_channels.end();)
            it = idOf(it->value(QStringLiteral("guild_id"))) == id ? m_channels.erase(it) : std::next(it);
        for (auto it = m_roles.begin(); it != m_roles.end();)
            it = idOf(it->value(QStringLiteral("guild_id"))) == id ? m_roles.erase(it) : std::next(it);
        for (auto it = m_members.begin(); it != m_members.end();)
            it = it.key().first == id ? m_members.erase(it) : std::next(it);
        return QStringLiteral("guild %1 removed").arg(id);
    }
    const bool known = m_guilds.contains(id);
    QJsonObject guild = d;
    for (const char* key : {"channels", "threads", "roles", "members", "voice_states", "presences"})
        guild.remove(QLatin1String(key));
    if (type == "GUILD_UPDATE" && known) {
        QJsonObject merged = m_guilds.value(id);
        for (auto it = guild.begin(); it != guild.end(); ++it)
            merged.insert(it.key(), it.value());
        guild = merged;
    }
    m_guilds.insert(id, guild);
    if (type == "GUILD_CREATE") {
        addGuildChildren(id, d);
        return QStringLiteral("guild %1 %2: %3 channels, %4 roles, %5 members")
            .arg(d.value(QStringLiteral("name")).toString(),
                 known ? QStringLiteral("refreshed") : QStringLiteral("added"))
            .arg(d.value(QStringLiteral("channels")).toArray().size() +
                 d.value(QStringLiteral("threads")).toArray().size())
            .arg(d.value(QStringLiteral("roles")).toArray().size())
            .arg(d.value(QStringLiteral("members")).toArray().size());
    }
    return QStringLiteral("guild %1 updated").arg(id);
}

void StateCache::addGuildChildren(quint64 guildId, const QJsonObject& guild) {
    const QString gid = QString::number(guildId);
    for (const char* key : {"channels", "threads"}) {
        for (const QJsonValue& v : guild.value(QLatin1String(key)).toArray()) {
            QJsonObject c = v.toObject();
            c.insert(QStringLiteral("guild_id"), gid);
            m_channels.insert(idOf(c.value(QStringLiteral("id"))), c);
        }
    }
    for (const QJsonValue& v : guild.value(QStringLiteral("roles")).toArray()) {
        QJsonObject r = v.toObject();
        r.insert(QStringLiteral("guild_id"), gid);
        m_roles.insert(idOf(r.value(QStringLiteral("id"))), r);
    }
    for (const QJsonValue& v : guild.value(QStringLiteral("members")).toArray()) {
        const QJsonObject m = v.toObject();
        m_members.insert(
            {guildId, idOf(m.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")))}, m);
    }
    for (const QJsonValue& v : guild.value(QStringLiteral("voice_states")).toArray()) {
        const QJsonObject s = v.toObject();
        if (!s.value(QStringLiteral("channel_id")).isNull())
            m_voiceStates.insert({guildId, idOf(s.value(QStringLiteral("user_id")))}, s);
    }
}

QString StateCache::applyChannel(QByteArrayView type, const QJsonObject& d) {
    const quint64 id = idOf(d.value(QStringLiteral("id")));
    const bool thread = type.startsWith("THREAD_");
    const QString what = thread ? QStringLiteral("thread") : QStringLiteral("channel");
    if (type.endsWith("_DELETE")) {
        const bool had = m_channels.remove(id) > 0;
        return QStringLiteral("%1 %2 %3")
            .arg(what)
            .arg(id)
            .arg(had ? QStringLiteral("removed") : QStringLiteral("was not cached"));
    }
    const bool known = m_channels.contains(id);
    QJsonObject c = d;
    if (known && type.endsWith("_UPDATE")) {
        QJsonObject merged = m_channels.value(id);
        for (auto it = c.begin(); it != c.end(); ++it)
            merged.insert(it.key(), it.value());
        c = merged;
    }
    m_channels.insert(id, c);
    return QStringLiteral("%1 %2 %3")
        .arg(what)
        .arg(id)
        .arg(known ? QStringLiteral("updated") : QStringLiteral("created"));
}

QString StateCache::applyThreadSync(const QJsonObject& d) {
    const QJsonArray threads = d.value(QStringLiteral("threads")).toArray();
    for (const QJsonValue& v : threads) {
        const QJsonObject t = v.toObject();
        m_channels.insert(idOf(t.value(QStringLiteral("id"))), t);
    }
    return QStringLiteral("%1 threads synced").arg(threads.size());
}

QString StateCache::applyRole(QByteArrayView type, const QJsonObject& d) {
    const QString guild = d.value(QStringLiteral("guild_id")).toString();
    if (type == "GUILD_ROLE_DELETE") {
        const quint64 id = idOf(d.value(QStringLiteral("role_id")));
        m_roles.remove(id);
        return QStringLiteral("role %1 removed").arg(id);
    }
    QJsonObject role = d.value(QStringLiteral("role")).toObject();
    role.insert(QStringLiteral("guild_id"), guild);
    const quint64 id = idOf(role.value(QStringLiteral("id")));
    const bool known = m_roles.contains(id);
    m_roles.insert(id, role);
    return QStringLiteral("role %1 %2")
        .arg(role.value(QStringLiteral("name")).toString(),
             known ? QStringLiteral("updated") : QStringLiteral("created"));
}

QString StateCache::applyMember(QByteArrayView type, const QJsonObject& d) {
    const quint64 guild = idOf(d.value(QStringLiteral("guild_id")));
    if (type == "GUILD_MEMBERS_CHUNK") {
        const QJsonArray members = d.value(QStringLiteral("members")).toArray();
        for (const QJsonValue& v : members) {
            const QJsonObject m = v.toObject();
            m_members.insert(
                {guild, idOf(m.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")))}, m);
        }
        return QStringLiteral("%1 members added").arg(members.size());
    }
    const QJsonObject user = d.value(QStringLiteral("user")).toObject();
    const Key key{guild, idOf(user.value(QStringLiteral("id")))};
    const QString name = user.value(QStringLiteral("username")).toString();
    if (type == "GUILD_MEMBER_REMOVE") {
        m_members.remove(key);
        return QStringLiteral("member %1 removed").arg(name);
    }
    QJsonObject member = d;
    member.remove(QStringLiteral("guild_id"));
    const bool known = m_members.contains(key);
    if (known && type == "GUILD_MEMBER_UPDATE") {
        QJsonObject merged = m_members.value(key);
        for (auto it = member.begin(); it != member.end(); ++it)
            merged.insert(it.key(), it.value());
        member = merged;
    }
    m_members.insert(key, member);
    return QStringLiteral("member %1 %2")
        .arg(name, known ? QStringLiteral("updated") : QStringLiteral("added"));
}

QString StateCache::applyVoiceState(const QJsonObject& d) {
    const Key key{idOf(d.value(QStringLiteral("guild_id"))), idOf(d.value(QStringLiteral("user_id")))};
    if (d.value(QStringLiteral("channel_id")).isNull()) {
        m_voiceStates.remove(key);
        return QStringLiteral("user %1 left voice").arg(key.second);
    }
    m_voiceStates.insert(key, d);
    return QStringLiteral("user %1 in voice channel %2")
        .arg(key.second)
        .arg(d.value(QStringLiteral("channel_id")).toString());
}

} // namespace botwright::pipeline
