#include "engine/gateway/gateway_host.h"

#include "engine/capture/capture_store.h"

namespace botwright::gateway {

GatewayHost::GatewayHost(QObject* parent)
    : QObject(parent)
    , m_capture(std::make_unique<capture::CaptureStore>()) {
    m_thread.setObjectName(QStringLiteral("botwright-gateway"));
    m_thread.start();
}

GatewayHost::~GatewayHost() {
    stop();
    m_thread.quit();
    m_thread.wait();
}

void GatewayHost::stop() {
    if (!m_manager)
        return;
    QMetaObject::invokeMethod(
        m_manager,
        [manager = m_manager] {
            manager->stop();
            delete manager;
        },
        Qt::BlockingQueuedConnection);
    m_manager = nullptr;
}

void GatewayHost::start(ShardManagerConfig config) {
    stop();
    m_capture->redactor().addSecret(config.token);
    auto* manager = new ShardManager(std::move(config));
    auto* batcher = new DispatchBatcher(manager); // moves to the gateway thread with its manager
    manager->moveToThread(&m_thread);
    m_manager = manager;
    capture::CaptureStore* store = m_capture.get();
    // The store is appended to on the gateway thread only (its one writer).
    connect(
        manager, &ShardManager::frame, manager, [store](const FrameEvent& frame) { store->append(frame); },
        Qt::DirectConnection);
    connect(manager, &ShardManager::started, this, &GatewayHost::started);
    connect(manager, &ShardManager::dispatch, batcher, &DispatchBatcher::add, Qt::DirectConnection);
    connect(batcher, &DispatchBatcher::ready, this, &GatewayHost::dispatches, Qt::DirectConnection);
    connect(manager, &ShardManager::failed, this, &GatewayHost::failed);
    QMetaObject::invokeMethod(manager, [this, manager] {
        manager->start();
        // Shards exist once /gateway/bot answered; forward their states as they appear.
        connect(manager, &ShardManager::started, manager, [this, manager] {
            for (const auto& shard : manager->shards()) {
                const int id = shard->config().shardId;
                connect(shard.get(), &Shard::stateChanged, this,
                        [this, id](Shard::State state) { Q_EMIT shardStateChanged(id, state); });
                connect(shard.get(), &Shard::heartbeatAcked, this,
                        [this, id](int rtt) { Q_EMIT heartbeatAcked(id, rtt); });
            }
        });
    });
}

void GatewayHost::requestStatus() {
    if (!m_manager) {
        Q_EMIT statusReady({});
        return;
    }
    QMetaObject::invokeMethod(m_manager, [this, manager = m_manager] {
        QList<ShardStatus> list;
        for (const auto& shard : manager->shards())
            list.append(ShardStatus{shard->config().shardId, shard->config().shardCount, shard->state(),
                                    shard->sessionId(), shard->lastSequence(), shard->lastHeartbeatRttMs(),
                                    shard->heartbeatIntervalMs(), shard->stopReason()});
        QMetaObject::invokeMethod(this, [this, list] { Q_EMIT statusReady(list); });
    });
}

void GatewayHost::onShard(int shardId, const std::function<void(Shard&)>& job) {
    if (!m_manager)
        return;
    QMetaObject::invokeMethod(m_manager, [manager = m_manager, shardId, job] {
        for (const auto& shard : manager->shards())
            if (shard->config().shardId == shardId)
                job(*shard);
    });
}

void GatewayHost::reconnect(int shardId, bool resume) {
    onShard(shardId, [resume](Shard& shard) {
        if (shard.state() == Shard::State::Stopped)
            shard.start();
        else
            shard.reconnect(resume);
    });
}

void GatewayHost::closeShard(int shardId, int code) {
    onShard(shardId, [code](Shard& shard) { shard.closeWith(code); });
}

} // namespace botwright::gateway
