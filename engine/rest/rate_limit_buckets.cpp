#include "engine/rest/rate_limit_buckets.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>

namespace botwright::rest {

namespace {

constexpr qint64 kGlobalWindowMs = 1000;
constexpr qint64 kUnknownRetryMs = 1000; // a 429 that says nothing about how long to wait
constexpr qint64 kLongAgo = std::numeric_limits<qint64>::min() / 4;

// Seconds with optional decimals ("0.250", "3") as whole milliseconds, rounded up; -1 if invalid.
qint64 secondsToMs(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0)
        return -1;
    return static_cast<qint64>(std::ceil(seconds * 1000.0 - 1e-6));
}

qint64 secondsToMs(const QByteArray& text) {
    bool ok = false;
    const double seconds = text.trimmed().toDouble(&ok);
    return ok ? secondsToMs(seconds) : -1;
}

bool isTrue(const QByteArray& text) {
    return text.trimmed().compare(QByteArrayLiteral("true"), Qt::CaseInsensitive) == 0;
}

} // namespace

RateLimitBuckets::Info RateLimitBuckets::Info::parse(const QList<QPair<QByteArray, QByteArray>>& headers,
                                                     int status, const QByteArray& body, qint64 nowEpochMs) {
    Info info;
    QByteArray resetEpoch; // parsed only when Reset-After is missing
    qint64 retryHeaderMs = -1;
    for (const auto& [name, value] : headers) {
        const bool limitHeader = name.size() > 12 && qstrnicmp(name.constData(), "x-ratelimit-", 12) == 0;
        if (!limitHeader) {
            if (name.size() == 11 && qstrnicmp(name.constData(), "retry-after", 11) == 0)
                retryHeaderMs = secondsToMs(value);
            continue;
        }
        const QByteArrayView field = QByteArrayView(name).sliced(12);
        const auto is = [&field](QByteArrayView what) {
            return field.size() == what.size() && qstrnicmp(field.data(), what.data(), what.size()) == 0;
        };
        bool ok = false;
        if (is("remaining")) {
            const int n = value.trimmed().toInt(&ok);
            info.remaining = ok ? std::max(0, n) : -1;
        } else if (is("reset-after")) {
            info.resetAfterMs = secondsToMs(value);
        } else if (is("bucket")) {
            info.bucket = QString::fromLatin1(value.trimmed());
        } else if (is("limit")) {
            const int n = value.trimmed().toInt(&ok);
            info.limit = ok ? n : -1;
        } else if (is("reset")) {
            resetEpoch = value;
        } else if (is("global")) {
            info.global = info.global || isTrue(value);
        } else if (is("scope")) {
            info.scope = QString::fromLatin1(value.trimmed().toLower());
        }
    }
    if (info.resetAfterMs < 0 && !resetEpoch.isEmpty()) {
        const qint64 resetEpochMs = secondsToMs(resetEpoch);
        if (resetEpochMs >= 0)
            info.resetAfterMs = std::max<qint64>(0, resetEpochMs - nowEpochMs);
    }
    if (info.scope == QLatin1String("global"))
        info.global = true;
    if (status == 429) {
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        const QJsonValue retryAfter = object.value(QLatin1String("retry_after"));
        if (retryAfter.isDouble())
            info.retryAfterMs = secondsToMs(retryAfter.toDouble());
        if (info.retryAfterMs < 0)
            info.retryAfterMs = retryHeaderMs;
        if (object.value(QLatin1String("global")).toBool())
            info.global = true;
    }
    return info;
}

RateLimitBuckets::RateLimitBuckets(int globalPerSecond, int resetMarginMs)
    : m_globalPerSecond(std::max(0, globalPerSecond))
    , m_resetMarginMs(std::max(0, resetMarginMs)) {
    m_sendLog.assign(static_cast<size_t>(m_globalPerSecond), kLongAgo);
}

QString RateLimitBuckets::bucketId(const RestRoute& route) const {
    const auto it = m_hashByShape.constFind(route.shape);
    if (it == m_hashByShape.constEnd())
        return route.key;
    return *it + u':' + route.major;
}

qint64 RateLimitBuckets::delayMs(const RestRoute& route, qint64 nowMs) const {
    qint64 delay = 0;
    if (!route.globalExempt) {
        delay = std::max<qint64>(0, m_globalPausedUntilMs - nowMs);
        if (!m_sendLog.empty()) // the oldest of the last N sends must be a full window ago
            delay = std::max(delay, m_sendLog[m_sendLogNext] + kGlobalWindowMs - nowMs);
    }
    const auto it = m_buckets.constFind(bucketId(route));
    if (it != m_buckets.constEnd() && it->remaining == 0)
        delay = std::max(delay, it->resetAtMs - nowMs);
    return std::max<qint64>(0, delay);
}

void RateLimitBuckets::onSend(const RestRoute& route, qint64 nowMs) {
    if (!route.globalExempt && !m_sendLog.empty()) {
        m_sendLog[m_sendLogNext] = nowMs;
        m_sendLogNext = (m_sendLogNext + 1) % m_sendLog.size();
    }
    const auto it = m_buckets.find(bucketId(route));
    if (it == m_buckets.end())
        return; // nothing known yet: the response will say
    if (it->resetAtMs <= nowMs && it->limit > 0)
        it->remaining = it->limit; // the window passed: a fresh one starts with this request
    if (it->remaining > 0)
        --it->remaining;
    it->lastUsedMs = nowMs;
}

RateLimitBuckets::Bucket& RateLimitBuckets::learn(const RestRoute& route, const QString& hash) {
    const auto known = m_hashByShape.constFind(route.shape);
    if (hash.isEmpty() || (known != m_hashByShape.constEnd() && *known == hash))
        return m_buckets[known == m_hashByShape.constEnd() ? route.key : *known + u':' + route.major];
    const bool wasUnhashed = known == m_hashByShape.constEnd();
    m_hashByShape.insert(route.shape, hash);
    const QString id = hash + u':' + route.major;
    const auto old = m_buckets.find(route.key);
    if (wasUnhashed && old != m_buckets.end()) { // carry over what the route learned so far
        const Bucket carried = *old;
        m_buckets.erase(old);
        if (!m_buckets.contains(id))
            m_buckets.insert(id, carried);
    }
    return m_buckets[id];
}

qint64 RateLimitBuckets::onResponse(const RestRoute& route, int status, const Info& info, qint64 nowMs) {
    if (!info.bucket.isEmpty() || info.remaining >= 0 || info.resetAfterMs >= 0) {
        Bucket& bucket = learn(route, info.bucket);
        if (info.limit >= 0)
            bucket.limit = info.limit;
        if (info.remaining >= 0)
            bucket.remaining = info.remaining;
        if (info.resetAfterMs >= 0)
            bucket.resetAtMs = nowMs + info.resetAfterMs + m_resetMarginMs;
        bucket.lastUsedMs = nowMs;
    }
    if (status != 429)
        return 0;
    qint64 wait = info.retryAfterMs >= 0   ? info.retryAfterMs
                  : info.resetAfterMs >= 0 ? info.resetAfterMs
                                           : kUnknownRetryMs;
    wait += m_resetMarginMs;
    if (info.global) {
        m_globalPausedUntilMs = std::max(m_globalPausedUntilMs, nowMs + wait);
    } else {
        Bucket& bucket = learn(route, info.bucket);
        bucket.remaining = 0;
        bucket.resetAtMs = std::max(bucket.resetAtMs, nowMs + wait);
        bucket.lastUsedMs = nowMs;
    }
    return wait;
}

std::optional<RateLimitBuckets::State> RateLimitBuckets::state(const RestRoute& route) const {
    const auto it = m_buckets.constFind(bucketId(route));
    if (it == m_buckets.constEnd())
        return std::nullopt;
    return State{it->limit, it->remaining, it->resetAtMs};
}

void RateLimitBuckets::prune(qint64 nowMs, qint64 idleMs) {
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->lastUsedMs + idleMs <= nowMs && it->resetAtMs <= nowMs)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace botwright::rest
