#pragma once

#include "engine/gateway/dispatch_batcher.h"
#include "engine/gateway/shard_manager.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace botwright::capture {
class CaptureStore;
}

namespace botwright::gateway {

// One shard as the studio shows it.
struct ShardStatus {
    int shardId = 0;
    int shardCount = 1;
    Shard::State state = Shard::State::Idle;
    QString sessionId;
    int seq = 0;
    int lastRttMs = -1;
    int heartbeatIntervalMs = 0;
    QString stopReason;
};

// Runs a bot's gateway connection (ShardManager) on a thread of its own, so script code and the
// GUI can never delay a heartbeat, and records every frame into a CaptureStore that any thread may
// read (rows below size()). Signals arrive queued on the host's thread.
class GatewayHost final : public QObject {
    Q_OBJECT
public:
    explicit GatewayHost(QObject* parent = nullptr);
    ~GatewayHost() override; // stops the shards and the thread

    // Connects with `config` (the token is registered for redaction first). A running connection is
    // stopped and replaced.
    void start(ShardManagerConfig config);
    void stop();
    const capture::CaptureStore& capture() const { return *m_capture; }

    // Asks for every shard's status; answered by statusReady() (never blocks).
    void requestStatus();
    // The Gateway dock's buttons: reconnect (resuming or with a new session), or close with a code.
    void reconnect(int shardId, bool resume);
    void closeShard(int shardId, int code);

Q_SIGNALS:
    void started(int shardCount, int maxConcurrency);
    // Every DISPATCH, in gateway order, a batch at a time (emitted on the gateway thread; receivers
    // with a context on another thread get it queued there).
    void dispatches(const botwright::gateway::DispatchBatch& batch);
    void shardStateChanged(int shardId, botwright::gateway::Shard::State state);
    void failed(const QString& reason);
    void statusReady(const QList<botwright::gateway::ShardStatus>& shards);
    void heartbeatAcked(int shardId, int rttMs);

private:
    void onShard(int shardId, const std::function<void(Shard&)>& job);

    QThread m_thread;
    std::unique_ptr<capture::CaptureStore> m_capture;
    ShardManager* m_manager = nullptr; // lives on m_thread
};

} // namespace botwright::gateway
