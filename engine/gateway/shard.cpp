#include "engine/gateway/shard.h"

#include "engine/protocol/etf_codec.h"
#include "engine/protocol/frame_envelope.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/protocol/zlib_stream.h"
#include "engine/protocol/zstd_stream.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QUrlQuery>

#include <limits>
#include <utility>

namespace botwright::gateway {

namespace cc = protocol::close_code;

namespace {
// Our own close code when we drop a connection on purpose and mean to resume (any code but
// 1000/1001 keeps the session; 4000–4999 is the application range).
constexpr int kResumeClose = 4900;
constexpr int kMaxFrameBytes = 4096;

constexpr int kDefaultHeartbeatMs = 41250;

// `d` of the rare frames the shard itself reads (Hello, READY); dispatches travel on as text.
QJsonObject objectOf(const QByteArray& json) {
    return QJsonDocument::fromJson(json).object();
}

bool fatalCode(int code) {
    return code == cc::AuthenticationFailed || code == cc::InvalidShard || code == cc::ShardingRequired ||
           code == cc::InvalidApiVersion || code == cc::InvalidIntents || code == cc::DisallowedIntents;
}

// Codes after which the session cannot continue: identify again.
bool newSessionCode(int code) {
    return code == cc::NotAuthenticated || code == cc::AlreadyAuthenticated || code == cc::InvalidSeq ||
           code == cc::SessionTimedOut;
}
} // namespace

Shard::Shard(ShardConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_envelopes(std::make_unique<protocol::FrameEnvelopeParser>())
    , m_heartbeatTimer(this)
    , m_reconnectTimer(this)
    , m_queueTimer(this) {
    // Children, so they follow the shard to whatever thread it is moved to.
    m_heartbeatTimer.setSingleShot(true);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, [this] { sendHeartbeat(false); });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        const QUrl url = m_resumeNext && m_resumeUrl.isValid() ? m_resumeUrl : m_config.gatewayUrl;
        open(url);
    });
    m_queueTimer.setSingleShot(true);
    connect(&m_queueTimer, &QTimer::timeout, this, &Shard::flushQueue);
}

Shard::~Shard() {
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void Shard::start() {
    if (m_state != State::Idle && m_state != State::Stopped)
        return;
    m_stopReason.clear();
    m_resumeNext = false;
    open(m_config.gatewayUrl);
}

void Shard::stop() {
    m_reconnectTimer.stop();
    m_heartbeatTimer.stop();
    m_closingOnPurpose = true;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
    }
    m_sessionId.clear();
    m_seq = 0;
    setState(State::Stopped);
}

void Shard::reconnect(bool resume) {
    scheduleReconnect(resume, 0, resume ? kResumeClose : cc::Normal);
}

void Shard::closeWith(int code) {
    if (!m_socket)
        return;
    m_selfCloseCode = code;
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code));
}

QUrl Shard::withQuery(const QUrl& base) const {
    QUrl url = base;
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("v"), QStringLiteral("10"));
    query.addQueryItem(QStringLiteral("encoding"), m_config.encoding == ShardConfig::Encoding::Etf
                                                       ? QStringLiteral("etf")
                                                       : QStringLiteral("json"));
    if (m_config.compression == ShardConfig::Compression::ZlibStream)
        query.addQueryItem(QStringLiteral("compress"), QStringLiteral("zlib-stream"));
    else if (m_config.compression == ShardConfig::Compression::ZstdStream)
        query.addQueryItem(QStringLiteral("compress"), QStringLiteral("zstd-stream"));
    url.setQuery(query);
    return url;
}

void Shard::open(const QUrl& url) {
    if (m_socket) {
        m_socket->disconnect(this);
        QWebSocket* old = m_socket.release();
        connect(old, &QWebSocket::disconnected, old, &QObject::deleteLater);
        if (old->state() == QAbstractSocket::UnconnectedState)
            old->deleteLater();
        else
            old->abort();
    }
    m_closingOnPurpose = false;
    m_selfCloseCode = 0;
    m_ackPending = false;
    m_limiter.reset();
    m_queue.clear();
    m_zlib.reset();
    m_zstd.reset();
    if (m_config.compression == ShardConfig::Compression::ZlibStream)
        m_zlib = std::make_unique<protocol::ZlibStreamInflater>();
    else if (m_config.compression == ShardConfig::Compression::ZstdStream)
        m_zstd = std::make_unique<protocol::ZstdStreamDecompressor>();
    m_socket = std::make_unique<QWebSocket>();
    m_closeFrameSeen = false;
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this,
            [this](const QString& text) { onMessage(text.toUtf8(), false); });
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray& data) { onMessage(data, true); });
    connect(m_socket.get(), &QWebSocket::aboutToClose, this, [this] { m_closeFrameSeen = true; });
    connect(m_socket.get(), &QWebSocket::disconnected, this, &Shard::onDisconnected);
    setState(State::Connecting);
    m_socket->open(withQuery(url));
}

void Shard::onMessage(const QByteArray& data, bool binary) {
    QByteArray text = data;
    if (binary && (m_zlib || m_zstd)) {
        const protocol::DecompressResult r = m_zlib ? m_zlib->feed(data) : m_zstd->feed(data);
        if (r.status == protocol::DecompressStatus::NeedMore)
            return; // a payload split over several messages: wait for the rest
        if (r.status == protocol::DecompressStatus::Error) {
            scheduleReconnect(true, 0, cc::DecodeError);
            return;
        }
        text = r.payload;
    }
    if (m_config.encoding == ShardConfig::Encoding::Etf) {
        const protocol::EtfDecodeResult decoded = protocol::etfDecode(text);
        if (!decoded.ok || !decoded.value.isObject()) {
            scheduleReconnect(true, 0, cc::DecodeError);
            return;
        }
        const qint64 etfBytes = text.size();
        text = QJsonDocument(decoded.value.toObject()).toJson(QJsonDocument::Compact);
        handlePayload(m_envelopes->parse(text), data.size(), etfBytes, text);
        return;
    }
    handlePayload(m_envelopes->parse(text), data.size(), text.size(), text);
}

void Shard::handlePayload(const protocol::FrameEnvelope& payload, qint64 wireBytes, qint64 decodedBytes,
                          const QByteArray& text) {
    if (!payload.ok) {
        scheduleReconnect(true, 0, cc::DecodeError);
        return;
    }
    const int op = payload.op;
    FrameEvent event;
    event.timeMs = QDateTime::currentMSecsSinceEpoch();
    event.shardId = m_config.shardId;
    event.direction = Direction::Received;
    event.op = op;
    event.type = QString::fromUtf8(payload.type);
    event.seq = payload.seq >= 0 && payload.seq <= std::numeric_limits<int>::max()
                    ? static_cast<int>(payload.seq)
                    : -1;
    event.wireBytes = wireBytes;
    event.decodedBytes = decodedBytes;
    event.payload = text;
    using protocol::Opcode;
    if (op == static_cast<int>(Opcode::HeartbeatAck)) {
        m_ackPending = false;
        m_lastRtt = static_cast<int>(m_sinceHeartbeat.elapsed());
        event.heartbeatRttMs = m_lastRtt;
    }
    Q_EMIT frame(event);

    switch (op) {
    case static_cast<int>(Opcode::Hello): {
        m_heartbeatInterval = std::max(
            1, objectOf(payload.data).value(QStringLiteral("heartbeat_interval")).toInt(kDefaultHeartbeatMs));
        // The first heartbeat goes after interval × jitter, then every interval.
        m_heartbeatTimer.start(
            static_cast<int>(m_heartbeatInterval * QRandomGenerator::global()->generateDouble()));
        if (m_resumeNext && !m_sessionId.isEmpty()) {
            setState(State::Resuming);
            sendResume();
        } else {
            m_sessionId.clear(); // a new session numbers its dispatches from 1 again
            m_seq = 0;
            if (m_config.mayIdentify && !m_config.mayIdentify()) {
                m_closingOnPurpose = true;
                m_socket->close(QWebSocketProtocol::CloseCodeNormal);
                fail(QStringLiteral("Identify refused: the daily identify budget is nearly spent."));
                break;
            }
            setState(State::Identifying);
            sendIdentify();
        }
        break;
    }
    case static_cast<int>(Opcode::HeartbeatAck):
        Q_EMIT heartbeatAcked(m_lastRtt);
        break;
    case static_cast<int>(Opcode::Heartbeat):
        sendHeartbeat(true); // asked by the server: at once, without touching the timer
        break;
    case static_cast<int>(Opcode::Reconnect):
        scheduleReconnect(true, 0, kResumeClose);
        break;
    case static_cast<int>(Opcode::InvalidSession): {
        if (payload.data == "true") {
            scheduleReconnect(true, 0, kResumeClose);
        } else {
            const int low = std::max(0, m_config.invalidSessionMinDelayMs);
            const int high = std::max(low, m_config.invalidSessionMaxDelayMs);
            scheduleReconnect(false,
                              low + static_cast<int>(QRandomGenerator::global()->bounded(high - low + 1)),
                              kResumeClose);
        }
        break;
    }
    case static_cast<int>(Opcode::Dispatch): {
        const int seq = event.seq;
        if (seq >= 0) {
            if (m_seq > 0 && seq <= m_seq)
                return; // already delivered (a replay overlapping what we saw): exactly once
            if (m_seq > 0 && seq != m_seq + 1)
                Q_EMIT sequenceGap(m_seq + 1, seq);
            m_seq = seq;
        }
        if (payload.type == "READY") {
            const QJsonObject data = objectOf(payload.data);
            m_sessionId = data.value(QStringLiteral("session_id")).toString();
            m_resumeUrl = QUrl(data.value(QStringLiteral("resume_gateway_url")).toString());
            m_failedAttempts = 0;
            setState(State::Ready);
            flushQueue();
        } else if (payload.type == "RESUMED") {
            m_failedAttempts = 0;
            setState(State::Ready);
            flushQueue();
        }
        Q_EMIT dispatch(event.type, payload.data, seq);
        break;
    }
    default:
        break; // unknown ops are ignored, as Discord asks
    }
}

void Shard::sendHeartbeat(bool requested) {
    if (!requested) {
        if (m_ackPending) {
            // No ACK since the last heartbeat: a zombie connection. Drop it and resume.
            scheduleReconnect(true, 0, kResumeClose);
            return;
        }
        m_ackPending = true;
        m_heartbeatTimer.start(m_heartbeatInterval);
    }
    m_sinceHeartbeat.start();
    sendNow(static_cast<int>(protocol::Opcode::Heartbeat),
            m_seq > 0 ? QJsonValue(m_seq) : QJsonValue(QJsonValue::Null), true);
}

void Shard::sendIdentify() {
    QJsonObject d{
        {QStringLiteral("token"), m_config.token},
        {QStringLiteral("intents"), static_cast<qint64>(m_config.intents)},
        {QStringLiteral("properties"), QJsonObject{{QStringLiteral("os"), QSysInfo::kernelType()},
                                                   {QStringLiteral("browser"), QStringLiteral("botwright")},
                                                   {QStringLiteral("device"), QStringLiteral("botwright")}}},
        {QStringLiteral("shard"), QJsonArray{m_config.shardId, m_config.shardCount}},
        {QStringLiteral("large_threshold"), m_config.largeThreshold},
        {QStringLiteral("compress"), false}};
    if (!m_config.presence.isEmpty())
        d.insert(QStringLiteral("presence"), m_config.presence);
    sendNow(static_cast<int>(protocol::Opcode::Identify), d, true);
}

void Shard::sendResume() {
    sendNow(static_cast<int>(protocol::Opcode::Resume),
            QJsonObject{{QStringLiteral("token"), m_config.token},
                        {QStringLiteral("session_id"), m_sessionId},
                        {QStringLiteral("seq"), m_seq}},
            true);
}

bool Shard::send(int op, const QJsonValue& d) {
    const QByteArray probe = QJsonDocument(QJsonObject{{QStringLiteral("op"), op}, {QStringLiteral("d"), d}})
                                 .toJson(QJsonDocument::Compact);
    if (probe.size() > kMaxFrameBytes || m_state == State::Stopped)
        return false;
    m_queue.emplace_back(op, d);
    flushQueue();
    return true;
}

void Shard::flushQueue() {
    if (m_state != State::Ready)
        return;
    while (!m_queue.empty()) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (!m_limiter.tryAcquire(now, false)) {
            m_queueTimer.start(static_cast<int>(m_limiter.waitMs(now)));
            return;
        }
        const auto [op, d] = m_queue.front();
        m_queue.pop_front();
        sendNow(op, d, false);
    }
}

bool Shard::sendNow(int op, const QJsonValue& d, bool heartbeat) {
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    if (heartbeat && !m_limiter.tryAcquire(QDateTime::currentMSecsSinceEpoch(), true))
        return false; // even the reserve is spent: never earn a 4008
    const QJsonObject payload{{QStringLiteral("op"), op}, {QStringLiteral("d"), d}};
    const QByteArray text = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    FrameEvent event;
    event.timeMs = QDateTime::currentMSecsSinceEpoch();
    event.shardId = m_config.shardId;
    event.direction = Direction::Sent;
    event.op = op;
    event.decodedBytes = text.size();
    event.payload = text; // capture redacts the token before storing
    if (m_config.encoding == ShardConfig::Encoding::Etf) {
        const QByteArray etf = protocol::etfEncode(payload);
        event.wireBytes = etf.size();
        m_socket->sendBinaryMessage(etf);
    } else {
        event.wireBytes = text.size();
        m_socket->sendTextMessage(QString::fromUtf8(text));
    }
    Q_EMIT frame(event);
    return true;
}

void Shard::onDisconnected() {
    m_heartbeatTimer.stop();
    if (m_closingOnPurpose || m_state == State::Stopped)
        return;
    if (const int own = std::exchange(m_selfCloseCode, 0); own != 0) {
        // We closed (a studio button): 1000/1001 end the session on Discord's side, anything else
        // leaves it resumable.
        scheduleReconnect(own != cc::Normal && own != cc::GoingAway, 0, 0);
        return;
    }
    // Qt reports 1000 for a TCP drop too; only a close frame carries the server's real code.
    const int code = m_closeFrameSeen ? static_cast<int>(m_socket->closeCode()) : 1006;
    if (fatalCode(code)) {
        fail(QStringLiteral("Discord closed the gateway with %1 (%2); not reconnecting.")
                 .arg(code)
                 .arg(protocol::closeCodeReason(code)));
        return;
    }
    if (m_state == State::Connecting) {
        // The connection itself failed: back off and try again, keeping the session if any.
        ++m_failedAttempts;
        const int delay = std::min(30000, m_config.reconnectDelayMs << std::min(m_failedAttempts - 1, 6));
        scheduleReconnect(m_resumeNext, delay, 0);
        return;
    }
    scheduleReconnect(!newSessionCode(code), 0, 0);
}

void Shard::scheduleReconnect(bool resume, int delayMs, int closeCode) {
    m_heartbeatTimer.stop();
    m_queueTimer.stop();
    m_closingOnPurpose = true;
    if (m_socket && closeCode != 0 && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(closeCode));
    m_resumeNext = resume && !m_sessionId.isEmpty();
    if (!m_resumeNext) {
        m_sessionId.clear();
        m_seq = 0;
    }
    setState(State::Reconnecting);
    m_reconnectTimer.start(std::max(0, delayMs));
}

void Shard::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Shard::fail(const QString& reason) {
    m_reconnectTimer.stop();
    m_stopReason = reason;
    setState(State::Stopped);
    Q_EMIT stopped(reason);
}

} // namespace botwright::gateway
