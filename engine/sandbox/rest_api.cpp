#include "engine/sandbox/rest_api.h"

#include "engine/sandbox/api_error.h"
#include "engine/sandbox/interaction_webhooks.h"
#include "engine/sandbox/message_uploads.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>

namespace botwright::sandbox {

RestApi::RestApi(World& world, const SandboxOptions& options, FaultSettings& faults)
    : m_world(world)
    , m_options(options)
    , m_faults(faults) {
    addCoreRoutes(m_router);
    addMessageRoutes(m_router);
    addChannelRoutes(m_router);
    addGuildRoutes(m_router);
    addWebhookRoutes(m_router);
    addInteractionRoutes(m_router);
}

RestResponse RestApi::handle(const QByteArray& method, const QString& fullPath, RestRequest request) {
    ++m_served;
    if (std::optional<RestResponse> file = serveAttachment(m_world, method, fullPath))
        return *file;
    static const QRegularExpression prefix(QStringLiteral("^/api(?:/v(\\d+))?(/.*)?$"));
    const QRegularExpressionMatch m = prefix.match(fullPath);
    request.method = method;
    if (!m.hasMatch() ||
        (m.hasCaptured(1) && m.captured(1) != QStringLiteral("10") && m.captured(1) != QStringLiteral("9")))
        return RestResponse::json(ApiError::notFound().body(), 404);
    request.path = m.captured(2).isEmpty() ? QStringLiteral("/") : m.captured(2);
    try {
        return route(request);
    } catch (const ApiError& e) {
        return RestResponse::json(e.body(), e.httpStatus);
    } catch (const std::exception& e) {
        return RestResponse::json(
            QJsonObject{{QStringLiteral("code"), 0},
                        {QStringLiteral("message"),
                         QStringLiteral("500: Internal Server Error (%1)").arg(QString::fromUtf8(e.what()))}},
            500);
    }
}

RestResponse RestApi::route(RestRequest& request) {
    const RestRouter::Match match = m_router.match(request.method, request.path);
    if (!match.route)
        throw match.pathKnown ? ApiError::methodNotAllowed() : ApiError::notFound();
    const RestRouter::Route& route = *match.route;

    RestContext ctx(m_world, request);
    ctx.params = match.params;
    ctx.publicBaseUrl = m_publicBaseUrl;
    ctx.options = &m_options;
    if (route.auth != RestAuth::None) {
        const QString auth = QString::fromUtf8(request.header("authorization")).trimmed();
        if (auth.isEmpty())
            throw ApiError::unauthorized();
        const bool botForm = auth.startsWith(QStringLiteral("Bot "));
        User* user = m_world.userByToken(botForm ? auth.mid(4).trimmed() : auth);
        // Bots authenticate with "Bot <token>", simulated people with their bare token.
        if (!user || user->bot != botForm)
            throw ApiError::unauthorized();
        ctx.actor = user;
        ctx.actorIsBot = user->bot;
        if (route.auth == RestAuth::BotOnly && !user->bot)
            throw ApiError(403, 20002, QStringLiteral("Only bots can use this endpoint"));
    }

    if (m_faults.restFailuresLeft > 0 && m_faults.restFailureStatus >= 400) {
        --m_faults.restFailuresLeft;
        const int status = m_faults.restFailureStatus;
        if (status == 429) {
            RestResponse r = RestResponse::json(
                QJsonObject{{QStringLiteral("message"), QStringLiteral("You are being rate limited.")},
                            {QStringLiteral("retry_after"), 0.25},
                            {QStringLiteral("global"), false}},
                429);
            r.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("0.250")});
            r.headers.append({QByteArrayLiteral("X-RateLimit-Scope"), QByteArrayLiteral("user")});
            r.headers.append({QByteArrayLiteral("X-RateLimit-Limit"), QByteArrayLiteral("1")});
            r.headers.append({QByteArrayLiteral("X-RateLimit-Remaining"), QByteArrayLiteral("0")});
            r.headers.append({QByteArrayLiteral("X-RateLimit-Reset-After"), QByteArrayLiteral("0.250")});
            r.headers.append({QByteArrayLiteral("X-RateLimit-Bucket"), QByteArrayLiteral("sandbox-fault")});
            return r;
        }
        return RestResponse::json(QJsonObject{{QStringLiteral("code"), 0},
                                              {QStringLiteral("message"),
                                               QStringLiteral("%1: Sandbox fault injection").arg(status)}},
                                  status);
    }

    QList<QPair<QByteArray, QByteArray>> limitHeaders;
    // Interaction callbacks and follow-ups are exempt from rate limits, as on Discord.
    const bool exempt = route.pattern.startsWith(QStringLiteral("/interactions/")) ||
                        (route.pattern.startsWith(QStringLiteral("/webhooks/{webhook_id}/{webhook_token}")) &&
                         isInteractionWebhook(ctx));
    if (m_options.rateLimitsEnabled && !exempt) {
        m_limiter.configure(m_options.bucketLimit, m_options.bucketWindowMs, m_options.globalLimitPerSecond);
        QString major;
        for (const char* name : {"channel_id", "guild_id", "webhook_id"})
            if (ctx.params.contains(QLatin1String(name))) {
                major = ctx.params.value(QLatin1String(name));
                if (QLatin1String(name) == QLatin1String("webhook_id"))
                    major += u'/' + ctx.params.value(QStringLiteral("webhook_token"));
                break;
            }
        const QString actor = ctx.actor ? QString::number(ctx.actor->id) : QStringLiteral("anonymous");
        const RateLimiter::Verdict verdict =
            m_limiter.check(QString::fromLatin1(request.method) + u' ' + route.pattern, major, actor,
                            QDateTime::currentMSecsSinceEpoch());
        if (!verdict.allowed) {
            RestResponse r = RestResponse::json(
                QJsonObject{{QStringLiteral("message"), QStringLiteral("You are being rate limited.")},
                            {QStringLiteral("retry_after"), verdict.retryAfterSeconds},
                            {QStringLiteral("global"), verdict.global}},
                429);
            r.headers.append(verdict.headers);
            return r;
        }
        limitHeaders = verdict.headers;
    }
    if (request.header("content-type").trimmed().toLower().startsWith("multipart/"))
        readMultipart(request, ctx.uploads, m_options);
    RestResponse response = route.handler(ctx);
    response.headers.append(limitHeaders);
    return response;
}

} // namespace botwright::sandbox
