#pragma once

#include "engine/protocol/snowflake.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdint>

namespace botwright::sandbox {

// One gateway event produced by a world change, before it is fanned out to sessions. The fields
// besides `type` and `data` say who may receive it (see discord-protocol.md §2.4).
struct Dispatch {
    QString type;     // `t`, e.g. MESSAGE_CREATE
    QJsonObject data; // `d`
    // `d` already serialised (compact JSON), e.g. a recorded frame being replayed; when set, the
    // gateway sends these bytes instead of serialising `data` again.
    QByteArray json;
    protocol::Snowflake guildId = 0;   // shard routing; 0 → shard 0 only
    protocol::Snowflake channelId = 0; // channel-scoped: the bot needs VIEW_CHANNEL here (0 = none)
    std::uint32_t intents = 0;         // any of these intent bits is needed (0 = none needed)
    std::uint64_t permission = 0;      // extra permission the bot needs in channel/guild (0 = none)
    // Message content fields (content, embeds, attachments, components) are blanked for sessions
    // without MESSAGE_CONTENT unless exempt (the bot's own message, a DM, a mention of the bot).
    bool hasContent = false;
    bool contentExempt = false;
    // Member-only events that reach sessions without GUILD_MEMBERS when they concern the bot.
    bool aboutBot = false;
    // Studio-only notifications (a modal opened, autocomplete choices): never sent to sessions.
    bool internal = false;

    // `d` as an object: `data`, or `json` parsed when only the bytes were produced.
    QJsonObject object() const;
};

inline QJsonObject Dispatch::object() const {
    return data.isEmpty() && !json.isEmpty() ? QJsonDocument::fromJson(json).object() : data;
}

} // namespace botwright::sandbox
