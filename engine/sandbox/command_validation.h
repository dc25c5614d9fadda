#pragma once

#include <QJsonObject>
#include <QString>

namespace botwright::sandbox {

// Validates an application command body (name rules, description, options, choices) and returns
// the normalised definition the sandbox stores. `path` prefixes error fields ("0" in a bulk PUT).
// Throws ApiError 50035 naming the bad field.
QJsonObject validateCommand(const QJsonObject& body, const QString& path);

} // namespace botwright::sandbox
