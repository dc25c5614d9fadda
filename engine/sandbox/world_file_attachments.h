#pragma once

#include "engine/sandbox/world.h"

#include <QJsonArray>
#include <QJsonValue>

// The `attachment_files` section of world files (docs/sandbox-world.md): the bytes of the attachments
// that saved messages carry, base64-encoded, so a reloaded world serves the same URLs.
namespace botwright::sandbox {

// Every stored file that a saved (non-ephemeral) message lists, in id order.
QJsonArray saveAttachmentFiles(const World& world);
// Reads the section into `world`'s store; throws WorldFileError naming the bad entry and field.
void loadAttachmentFiles(World& world, const QJsonValue& section);

} // namespace botwright::sandbox
