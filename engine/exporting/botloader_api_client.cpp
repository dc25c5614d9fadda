#include "engine/exporting/botloader_api_client.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cmath>

#ifndef BOTWRIGHT_VERSION
#define BOTWRIGHT_VERSION "0"
#endif

namespace botwright::exporting {

namespace {

constexpr int kMaxRawBody = 300;
constexpr int kMaxBackoffShift = 20;

bool connectionNeverMade(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return true;
    default:
        return false;
    }
}

// Seconds from a Retry-After header: a number (fractions allowed) or an HTTP date.
std::optional<qint64> retryAfterMs(const QByteArray& header) {
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const double seconds = value.toDouble(&isNumber);
    if (isNumber && std::isfinite(seconds) && seconds >= 0)
        return static_cast<qint64>(std::ceil(seconds * 1000.0));
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (at.isValid())
        return std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(at));
    return std::nullopt;
}

QString simplifiedBody(const QByteArray& body) {
    QString text = QString::fromUtf8(body).simplified();
    if (text.size() > kMaxRawBody)
        text = text.left(kMaxRawBody) + QStringLiteral("…");
    return text;
}

} // namespace

struct BotloaderApiClient::Call {
    QByteArray method;
    QString path;
    QByteArray body;
    QPointer<QObject> context;
    bool hadContext = false;
    ReplyCallback done;
    QElapsedTimer clock;
    int retries = 0; // all of them
    int serverRetries = 0;
    int rateLimitRetries = 0;
    QNetworkReply* reply = nullptr;
};

QString BotloaderApiClient::normalizedBaseUrl(const QString& url) {
    QString base = url.trimmed();
    while (base.endsWith(u'/'))
        base.chop(1);
    if (base.endsWith(QLatin1String("/api")))
        base.chop(4);
    while (base.endsWith(u'/'))
        base.chop(1);
    return base;
}

QString BotloaderApiClient::checkBaseUrl(const QString& url) {
    const QUrl parsed(normalizedBaseUrl(url), QUrl::StrictMode);
    if (url.trimmed().isEmpty())
        return QStringLiteral("enter the API address, e.g. %1").arg(defaultBaseUrl());
    if (!parsed.isValid() || parsed.host().isEmpty())
        return QStringLiteral("the API address is not a valid URL");
    if (parsed.scheme() != QLatin1String("https") && parsed.scheme() != QLatin1String("http"))
        return QStringLiteral("the API address must start with https:// (or http:// for a local server)");
    if (parsed.hasQuery() || parsed.hasFragment())
        return QStringLiteral("the API address must not have a query or fragment");
    return {};
}

BotloaderApiClient::BotloaderApiClient(const QString& baseUrl, const QString& apiKey,
                                       ApiClientOptions options, QObject* parent)
    : QObject(parent)
    , m_baseUrl(normalizedBaseUrl(baseUrl))
    , m_authorization(apiKey.trimmed().toUtf8())
    , m_userAgent(QByteArrayLiteral("botwright-studio/" BOTWRIGHT_VERSION))
    , m_options(options)
    , m_network(new QNetworkAccessManager(this)) {
    m_redactor.addSecret(apiKey.trimmed());
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

BotloaderApiClient::~BotloaderApiClient() {
    // Abort what is under way without running any handler; retry timers die with this object.
    for (Call* call : std::as_const(m_calls)) {
        if (call->reply) {
            disconnect(call->reply, nullptr, this, nullptr);
            call->reply->abort();
        }
        delete call;
    }
}

QString BotloaderApiClient::redacted(const QString& text) const {
    if (text.isEmpty())
        return text;
    return QString::fromUtf8(m_redactor.redactSecrets(text.toUtf8()));
}

QString BotloaderApiClient::guildPath(const QString& guild) {
    return QStringLiteral("/api/guilds/") + QString::fromLatin1(QUrl::toPercentEncoding(guild));
}

void BotloaderApiClient::send(const QByteArray& method, const QString& path, const QByteArray& jsonBody,
                              QObject* context, ReplyCallback done) {
    auto* call = new Call;
    call->method = method;
    call->path = path;
    call->body = jsonBody;
    call->context = context;
    call->hadContext = context != nullptr;
    call->done = std::move(done);
    call->clock.start();
    ++m_pending;
    m_calls.insert(call);
    start(call);
}

void BotloaderApiClient::start(Call* call) {
    if (call->hadContext && !call->context) { // nobody is waiting any more
        --m_pending;
        m_calls.remove(call);
        delete call;
        return;
    }
    QNetworkRequest request(QUrl(m_baseUrl + call->path));
    request.setRawHeader(QByteArrayLiteral("Authorization"), m_authorization);
    request.setRawHeader(QByteArrayLiteral("User-Agent"), m_userAgent);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!call->body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_options.timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Requests that may carry a body always send one (Content-Length: 0 when empty).
    const bool withBody = call->method == "PUT" || call->method == "PATCH" || call->method == "POST";
    QNetworkReply* reply = withBody ? m_network->sendCustomRequest(request, call->method, call->body)
                                    : m_network->sendCustomRequest(request, call->method);
    call->reply = reply;
    ++m_sent;
    connect(reply, &QNetworkReply::finished, this, [this, call, reply] { finished(call, reply); });
}

std::optional<qint64> BotloaderApiClient::retryDelay(Call& call, int status, const QNetworkReply& reply,
                                                     const QByteArray& body, bool networkError,
                                                     bool neverConnected) {
    const auto backoff = [this, &call] {
        const int shift = std::min(call.serverRetries, kMaxBackoffShift);
        return std::min<qint64>(static_cast<qint64>(m_options.backoffBaseMs) << shift,
                                m_options.backoffMaxMs);
    };
    if (status == 429) {
        if (call.rateLimitRetries >= m_options.maxRateLimitRetries)
            return std::nullopt;
        std::optional<qint64> wait = retryAfterMs(reply.rawHeader(QByteArrayLiteral("Retry-After")));
        if (!wait) {
            const QJsonValue inBody =
                QJsonDocument::fromJson(body).object().value(QLatin1String("retry_after"));
            if (inBody.isDouble() && inBody.toDouble() >= 0)
                wait = static_cast<qint64>(std::ceil(inBody.toDouble() * 1000.0));
        }
        const qint64 ms = wait.value_or(backoff());
        if (ms > m_options.maxRetryAfterMs)
            return std::nullopt;
        ++call.rateLimitRetries;
        return ms;
    }
    const bool idempotent = call.method == "GET" || call.method == "PATCH" ||
                            (call.method == "POST" && call.path.endsWith(QLatin1String("/reload_vm")));
    const bool retryable = status >= 500 || (networkError && (neverConnected || idempotent));
    if (!retryable || call.serverRetries >= m_options.maxRetries)
        return std::nullopt;
    qint64 ms = backoff();
    if (status == 503) // a 503 may say when to come back
        if (const std::optional<qint64> wait =
                retryAfterMs(reply.rawHeader(QByteArrayLiteral("Retry-After"))))
            ms = *wait;
    if (ms > m_options.maxRetryAfterMs)
        return std::nullopt;
    ++call.serverRetries;
    return ms;
}

void BotloaderApiClient::finished(Call* call, QNetworkReply* reply) {
    reply->deleteLater();
    call->reply = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray(); // closed after a timeout
    const QNetworkReply::NetworkError networkError = reply->error();
    const bool noAnswer = status == 0;
    QString networkText;
    if (noAnswer) {
        networkText = networkError == QNetworkReply::OperationCanceledError ||
                              networkError == QNetworkReply::TimeoutError
                          ? QStringLiteral("timed out after %1 s without progress")
                                .arg(m_options.timeoutMs / 1000.0, 0, 'g', 3)
                          : reply->errorString();
    }

    if (noAnswer || status == 429 || status >= 500) {
        if (const std::optional<qint64> wait = retryDelay(*call, status, *reply, body, noAnswer,
                                                          noAnswer && connectionNeverMade(networkError))) {
            ++call->retries;
            QTimer::singleShot(static_cast<int>(*wait), this, [this, call] { start(call); });
            return;
        }
    }

    ApiReply answer;
    answer.status = status;
    answer.body = m_redactor.redactSecrets(body);
    answer.retries = call->retries;
    answer.elapsedMs = call->clock.elapsed();
    if (noAnswer || status < 200 || status >= 300) {
        ApiError error = errorFor(status, body, networkText);
        if (status >= 300 && status < 400) {
            error.description =
                QStringLiteral("the server redirected to %1; use that address as the API base")
                    .arg(redacted(reply->header(QNetworkRequest::LocationHeader).toUrl().toString()));
        }
        error.retries = call->retries;
        answer.error = error;
    }
    deliver(call, std::move(answer));
}

ApiError BotloaderApiClient::errorFor(int status, const QByteArray& body, const QString& networkError) const {
    ApiError error;
    error.httpStatus = status;
    error.networkError = redacted(networkError);
    error.retryable = status == 0 || status == 429 || status >= 500;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject object = document.object();
    if (parseError.error == QJsonParseError::NoError && object.contains(QLatin1String("code")) &&
        object.contains(QLatin1String("description"))) {
        error.code = object.value(QLatin1String("code")).toInt();
        error.description = redacted(object.value(QLatin1String("description")).toString());
        // The key never comes back in practice; if it did, it goes no further than this.
        const QJsonValue extra = object.value(QLatin1String("extra_data"));
        const QByteArray text = QJsonDocument(QJsonArray{extra}).toJson(QJsonDocument::Compact);
        const QByteArray safe = m_redactor.redactSecrets(text);
        error.extraData = safe == text ? extra : QJsonDocument::fromJson(safe).array().at(0);
    } else if (!body.isEmpty()) {
        error.rawBody = redacted(simplifiedBody(body));
    }
    return error;
}

void BotloaderApiClient::deliver(Call* call, ApiReply reply) {
    --m_pending;
    m_calls.remove(call);
    const bool gone = call->hadContext && !call->context;
    ReplyCallback done = std::move(call->done);
    delete call;
    if (!gone && done)
        done(reply);
}

void BotloaderApiClient::listGuilds(QObject* context, GuildsCallback done) {
    send("GET", QStringLiteral("/api/guilds"), {}, context, [done = std::move(done)](const ApiReply& reply) {
        ApiResult<QList<RemoteGuild>> result;
        result.retries = reply.retries;
        result.error = reply.error;
        if (reply.ok()) {
            const QJsonDocument document = QJsonDocument::fromJson(reply.body);
            // `{guilds: [{connected, guild}]}`; a bare array is accepted as well.
            const QJsonArray entries = document.isArray()
                                           ? document.array()
                                           : document.object().value(QLatin1String("guilds")).toArray();
            if (!document.isArray() && !document.object().value(QLatin1String("guilds")).isArray()) {
                result.error = ApiError{.httpStatus = reply.status,
                                        .description = QStringLiteral("the server's guild list is not JSON")};
            }
            for (const QJsonValue& entry : entries)
                if (std::optional<RemoteGuild> guild = RemoteGuild::fromJson(entry.toObject()))
                    result.value.append(*guild);
        }
        done(result);
    });
}

void BotloaderApiClient::listScripts(const QString& guild, QObject* context, ScriptsCallback done) {
    send("GET", guildPath(guild) + QStringLiteral("/scripts"), {}, context,
         [done = std::move(done)](const ApiReply& reply) {
             ApiResult<QList<RemoteScript>> result;
             result.retries = reply.retries;
             result.error = reply.error;
             if (reply.ok()) {
                 const QJsonDocument document = QJsonDocument::fromJson(reply.body);
                 if (!document.isArray())
                     result.error =
                         ApiError{.httpStatus = reply.status,
                                  .description = QStringLiteral("the server's script list is not a "
                                                                "JSON array")};
                 for (const QJsonValue& item : document.array())
                     if (std::optional<RemoteScript> script = RemoteScript::fromJson(item.toObject()))
                         result.value.append(*script);
             }
             done(result);
         });
}

namespace {
BotloaderApiClient::ReplyCallback scriptReply(BotloaderApiClient::ScriptCallback done) {
    return [done = std::move(done)](const ApiReply& reply) {
        ApiResult<RemoteScript> result;
        result.retries = reply.retries;
        result.error = reply.error;
        if (reply.ok()) {
            std::optional<RemoteScript> script =
                RemoteScript::fromJson(QJsonDocument::fromJson(reply.body).object());
            if (script)
                result.value = *script;
            else
                result.error = ApiError{.httpStatus = reply.status,
                                        .description = QStringLiteral("the server's answer is not a script")};
        }
        done(result);
    };
}
} // namespace

void BotloaderApiClient::createScript(const QString& guild, const QString& name, const QString& source,
                                      bool enabled, QObject* context, ScriptCallback done) {
    const QJsonObject body{{QStringLiteral("name"), name},
                           {QStringLiteral("original_source"), source},
                           {QStringLiteral("enabled"), enabled}};
    send("PUT", guildPath(guild) + QStringLiteral("/scripts"),
         QJsonDocument(body).toJson(QJsonDocument::Compact), context, scriptReply(std::move(done)));
}

void BotloaderApiClient::updateScript(const QString& guild, qint64 id, const ScriptUpdate& update,
                                      QObject* context, ScriptCallback done) {
    QJsonObject body;
    if (update.name)
        body.insert(QStringLiteral("name"), *update.name);
    if (update.originalSource)
        body.insert(QStringLiteral("original_source"), *update.originalSource);
    if (update.enabled)
        body.insert(QStringLiteral("enabled"), *update.enabled);
    send("PATCH", guildPath(guild) + QStringLiteral("/scripts/%1").arg(id),
         QJsonDocument(body).toJson(QJsonDocument::Compact), context, scriptReply(std::move(done)));
}

void BotloaderApiClient::deleteScript(const QString& guild, qint64 id, QObject* context,
                                      ScriptCallback done) {
    send("DELETE", guildPath(guild) + QStringLiteral("/scripts/%1").arg(id), {}, context,
         scriptReply(std::move(done)));
}

void BotloaderApiClient::reloadVm(const QString& guild, QObject* context, DoneCallback done) {
    send("POST", guildPath(guild) + QStringLiteral("/reload_vm"), {}, context,
         [done = std::move(done)](const ApiReply& reply) {
             ApiResult<bool> result;
             result.retries = reply.retries;
             result.error = reply.error;
             result.value = reply.ok();
             done(result);
         });
}

} // namespace botwright::exporting
