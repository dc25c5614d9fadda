#include "engine/rest/rest_client.h"

#include "engine/rest/rest_error.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QThread>
#include <QUrl>

#include <algorithm>

#ifndef BOTWRIGHT_VERSION
#define BOTWRIGHT_VERSION "0"
#endif

namespace botwright::rest {

namespace {

constexpr int kPruneEvery = 1024;        // sends between bucket clean-ups
constexpr qint64 kBucketIdleMs = 600000; // a bucket unused this long is forgotten
constexpr int kMaxBackoffShift = 30;

QString versionedBase(QString base) {
    while (base.endsWith(u'/'))
        base.chop(1);
    static const QRegularExpression versioned(QStringLiteral("/v\\d+$"));
    if (!versioned.match(base).hasMatch())
        base += QStringLiteral("/v10");
    return base;
}

} // namespace

RestClient::RestClient(QString baseUrl, const QString& token, RestClientOptions options, QObject* parent)
    : QObject(parent)
    , m_baseUrl(versionedBase(std::move(baseUrl)))
    , m_authorization(QByteArrayLiteral("Bot ") + token.toUtf8())
    , m_userAgent(QByteArrayLiteral("DiscordBot (https://botwright.invalid, " BOTWRIGHT_VERSION ")"))
    , m_options(options)
    , m_buckets(options.globalPerSecond, options.resetMarginMs)
    , m_network(new QNetworkAccessManager(this))
    , m_timer(new QTimer(this)) {
    m_redactor.addSecret(QStringLiteral("Bot ") + token); // registers the bare token as well
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &RestClient::pumpSleeping);
    m_clock.start();
}

RestClient::~RestClient() {
    // Callers waiting on a request hear that it was cancelled; nothing below runs on this object.
    for (auto& [key, queue] : m_queues) {
        if (queue.reply) {
            disconnect(queue.reply, nullptr, this, nullptr);
            queue.reply->abort();
        }
        if (queue.inFlight)
            queue.waiting.push_front(std::move(*queue.inFlight));
        for (Pending& pending : queue.waiting) {
            RestResponse response;
            response.routeKey = pending.route.key;
            response.retries = pending.retries;
            const RestError error =
                RestError::network(QStringLiteral("the REST client was shut down"), pending.route.key);
            response.errorClass = error.errorClass;
            response.errorMessage = error.message;
            if (pending.context) // queued: no callback may run inside this destructor
                deliver(pending, response, Qt::QueuedConnection);
        }
    }
}

void RestClient::request(RestRequest req, QObject* context, Callback done) {
    if (QThread::currentThread() != thread()) {
        const QPointer<QObject> guard(context);
        const bool hadContext = context != nullptr;
        QMetaObject::invokeMethod(
            this,
            [this, req, guard, hadContext, done] {
                if (!hadContext || guard)
                    request(req, guard.data(), done);
            },
            Qt::QueuedConnection);
        return;
    }
    Pending pending;
    if (!req.path.startsWith(u'/'))
        req.path.prepend(u'/');
    pending.route = RestRoute::parse(req.method, req.path);
    pending.request = std::move(req);
    pending.context = context;
    pending.hadContext = context != nullptr;
    pending.done = std::move(done);
    pending.startMs = now();
    if (!pending.request.files.isEmpty()) {
        if (const QString refusal = uploadRefusal(pending.request); !refusal.isEmpty()) {
            // What Discord would answer (413 40005), said before the bytes leave.
            RestResponse response;
            response.status = 413;
            response.routeKey = pending.route.key;
            response.errorClass = QStringLiteral("DiscordGenericErrorResponse");
            response.errorMessage =
                QStringLiteral("Discord.GenericError: 40005: Request entity too large (%1; not sent)")
                    .arg(refusal);
            deliver(pending, response, Qt::QueuedConnection);
            return;
        }
        const MultipartWriter form(pending.request.jsonBody, pending.request.files);
        pending.multipartBody = form.body();
        pending.multipartType = form.contentType();
        pending.request.files.clear(); // the body holds the bytes now
    }
    enqueue(std::move(pending));
}

void RestClient::enqueue(Pending pending) {
    // One queue per bucket, so requests Discord limits together leave in the order they came.
    // Until a route's bucket hash is known its queue is the route key; requests keep joining that
    // queue while it exists, so learning the hash never lets a later request overtake.
    QString key = pending.route.key;
    if (m_queues.find(key) == m_queues.end())
        key = m_buckets.bucketId(pending.route);
    m_queues[key].waiting.push_back(std::move(pending));
    ++m_pending;
    pump(key);
}

void RestClient::pump(const QString& queueKey) {
    const auto it = m_queues.find(queueKey);
    if (it == m_queues.end())
        return;
    Queue& queue = it->second;
    if (queue.inFlight)
        return;
    while (!queue.waiting.empty() && queue.waiting.front().hadContext && !queue.waiting.front().context) {
        queue.waiting.pop_front(); // nobody is waiting for it any more: never send it
        --m_pending;
    }
    if (queue.waiting.empty()) {
        m_sleeping.remove(queueKey);
        m_queues.erase(it);
        return;
    }
    const Pending& next = queue.waiting.front();
    const qint64 t = now();
    const qint64 delay = std::max(m_buckets.delayMs(next.route, t), next.notBeforeMs - t);
    if (delay > 0) {
        wakeAt(queueKey, t + delay);
        return;
    }
    m_sleeping.remove(queueKey);
    send(queue, queueKey);
}

void RestClient::wakeAt(const QString& queueKey, qint64 atMs) {
    m_sleeping.insert(queueKey, atMs);
    if (!m_timer->isActive() || atMs < m_timerDueMs) {
        m_timerDueMs = atMs;
        m_timer->start(static_cast<int>(std::max<qint64>(0, atMs - now())));
    }
}

void RestClient::pumpSleeping() {
    const qint64 t = now();
    QStringList due;
    for (auto it = m_sleeping.cbegin(); it != m_sleeping.cend(); ++it)
        if (it.value() <= t)
            due << it.key();
    for (const QString& key : due) {
        m_sleeping.remove(key);
        pump(key); // sleeps again when a bucket or the global limit still says wait
    }
    if (m_sleeping.isEmpty())
        return;
    const qint64 next = *std::min_element(m_sleeping.cbegin(), m_sleeping.cend());
    m_timerDueMs = next;
    m_timer->start(static_cast<int>(std::max<qint64>(0, next - now())));
}

void RestClient::send(Queue& queue, const QString& queueKey) {
    Pending pending = std::move(queue.waiting.front());
    queue.waiting.pop_front();
    QNetworkRequest request(QUrl(m_baseUrl + pending.request.path));
    request.setRawHeader(QByteArrayLiteral("User-Agent"), m_userAgent);
    if (pending.route.sendsAuth)
        request.setRawHeader(QByteArrayLiteral("Authorization"), m_authorization);
    if (!pending.multipartBody.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, pending.multipartType);
    else if (!pending.request.jsonBody.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!pending.request.auditLogReason.isEmpty())
        request.setRawHeader(QByteArrayLiteral("X-Audit-Log-Reason"),
                             QUrl::toPercentEncoding(pending.request.auditLogReason));
    request.setTransferTimeout(m_options.transferTimeoutMs);
    m_buckets.onSend(pending.route, now());
    if (++m_sent % kPruneEvery == 0)
        m_buckets.prune(now(), kBucketIdleMs);
    QNetworkReply* reply =
        pending.request.method == HttpMethod::Get
            ? m_network->get(request)
            : m_network->sendCustomRequest(request, methodName(pending.request.method),
                                           pending.multipartBody.isEmpty() ? pending.request.jsonBody
                                                                           : pending.multipartBody);
    queue.inFlight = std::move(pending);
    queue.reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, queueKey, reply] { finished(queueKey, reply); });
}

void RestClient::finished(const QString& queueKey, QNetworkReply* reply) {
    reply->deleteLater();
    const auto it = m_queues.find(queueKey);
    if (it == m_queues.end() || it->second.reply != reply || !it->second.inFlight)
        return;
    Queue& queue = it->second;
    Pending pending = std::move(*queue.inFlight);
    queue.inFlight.reset();
    queue.reply = nullptr;

    const qint64 t = now();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    qint64 rateLimitWait = 0;
    if (status != 0) {
        const RateLimitBuckets::Info info = RateLimitBuckets::Info::parse(
            reply->rawHeaderPairs(), status, body, QDateTime::currentMSecsSinceEpoch());
        rateLimitWait = m_buckets.onResponse(pending.route, status, info, t);
    }
    if (retry(pending, status, rateLimitWait, t)) {
        queue.waiting.push_front(std::move(pending));
        pump(queueKey);
        return;
    }
    const RestResponse response =
        respond(pending, status, body, status == 0 ? reply->errorString() : QString());
    --m_pending;
    pump(queueKey); // the next request of this bucket leaves before the caller hears back
    deliver(pending, response);
}

bool RestClient::retry(Pending& pending, int status, qint64 rateLimitWaitMs, qint64 nowMs) {
    qint64 delay = -1;
    if (status == 429 && pending.route.createMessage) {
        if (mayBackOff(pending.backoffRetries))
            delay = std::max(rateLimitWaitMs, backoffDelay(pending.backoffRetries++));
    } else if (status == 429) {
        if (pending.rateLimitRetries < m_options.maxRateLimitRetries) {
            ++pending.rateLimitRetries;
            delay = rateLimitWaitMs;
        }
    } else if (status == 0 && pending.route.createMessage) {
        if (mayBackOff(pending.backoffRetries))
            delay = backoffDelay(pending.backoffRetries++);
    } else if ((status == 0 || status >= 500) && pending.route.idempotent) {
        if (pending.backoffRetries < m_options.maxRetries)
            delay = backoffDelay(pending.backoffRetries++);
    }
    if (delay < 0)
        return false;
    pending.notBeforeMs = nowMs + delay;
    ++pending.retries;
    return true;
}

bool RestClient::mayBackOff(int attempt) const {
    // 1, 2, 4, … s up to the cap; the retry that waited the cap was the last.
    return attempt == 0 || backoffDelay(attempt - 1) < m_options.backoffMaxMs;
}

qint64 RestClient::backoffDelay(int attempt) const {
    const qint64 base = std::max(1, m_options.backoffBaseMs);
    const qint64 delay = base << std::min(attempt, kMaxBackoffShift);
    return std::min<qint64>(delay, std::max(base, static_cast<qint64>(m_options.backoffMaxMs)));
}

QString RestClient::uploadRefusal(const RestRequest& request) const {
    const auto mib = [](qint64 bytes) {
        return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1);
    };
    for (const RestFile& f : request.files)
        if (f.data.size() > m_options.attachmentSizeLimit)
            return QStringLiteral(
                       "the attachment \"%1\" is %2 MiB (%3 bytes); a file may have at most %4 MiB")
                .arg(f.filename, mib(f.data.size()))
                .arg(f.data.size())
                .arg(mib(m_options.attachmentSizeLimit));
    const qint64 total = MultipartWriter::sizeFor(request.jsonBody.size(), request.files);
    if (total > m_options.maxRequestBytes)
        return QStringLiteral(
                   "the %1 attachments and the message take %2 MiB; a request may have at most %3 MiB")
            .arg(request.files.size())
            .arg(mib(total), mib(m_options.maxRequestBytes));
    return {};
}

QByteArray RestClient::redact(const QByteArray& bytes) const {
    QByteArray out = m_redactor.redactSecrets(bytes);
    // A JSON body may spell the token with \u escapes, which only show it once parsed.
    if (out.contains("\\u")) {
        const QJsonDocument doc = QJsonDocument::fromJson(out);
        if (!doc.isNull()) {
            const QByteArray plain = doc.toJson(QJsonDocument::Compact);
            const QByteArray redacted = m_redactor.redactSecrets(plain);
            if (redacted != plain)
                out = redacted;
        }
    }
    return out;
}

RestResponse RestClient::respond(const Pending& pending, int status, const QByteArray& body,
                                 const QString& networkError) {
    RestResponse response;
    response.status = status;
    response.body = redact(body);
    response.retries = pending.retries;
    response.elapsedMs = now() - pending.startMs;
    response.routeKey = pending.route.key;
    const RestError error =
        status == 0 ? RestError::network(QString::fromUtf8(redact(networkError.toUtf8())), pending.route.key)
                    : RestError::fromResponse(status, response.body);
    response.errorClass = error.errorClass;
    response.errorMessage = QString::fromUtf8(redact(error.message.toUtf8()));
    return response;
}

void RestClient::deliver(Pending& pending, const RestResponse& response, Qt::ConnectionType type) {
    if (!pending.done || (pending.hadContext && !pending.context))
        return;
    QObject* target = pending.context;
    Callback done = std::move(pending.done);
    if (!target) { // no context given: run here, on the client's thread
        done(response);
        return;
    }
    QMetaObject::invokeMethod(
        target, [done, response] { done(response); }, type);
}

} // namespace botwright::rest
