#pragma once

#include "engine/pipeline/object_reader.h"

#include <vector>

// The writers of every SDK shape, shared by the transform_*.cpp files. Each writes one value at
// the writer's current position (after a key or inside an array) from one Discord value.
namespace botwright::pipeline::detail {

// transform_models.cpp
void writeUser(TransformWriter& t, Element user);
void writeUserMention(TransformWriter& t, Element user); // User + member (PartialMember | null)
void writeMember(TransformWriter& t, Element member);
void writePartialMember(TransformWriter& t, Element member);
void writeRole(TransformWriter& t, Element role);
void writeCustomEmoji(TransformWriter& t, Element emoji);
void writeReactionType(TransformWriter& t, Element emoji); // {animated, id, name} | {unicode}
void writeBan(TransformWriter& t, Element ban);

// transform_guilds.cpp
void writeGuild(TransformWriter& t, Element guild);
void writeInvite(TransformWriter& t, Element invite);
void writeWebhook(TransformWriter& t, Element webhook);

// transform_channels.cpp
void writeChannel(TransformWriter& t, Element channel); // guild channels and threads
void writeThreadMember(TransformWriter& t, Element member);

// transform_messages.cpp
void writeMessage(TransformWriter& t, Element message);
void writeMessageUpdate(TransformWriter& t, Element message); // EventMessageUpdate
void writeAttachment(TransformWriter& t, Element attachment);
void writeEmbed(TransformWriter& t, Element embed);

// transform_components.cpp
void writeComponent(TransformWriter& t, Element component);

// transform_events.cpp: the writer of an SDK event's payload, nullptr for other names.
WriteFn eventWriter(std::string_view sdkEvent);
std::vector<std::string_view> eventShapeNames();

// transformer.cpp: parses a second document (e.g. TransformContext::previousVoiceState) without
// disturbing the one being transformed. False when `json` is empty; fails when it is malformed.
bool auxiliaryDocument(TransformWriter& t, const QByteArray& json, const char* what, Element& out);

// transform_interactions.cpp
void writeCommandInteraction(TransformWriter& t, Element interaction);
void writeComponentInteraction(TransformWriter& t, Element interaction);
void writeModalInteraction(TransformWriter& t, Element interaction);

} // namespace botwright::pipeline::detail
