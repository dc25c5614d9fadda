#include "engine/runtime/http_ops.h"

#include "engine/runtime/op_pacer.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace botwright::runtime {

namespace {

OpReply failure(const QString& message) {
    return OpReply::error(QStringLiteral("Error"), message);
}

// RFC 9110 token characters: methods and header names.
bool isToken(const QString& text) {
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (c.unicode() > 127)
            return false;
        if (!c.isLetterOrNumber() && !QStringLiteral("!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

} // namespace

struct HttpOps::Call {
    QByteArray method;
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    ScriptOps::Reply reply;
    bool timedOut = false;
    bool tooLarge = false;
};

HttpOps::HttpOps(HttpOpsOptions options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_network(new QNetworkAccessManager(this))
    , m_pacer(new OpPacer(options.minIntervalMs, this)) {}

HttpOps::~HttpOps() = default;

int HttpOps::waiting() const {
    return m_pacer->waiting();
}

void HttpOps::request(const QJsonObject& args, ScriptOps::Reply reply) {
    const QString path = args.value(QStringLiteral("path")).toString();
    const QUrl url(path, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative()) {
        reply(
            failure(QStringLiteral("HttpClient: `%1` is not an absolute URL; give the whole address, such as "
                                   "https://example.com/path")
                        .arg(path)));
        return;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1StringView("http") && scheme != QLatin1StringView("https")) {
        reply(failure(QStringLiteral("HttpClient: only http and https URLs can be requested, not %1: URLs")
                          .arg(scheme)));
        return;
    }
    if (url.host().isEmpty()) {
        reply(failure(QStringLiteral("HttpClient: `%1` names no host").arg(path)));
        return;
    }
    auto call = std::make_shared<Call>();
    const QString method = args.value(QStringLiteral("method")).toString();
    if (!isToken(method)) {
        reply(failure(QStringLiteral("HttpClient: `%1` is not an HTTP method").arg(method)));
        return;
    }
    call->method = method.toLatin1();
    call->url = url;
    const QJsonObject headers = args.value(QStringLiteral("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const QString value = it.value().toString();
        if (!isToken(it.key()) || !it.value().isString() || value.contains(u'\r') || value.contains(u'\n')) {
            reply(failure(
                QStringLiteral("HttpClient: the header `%1` is not a valid header name with a string value")
                    .arg(it.key())));
            return;
        }
        call->headers.append({it.key().toLatin1(), value.toUtf8()});
    }
    if (const QJsonValue body = args.value(QStringLiteral("bodyBase64")); body.isString()) {
        auto decoded = QByteArray::fromBase64Encoding(body.toString().toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            reply(failure(QStringLiteral("HttpClient: the request body could not be decoded")));
            return;
        }
        if (decoded.decoded.size() > m_options.maxRequestBytes) {
            reply(failure(QStringLiteral("HttpClient: the request body is larger than the studio's limit of "
                                         "%1 bytes")
                              .arg(m_options.maxRequestBytes)));
            return;
        }
        call->body = std::move(decoded.decoded);
    }
    call->reply = std::move(reply);

    m_pacer->submit([this, call] { send(call); });
}

void HttpOps::send(const std::shared_ptr<Call>& call) {
    QNetworkRequest request(call->url);
    bool hasContentType = false;
    for (const auto& [name, value] : call->headers) {
        request.setRawHeader(name, value);
        hasContentType = hasContentType || name.compare("content-type", Qt::CaseInsensitive) == 0;
    }
    // Qt would otherwise label a body without a type as a form.
    if (!call->body.isEmpty() && !hasContentType)
        request.setRawHeader("Content-Type", "application/octet-stream");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    // No cookie jar: every request stands alone, as in Botloader.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    QNetworkReply* reply = nullptr;
    if (call->method == "GET" && call->body.isEmpty())
        reply = m_network->get(request);
    else if (call->method == "HEAD")
        reply = m_network->head(request);
    else
        reply = m_network->sendCustomRequest(request, call->method, call->body);

    auto* timeout = new QTimer(reply);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, reply, [reply, call] {
        call->timedOut = true;
        reply->abort();
    });
    timeout->start(m_options.timeoutMs);
    const qint64 cap = m_options.maxResponseBytes;
    connect(reply, &QNetworkReply::downloadProgress, reply,
            [reply, call, cap](qint64 received, qint64 total) {
                if (!call->tooLarge && (received > cap || total > cap)) {
                    call->tooLarge = true;
                    reply->abort();
                }
            });
    const double timeoutSeconds = m_options.timeoutMs / 1000.0;
    connect(reply, &QNetworkReply::finished, this, [reply, call, cap, timeoutSeconds] {
        reply->deleteLater();
        const QString where = call->url.toString();
        if (call->tooLarge) {
            call->reply(failure(QStringLiteral("HttpClient: the response from %1 is larger than the studio's "
                                               "limit of %2 bytes")
                                    .arg(where)
                                    .arg(cap)));
            return;
        }
        if (call->timedOut) {
            call->reply(
                failure(QStringLiteral("error sending request for url (%1): no complete answer within "
                                       "%2 s")
                            .arg(where)
                            .arg(timeoutSeconds)));
            return;
        }
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        const int error = reply->error();
        // HTTP statuses are answers; a connection that failed, or broke off mid-body, is not.
        if (!status.isValid() || (error > 0 && error < 200) || error == QNetworkReply::ProtocolFailure) {
            call->reply(failure(
                QStringLiteral("error sending request for url (%1): %2").arg(where, reply->errorString())));
            return;
        }
        QJsonObject headers;
        for (const auto& [name, value] : reply->rawHeaderPairs())
            headers.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
        const QJsonObject answer{
            {QStringLiteral("statusCode"), status.toInt()},
            {QStringLiteral("headers"), headers},
            {QStringLiteral("bodyBase64"), QString::fromLatin1(reply->readAll().toBase64())}};
        call->reply(OpReply::value(QJsonDocument(answer).toJson(QJsonDocument::Compact)));
    });
}

} // namespace botwright::runtime
