#pragma once

#include "engine/capture/redaction.h"
#include "engine/rest/multipart_writer.h"
#include "engine/rest/rate_limit_buckets.h"
#include "engine/rest/rest_route.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <deque>
#include <functional>
#include <optional>
#include <unordered_map>

class QNetworkAccessManager;
class QNetworkReply;

namespace botwright::rest {

// One Discord REST call. `path` is relative to /api/v10 and may carry a query string.
struct RestRequest {
    HttpMethod method = HttpMethod::Get;
    QString path;           // "/channels/123/messages"
    QByteArray jsonBody;    // sent as application/json when not empty
    QString auditLogReason; // X-Audit-Log-Reason (percent-encoded) when not empty
    // With files, the request leaves as multipart/form-data: `jsonBody` as payload_json, each file
    // as files[id]. Checked against the client's size limits before anything is sent.
    QList<RestFile> files;
};

// Its outcome. `body` and the error fields never contain the bot token.
struct RestResponse {
    int status = 0;     // HTTP status; 0 when no response arrived (network error)
    QByteArray body;    // the response body (Discord's JSON, or its error body)
    QString errorClass; // empty for 2xx; else the Botloader host class (DiscordNotFoundError, …)
    QString errorMessage;
    int retries = 0;      // how often it was sent again (429s, network errors, 5xx)
    qint64 elapsedMs = 0; // from request() to the answer, waiting in buckets included
    QString routeKey;     // the rate-limit route, "PATCH /channels/123/messages/:id"

    bool ok() const { return errorClass.isEmpty(); }
};

struct RestClientOptions {
    int globalPerSecond = 50;      // client-side global cap; 0 = off (a local sandbox without limits)
    int backoffBaseMs = 1000;      // first backoff delay; doubles per retry
    int backoffMaxMs = 60000;      // backoff cap; the retry at the cap is the last one
    int maxRetries = 3;            // network errors and 5xx on GET
    int maxRateLimitRetries = 10;  // 429s on other routes before the 429 reaches the caller
    int resetMarginMs = 0;         // added to every bucket reset
    int transferTimeoutMs = 30000; // a request without progress this long is a network error
    qint64 attachmentSizeLimit = 10ll * 1024 * 1024; // per file (Discord's default attachment_size_limit)
    qint64 maxRequestBytes = 25ll * 1024 * 1024;     // a whole upload request (Discord's cap)
};

// The host's Discord REST client (issue 5): serves the script runtime's REST ops against Discord
// or the sandbox. Requests in one rate-limit bucket go out one at a time and in order; buckets,
// 429s, the global limit and retries follow RateLimitBuckets and RestClientOptions.
// Lives on one thread (its QNetworkAccessManager is a child, so moveToThread takes both);
// request() may be called from any thread and is forwarded there.
class RestClient final : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const RestResponse&)>;

    // `baseUrl` is the API root without a version ("https://discord.com/api",
    // "http://127.0.0.1:PORT/api"); every call goes to `baseUrl + "/v10" + path`.
    RestClient(QString baseUrl, const QString& token, RestClientOptions options = {},
               QObject* parent = nullptr);
    ~RestClient() override;

    // Queues `req`. `done` runs once, on `context`'s thread (on the client's thread when `context`
    // is null); never when `context` is destroyed first (a request whose context is gone before it
    // is sent is dropped unsent). Destroying the client answers every open request that has a
    // context with a status-0 "shut down" error, queued to that context.
    void request(RestRequest req, QObject* context, Callback done);

    QString baseUrl() const { return m_baseUrl; }
    int pendingCount() const { return m_pending; }
    qint64 requestsSent() const { return m_sent; }
    const RateLimitBuckets& buckets() const { return m_buckets; }

private:
    struct Pending {
        RestRequest request;
        RestRoute route;
        QByteArray multipartBody; // built once from request.files; empty without files
        QByteArray multipartType;
        QPointer<QObject> context;
        bool hadContext = false;
        Callback done;
        qint64 startMs = 0;
        qint64 notBeforeMs = 0; // backoff
        int retries = 0;
        int backoffRetries = 0;
        int rateLimitRetries = 0;
    };
    struct Queue {
        std::deque<Pending> waiting;
        std::optional<Pending> inFlight;
        QNetworkReply* reply = nullptr; // of inFlight
    };
    struct KeyHash {
        size_t operator()(const QString& key) const noexcept { return qHash(key); }
    };

    void enqueue(Pending pending);
    void pump(const QString& queueKey);
    void pumpSleeping();
    void wakeAt(const QString& queueKey, qint64 atMs);
    void send(Queue& queue, const QString& queueKey);
    void finished(const QString& queueKey, QNetworkReply* reply);
    bool retry(Pending& pending, int status, qint64 rateLimitWaitMs, qint64 nowMs);
    RestResponse respond(const Pending& pending, int status, const QByteArray& body,
                         const QString& networkError);
    // Why an upload may not be sent (a file or the request over its limit), or empty.
    QString uploadRefusal(const RestRequest& request) const;
    static void deliver(Pending& pending, const RestResponse& response,
                        Qt::ConnectionType type = Qt::AutoConnection);
    QByteArray redact(const QByteArray& bytes) const;
    bool mayBackOff(int attempt) const;
    qint64 backoffDelay(int attempt) const;
    qint64 now() const { return m_clock.elapsed(); }

    QString m_baseUrl; // ".../api/v10"
    QByteArray m_authorization;
    QByteArray m_userAgent;
    RestClientOptions m_options;
    capture::Redactor m_redactor;
    RateLimitBuckets m_buckets;
    QNetworkAccessManager* m_network; // child
    QTimer* m_timer;                  // child: wakes sleeping queues
    QElapsedTimer m_clock;
    // By bucket id (the route key until the hash is known); node-based, so a Queue& stays valid
    // while other queues come and go.
    std::unordered_map<QString, Queue, KeyHash> m_queues;
    QHash<QString, qint64> m_sleeping; // queue key → wake time
    qint64 m_timerDueMs = 0;
    int m_pending = 0;
    qint64 m_sent = 0;
};

} // namespace botwright::rest
