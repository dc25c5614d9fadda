#include "engine/sandbox/body_fields.h"

#include "engine/protocol/permissions.h"
#include "engine/sandbox/api_error.h"

#include <cmath>

namespace botwright::sandbox::body {

using protocol::Snowflake;
namespace perm = protocol::permission;

bool absent(const QJsonValue& v) {
    return v.isUndefined() || v.isNull();
}

[[noreturn]] void requiredField(const QString& field) {
    throw ApiError::invalidField(field, QStringLiteral("BASE_TYPE_REQUIRED"),
                                 QStringLiteral("This field is required"));
}

QString stringField(const QJsonObject& body, const QString& key, int min, int max) {
    const QJsonValue v = body.value(key);
    if (!v.isString())
        requiredField(key);
    const QString text = v.toString().trimmed();
    if (text.size() < min || text.size() > max)
        throw ApiError::invalidField(
            key, QStringLiteral("BASE_TYPE_BAD_LENGTH"),
            QStringLiteral("Must be between %1 and %2 in length.").arg(min).arg(max));
    return text;
}

int intField(const QJsonObject& body, const QString& key, int fallback, int min, int max,
             const QString& path) {
    const QJsonValue v = body.value(key);
    const QString field = path.isEmpty() ? key : path;
    if (absent(v))
        return fallback;
    if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()))
        throw ApiError::invalidField(field, QStringLiteral("NUMBER_TYPE_COERCE"),
                                     QStringLiteral("Value is not int."));
    if (v.toDouble() < min || v.toDouble() > max)
        throw ApiError::invalidField(
            field, v.toDouble() < min ? QStringLiteral("NUMBER_TYPE_MIN") : QStringLiteral("NUMBER_TYPE_MAX"),
            QStringLiteral("Int value should be between %1 and %2.").arg(min).arg(max));
    return v.toInt();
}

bool boolField(const QJsonObject& body, const QString& key, bool fallback) {
    const QJsonValue v = body.value(key);
    if (absent(v))
        return fallback;
    if (!v.isBool())
        throw ApiError::invalidField(key, QStringLiteral("BASE_TYPE_BOOLEAN"),
                                     QStringLiteral("Must be either true or false."));
    return v.toBool();
}

std::uint64_t bitsField(const QJsonObject& body, const QString& key) {
    const QJsonValue v = body.value(key);
    if (absent(v))
        return 0;
    const auto bits = v.isString()                        ? protocol::parseSnowflake(v.toString())
                      : v.isDouble() && v.toDouble() >= 0 ? std::optional<std::uint64_t>(v.toInteger())
                                                          : std::nullopt;
    if (!bits)
        throw ApiError::invalidField(key, QStringLiteral("NUMBER_TYPE_COERCE"),
                                     QStringLiteral("Value is not a valid permission set."));
    return *bits & perm::All;
}

std::optional<Snowflake> snowflakeValue(const QJsonValue& v) {
    if (v.isString())
        return protocol::parseSnowflake(v.toString());
    if (v.isDouble() && v.toDouble() >= 0)
        return static_cast<Snowflake>(v.toInteger());
    return std::nullopt;
}

Snowflake requiredSnowflake(const QJsonObject& body, const QString& key, const QString& path) {
    const auto id = snowflakeValue(body.value(key));
    if (!id)
        throw ApiError::invalidField(path, QStringLiteral("NUMBER_TYPE_COERCE"),
                                     QStringLiteral("Value is not snowflake."));
    return *id;
}

} // namespace botwright::sandbox::body
