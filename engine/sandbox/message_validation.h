#pragma once

#include "engine/sandbox/world.h"

#include <QJsonObject>

// Validation of message bodies shared by channel messages, webhooks and interaction responses.
namespace botwright::sandbox {

enum class MessageSource { Channel, Webhook, Interaction };

// Builds a draft from a create body; throws ApiError (50035 naming the field, 50006 when empty).
World::MessageDraft parseMessageCreate(const QJsonObject& body, MessageSource source);
// Builds an edit from a PATCH body (every field optional, null clears).
World::MessageEdit parseMessageEdit(const QJsonObject& body);
// Checks embeds against Discord's limits and forces type "rich".
QJsonArray validateEmbeds(const QJsonArray& embeds, const QString& field);
// Checks action rows / buttons / selects (custom_id, url, counts) and assigns missing ids.
QJsonArray validateComponents(const QJsonArray& components, const QString& field, bool modal);
// Parses a reaction emoji path segment: "👍" or "name:id" (also "a:name:id").
Reaction parseEmojiParam(const World& world, const QString& text);

} // namespace botwright::sandbox
