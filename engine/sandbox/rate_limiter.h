#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

namespace botwright::sandbox {

// Discord-style REST rate limits for the sandbox: fixed-window buckets keyed by route template
// and major parameter, plus a per-actor global limit. Produces the X-RateLimit-* headers.
class RateLimiter final {
public:
    struct Verdict {
        bool allowed = true;
        bool global = false;
        double retryAfterSeconds = 0;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    void configure(int bucketLimit, int bucketWindowMs, int globalPerSecond);
    // `route` is the template, `major` the major parameter's value, `actor` who is asking.
    Verdict check(const QString& route, const QString& major, const QString& actor, qint64 nowMs);
    void reset() {
        m_buckets.clear();
        m_global.clear();
    }

private:
    struct Window {
        qint64 startMs = 0;
        int used = 0;
    };
    int m_limit = 5;
    int m_windowMs = 5000;
    int m_globalPerSecond = 50;
    QHash<QString, Window> m_buckets;
    QHash<QString, Window> m_global;
};

} // namespace botwright::sandbox
