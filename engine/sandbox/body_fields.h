#pragma once

#include "engine/protocol/snowflake.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>

// Reading REST body fields with Discord's validation errors (400 50035 naming the field). Shared
// by the route files; every function throws ApiError on a bad value.
namespace botwright::sandbox::body {

// Missing or null.
bool absent(const QJsonValue& v);
[[noreturn]] void requiredField(const QString& field);
// A required string, trimmed, of min..max characters.
QString stringField(const QJsonObject& body, const QString& key, int min, int max);
// An optional integer in min..max; `path` names the field in errors when it differs from `key`.
int intField(const QJsonObject& body, const QString& key, int fallback, int min, int max,
             const QString& path = {});
bool boolField(const QJsonObject& body, const QString& key, bool fallback);
// A permission bit set (decimal string or number); 0 when absent.
std::uint64_t bitsField(const QJsonObject& body, const QString& key);
// A snowflake given as a string (or a small number).
std::optional<protocol::Snowflake> snowflakeValue(const QJsonValue& v);
protocol::Snowflake requiredSnowflake(const QJsonObject& body, const QString& key, const QString& path);

} // namespace botwright::sandbox::body
