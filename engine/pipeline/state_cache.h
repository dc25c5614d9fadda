#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace botwright::pipeline {

// The handler stage's view of the world, kept current from the dispatches themselves: READY (the
// bot user), GUILD_CREATE/UPDATE/DELETE, CHANNEL_*, THREAD_CREATE/UPDATE/DELETE/LIST_SYNC,
// GUILD_ROLE_*, GUILD_MEMBER_ADD/UPDATE/REMOVE, GUILD_MEMBERS_CHUNK and VOICE_STATE_UPDATE. Values are
// Discord's own JSON objects. Dispatches that change nothing here (MESSAGE_CREATE, …) cost one
// table lookup and are not parsed.
class StateCache final {
public:
    // Applies one dispatch and says what changed ("channel 1113… created", "3 members added"), or
    // returns an empty string when the dispatch does not concern the cache.
    QString apply(QByteArrayView type, const QByteArray& data);
    void clear();

    // The user's voice state in `guild` before the dispatch now being handled, as Discord JSON;
    // empty when none. (VOICE_STATE_UPDATE's transformer reads it before apply() replaces it.)
    QByteArray voiceState(quint64 guildId, quint64 userId) const;
    // Every voice state held for `guildId` (Discord JSON), ordered by user id.
    QList<QJsonObject> voiceStates(quint64 guildId) const;

    QJsonObject botUser() const { return m_botUser; }
    QJsonObject guild(quint64 id) const { return m_guilds.value(id); }
    QJsonObject channel(quint64 id) const { return m_channels.value(id); } // threads too
    QJsonObject role(quint64 id) const { return m_roles.value(id); }
    QJsonObject member(quint64 guildId, quint64 userId) const { return m_members.value({guildId, userId}); }

    int guildCount() const { return static_cast<int>(m_guilds.size()); }
    int channelCount() const { return static_cast<int>(m_channels.size()); }
    int roleCount() const { return static_cast<int>(m_roles.size()); }
    int memberCount() const { return static_cast<int>(m_members.size()); }
    // {"botUser", "guilds", "channels", "roles", "members", "voiceStates"} counts, for the studio.
    QJsonObject summary() const;

private:
    using Key = std::pair<quint64, quint64>; // guild, user
    QString applyGuild(QByteArrayView type, const QJsonObject& d);
    QString applyChannel(QByteArrayView type, const QJsonObject& d);
    QString applyThreadSync(const QJsonObject& d);
    QString applyRole(QByteArrayView type, const QJsonObject& d);
    QString applyMember(QByteArrayView type, const QJsonObject& d);
    QString applyVoiceState(const QJsonObject& d);
    void addGuildChildren(quint64 guildId, const QJsonObject& guild);

    QJsonObject m_botUser;
    QHash<quint64, QJsonObject> m_guilds; // without their channels, roles and members
    QHash<quint64, QJsonObject> m_channels;
    QHash<quint64, QJsonObject> m_roles;
    QHash<Key, QJsonObject> m_members;
    QHash<Key, QJsonObject> m_voiceStates;
};

} // namespace botwright::pipeline
