// GatewayServer: the client ops beyond identify/resume/heartbeat (op 8, op 4), the one-shot
// faults, and the session list the studio shows.
#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/gateway_connection.h"
#include "engine/sandbox/gateway_server.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_json.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace botwright::sandbox {

namespace cc = protocol::close_code;
namespace intent = protocol::intent;
using protocol::Snowflake;

void GatewayServer::handleRequestMembers(GatewayConnection* connection, const QJsonObject& d) {
    GatewaySession* s = connection->session;
    const auto guildId = protocol::parseSnowflake(d.value(QStringLiteral("guild_id")).toString());
    const Guild* g = guildId ? m_world.guild(*guildId) : nullptr;
    if (!s || !g) {
        connection->closeWith(cc::UnknownOpcode, QStringLiteral("Invalid guild_id for opcode 8."));
        return;
    }
    const QString query = d.value(QStringLiteral("query")).toString();
    const QJsonArray userIds =
        d.value(QStringLiteral("user_ids")).isArray()
            ? d.value(QStringLiteral("user_ids")).toArray()
            : (d.contains(QStringLiteral("user_ids")) ? QJsonArray{d.value(QStringLiteral("user_ids"))}
                                                      : QJsonArray{});
    int limit = d.value(QStringLiteral("limit")).toInt(0);
    const bool everyone = userIds.isEmpty() && query.isEmpty() && limit == 0;
    if (everyone && !(s->intents & intent::GuildMembers)) {
        connection->closeWith(cc::DisallowedIntents, protocol::closeCodeReason(cc::DisallowedIntents));
        return;
    }
    QJsonArray members, notFound;
    if (!userIds.isEmpty()) {
        for (const QJsonValue v : userIds) {
            const Snowflake uid = v.toString().toULongLong();
            if (const Member* m = m_world.member(g->id, uid))
                members.append(json::member(m_world, g->id, *m, true));
            else
                notFound.append(v.toString());
        }
    } else {
        if (!everyone)
            limit = std::clamp(limit, 1, 100);
        for (const auto& [uid, m] : g->members) {
            const User* u = m_world.user(uid);
            if (!u)
                continue;
            if (!query.isEmpty() && !u->username.startsWith(query, Qt::CaseInsensitive) &&
                !m.nick.startsWith(query, Qt::CaseInsensitive))
                continue;
            members.append(json::member(m_world, g->id, m, true));
            if (!everyone && members.size() >= limit)
                break;
        }
    }
    const int chunkCount = std::max<int>(1, static_cast<int>((members.size() + 999) / 1000));
    for (int i = 0; i < chunkCount; ++i) {
        QJsonObject chunk{{QStringLiteral("guild_id"), json::id(g->id)},
                          {QStringLiteral("members"), QJsonArray()},
                          {QStringLiteral("chunk_index"), i},
                          {QStringLiteral("chunk_count"), chunkCount}};
        QJsonArray part;
        for (qsizetype k = qsizetype{i} * 1000;
             k < std::min<qsizetype>(members.size(), qsizetype{i + 1} * 1000); ++k)
            part.append(members[k]);
        chunk.insert(QStringLiteral("members"), part);
        if (i == 0 && !notFound.isEmpty())
            chunk.insert(QStringLiteral("not_found"), notFound);
        if (d.contains(QStringLiteral("nonce")))
            chunk.insert(QStringLiteral("nonce"), d.value(QStringLiteral("nonce")));
        if (d.value(QStringLiteral("presences")).toBool())
            chunk.insert(QStringLiteral("presences"), QJsonArray{});
        sendDispatch(*s, QStringLiteral("GUILD_MEMBERS_CHUNK"),
                     QJsonDocument(chunk).toJson(QJsonDocument::Compact));
    }
}

void GatewayServer::handleVoiceState(GatewayConnection* connection, const QJsonObject& d) {
    GatewaySession* s = connection->session;
    const QString guildId = d.value(QStringLiteral("guild_id")).toString();
    const QJsonValue channelId = d.value(QStringLiteral("channel_id"));
    QJsonObject state{{QStringLiteral("guild_id"), guildId},
                      {QStringLiteral("channel_id"), channelId},
                      {QStringLiteral("user_id"), json::id(m_world.botId())},
                      {QStringLiteral("session_id"), s->id},
                      {QStringLiteral("deaf"), false},
                      {QStringLiteral("mute"), false},
                      {QStringLiteral("self_deaf"), d.value(QStringLiteral("self_deaf")).toBool()},
                      {QStringLiteral("self_mute"), d.value(QStringLiteral("self_mute")).toBool()},
                      {QStringLiteral("self_video"), false},
                      {QStringLiteral("suppress"), false},
                      {QStringLiteral("request_to_speak_timestamp"), QJsonValue::Null}};
    sendDispatch(*s, QStringLiteral("VOICE_STATE_UPDATE"),
                 QJsonDocument(state).toJson(QJsonDocument::Compact));
    if (!channelId.isNull())
        sendDispatch(*s, QStringLiteral("VOICE_SERVER_UPDATE"),
                     QJsonDocument(QJsonObject{{QStringLiteral("token"), QStringLiteral("sandbox-voice")},
                                               {QStringLiteral("guild_id"), guildId},
                                               {QStringLiteral("endpoint"), QJsonValue::Null}})
                         .toJson(QJsonDocument::Compact));
}

std::vector<GatewayConnection*> GatewayServer::targets(const QString& sessionId) const {
    std::vector<GatewayConnection*> out;
    for (const auto& [id, c] : m_connections)
        if (sessionId.isEmpty() || (c->session && c->session->id == sessionId))
            out.push_back(c);
    return out;
}

void GatewayServer::sendReconnect(const QString& sessionId) {
    for (GatewayConnection* c : targets(sessionId))
        sendOp(c, static_cast<int>(protocol::Opcode::Reconnect), QJsonValue::Null);
}

void GatewayServer::sendInvalidSession(bool resumable, const QString& sessionId) {
    for (GatewayConnection* c : targets(sessionId)) {
        if (!resumable && c->session)
            c->session->invalidated = true;
        sendOp(c, static_cast<int>(protocol::Opcode::InvalidSession), resumable);
    }
}

void GatewayServer::closeWithCode(int code, const QString& sessionId) {
    for (GatewayConnection* c : targets(sessionId))
        c->closeWith(code, protocol::closeCodeReason(code));
}

void GatewayServer::dropTcp(const QString& sessionId) {
    for (GatewayConnection* c : targets(sessionId))
        c->dropTcp();
}

void GatewayServer::requestHeartbeat(const QString& sessionId) {
    for (GatewayConnection* c : targets(sessionId))
        sendOp(c, static_cast<int>(protocol::Opcode::Heartbeat), QJsonValue::Null);
}

void GatewayServer::setGuildAvailable(Snowflake guildId, bool available) {
    Guild* g = m_world.guild(guildId);
    if (!g || g->unavailable == !available)
        return;
    g->unavailable = !available;
    Dispatch d;
    d.guildId = guildId;
    d.intents = intent::Guilds;
    if (available) {
        d.type = QStringLiteral("GUILD_CREATE");
        d.data = json::guildCreate(m_world, *g);
    } else {
        d.type = QStringLiteral("GUILD_DELETE");
        d.data =
            QJsonObject{{QStringLiteral("id"), json::id(guildId)}, {QStringLiteral("unavailable"), true}};
    }
    deliver(d);
}

QList<GatewayServer::SessionInfo> GatewayServer::sessions() const {
    QList<SessionInfo> out;
    for (const auto& [id, s] : m_sessions) {
        SessionInfo info{s->id, s->shardId, s->shardCount, s->intents, s->seq, s->connection != nullptr, {},
                         0,     0};
        if (s->connection) {
            info.framesOut = s->connection->framesOut;
            info.bytesOut = s->connection->bytesOut;
            switch (s->connection->compression()) {
            case GatewayConnection::Compression::ZlibStream:
                info.compression = QStringLiteral("zlib-stream");
                break;
            case GatewayConnection::Compression::ZstdStream:
                info.compression = QStringLiteral("zstd-stream");
                break;
            case GatewayConnection::Compression::None:
                break;
            }
        }
        out.append(info);
    }
    return out;
}

} // namespace botwright::sandbox
