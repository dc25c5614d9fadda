#include "engine/sandbox/api_error.h"

#include <QJsonArray>

namespace botwright::sandbox {

QJsonObject ApiError::body() const {
    QJsonObject o{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!errors.isEmpty())
        o.insert(QStringLiteral("errors"), errors);
    return o;
}

ApiError ApiError::unknown(int jsonCode, const QString& what) {
    return ApiError(404, jsonCode, QStringLiteral("Unknown ") + what);
}
ApiError ApiError::missingAccess() {
    return ApiError(403, 50001, QStringLiteral("Missing Access"));
}
ApiError ApiError::missingPermissions() {
    return ApiError(403, 50013, QStringLiteral("Missing Permissions"));
}
ApiError ApiError::unauthorized() {
    return ApiError(401, 0, QStringLiteral("401: Unauthorized"));
}
ApiError ApiError::notFound() {
    return ApiError(404, 0, QStringLiteral("404: Not Found"));
}
ApiError ApiError::methodNotAllowed() {
    return ApiError(405, 0, QStringLiteral("405: Method Not Allowed"));
}

ApiError ApiError::invalidField(const QString& field, const QString& leafCode, const QString& leafMessage) {
    QJsonObject leaf{
        {QStringLiteral("_errors"), QJsonArray{QJsonObject{{QStringLiteral("code"), leafCode},
                                                           {QStringLiteral("message"), leafMessage}}}}};
    const QStringList path = field.split(u'.');
    QJsonObject tree = leaf;
    for (qsizetype i = path.size() - 1; i >= 0; --i)
        tree = QJsonObject{{path[i], tree}};
    return ApiError(400, 50035, QStringLiteral("Invalid Form Body"), tree);
}

ApiError ApiError::invalidBody(const QString& message) {
    QJsonObject tree{{QStringLiteral("_errors"),
                      QJsonArray{QJsonObject{{QStringLiteral("code"), QStringLiteral("INVALID_REQUEST")},
                                             {QStringLiteral("message"), message}}}}};
    return ApiError(400, 50035, QStringLiteral("Invalid Form Body"), tree);
}

} // namespace botwright::sandbox
