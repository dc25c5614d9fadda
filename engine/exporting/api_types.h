#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace botwright::exporting {

// A failed call to Botloader's web API. Botloader answers errors with a JSON body
// `{code, description, extra_data}`; `extra_data` holds `[{field, msg}]` for validation failures
// (code 4). Nothing here ever contains the API key.
struct ApiError {
    int httpStatus = 0;     // 0 when no response arrived
    int code = 0;           // Botloader's error code; 0 when the body was not a Botloader error
    QString description;    // the server's description ("validation failed", "Script not found", …)
    QJsonValue extraData;   // as sent (null when absent)
    QString networkError;   // why no response arrived (timeout, connection refused, …)
    QString rawBody;        // a non-JSON error body, shortened (proxies, axum's own rejections)
    int retries = 0;        // how often the request was sent again before giving up
    bool retryable = false; // a 5xx, a 429 or a network error: trying again later may work

    // "field: msg" for each validation error in extra_data.
    QStringList validationMessages() const;
    // One readable paragraph: what the server said and, for well-known codes, what to do.
    QString message() const;
    // True for validation failures that name `field` with `msg` (e.g. "name", "Name already taken").
    bool hasValidationError(const QString& field, const QString& msg) const;
};

// Botloader's well-known error codes (components/webapi errors.rs).
namespace error_code {
inline constexpr int kSessionExpired = 1;
inline constexpr int kInternalError = 3;
inline constexpr int kValidationFailed = 4;
inline constexpr int kNoActiveGuild = 5;
inline constexpr int kNotGuildAdmin = 6;
inline constexpr int kScriptNotFound = 20;
} // namespace error_code

// One guild script as the API returns it: `{id, name, original_source, enabled, contributes,
// plugin_id, …}`. `json` keeps the whole object.
struct RemoteScript {
    qint64 id = 0;
    QString name;
    QString originalSource;
    bool enabled = true;
    bool isPlugin = false; // plugin_id is set
    QJsonObject json;

    static std::optional<RemoteScript> fromJson(const QJsonObject& object);
    QByteArray sourceBytes() const { return originalSource.toUtf8(); }
};

// One entry of `GET /api/guilds`: `{connected, guild: {id, name, icon, owner, permissions, features}}`.
struct RemoteGuild {
    QString id;
    QString name;
    QString icon;
    bool connected = false; // Botloader's bot is in the guild
    bool owner = false;
    quint64 permissions = 0;
    QJsonObject guild; // the guild object as sent (stored in .botloader/index.json)

    static std::optional<RemoteGuild> fromJson(const QJsonObject& entry);
    // Administrator or Manage Server: what Botloader requires to manage the guild's scripts.
    bool canManageScripts() const;
};

// The generic result of one API call.
template <typename T>
struct ApiResult {
    T value{};
    std::optional<ApiError> error;
    int retries = 0;
    bool ok() const { return !error.has_value(); }
};

} // namespace botwright::exporting
