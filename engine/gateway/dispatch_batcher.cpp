#include "engine/gateway/dispatch_batcher.h"

namespace botwright::gateway {

DispatchBatcher::DispatchBatcher(QObject* parent)
    : QObject(parent) {}

void DispatchBatcher::add(int shardId, const QString& type, const QByteArray& data, int seq) {
    m_pending.append(Dispatch{shardId, type, data, seq});
    if (m_pending.size() >= kMaxBatch) {
        flush();
        return;
    }
    if (!m_flushQueued) {
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, &DispatchBatcher::flush, Qt::QueuedConnection);
    }
}

void DispatchBatcher::flush() {
    m_flushQueued = false;
    if (m_pending.isEmpty())
        return;
    DispatchBatch batch;
    batch.swap(m_pending);
    m_pending.reserve(64);
    Q_EMIT ready(batch);
}

} // namespace botwright::gateway
