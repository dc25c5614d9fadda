#include "engine/sandbox/rate_limiter.h"

#include <QCryptographicHash>

namespace botwright::sandbox {

void RateLimiter::configure(int bucketLimit, int bucketWindowMs, int globalPerSecond) {
    m_limit = std::max(1, bucketLimit);
    m_windowMs = std::max(1, bucketWindowMs);
    m_globalPerSecond = std::max(1, globalPerSecond);
}

RateLimiter::Verdict RateLimiter::check(const QString& route, const QString& major, const QString& actor,
                                        qint64 nowMs) {
    Verdict v;
    Window& g = m_global[actor];
    if (nowMs - g.startMs >= 1000)
        g = Window{nowMs, 0};
    Window& b = m_buckets[route + u'|' + major];
    if (nowMs - b.startMs >= m_windowMs)
        b = Window{nowMs, 0};
    const double resetAfter = (b.startMs + m_windowMs - nowMs) / 1000.0;
    const QByteArray bucketId =
        QCryptographicHash::hash(route.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    if (g.used >= m_globalPerSecond) {
        v.allowed = false;
        v.global = true;
        v.retryAfterSeconds = (g.startMs + 1000 - nowMs) / 1000.0;
    } else if (b.used >= m_limit) {
        v.allowed = false;
        v.retryAfterSeconds = resetAfter;
    } else {
        ++g.used;
        ++b.used;
    }
    const int remaining = std::max(0, m_limit - b.used);
    v.headers = {{QByteArrayLiteral("X-RateLimit-Limit"), QByteArray::number(m_limit)},
                 {QByteArrayLiteral("X-RateLimit-Remaining"), QByteArray::number(remaining)},
                 {QByteArrayLiteral("X-RateLimit-Reset"),
                  QByteArray::number((b.startMs + m_windowMs) / 1000.0, 'f', 3)},
                 {QByteArrayLiteral("X-RateLimit-Reset-After"), QByteArray::number(resetAfter, 'f', 3)},
                 {QByteArrayLiteral("X-RateLimit-Bucket"), bucketId}};
    if (!v.allowed) {
        v.headers.append({QByteArrayLiteral("Retry-After"),
                          QByteArray::number(std::max(0.0, v.retryAfterSeconds), 'f', 3)});
        v.headers.append({QByteArrayLiteral("X-RateLimit-Scope"),
                          v.global ? QByteArrayLiteral("global") : QByteArrayLiteral("user")});
        if (v.global)
            v.headers.append({QByteArrayLiteral("X-RateLimit-Global"), QByteArrayLiteral("true")});
    }
    return v;
}

} // namespace botwright::sandbox
