#pragma once

#include "engine/capture/redaction.h"
#include "engine/exporting/api_types.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace botwright::exporting {

struct ApiClientOptions {
    int timeoutMs = 30000;       // a request without progress this long fails (then may be retried)
    int maxRetries = 3;          // 5xx answers and network errors
    int maxRateLimitRetries = 5; // 429 answers
    int backoffBaseMs = 500;     // first wait after a 5xx or a network error; doubles per retry
    int backoffMaxMs = 8000;
    int maxRetryAfterMs = 60000; // a 429 asking to wait longer than this is returned as an error
};

// One answer, before it is turned into typed results.
struct ApiReply {
    int status = 0;  // HTTP status; 0 when no response arrived
    QByteArray body; // the response body, with the API key redacted
    std::optional<ApiError> error;
    int retries = 0;
    qint64 elapsedMs = 0;
    bool ok() const { return !error.has_value(); }
};

// Fields of `PATCH /api/guilds/{guild}/scripts/{id}`; unset fields are left as they are.
struct ScriptUpdate {
    std::optional<QString> name;
    std::optional<QString> originalSource;
    std::optional<bool> enabled;
};

// A client for Botloader's web API (https://api.botloader.io by default), the routes a script
// workspace needs: `GET /api/guilds`, `GET|PUT /api/guilds/{guild}/scripts`,
// `PATCH|DELETE /api/guilds/{guild}/scripts/{id}` and `POST /api/guilds/{guild}/reload_vm`.
// Every call sends `Authorization: <api key>` (raw, no "Bearer"), and is asynchronous: the callback
// runs later on the client's thread, and never if `context` was destroyed first. Destroying the
// client aborts its requests without calling their callbacks.
//
// Retries: a 429 waits for Retry-After (header, else the body's `retry_after`, in seconds) and is
// sent again (any method: the server did nothing); 5xx answers are sent again after an exponential
// backoff (any method, as the server reports a failure). Network errors are sent again only for
// GET, PATCH and reload_vm, which are safe to repeat, or when the connection was never made; a
// create or delete that may have reached the server is left to the caller to verify.
// Redirects are not followed (the key must not travel to another host). No message, error or
// body handed out contains the API key.
class BotloaderApiClient final : public QObject {
    Q_OBJECT
public:
    using ReplyCallback = std::function<void(const ApiReply&)>;
    using GuildsCallback = std::function<void(const ApiResult<QList<RemoteGuild>>&)>;
    using ScriptsCallback = std::function<void(const ApiResult<QList<RemoteScript>>&)>;
    using ScriptCallback = std::function<void(const ApiResult<RemoteScript>&)>;
    using DoneCallback = std::function<void(const ApiResult<bool>&)>;

    static QString defaultBaseUrl() { return QStringLiteral("https://api.botloader.io"); }
    // Trims spaces and trailing slashes, and a trailing "/api" (the routes add it).
    static QString normalizedBaseUrl(const QString& url);
    // Empty when `url` can be used; else why not.
    static QString checkBaseUrl(const QString& url);

    BotloaderApiClient(const QString& baseUrl, const QString& apiKey, ApiClientOptions options = {},
                       QObject* parent = nullptr);
    ~BotloaderApiClient() override;

    QString baseUrl() const { return m_baseUrl; }
    const ApiClientOptions& options() const { return m_options; }
    qint64 requestsSent() const { return m_sent; }
    int pendingCount() const { return m_pending; }

    void listGuilds(QObject* context, GuildsCallback done);
    void listScripts(const QString& guild, QObject* context, ScriptsCallback done);
    void createScript(const QString& guild, const QString& name, const QString& source, bool enabled,
                      QObject* context, ScriptCallback done);
    void updateScript(const QString& guild, qint64 id, const ScriptUpdate& update, QObject* context,
                      ScriptCallback done);
    void deleteScript(const QString& guild, qint64 id, QObject* context, ScriptCallback done);
    void reloadVm(const QString& guild, QObject* context, DoneCallback done);

    // Any route: `method` "GET", "PUT", …; `path` starts with "/api/". A non-empty `jsonBody` is
    // sent as application/json.
    void send(const QByteArray& method, const QString& path, const QByteArray& jsonBody, QObject* context,
              ReplyCallback done);

    // Redacts the API key from text meant for people.
    QString redacted(const QString& text) const;

private:
    struct Call;
    void start(Call* call);
    void finished(Call* call, QNetworkReply* reply);
    void deliver(Call* call, ApiReply reply);
    std::optional<qint64> retryDelay(Call& call, int status, const QNetworkReply& reply,
                                     const QByteArray& body, bool networkError, bool connectionNeverMade);
    ApiError errorFor(int status, const QByteArray& body, const QString& networkError) const;
    static QString guildPath(const QString& guild);

    QString m_baseUrl;
    QByteArray m_authorization;
    QByteArray m_userAgent;
    ApiClientOptions m_options;
    capture::Redactor m_redactor;
    QNetworkAccessManager* m_network;
    QSet<Call*> m_calls; // owned: under way or waiting to be sent again
    qint64 m_sent = 0;
    int m_pending = 0;
};

} // namespace botwright::exporting
