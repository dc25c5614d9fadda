#include "engine/sandbox/gateway_server.h"

#include "engine/protocol/etf_codec.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/gateway_connection.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_json.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>
#include <QWebSocket>

#include <charconv>

namespace botwright::sandbox {

namespace cc = protocol::close_code;
namespace intent = protocol::intent;
using protocol::Snowflake;

namespace {

QByteArray frameBytes(int op, const QJsonValue& d) {
    QJsonObject o{{QStringLiteral("op"), op},
                  {QStringLiteral("d"), d},
                  {QStringLiteral("s"), QJsonValue::Null},
                  {QStringLiteral("t"), QJsonValue::Null}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray dispatchFrame(int seq, const QString& type, const QByteArray& data) {
    QByteArray out;
    out.reserve(data.size() + type.size() + 40);
    char digits[16];
    const auto end = std::to_chars(digits, digits + sizeof digits, seq).ptr;
    out.append("{\"op\":0,\"s\":").append(digits, end - digits).append(",\"t\":\"");
    out.append(type.toLatin1()).append("\",\"d\":").append(data).append('}');
    return out;
}

QString stripBotPrefix(QString token) {
    if (token.startsWith(QStringLiteral("Bot ")))
        token = token.mid(4);
    return token;
}

QByteArray blankContent(const QJsonObject& data) {
    QJsonObject copy = data;
    copy.insert(QStringLiteral("content"), QString());
    copy.insert(QStringLiteral("embeds"), QJsonArray{});
    copy.insert(QStringLiteral("attachments"), QJsonArray{});
    copy.insert(QStringLiteral("components"), QJsonArray{});
    copy.remove(QStringLiteral("poll"));
    return QJsonDocument(copy).toJson(QJsonDocument::Compact);
}

} // namespace

GatewayServer::GatewayServer(World& world, const SandboxOptions& options, FaultSettings& faults,
                             QObject* parent)
    : QObject(parent)
    , m_world(world)
    , m_options(options)
    , m_faults(faults)
    , m_threadListSync(world) {
    m_listener = m_world.addListener([this](const Dispatch& d) { deliver(d); });
    m_expiryTimer = new QTimer(this);
    m_expiryTimer->setInterval(1000);
    connect(m_expiryTimer, &QTimer::timeout, this, &GatewayServer::expireSessions);
    m_expiryTimer->start();
}

GatewayServer::~GatewayServer() {
    m_world.removeListener(m_listener);
    for (auto& [id, c] : m_connections) {
        c->disconnect(this);
        c->dropTcp();
    }
}

void GatewayServer::accept(std::unique_ptr<QWebSocket> socket) {
    auto* connection = new GatewayConnection(std::move(socket), this);
    m_connections[connection->id()] = connection;
    connect(connection, &GatewayConnection::frameReceived, this, &GatewayServer::onFrame);
    connect(connection, &GatewayConnection::disconnected, this, &GatewayServer::onDisconnected);
    connect(&connection->heartbeatDeadline, &QTimer::timeout, connection, [this, connection] {
        // Missed heartbeat: close with a code every library resumes after; the session survives.
        connection->closeWith(cc::UnknownError, QStringLiteral("Heartbeat deadline missed."));
    });
    QString reason;
    int code = 0;
    if (!connection->configureFromUrl(&reason, &code)) {
        connection->closeWith(code, reason);
        return;
    }
    sendOp(connection, static_cast<int>(protocol::Opcode::Hello),
           QJsonObject{{QStringLiteral("heartbeat_interval"), m_options.heartbeatIntervalMs}});
    armHeartbeatDeadline(connection);
    Q_EMIT sessionsChanged();
}

int GatewayServer::identifiesLeft() const {
    const qint64 dayAgo = QDateTime::currentMSecsSinceEpoch() - 24LL * 3600 * 1000;
    int used = 0;
    for (qint64 t : m_identifyTimes)
        used += t > dayAgo ? 1 : 0;
    return m_faults.gatewayBotRemainingZero ? 0 : std::max(0, m_options.identifyBudget - used);
}

void GatewayServer::armHeartbeatDeadline(GatewayConnection* connection) {
    connection->heartbeatDeadline.start(m_options.heartbeatIntervalMs + m_options.heartbeatGraceMs);
}

void GatewayServer::sendOp(GatewayConnection* connection, int op, const QJsonValue& d) {
    connection->sendFrame(frameBytes(op, d), m_faults.splitCompressedFrames);
}

void GatewayServer::sendHeartbeatAck(GatewayConnection* connection) {
    if (m_faults.dropHeartbeatAcks)
        return;
    if (m_faults.heartbeatAckDelayMs > 0) {
        QTimer::singleShot(m_faults.heartbeatAckDelayMs, connection, [this, connection] {
            sendOp(connection, static_cast<int>(protocol::Opcode::HeartbeatAck), QJsonValue::Null);
        });
        return;
    }
    sendOp(connection, static_cast<int>(protocol::Opcode::HeartbeatAck), QJsonValue::Null);
}

void GatewayServer::onFrame(GatewayConnection* connection, const QByteArray& frame, bool binary) {
    if (connection->closing())
        return;
    if (!connection->countIncoming(m_options.sendLimit, m_options.sendLimitWindowMs)) {
        connection->closeWith(cc::RateLimited, protocol::closeCodeReason(cc::RateLimited));
        return;
    }
    if (frame.size() > m_options.maxFrameBytes) {
        connection->closeWith(cc::DecodeError, QStringLiteral("Payload too large."));
        return;
    }
    QJsonObject payload;
    if (connection->etf()) {
        if (!binary) {
            connection->closeWith(cc::DecodeError, protocol::closeCodeReason(cc::DecodeError));
            return;
        }
        const protocol::EtfDecodeResult decoded = protocol::etfDecode(frame);
        if (!decoded.ok || decoded.hasAtomKeys || !decoded.value.isObject()) {
            connection->closeWith(cc::DecodeError, protocol::closeCodeReason(cc::DecodeError));
            return;
        }
        payload = decoded.value.toObject();
    } else {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(frame, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            connection->closeWith(cc::DecodeError, protocol::closeCodeReason(cc::DecodeError));
            return;
        }
        payload = doc.object();
    }
    const QJsonValue opValue = payload.value(QStringLiteral("op"));
    if (!opValue.isDouble()) {
        connection->closeWith(cc::UnknownOpcode, protocol::closeCodeReason(cc::UnknownOpcode));
        return;
    }
    const int op = opValue.toInt();
    const QJsonValue d = payload.value(QStringLiteral("d"));
    using protocol::Opcode;
    if (op == static_cast<int>(Opcode::Heartbeat)) {
        if (!d.isNull() && !d.isDouble() && !d.isUndefined()) {
            connection->closeWith(cc::UnknownOpcode, protocol::closeCodeReason(cc::UnknownOpcode));
            return;
        }
        armHeartbeatDeadline(connection);
        sendHeartbeatAck(connection);
        return;
    }
    if (op == static_cast<int>(Opcode::Identify) || op == static_cast<int>(Opcode::Resume)) {
        if (connection->identified) {
            connection->closeWith(cc::AlreadyAuthenticated,
                                  protocol::closeCodeReason(cc::AlreadyAuthenticated));
            return;
        }
        if (!d.isObject()) {
            connection->closeWith(cc::DecodeError, protocol::closeCodeReason(cc::DecodeError));
            return;
        }
        if (op == static_cast<int>(Opcode::Identify))
            handleIdentify(connection, d.toObject());
        else
            handleResume(connection, d.toObject());
        return;
    }
    const bool known = op == 3 || op == 4 || op == 8 || op == 31 || op == 43;
    if (!known) {
        connection->closeWith(cc::UnknownOpcode, protocol::closeCodeReason(cc::UnknownOpcode));
        return;
    }
    if (!connection->identified) {
        connection->closeWith(cc::NotAuthenticated, protocol::closeCodeReason(cc::NotAuthenticated));
        return;
    }
    if (!d.isObject()) {
        connection->closeWith(cc::UnknownOpcode, QStringLiteral("Invalid payload for opcode %1.").arg(op));
        return;
    }
    if (op == static_cast<int>(Opcode::RequestGuildMembers))
        handleRequestMembers(connection, d.toObject());
    else if (op == static_cast<int>(Opcode::VoiceStateUpdate))
        handleVoiceState(connection, d.toObject());
    // op 3 (presence), 31 and 43 are accepted; the sandbox keeps no presence or voice media state.
}

void GatewayServer::handleIdentify(GatewayConnection* connection, const QJsonObject& d) {
    if (stripBotPrefix(d.value(QStringLiteral("token")).toString()) != m_world.botToken()) {
        connection->closeWith(cc::AuthenticationFailed, protocol::closeCodeReason(cc::AuthenticationFailed));
        return;
    }
    const QJsonValue intentsValue = d.value(QStringLiteral("intents"));
    const qint64 intents = intentsValue.toInteger(-1);
    if (!intentsValue.isDouble() || intents < 0 ||
        (static_cast<std::uint64_t>(intents) & ~std::uint64_t{intent::Defined})) {
        connection->closeWith(cc::InvalidIntents, protocol::closeCodeReason(cc::InvalidIntents));
        return;
    }
    const auto wanted = static_cast<std::uint32_t>(intents);
    if ((wanted & intent::Privileged) & ~m_world.application().privilegedIntents) {
        connection->closeWith(cc::DisallowedIntents, protocol::closeCodeReason(cc::DisallowedIntents));
        return;
    }
    int shardId = 0, shardCount = 1;
    if (d.contains(QStringLiteral("shard"))) {
        const QJsonArray shard = d.value(QStringLiteral("shard")).toArray();
        shardId = shard.size() == 2 ? shard[0].toInt(-1) : -1;
        shardCount = shard.size() == 2 ? shard[1].toInt(0) : 0;
        if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
            connection->closeWith(cc::InvalidShard, protocol::closeCodeReason(cc::InvalidShard));
            return;
        }
    }
    const std::vector<Snowflake> guilds = guildsForShard(shardId, shardCount);
    if (guilds.size() > 2500) {
        connection->closeWith(cc::ShardingRequired, protocol::closeCodeReason(cc::ShardingRequired));
        return;
    }
    // Identify budget (24 h) and concurrency (max_concurrency per 5 s per bucket).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (identifiesLeft() <= 0) {
        // Discord ends every session and resets the token; the sandbox closes them all with 4004.
        // Closing can report the disconnect at once, which edits m_connections: close a copy.
        for (GatewayConnection* c : targets({})) {
            c->session = nullptr; // the sessions go away below
            c->closeWith(cc::AuthenticationFailed, QStringLiteral("Identify budget exhausted."));
        }
        m_sessions.clear();
        return;
    }
    // Each rate-limit key (shard_id % max_concurrency) allows one Identify per window.
    auto& bucket = m_bucketIdentifies[shardId % std::max(1, m_options.maxConcurrency)];
    while (!bucket.empty() && now - bucket.front() >= m_options.identifyWindowMs)
        bucket.pop_front();
    if (!bucket.empty()) {
        sendOp(connection, static_cast<int>(protocol::Opcode::InvalidSession), false);
        return;
    }
    bucket.push_back(now);
    m_identifyTimes.push_back(now);
    while (m_identifyTimes.size() > 5000)
        m_identifyTimes.pop_front();

    auto session = std::make_unique<GatewaySession>();
    session->id = QUuid::createUuid().toString(QUuid::Id128);
    session->shardId = shardId;
    session->shardCount = shardCount;
    session->intents = wanted;
    session->connection = connection;
    session->encoding = connection->etf() ? QStringLiteral("etf") : QStringLiteral("json");
    GatewaySession& s = *session;
    m_sessions[s.id] = std::move(session);
    for (Snowflake g : m_world.guildsOf(m_world.botId()))
        m_threadListSync.remember(g);
    connection->session = &s;
    connection->identified = true;

    QJsonArray stubs;
    for (Snowflake g : guilds)
        stubs.append(QJsonObject{{QStringLiteral("id"), json::id(g)}, {QStringLiteral("unavailable"), true}});
    QJsonObject botUser = json::user(m_world.botUser());
    botUser.insert(QStringLiteral("verified"), true);
    botUser.insert(QStringLiteral("mfa_enabled"), false);
    botUser.insert(QStringLiteral("flags"), 0);
    botUser.insert(QStringLiteral("email"), QJsonValue::Null);
    QJsonObject ready{
        {QStringLiteral("v"), connection->apiVersion()},
        {QStringLiteral("user"), botUser},
        {QStringLiteral("guilds"), stubs},
        {QStringLiteral("session_id"), s.id},
        {QStringLiteral("session_type"), QStringLiteral("normal")},
        {QStringLiteral("resume_gateway_url"), m_publicUrl},
        {QStringLiteral("shard"), QJsonArray{shardId, shardCount}},
        {QStringLiteral("private_channels"), QJsonArray{}},
        {QStringLiteral("presences"), QJsonArray{}},
        {QStringLiteral("relationships"), QJsonArray{}},
        {QStringLiteral("guild_join_requests"), QJsonArray{}},
        {QStringLiteral("application"),
         QJsonObject{{QStringLiteral("id"), json::id(m_world.application().id)},
                     {QStringLiteral("flags"), json::application(m_world).value(QStringLiteral("flags"))}}}};
    sendDispatch(s, QStringLiteral("READY"), QJsonDocument(ready).toJson(QJsonDocument::Compact));
    if (s.intents & intent::Guilds) {
        const QString sessionId = s.id;
        if (m_faults.guildCreateDelayMs > 0) {
            QTimer::singleShot(m_faults.guildCreateDelayMs, this, [this, sessionId, guilds] {
                if (auto it = m_sessions.find(sessionId); it != m_sessions.end())
                    sendGuildCreates(*it->second, guilds);
            });
        } else {
            sendGuildCreates(s, guilds);
        }
    }
    Q_EMIT sessionsChanged();
}

void GatewayServer::sendGuildCreates(GatewaySession& s, const std::vector<Snowflake>& guilds) {
    for (Snowflake id : guilds) {
        const Guild* g = m_world.guild(id);
        if (!g)
            continue;
        if (g->unavailable) {
            sendDispatch(s, QStringLiteral("GUILD_DELETE"),
                         QJsonDocument(QJsonObject{{QStringLiteral("id"), json::id(id)},
                                                   {QStringLiteral("unavailable"), true}})
                             .toJson(QJsonDocument::Compact));
            continue;
        }
        QJsonObject data = json::guildCreate(m_world, *g);
        if (!(s.intents & intent::GuildMembers)) {
            // Without GUILD_MEMBERS (and presences) only the bot's own member is listed.
            QJsonArray onlyBot;
            for (const QJsonValue m : data.value(QStringLiteral("members")).toArray())
                if (m.toObject()
                        .value(QStringLiteral("user"))
                        .toObject()
                        .value(QStringLiteral("id"))
                        .toString() == json::id(m_world.botId()))
                    onlyBot.append(m);
            data.insert(QStringLiteral("members"), onlyBot);
        }
        sendDispatch(s, QStringLiteral("GUILD_CREATE"), QJsonDocument(data).toJson(QJsonDocument::Compact));
    }
}

void GatewayServer::handleResume(GatewayConnection* connection, const QJsonObject& d) {
    const QString token = stripBotPrefix(d.value(QStringLiteral("token")).toString());
    const QString sessionId = d.value(QStringLiteral("session_id")).toString();
    const QJsonValue seqValue = d.value(QStringLiteral("seq"));
    const int seq = seqValue.isNull() ? 0 : seqValue.toInt(-1);
    auto it = m_sessions.find(sessionId);
    if (token != m_world.botToken() || it == m_sessions.end() || it->second->invalidated || seq < 0) {
        sendOp(connection, static_cast<int>(protocol::Opcode::InvalidSession), false);
        return;
    }
    GatewaySession& s = *it->second;
    if (seq > s.seq) {
        connection->closeWith(cc::InvalidSeq, protocol::closeCodeReason(cc::InvalidSeq));
        return;
    }
    const bool evicted = seq < s.seq && (s.replay.empty() || s.replay.front().first > seq + 1);
    if (evicted) {
        sendOp(connection, static_cast<int>(protocol::Opcode::InvalidSession), false);
        return;
    }
    if (s.connection && s.connection != connection) {
        GatewayConnection* old = s.connection;
        old->session = nullptr;
        old->closeWith(cc::UnknownError, QStringLiteral("Session resumed elsewhere."));
    }
    s.connection = connection;
    s.detachedAtMs = 0;
    connection->session = &s;
    connection->identified = true;
    for (const auto& [frameSeq, frame] : s.replay)
        if (frameSeq > seq)
            connection->sendFrame(frame, m_faults.splitCompressedFrames);
    sendDispatch(s, QStringLiteral("RESUMED"), QByteArrayLiteral("{}"));
    Q_EMIT sessionsChanged();
}

void GatewayServer::sendDispatch(GatewaySession& s, const QString& type, const QByteArray& data) {
    const int seq = ++s.seq;
    QByteArray frame = dispatchFrame(seq, type, data);
    if (s.connection)
        s.connection->sendFrame(frame, m_faults.splitCompressedFrames);
    s.replay.emplace_back(seq, std::move(frame));
    while (static_cast<int>(s.replay.size()) > std::max(0, m_options.replayBufferSize))
        s.replay.pop_front();
}

std::vector<Snowflake> GatewayServer::guildsForShard(int shardId, int shardCount) const {
    std::vector<Snowflake> out;
    for (const auto& [id, g] : m_world.guilds())
        if (g.members.count(m_world.botId()) &&
            static_cast<int>((id >> 22) % static_cast<Snowflake>(shardCount)) == shardId)
            out.push_back(id);
    return out;
}

bool GatewayServer::sessionWants(const GatewaySession& s, const Dispatch& d) const {
    const int shard =
        d.guildId ? static_cast<int>((d.guildId >> 22) % static_cast<Snowflake>(s.shardCount)) : 0;
    if (shard != s.shardId)
        return false;
    if (d.intents && !(s.intents & d.intents)) {
        // The bot's own member and thread-member updates arrive without GUILD_MEMBERS.
        const bool botException = d.aboutBot && (s.intents & intent::Guilds) &&
                                  (d.type == QStringLiteral("GUILD_MEMBER_UPDATE") ||
                                   d.type == QStringLiteral("THREAD_MEMBERS_UPDATE"));
        if (!botException)
            return false;
    }
    return true;
}

void GatewayServer::deliver(const Dispatch& d) {
    if (m_sessions.empty() || d.internal)
        return;
    fanOut(d);
    if (std::optional<Dispatch> sync = m_threadListSync.after(d))
        fanOut(*sync);
}

void GatewayServer::fanOut(const Dispatch& d) {
    // Visibility and permission are properties of the bot, the same for all its sessions.
    if (d.channelId && !m_world.canSeeChannel(d.channelId, m_world.botId()))
        return;
    if (d.permission) {
        const std::uint64_t have = d.channelId ? m_world.channelPermissions(d.channelId, m_world.botId())
                                               : m_world.basePermissions(d.guildId, m_world.botId());
        if (!(have & d.permission))
            return;
    }
    QByteArray full, blanked;
    for (auto& [id, session] : m_sessions) {
        if (session->invalidated || !sessionWants(*session, d))
            continue;
        const bool blank = d.hasContent && !d.contentExempt && !(session->intents & intent::MessageContent);
        QByteArray& bytes = blank ? blanked : full;
        if (bytes.isEmpty())
            bytes = blank
                        ? blankContent(d.object())
                        : (d.json.isEmpty() ? QJsonDocument(d.data).toJson(QJsonDocument::Compact) : d.json);
        sendDispatch(*session, d.type, bytes);
    }
}

void GatewayServer::onDisconnected(GatewayConnection* connection, int closeCode) {
    connection->heartbeatDeadline.stop();
    m_connections.erase(connection->id());
    if (GatewaySession* s = connection->session; s && s->connection == connection) {
        s->connection = nullptr;
        s->detachedAtMs = QDateTime::currentMSecsSinceEpoch();
        // A client close with 1000/1001 ends the session; anything else leaves it resumable. Ended
        // later, never under a caller that may be walking the sessions (a fan-out's failed send).
        if (closeCode == cc::Normal || closeCode == cc::GoingAway)
            QMetaObject::invokeMethod(
                this, [this, id = s->id] { endSession(id); }, Qt::QueuedConnection);
    }
    connection->session = nullptr;
    connection->deleteLater();
    Q_EMIT sessionsChanged();
}

void GatewayServer::endSession(const QString& id) {
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return;
    if (GatewayConnection* attached = it->second->connection) { // never leave a socket pointing at it
        attached->session = nullptr;
        attached->closeWith(cc::InvalidSeq, QStringLiteral("Session ended."));
    }
    m_sessions.erase(it);
}

void GatewayServer::expireSessions() {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool changed = false;
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        const GatewaySession& s = *it->second;
        if (!s.connection && s.detachedAtMs && now - s.detachedAtMs > m_options.resumeWindowMs) {
            it = m_sessions.erase(it);
            changed = true;
        } else {
            ++it;
        }
    }
    if (changed)
        Q_EMIT sessionsChanged();
}

} // namespace botwright::sandbox
