#pragma once

#include "engine/rest/rest_route.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>
#include <vector>

namespace botwright::rest {

// Discord's REST rate limits as a client must follow them (discord-protocol.md §3.4), as pure
// bookkeeping: no sockets, no timers, every call takes the time (`nowMs`, any monotonic clock).
//  - Buckets are keyed by route and major parameter. Until a response names the route's bucket
//    (X-RateLimit-Bucket) the route key is the bucket; afterwards "<hash>:<major>", so routes that
//    Discord puts in one bucket share one counter.
//  - X-RateLimit-Remaining / -Reset-After (or -Reset) keep the counter; at 0 remaining delayMs()
//    says how long to hold requests for that bucket.
//  - A 429 holds its bucket (or, when global, every bucket) for retry_after.
//  - Apart from interaction callbacks, at most `globalPerSecond` requests leave in any 1 s window
//    (a sliding window, so no fixed window on the server can see more).
class RateLimitBuckets final {
public:
    // The rate-limit facts of one response.
    struct Info {
        QString bucket;           // X-RateLimit-Bucket
        int limit = -1;           // X-RateLimit-Limit, -1 when absent
        int remaining = -1;       // X-RateLimit-Remaining, -1 when absent
        qint64 resetAfterMs = -1; // X-RateLimit-Reset-After (or Reset minus now), -1 when absent
        qint64 retryAfterMs = -1; // 429: body retry_after, else the Retry-After header
        bool global = false;      // 429: X-RateLimit-Global, "global": true or scope "global"
        QString scope;            // X-RateLimit-Scope

        // `nowEpochMs` turns an absolute X-RateLimit-Reset into a delay when Reset-After is missing.
        static Info parse(const QList<QPair<QByteArray, QByteArray>>& headers, int status,
                          const QByteArray& body, qint64 nowEpochMs);
    };

    // A bucket's counter as last learned (for tests and the studio's REST view).
    struct State {
        int limit = -1;
        int remaining = -1;
        qint64 resetAtMs = 0;
    };

    // `globalPerSecond` <= 0 turns the client-side global cap off. `resetMarginMs` is added to
    // every reset time (clock granularity between us and the server).
    explicit RateLimitBuckets(int globalPerSecond = 50, int resetMarginMs = 0);

    // "<hash>:<major>" once the route's bucket hash is known, else the route key.
    QString bucketId(const RestRoute& route) const;
    // Milliseconds to wait before a request on `route` may be sent; 0 = now.
    qint64 delayMs(const RestRoute& route, qint64 nowMs) const;
    // A request on `route` leaves now: spends one of the bucket's remaining and one global slot.
    void onSend(const RestRoute& route, qint64 nowMs);
    // Applies a response. For a 429 returns how long to wait before retrying it (ms), else 0.
    qint64 onResponse(const RestRoute& route, int status, const Info& info, qint64 nowMs);

    std::optional<State> state(const RestRoute& route) const;
    qint64 globalPausedUntilMs() const { return m_globalPausedUntilMs; }
    int bucketCount() const { return static_cast<int>(m_buckets.size()); }
    int knownHashCount() const { return static_cast<int>(m_hashByShape.size()); }
    // Forgets buckets unused for `idleMs` whose window has passed (bounds memory on long runs).
    void prune(qint64 nowMs, qint64 idleMs);

private:
    struct Bucket {
        int limit = -1;
        int remaining = -1;
        qint64 resetAtMs = 0;
        qint64 lastUsedMs = 0;
    };
    // The bucket learned headers go to; moves a route's state when its hash is first learned.
    Bucket& learn(const RestRoute& route, const QString& hash);

    int m_globalPerSecond;
    int m_resetMarginMs;
    QHash<QString, QString> m_hashByShape;
    QHash<QString, Bucket> m_buckets;
    std::vector<qint64> m_sendLog; // ring of the last `globalPerSecond` send times
    size_t m_sendLogNext = 0;
    qint64 m_globalPausedUntilMs = 0;
};

} // namespace botwright::rest
