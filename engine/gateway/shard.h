#pragma once

#include "engine/gateway/frame_event.h"
#include "engine/gateway/send_limiter.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <deque>
#include <functional>
#include <memory>

namespace botwright::protocol {
class ZlibStreamInflater;
class ZstdStreamDecompressor;
class FrameEnvelopeParser;
struct FrameEnvelope;
} // namespace botwright::protocol

namespace botwright::gateway {

struct ShardConfig {
    QString token;   // the bot token, without "Bot "
    QUrl gatewayUrl; // discovery URL (from GET /gateway/bot), e.g. ws://127.0.0.1:PORT
    int shardId = 0;
    int shardCount = 1;
    quint32 intents = 0;
    enum class Encoding { Json, Etf } encoding = Encoding::Json;
    enum class Compression { None, ZlibStream, ZstdStream } compression = Compression::ZlibStream;
    QJsonObject presence; // op 3 shape, sent with Identify when not empty
    int largeThreshold = 50;
    // Reconnection pacing: a resume goes at once; a new session after op 9 false waits a random
    // time in [invalidSessionMinDelayMs, invalidSessionMaxDelayMs] (Discord suggests 1–5 s).
    int invalidSessionMinDelayMs = 1000;
    int invalidSessionMaxDelayMs = 5000;
    int reconnectDelayMs = 500; // after a failed connection attempt, doubled up to 30 s
    // Asked before every Identify (a ShardManager guards the daily budget); false stops the shard.
    std::function<bool()> mayIdentify;
};

// One Gateway v10 connection (discord-protocol.md §1): Hello, heartbeats with jitter and zombie
// detection, Identify, Resume through resume_gateway_url, op 7 / op 9, the close-code policy,
// zlib-stream / zstd-stream and JSON / ETF, a send limiter and the 4096-byte guard. Dispatches are
// delivered exactly once and in order across resumes; a sequence gap is reported.
class Shard final : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Identifying, Resuming, Ready, Reconnecting, Stopped };
    Q_ENUM(State)

    explicit Shard(ShardConfig config, QObject* parent = nullptr);
    ~Shard() override;

    void start();
    // Closes with 1000 (ends the session) and stays stopped.
    void stop();
    // Studio buttons: reconnect and resume, reconnect with a new session, or close with `code` (then
    // reconnect: a new session after 1000/1001, which end it, else a resume).
    void reconnect(bool resume);
    void closeWith(int code);
    // Sends an op (3, 4, 8, …); false when the frame is over 4096 bytes or the shard is not ready.
    // Frames beyond the send budget wait in a queue.
    bool send(int op, const QJsonValue& d);

    State state() const { return m_state; }
    QString sessionId() const { return m_sessionId; }
    int lastSequence() const { return m_seq; }
    int heartbeatIntervalMs() const { return m_heartbeatInterval; }
    int lastHeartbeatRttMs() const { return m_lastRtt; }
    QString stopReason() const { return m_stopReason; }
    const ShardConfig& config() const { return m_config; }

Q_SIGNALS:
    void stateChanged(botwright::gateway::Shard::State state);
    // `data` is the dispatch's `d` as JSON text, parsed once by whoever consumes it.
    void dispatch(const QString& type, const QByteArray& data, int seq);
    void frame(const botwright::gateway::FrameEvent& frame);
    // A fatal close (4004, 4010–4014): the shard stops and says why.
    void stopped(const QString& reason);
    void sequenceGap(int expected, int received);
    void heartbeatAcked(int rttMs);

private:
    void open(const QUrl& url);
    void onConnected();
    void onMessage(const QByteArray& data, bool binary);
    void onDisconnected();
    void handlePayload(const protocol::FrameEnvelope& payload, qint64 wireBytes, qint64 decodedBytes,
                       const QByteArray& text);
    void sendHeartbeat(bool requested);
    void sendIdentify();
    void sendResume();
    bool sendNow(int op, const QJsonValue& d, bool heartbeat);
    void flushQueue();
    // Drops the socket and plans the next step: resume or a new session.
    void scheduleReconnect(bool resume, int delayMs, int closeCode);
    void setState(State state);
    void fail(const QString& reason);
    QUrl withQuery(const QUrl& base) const;

    ShardConfig m_config;
    State m_state = State::Idle;
    std::unique_ptr<QWebSocket> m_socket;
    std::unique_ptr<protocol::ZlibStreamInflater> m_zlib;
    std::unique_ptr<protocol::ZstdStreamDecompressor> m_zstd;
    std::unique_ptr<protocol::FrameEnvelopeParser> m_envelopes;
    QTimer m_heartbeatTimer;
    QTimer m_reconnectTimer;
    QTimer m_queueTimer;
    QElapsedTimer m_sinceHeartbeat;
    bool m_ackPending = false;
    int m_heartbeatInterval = 0;
    int m_lastRtt = -1;
    QString m_sessionId;
    QUrl m_resumeUrl;
    int m_seq = 0;
    bool m_resumeNext = false;
    bool m_closingOnPurpose = false;
    bool m_closeFrameSeen = false;
    int m_selfCloseCode = 0; // set while a close we asked for is under way
    int m_failedAttempts = 0;
    SendLimiter m_limiter;
    std::deque<std::pair<int, QJsonValue>> m_queue;
    QString m_stopReason;
};

} // namespace botwright::gateway
