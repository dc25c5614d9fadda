#include "engine/sandbox/rest_types.h"

#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"

#include <QJsonDocument>

namespace botwright::sandbox {

RestResponse RestResponse::json(const QJsonValue& value, int status) {
    RestResponse r;
    r.status = status;
    r.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                             : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    return r;
}

RestResponse RestResponse::noContent() {
    RestResponse r;
    r.status = 204;
    return r;
}

Snowflake RestContext::id(const QString& name) const {
    const auto parsed = protocol::parseSnowflake(params.value(name));
    if (!parsed)
        throw ApiError::notFound();
    return *parsed;
}

QJsonDocument RestContext::parsedBody() const {
    const QByteArray contentType = request.header("content-type").toLower();
    if (!contentType.startsWith("application/json"))
        throw ApiError(400, 50035, QStringLiteral("Invalid Form Body"),
                       QJsonObject{{QStringLiteral("_errors"),
                                    QJsonArray{QJsonObject{
                                        {QStringLiteral("code"), QStringLiteral("CONTENT_TYPE_INVALID")},
                                        {QStringLiteral("message"),
                                         QStringLiteral("Expected \"Content-Type\" header to be one of "
                                                        "{'application/json', 'multipart/form-data'}.")}}}}});
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError(400, 50109, QStringLiteral("The request body contains invalid JSON."));
    return doc;
}

QJsonObject RestContext::bodyObject() const {
    if (!hasBody())
        return {};
    const QJsonDocument doc = parsedBody();
    if (!doc.isObject())
        throw ApiError::invalidBody(QStringLiteral("Expected an object."));
    return doc.object();
}

QJsonArray RestContext::bodyArray() const {
    const QJsonDocument doc = parsedBody();
    if (!doc.isArray())
        throw ApiError::invalidBody(QStringLiteral("Expected an array."));
    return doc.array();
}

int RestContext::queryInt(const QString& name, int fallback, int min, int max) const {
    if (!request.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int value = request.query.queryItemValue(name).toInt(&ok);
    if (!ok)
        throw ApiError::invalidField(
            name, QStringLiteral("NUMBER_TYPE_COERCE"),
            QStringLiteral("Value \"%1\" is not int.").arg(request.query.queryItemValue(name)));
    if (value < min || value > max)
        throw ApiError::invalidField(
            name, QStringLiteral("NUMBER_TYPE_MIN"),
            QStringLiteral("Int value should be between %1 and %2.").arg(min).arg(max));
    return value;
}

std::optional<Snowflake> RestContext::querySnowflake(const QString& name) const {
    if (!request.query.hasQueryItem(name))
        return std::nullopt;
    const QString text = request.query.queryItemValue(name);
    const auto parsed = protocol::parseSnowflake(text);
    if (!parsed)
        throw ApiError::invalidField(name, QStringLiteral("NUMBER_TYPE_COERCE"),
                                     QStringLiteral("Value \"%1\" is not snowflake.").arg(text));
    return parsed;
}

bool RestContext::queryBool(const QString& name, bool fallback) const {
    if (!request.query.hasQueryItem(name))
        return fallback;
    const QString v = request.query.queryItemValue(name).toLower();
    if (v == QStringLiteral("true") || v == QStringLiteral("1"))
        return true;
    if (v == QStringLiteral("false") || v == QStringLiteral("0"))
        return false;
    throw ApiError::invalidField(name, QStringLiteral("BOOLEAN_TYPE_COERCE"),
                                 QStringLiteral("Value \"%1\" is not a valid boolean.").arg(v));
}

void RestContext::requireChannelPermission(Snowflake channelId, std::uint64_t bits) const {
    world.requireChannel(channelId);
    const std::uint64_t have = world.channelPermissions(channelId, actorId());
    if (!(have & protocol::permission::ViewChannel))
        throw ApiError::missingAccess();
    if ((have & bits) != bits)
        throw ApiError::missingPermissions();
}

void RestContext::requireGuildPermission(Snowflake guildId, std::uint64_t bits) const {
    requireGuildAccess(guildId);
    if ((world.basePermissions(guildId, actorId()) & bits) != bits)
        throw ApiError::missingPermissions();
}

Guild& RestContext::requireGuildAccess(Snowflake guildId) const {
    Guild& g = world.requireGuild(guildId);
    if (!world.member(guildId, actorId()))
        throw ApiError::missingAccess();
    return g;
}

Channel& RestContext::requireChannelAccess(Snowflake channelId) const {
    Channel& c = world.requireChannel(channelId);
    if (!world.canSeeChannel(channelId, actorId()))
        throw ApiError::missingAccess();
    return c;
}

} // namespace botwright::sandbox
