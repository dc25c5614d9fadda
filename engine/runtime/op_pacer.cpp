#include "engine/runtime/op_pacer.h"

#include <QTimer>

#include <algorithm>

namespace botwright::runtime {

OpPacer::OpPacer(int minIntervalMs, QObject* parent, Clock clock)
    : QObject(parent)
    , m_minIntervalMs(minIntervalMs)
    , m_clock(std::move(clock)) {
    m_elapsed.start();
}

qint64 OpPacer::submit(std::function<void()> call) {
    if (m_minIntervalMs <= 0) {
        call();
        return 0;
    }
    const qint64 t = now();
    const qint64 start = std::max(t, m_nextSlotMs);
    m_nextSlotMs = start + m_minIntervalMs;
    if (start <= t) {
        call();
        return 0;
    }
    // Timers of equal delay fire in the order they were started, and later slots have longer delays,
    // so the calls keep their order.
    ++m_waiting;
    QTimer::singleShot(static_cast<int>(start - t), Qt::PreciseTimer, this, [this, call = std::move(call)] {
        --m_waiting;
        call();
    });
    return start - t;
}

} // namespace botwright::runtime
