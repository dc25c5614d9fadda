#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace botwright::project {

// Writes a whole file or nothing: the data goes to a temporary file beside the target, which is
// flushed and renamed over the target only when everything was written (QSaveFile). A crash or a
// full disk leaves the previous version intact.
bool writeFileAtomically(const QString& path, const QByteArray& data, QString* error);

// Reads a whole file. On failure returns std::nullopt and sets `error` to "cannot read <path>: <why>".
std::optional<QByteArray> readWholeFile(const QString& path, QString* error);

} // namespace botwright::project
