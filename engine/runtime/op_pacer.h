#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <functional>

namespace botwright::runtime {

// Botloader's "delayed, not rejected" rate limits on script ops (HttpClient requests, task
// operations): each submitted call gets the next free slot, at least `minIntervalMs` after the one
// before it, and runs then, in the order the calls were submitted. minIntervalMs ≤ 0 runs every call
// at once. The clock is injectable so the slot arithmetic can be tested without waiting; the waits
// themselves are QTimers on the owner's thread.
class OpPacer final : public QObject {
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // monotonic ms
    explicit OpPacer(int minIntervalMs, QObject* parent = nullptr, Clock clock = {});

    // Runs `call` now (inside this call) if a slot is free, otherwise later; returns the wait in ms.
    qint64 submit(std::function<void()> call);
    void setMinInterval(int ms) { m_minIntervalMs = ms; }
    int minInterval() const { return m_minIntervalMs; }
    // Calls waiting for their slot.
    int waiting() const { return m_waiting; }

    // Botloader's plans allow 1, 2 or 10 calls per second: the interval for `perSecond` (0: none).
    static int intervalForRate(int perSecond) {
        return perSecond > 0 ? (1000 + perSecond - 1) / perSecond : 0;
    }

private:
    qint64 now() const { return m_clock ? m_clock() : m_elapsed.elapsed(); }

    int m_minIntervalMs;
    Clock m_clock;
    QElapsedTimer m_elapsed;
    qint64 m_nextSlotMs = 0;
    int m_waiting = 0;
};

} // namespace botwright::runtime
