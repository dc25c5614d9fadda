#pragma once

#include <cstddef>
#include <cstdint>

// Discord's numeric enums and bit fields with the names the SDK uses for them
// (botloader-sdk.md §3.3, §4.7, §9.3). A value without a name is passed on as its number.
namespace botwright::pipeline::detail {

struct EnumEntry {
    std::int64_t value;
    const char* name;
};

struct EnumNames {
    const char* what; // for errors and traces: "ChannelType"
    const EnumEntry* entries;
    int count;
    // nullptr when `value` has no name.
    const char* nameOf(std::int64_t value) const {
        for (int i = 0; i < count; ++i)
            if (entries[i].value == value)
                return entries[i].name;
        return nullptr;
    }
};

struct FlagEntry {
    std::uint64_t bit;
    const char* name;
};

struct FlagNames {
    const char* what;
    const FlagEntry* entries;
    int count;
};

namespace names {
extern const EnumNames channelType;      // 0 → "Text", 11 → "PublicThread", …
extern const EnumNames messageType;      // 0 → "Regular", 19 → "Reply", …
extern const EnumNames interactionType;  // 2 → "ApplicationCommand", …
extern const EnumNames premiumType;      // 0 → "none", 2 → "nitro", …
extern const EnumNames videoQualityMode; // 1 → "Auto", 2 → "Full"
extern const EnumNames overwriteKind;    // 0 → "Role", 1 → "Member"
extern const EnumNames webhookKind;      // 1 → "Incoming", 2 → "ChannelFollower", 3 → "Application"
extern const EnumNames inviteTargetType; // 1 → "Stream", 2 → "EmbeddedApplication"
extern const EnumNames activityKind; // 1 → "Join", 2 → "Spectate", 3 → "Listen", 5 → "JoinRequest"
extern const EnumNames premiumTier;  // 0 → "None" … 3 → "Tier3"
extern const EnumNames mfaLevel;     // "None", "Elevated"
extern const EnumNames nsfwLevel;    // "Default", "Explicit", "Safe", "AgeRestricted"
extern const EnumNames verificationLevel; // "None" … "VeryHigh"
extern const EnumNames contentFilter;     // "None", "MembersWithoutRole", "AllMembers"
extern const EnumNames notificationLevel; // "All", "Mentions"
extern const EnumNames componentKind;     // IComponent.kind: every select menu is "SelectMenu"
extern const EnumNames componentType;     // ComponentType: "UserSelectMenu", … kept apart
extern const EnumNames selectType; // 3 → "Text", 5 → "User", 6 → "Role", 7 → "Mentionable", 8 → "Channel"
extern const EnumNames buttonStyle;      // 1 → "Primary" … 6 → "Premium"
extern const EnumNames textInputStyle;   // 1 → "Short", 2 → "Paragraph"
extern const EnumNames separatorSpacing; // 1 → "Small", 2 → "Large"
extern const EnumNames commandKind;      // 1 → "Chat", 2 → "User", 3 → "Message"
extern const EnumNames optionKind;       // 3 → "string", 4 → "integer", … (CommandInteraction options)

extern const FlagNames userFlags;          // publicFlags: staff, partner, hypesquad, …
extern const FlagNames messageFlags;       // crossposted, isCrosspost, suppressEmbeds, …
extern const FlagNames systemChannelFlags; // suppressJoinNotifications, …
} // namespace names

// A select menu's default value type ("user", "role", "channel") as the SDK writes it ("User", …);
// nullptr when unknown.
const char* componentDefaultValueKind(const char* discordType, std::size_t length);

} // namespace botwright::pipeline::detail
