#pragma once

#include <QJsonObject>
#include <QString>

#include <stdexcept>

namespace botwright::sandbox {

// A Discord API error: HTTP status, JSON error code, message and optional `errors` tree. World
// operations and REST handlers throw it; the REST server turns it into Discord's error body.
struct ApiError final : std::exception {
    int httpStatus = 400;
    int code = 0;
    QString message;
    QJsonObject errors;

    ApiError(int status, int jsonCode, QString text, QJsonObject errorTree = {})
        : httpStatus(status)
        , code(jsonCode)
        , message(std::move(text))
        , errors(std::move(errorTree)) {}
    const char* what() const noexcept override { return "Discord API error"; }

    QJsonObject body() const;

    static ApiError unknown(int jsonCode, const QString& what); // 404 "Unknown <what>"
    static ApiError missingAccess();                            // 403 50001
    static ApiError missingPermissions();                       // 403 50013
    static ApiError unauthorized();                             // 401 0
    static ApiError notFound();                                 // 404 0
    static ApiError methodNotAllowed();                         // 405 0
    // 400 50035 with `errors` naming `field` (a dotted path: "embeds.0.title").
    static ApiError invalidField(const QString& field, const QString& leafCode, const QString& leafMessage);
    static ApiError invalidBody(const QString& message); // 400 50035 with a request-wide _errors entry
};

} // namespace botwright::sandbox
