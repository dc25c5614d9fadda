#pragma once

#include "engine/sandbox/world.h"

#include <QJsonObject>

// Discord JSON shapes for world entities (discord-protocol.md §2.3 lists what libraries need).
namespace botwright::sandbox::json {

QString isoTime(const QDateTime& time); // 2024-01-01T12:00:00.000000+00:00; null time → ""
QJsonValue isoTimeOrNull(const QDateTime& time);
QJsonValue idOrNull(Snowflake id);
QJsonValue stringOrNull(const QString& text);
QString id(Snowflake id);

QJsonObject user(const User& user);
QJsonObject role(const Role& role);
QJsonObject emoji(const Emoji& emoji);
QJsonObject reactionEmoji(const Reaction& reaction);
QJsonObject member(const World& world, Snowflake guildId, const Member& member, bool withUser);
QJsonObject channel(const World& world, const Channel& channel);
QJsonObject threadMember(Snowflake threadId, const ThreadMember& member);
// A member's voice state; `forGateway` adds guild_id and member (GUILD_CREATE's voice_states have neither).
QJsonObject voiceState(const World& world, Snowflake guildId, const Member& member, bool forGateway);
// A guild as REST returns it (roles, emojis, settings).
QJsonObject guild(const World& world, const Guild& guild);
// A guild as GUILD_CREATE carries it: + channels, threads, members, presences, voice states, ….
QJsonObject guildCreate(const World& world, const Guild& guild);
// A message. `viewerId` decides reactions[].me; `forGateway` adds guild_id, member and channel_type.
QJsonObject message(const World& world, const Message& message, Snowflake viewerId, bool forGateway);
// The same message as compact JSON bytes, written directly (the gateway's hot path).
QByteArray messageBytes(const World& world, const Message& message, Snowflake viewerId, bool forGateway);
QJsonObject invite(const World& world, const Invite& invite, bool withMetadata);
QJsonObject webhook(const World& world, const Webhook& webhook, bool withUser);
QJsonObject command(const World& world, const ApplicationCommand& command);
QJsonObject application(const World& world);

} // namespace botwright::sandbox::json
