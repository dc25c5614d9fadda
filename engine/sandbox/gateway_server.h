#pragma once

#include "engine/sandbox/dispatch.h"
#include "engine/sandbox/fault_settings.h"
#include "engine/sandbox/gateway_session.h"
#include "engine/sandbox/sandbox_options.h"
#include "engine/sandbox/thread_list_sync.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <deque>
#include <map>
#include <memory>

class QTimer;
class QWebSocket;

namespace botwright::sandbox {

class GatewayConnection;
class World;

// The sandbox's Gateway v10 (discord-protocol.md §1, §2): accepts sockets, runs the new-session and
// resume sequences, fans world dispatches out to every session that should get them, enforces the
// limits, and injects faults on request.
class GatewayServer final : public QObject {
    Q_OBJECT
public:
    GatewayServer(World& world, const SandboxOptions& options, FaultSettings& faults,
                  QObject* parent = nullptr);
    ~GatewayServer() override;

    // Takes a socket that completed the WebSocket upgrade.
    void accept(std::unique_ptr<QWebSocket> socket);
    void setPublicUrl(const QString& url) { m_publicUrl = url; }
    QString publicUrl() const { return m_publicUrl; }
    int identifiesLeft() const;

    // ---- one-shot faults; sessionId empty = every connected session ----
    void sendReconnect(const QString& sessionId = {});
    void sendInvalidSession(bool resumable, const QString& sessionId = {});
    void closeWithCode(int code, const QString& sessionId = {});
    void dropTcp(const QString& sessionId = {});
    void requestHeartbeat(const QString& sessionId = {});
    void setGuildAvailable(protocol::Snowflake guildId, bool available);

    struct SessionInfo {
        QString id;
        int shardId = 0;
        int shardCount = 1;
        std::uint32_t intents = 0;
        int seq = 0;
        bool connected = false;
        QString compression;
        qint64 framesOut = 0;
        qint64 bytesOut = 0;
    };
    QList<SessionInfo> sessions() const;
    int connectionCount() const { return static_cast<int>(m_connections.size()); }

    // Serialises `d` once and delivers it (benchmarks use it to measure the serving path alone).
    void deliver(const Dispatch& dispatch);

Q_SIGNALS:
    void sessionsChanged();

private:
    void onFrame(GatewayConnection* connection, const QByteArray& frame, bool binary);
    void onDisconnected(GatewayConnection* connection, int closeCode);
    void handleIdentify(GatewayConnection* connection, const QJsonObject& d);
    void handleResume(GatewayConnection* connection, const QJsonObject& d);
    void handleRequestMembers(GatewayConnection* connection, const QJsonObject& d);
    void handleVoiceState(GatewayConnection* connection, const QJsonObject& d);
    void sendHeartbeatAck(GatewayConnection* connection);
    void armHeartbeatDeadline(GatewayConnection* connection);
    void sendOp(GatewayConnection* connection, int op, const QJsonValue& d);
    void sendDispatch(GatewaySession& session, const QString& type, const QByteArray& data);
    void fanOut(const Dispatch& dispatch); // to every session that should get it
    void sendGuildCreates(GatewaySession& session, const std::vector<protocol::Snowflake>& guilds);
    bool sessionWants(const GatewaySession& session, const Dispatch& dispatch) const;
    std::vector<protocol::Snowflake> guildsForShard(int shardId, int shardCount) const;
    std::vector<GatewayConnection*> targets(const QString& sessionId) const;
    void expireSessions();
    void endSession(const QString& id);

    World& m_world;
    const SandboxOptions& m_options;
    FaultSettings& m_faults;
    ThreadListSync m_threadListSync; // the bot's view of its channels, for THREAD_LIST_SYNC
    QString m_publicUrl;
    int m_listener = 0;
    std::map<int, GatewayConnection*> m_connections; // owned (QObject children)
    std::map<QString, std::unique_ptr<GatewaySession>> m_sessions;
    std::deque<qint64> m_identifyTimes;                   // for the 24 h budget
    std::map<int, std::deque<qint64>> m_bucketIdentifies; // per rate-limit key, for max_concurrency
    QTimer* m_expiryTimer = nullptr;
};

} // namespace botwright::sandbox
