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
    manager->moveToThread(&m_thread);
    m_manager = manager;
    capture::CaptureStore* store = m_capture.get();
    // The store is appended to on the gateway thread only (its one writer).
    connect(
        manager, &ShardManager::frame, manager, [store](const FrameEvent& frame) { store->append(frame); },
        Qt::DirectConnection);
    connect(manager, &ShardManager::started, this, &GatewayHost::started);
    connect(manager, &ShardManager::dispatch, this, &GatewayHost::dispatch);
    connect(manager, &ShardManager::failed, this, &GatewayHost::failed);
    QMetaObject::invokeMethod(manager, [this, manager] {
        manager->start();
        // Shards exist once /gateway/bot answered; forward their states as they appear.
        connect(manager, &ShardManager::started, manager, [this, manager] {
            for (const auto& shard : manager->shards()) {
                const int id = shard->config().shardId;
                connect(shard.get(), &Shard::stateChanged, this,
                        [this, id](Shard::State state) { Q_EMIT shardStateChanged(id, state); });
            }
        });
    });
}

} // namespace botwright::gateway
