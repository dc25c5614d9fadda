#include "engine/rest/rest_error.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace botwright::rest {

namespace {

constexpr qsizetype kMaxPlainMessage = 200;

struct DiscordBody {
    qint64 code = 0;
    QString message;
    QJsonValue errors;
};

DiscordBody parseBody(const QByteArray& body) {
    DiscordBody parsed;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject object = doc.object();
        parsed.code = object.value(QLatin1String("code")).toInteger(0);
        parsed.message = object.value(QLatin1String("message")).toString();
        parsed.errors = object.value(QLatin1String("errors"));
        return parsed;
    }
    QString text = QString::fromUtf8(body).simplified();
    if (text.size() > kMaxPlainMessage)
        text = text.left(kMaxPlainMessage) + QStringLiteral("…");
    parsed.message = text;
    return parsed;
}

RestError coded(const char* hostClass, const char* sdkClass, const DiscordBody& body,
                const QString& tail = {}) {
    return RestError{QLatin1String(hostClass),
                     QStringLiteral("Discord.%1: %2: %3%4")
                         .arg(QLatin1String(sdkClass), QString::number(body.code), body.message, tail)};
}

} // namespace

RestError RestError::fromResponse(int status, const QByteArray& body) {
    if (status >= 200 && status < 300)
        return {};
    const DiscordBody parsed = parseBody(body);
    if (status == 404)
        return coded("DiscordNotFoundError", "NotFoundError", parsed);
    if (status == 403)
        return coded("DiscordPermissionsError", "PermissionsError", parsed);
    if (status >= 400 && status < 500) {
        if (parsed.code >= 30001 && parsed.code <= 40000)
            return coded("DiscordLimitReachedError", "LimitReachedError", parsed);
        if (parsed.code == 50035 && parsed.errors.isObject()) {
            const QByteArray errors = QJsonDocument(parsed.errors.toObject()).toJson(QJsonDocument::Compact);
            return coded("DiscordFormError", "FormError", parsed,
                         QStringLiteral(" - ") + QString::fromUtf8(errors));
        }
        return coded("DiscordGenericErrorResponse", "GenericError", parsed);
    }
    const QString facts = QStringLiteral("http status: %1, code: %2, message: %3")
                              .arg(QString::number(status), QString::number(parsed.code), parsed.message);
    if (status >= 500 && status < 600)
        return RestError{QStringLiteral("DiscordServerErrorResponse"),
                         QStringLiteral("Discord.ServerError: Discord failed handling the request (5xx "
                                        "response), ") +
                             facts};
    return RestError{QStringLiteral("DiscordGenericErrorResponse"),
                     QStringLiteral("Discord.GenericError: An error occurred with the discord API, ") +
                         facts};
}

RestError RestError::network(const QString& what, const QString& route) {
    return RestError{QStringLiteral("Error"),
                     QStringLiteral("Discord API request %1 failed without a response: %2. Check the "
                                    "network connection and the API address.")
                         .arg(route, what)};
}

} // namespace botwright::rest
