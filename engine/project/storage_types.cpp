#include "engine/project/storage_types.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace botwright::project {

QJsonObject StorageValue::toOpJson() const {
    if (kind == Kind::Double) {
        return QJsonObject{{QStringLiteral("double"), number}};
    }
    return QJsonObject{{QStringLiteral("json"), json}};
}

std::optional<StorageValue> StorageValue::fromOpJson(const QJsonValue& value, QString* error) {
    const QJsonObject object = value.toObject();
    if (!value.isObject() || object.size() != 1) {
        *error = QStringLiteral("`value` must be {json: any} or {double: number}");
        return std::nullopt;
    }
    if (object.contains(QLatin1String("json"))) {
        const QJsonValue json = object.value(QLatin1String("json"));
        if (json.isUndefined()) {
            *error = QStringLiteral("`value.json` is missing");
            return std::nullopt;
        }
        return fromJson(json);
    }
    const QJsonValue number = object.value(QLatin1String("double"));
    if (!number.isDouble() || std::isnan(number.toDouble())) {
        *error = QStringLiteral("`value` must be {json: any} or {double: number}");
        return std::nullopt;
    }
    return fromDouble(number.toDouble());
}

bool StorageValue::operator==(const StorageValue& other) const {
    if (kind != other.kind) {
        return false;
    }
    return kind == Kind::Double ? number == other.number : json == other.json;
}

QJsonObject StorageEntry::toOpJson() const {
    return QJsonObject{
        {QStringLiteral("pluginId"), pluginId ? QJsonValue(*pluginId) : QJsonValue()},
        {QStringLiteral("bucketName"), bucket},
        {QStringLiteral("key"), key},
        {QStringLiteral("value"), value.toOpJson()},
        {QStringLiteral("expiresAt"), expiresAt ? QJsonValue(static_cast<double>(*expiresAt)) : QJsonValue()},
    };
}

QByteArray serializeJsonValue(const QJsonValue& value) {
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2); // strip the `[` `]`
}

std::optional<QJsonValue> parseJsonValue(const QByteArray& text) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson('[' + text + ']', &parseError);
    if (parseError.error != QJsonParseError::NoError || document.array().size() != 1) {
        return std::nullopt;
    }
    return document.array().at(0);
}

} // namespace botwright::project
