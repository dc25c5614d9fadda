#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

namespace botwright::gateway {

// One DISPATCH as the shards decoded it: `data` is `d` as JSON text.
struct Dispatch {
    int shardId = 0;
    QString type;
    QByteArray data;
    int seq = -1;
};
using DispatchBatch = QList<Dispatch>;

// Hands dispatches from the gateway thread to the threads that consume them (the runtime, the GUI)
// in batches: one cross-thread event per batch rather than per dispatch, which under a flood of
// events is most of the cost, and which would otherwise queue one event per dispatch in the GUI's
// loop. A batch closes when the gateway thread's event loop comes round (after the frames of one
// socket read) or when it reaches kMaxBatch, so an idle gateway adds no latency.
class DispatchBatcher final : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype kMaxBatch = 512;

    explicit DispatchBatcher(QObject* parent = nullptr);

    // Call on the batcher's thread.
    void add(int shardId, const QString& type, const QByteArray& data, int seq);
    void flush();

Q_SIGNALS:
    void ready(const botwright::gateway::DispatchBatch& batch);

private:
    DispatchBatch m_pending;
    bool m_flushQueued = false;
};

} // namespace botwright::gateway
