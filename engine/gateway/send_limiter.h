#pragma once

#include <QtGlobal>

#include <deque>

namespace botwright::gateway {

// Gateway send budget: Discord allows 120 client frames per 60 s per connection and disconnects
// (4008) beyond that. Heartbeats always fit: `reserved` slots of the window are kept for them.
class SendLimiter final {
public:
    explicit SendLimiter(int limit = 120, int windowMs = 60000, int reserved = 3);

    // Whether a frame may go now; `heartbeat` frames may use the reserved slots.
    bool tryAcquire(qint64 nowMs, bool heartbeat);
    // Milliseconds until the next ordinary frame may go (0 = now).
    qint64 waitMs(qint64 nowMs) const;
    void reset() { m_sent.clear(); }
    int usedInWindow(qint64 nowMs);

private:
    void expire(qint64 nowMs) const;

    int m_limit;
    int m_windowMs;
    int m_reserved;
    mutable std::deque<qint64> m_sent;
};

} // namespace botwright::gateway
