#pragma once

#include "engine/protocol/snowflake.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <map>
#include <vector>

// The sandbox's world: plain data, owned by World. Field names follow Discord's objects; ids are
// snowflakes (0 = none). JSON shapes are produced by world_json.h.
namespace botwright::sandbox {

using protocol::Snowflake;

namespace channel_type {
inline constexpr int GuildText = 0;
inline constexpr int Dm = 1;
inline constexpr int GuildVoice = 2;
inline constexpr int GroupDm = 3;
inline constexpr int GuildCategory = 4;
inline constexpr int GuildAnnouncement = 5;
inline constexpr int AnnouncementThread = 10;
inline constexpr int PublicThread = 11;
inline constexpr int PrivateThread = 12;
inline constexpr int GuildStageVoice = 13;
inline constexpr int GuildForum = 15;
inline constexpr int GuildMedia = 16;
inline bool isThread(int type) {
    return type == AnnouncementThread || type == PublicThread || type == PrivateThread;
}
inline bool isTextBased(int type) {
    return type == GuildText || type == Dm || type == GroupDm || type == GuildAnnouncement ||
           isThread(type) || type == GuildVoice || type == GuildStageVoice;
}
} // namespace channel_type

struct User {
    Snowflake id = 0;
    QString username;
    QString globalName;
    QString avatar;
    bool bot = false;
    // Sandbox token: `Authorization: <token>` acts as this user (bots use `Bot <token>`).
    QString token;
};

struct Role {
    Snowflake id = 0;
    QString name;
    std::uint64_t permissions = 0;
    int position = 0;
    int color = 0;
    bool hoist = false;
    bool managed = false;
    bool mentionable = false;
    Snowflake botId = 0; // tags.bot_id for a bot's managed role
    QString unicodeEmoji;
};

struct Overwrite {
    Snowflake id = 0;
    int type = 0; // 0 role, 1 member
    std::uint64_t allow = 0;
    std::uint64_t deny = 0;
};

struct ThreadMember {
    Snowflake userId = 0;
    QDateTime joinTimestamp;
};

struct Channel {
    Snowflake id = 0;
    int type = channel_type::GuildText;
    Snowflake guildId = 0;
    QString name;
    int position = 0;
    Snowflake parentId = 0;
    QString topic;
    bool nsfw = false;
    int rateLimitPerUser = 0;
    int bitrate = 64000;
    int userLimit = 0;
    std::vector<Overwrite> overwrites;
    Snowflake lastMessageId = 0;
    QDateTime lastPinTimestamp;
    // DMs
    std::vector<Snowflake> recipients;
    // threads
    Snowflake ownerId = 0;
    bool archived = false;
    bool locked = false;
    bool invitable = true;
    int autoArchiveDuration = 1440;
    QDateTime archiveTimestamp;
    QDateTime createTimestamp;
    int messageCount = 0;
    int totalMessageSent = 0;
    std::vector<ThreadMember> threadMembers;
};

struct Member {
    Snowflake userId = 0;
    QString nick;
    std::vector<Snowflake> roles;
    QDateTime joinedAt;
    bool deaf = false;
    bool mute = false;
    bool pending = false;
    QDateTime communicationDisabledUntil;
    // Voice: the channel the member is connected to (0: none), its own mute/deafen and session.
    Snowflake voiceChannelId = 0;
    bool selfMute = false;
    bool selfDeaf = false;
    QString voiceSessionId;
};

struct Emoji {
    Snowflake id = 0;
    QString name;
    bool animated = false;
    std::vector<Snowflake> roles;
    Snowflake creatorId = 0;
};

struct Ban {
    Snowflake userId = 0;
    QString reason;
};

struct Guild {
    Snowflake id = 0;
    QString name;
    QString icon;
    QString description;
    Snowflake ownerId = 0;
    Snowflake systemChannelId = 0;
    QString preferredLocale = QStringLiteral("en-US");
    bool unavailable = false; // simulated outage
    std::map<Snowflake, Role> roles;
    std::map<Snowflake, Member> members;
    std::map<Snowflake, Emoji> emojis;
    std::map<Snowflake, Ban> bans;
};

struct Reaction {
    Snowflake emojiId = 0; // 0 = unicode emoji
    QString emojiName;
    bool animated = false;
    std::vector<Snowflake> users; // in the order they reacted
};

struct Message {
    Snowflake id = 0;
    Snowflake channelId = 0;
    Snowflake authorId = 0;  // user id; for webhook messages the webhook id
    Snowflake webhookId = 0; // set for webhook, interaction response and follow-up messages
    QString webhookName;     // author name override for webhook messages
    Snowflake applicationId = 0;
    int type = 0;
    int flags = 0;
    QString content;
    QDateTime timestamp;
    QDateTime editedTimestamp;
    bool tts = false;
    bool pinned = false;
    QDateTime pinnedAt;
    bool mentionEveryone = false;
    std::vector<Snowflake> mentions;
    std::vector<Snowflake> mentionRoles;
    QJsonArray embeds;
    QJsonArray components;
    QJsonArray attachments;
    QJsonObject messageReference;
    Snowflake referencedMessageId = 0;
    QJsonObject interactionMetadata;
    Snowflake threadId = 0;
    QString nonce;
    std::vector<Reaction> reactions;
    Snowflake ephemeralFor = 0; // ephemeral: only this user sees it
};

struct Invite {
    QString code;
    Snowflake guildId = 0;
    Snowflake channelId = 0;
    Snowflake inviterId = 0;
    int maxAge = 86400;
    int maxUses = 0;
    int uses = 0;
    bool temporary = false;
    QDateTime createdAt;
};

struct Webhook {
    Snowflake id = 0;
    int type = 1;
    Snowflake guildId = 0;
    Snowflake channelId = 0;
    Snowflake creatorId = 0;
    QString name;
    QString avatar;
    QString token;
    Snowflake applicationId = 0;
};

struct ApplicationCommand {
    Snowflake id = 0;
    Snowflake guildId = 0; // 0 = global
    Snowflake version = 0;
    QJsonObject definition; // name, type, description, options, … as submitted (normalised)
};

struct Interaction {
    Snowflake id = 0;
    QString token;
    int type = 2;
    Snowflake guildId = 0;
    Snowflake channelId = 0;
    Snowflake userId = 0;
    Snowflake messageId = 0; // component interactions: the message the component is on
    QJsonObject data;
    qint64 deliveredAtMs = 0; // when INTERACTION_CREATE was written (starts the 3 s window)
    int callbackType = 0;     // 0 = not acknowledged yet
    Snowflake responseMessageId = 0;
    bool deferredPlaceholder = false; // a type-5 placeholder not yet filled
    bool ephemeral = false;
    QJsonObject modal;              // last type-9 callback data
    QJsonArray autocompleteChoices; // last type-8 callback choices
};

struct Application {
    Snowflake id = 0;
    QString name;
    QString description;
    std::uint32_t flags = 0;
    // Privileged intents the application is allowed to request (otherwise close 4014).
    std::uint32_t privilegedIntents = 0;
};

} // namespace botwright::sandbox
