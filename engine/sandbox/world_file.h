#pragma once

#include "engine/sandbox/world.h"

#include <QJsonObject>
#include <QString>

#include <stdexcept>

// The documented world file (docs/sandbox-world.md): a JSON object with explicit ids so a test can
// reproduce a guild exactly. saveWorld() writes everything the session changed, messages included.
namespace botwright::sandbox {

struct WorldFileError final : std::runtime_error {
    explicit WorldFileError(const QString& message)
        : std::runtime_error(message.toStdString()) {}
};

inline constexpr auto kWorldFormat = "botwright-sandbox-world";
inline constexpr int kWorldFormatVersion = 1;

// `withFiles` adds the attachments' bytes (`attachment_files`, base64); snapshots leave them out.
QJsonObject saveWorld(const World& world, bool withFiles = false);
// Replaces the world's content. Throws WorldFileError naming the bad field; the world is left
// untouched on error (the file is read into a fresh World first).
void loadWorld(World& world, const QJsonObject& file);
// File helpers: read and parse / write atomically (with the attachments' bytes). Errors say which
// file and why.
void loadWorldFile(World& world, const QString& path);
void saveWorldFile(const World& world, const QString& path);

// The world the sandbox starts with: guild "Sandbox" with a few channels, roles and people
// (alice owns it, bob moderates, carol is a member) and the bot. Ids are fixed, so the bot token
// stays the same from one run to the next.
void populateDefaultWorld(World& world);

} // namespace botwright::sandbox
