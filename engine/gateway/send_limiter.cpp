#include "engine/gateway/send_limiter.h"

#include <algorithm>

namespace botwright::gateway {

SendLimiter::SendLimiter(int limit, int windowMs, int reserved)
    : m_limit(std::max(1, limit))
    , m_windowMs(std::max(1, windowMs))
    , m_reserved(std::clamp(reserved, 0, limit - 1)) {}

void SendLimiter::expire(qint64 nowMs) const {
    while (!m_sent.empty() && nowMs - m_sent.front() >= m_windowMs)
        m_sent.pop_front();
}

bool SendLimiter::tryAcquire(qint64 nowMs, bool heartbeat) {
    expire(nowMs);
    const int allowed = heartbeat ? m_limit : m_limit - m_reserved;
    if (static_cast<int>(m_sent.size()) >= allowed)
        return false;
    m_sent.push_back(nowMs);
    return true;
}

qint64 SendLimiter::waitMs(qint64 nowMs) const {
    expire(nowMs);
    const int allowed = m_limit - m_reserved;
    if (static_cast<int>(m_sent.size()) < allowed)
        return 0;
    // The frame that must leave the window before one more ordinary frame fits.
    const qint64 oldest = m_sent[m_sent.size() - static_cast<size_t>(allowed)];
    return std::max<qint64>(1, oldest + m_windowMs - nowMs);
}

int SendLimiter::usedInWindow(qint64 nowMs) {
    expire(nowMs);
    return static_cast<int>(m_sent.size());
}

} // namespace botwright::gateway
