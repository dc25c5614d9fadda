#include "engine/pipeline/discord_enums.h"

#include <cstring>
#include <iterator>

namespace botwright::pipeline::detail {

namespace names {
namespace {
// Discord: channel object "Channel Types".
constexpr EnumEntry kChannelType[] = {
    {0, "Text"},           {2, "Voice"},       {4, "Category"},
    {5, "News"},           {10, "NewsThread"}, {11, "PublicThread"},
    {12, "PrivateThread"}, {13, "StageVoice"}, {14, "GuildDirectory"},
    {15, "Forum"},         {16, "Media"},
};
// Discord: message object "Message Types"; names from the SDK's MessageType union.
constexpr EnumEntry kMessageType[] = {
    {0, "Regular"},
    {1, "RecipientAdd"},
    {2, "RecipientRemove"},
    {3, "Call"},
    {4, "ChannelNameChange"},
    {5, "ChannelIconChange"},
    {6, "ChannelMessagePinned"},
    {7, "GuildMemberJoin"},
    {8, "UserPremiumSub"},
    {9, "UserPremiumSubTier1"},
    {10, "UserPremiumSubTier2"},
    {11, "UserPremiumSubTier3"},
    {12, "ChannelFollowAdd"},
    {14, "GuildDiscoveryDisqualified"},
    {15, "GuildDiscoveryRequalified"},
    {16, "GuildDiscoveryGracePeriodInitialWarning"},
    {17, "GuildDiscoveryGracePeriodFinalWarning"},
    {18, "ThreadCreated"},
    {19, "Reply"},
    {20, "ChatInputCommand"},
    {21, "ThreadStarterMessage"},
    {22, "GuildInviteReminder"},
    {23, "ContextMenuCommand"},
    {24, "AutoModerationAction"},
    {25, "RoleSubscriptionPurchase"},
    {26, "InteractionPremiumUpsell"},
    {27, "StageStart"},
    {28, "StageEnd"},
    {29, "StageSpeaker"},
    {31, "StageTopic"},
    {32, "GuildApplicationPremiumSubscription"},
    {36, "GuildIncidentAlertModeEnabled"},
    {37, "GuildIncidentAlertModeDisabled"},
    {38, "GuildIncidentReportRaid"},
    {39, "GuildIncidentReportRaidFalseAlarm"},
    {44, "PurchaseNotification"},
    {46, "PollResult"},
};
constexpr EnumEntry kInteractionType[] = {{1, "Ping"},
                                          {2, "ApplicationCommand"},
                                          {3, "MessageComponent"},
                                          {4, "ApplicationCommandAutocomplete"},
                                          {5, "ModalSubmit"}};
constexpr EnumEntry kPremiumType[] = {{0, "none"}, {1, "nitroClassic"}, {2, "nitro"}, {3, "nitroBasic"}};
constexpr EnumEntry kVideoQualityMode[] = {{1, "Auto"}, {2, "Full"}};
constexpr EnumEntry kOverwriteKind[] = {{0, "Role"}, {1, "Member"}};
constexpr EnumEntry kWebhookKind[] = {{1, "Incoming"}, {2, "ChannelFollower"}, {3, "Application"}};
constexpr EnumEntry kInviteTargetType[] = {{1, "Stream"}, {2, "EmbeddedApplication"}};
constexpr EnumEntry kActivityKind[] = {{1, "Join"}, {2, "Spectate"}, {3, "Listen"}, {5, "JoinRequest"}};
constexpr EnumEntry kPremiumTier[] = {{0, "None"}, {1, "Tier1"}, {2, "Tier2"}, {3, "Tier3"}};
constexpr EnumEntry kMfaLevel[] = {{0, "None"}, {1, "Elevated"}};
constexpr EnumEntry kNsfwLevel[] = {{0, "Default"}, {1, "Explicit"}, {2, "Safe"}, {3, "AgeRestricted"}};
constexpr EnumEntry kVerificationLevel[] = {
    {0, "None"}, {1, "Low"}, {2, "Medium"}, {3, "High"}, {4, "VeryHigh"}};
constexpr EnumEntry kContentFilter[] = {{0, "None"}, {1, "MembersWithoutRole"}, {2, "AllMembers"}};
constexpr EnumEntry kNotificationLevel[] = {{0, "All"}, {1, "Mentions"}};
// Discord: "Component Types". In IComponent every select menu is kind "SelectMenu" (selectType
// tells them apart); ComponentType (interactions) names each one.
constexpr EnumEntry kComponentKind[] = {
    {1, "ActionRow"},  {2, "Button"},        {3, "SelectMenu"},     {4, "TextInput"},  {5, "SelectMenu"},
    {6, "SelectMenu"}, {7, "SelectMenu"},    {8, "SelectMenu"},     {9, "Section"},    {10, "TextDisplay"},
    {11, "Thumbnail"}, {12, "MediaGallery"}, {13, "File"},          {14, "Separator"}, {17, "Container"},
    {18, "Label"},     {19, "FileUpload"},   {22, "CheckboxGroup"}, {23, "Checkbox"},
};
constexpr EnumEntry kComponentType[] = {
    {1, "ActionRow"},
    {2, "Button"},
    {3, "SelectMenu"},
    {4, "TextInput"},
    {5, "UserSelectMenu"},
    {6, "RoleSelectMenu"},
    {7, "MentionableSelectMenu"},
    {8, "ChannelSelectMenu"},
    {9, "Section"},
    {10, "TextDisplay"},
    {11, "Thumbnail"},
    {12, "MediaGallery"},
    {13, "File"},
    {14, "Separator"},
    {17, "Container"},
    {18, "Label"},
    {19, "FileUpload"},
    {22, "CheckboxGroup"},
    {23, "Checkbox"},
};
constexpr EnumEntry kSelectType[] = {
    {3, "Text"}, {5, "User"}, {6, "Role"}, {7, "Mentionable"}, {8, "Channel"}};
constexpr EnumEntry kButtonStyle[] = {{1, "Primary"}, {2, "Secondary"}, {3, "Success"},
                                      {4, "Danger"},  {5, "Link"},      {6, "Premium"}};
constexpr EnumEntry kTextInputStyle[] = {{1, "Short"}, {2, "Paragraph"}};
constexpr EnumEntry kSeparatorSpacing[] = {{1, "Small"}, {2, "Large"}};
constexpr EnumEntry kCommandKind[] = {{1, "Chat"}, {2, "User"}, {3, "Message"}};
// Discord: "Application Command Option Type" (1 and 2 are subcommands and groups).
constexpr EnumEntry kOptionKind[] = {{3, "string"},      {4, "integer"}, {5, "boolean"},
                                     {6, "user"},        {7, "channel"}, {8, "role"},
                                     {9, "mentionable"}, {10, "number"}, {11, "attachment"}};

constexpr FlagEntry kUserFlags[] = {
    {1ull << 0, "staff"},
    {1ull << 1, "partner"},
    {1ull << 2, "hypesquad"},
    {1ull << 3, "bugHunterLevel1"},
    {1ull << 6, "hypesquadOnlineHouse1"},
    {1ull << 7, "hypesquadOnlineHouse2"},
    {1ull << 8, "hypesquadOnlineHouse3"},
    {1ull << 9, "premiumEarlySupporter"},
    {1ull << 10, "teamPseudoUser"},
    {1ull << 14, "bugHunterLevel2"},
    {1ull << 16, "verifiedBot"},
    {1ull << 17, "verifiedDeveloper"},
    {1ull << 18, "certifiedModerator"},
    {1ull << 19, "botHttpInteractions"},
};
constexpr FlagEntry kMessageFlags[] = {
    {1ull << 0, "crossposted"},
    {1ull << 1, "isCrosspost"},
    {1ull << 2, "suppressEmbeds"},
    {1ull << 3, "sourceMessageDeleted"},
    {1ull << 4, "urgent"},
    {1ull << 5, "hasThread"},
    {1ull << 6, "ephemeral"},
    {1ull << 7, "loading"},
    {1ull << 8, "failedToMentionSomeRolesInThread"},
    {1ull << 12, "suppressNotifications"},
    {1ull << 13, "isVoiceMessage"},
    {1ull << 15, "isComponentsV2"},
};
constexpr FlagEntry kSystemChannelFlags[] = {
    {1ull << 0, "suppressJoinNotifications"},
    {1ull << 1, "suppressPremiumSubscriptions"},
    {1ull << 2, "suppressGuildReminderNotifications"},
    {1ull << 3, "suppressJoinNotificationReplies"},
};

template <std::size_t N>
constexpr EnumNames table(const char* what, const EnumEntry (&entries)[N]) {
    return EnumNames{what, entries, static_cast<int>(N)};
}
template <std::size_t N>
constexpr FlagNames flagTable(const char* what, const FlagEntry (&entries)[N]) {
    return FlagNames{what, entries, static_cast<int>(N)};
}
} // namespace

const EnumNames channelType = table("ChannelType", kChannelType);
const EnumNames messageType = table("MessageType", kMessageType);
const EnumNames interactionType = table("InteractionType", kInteractionType);
const EnumNames premiumType = table("PremiumType", kPremiumType);
const EnumNames videoQualityMode = table("VideoQualityMode", kVideoQualityMode);
const EnumNames overwriteKind = table("PermissionOverwriteType", kOverwriteKind);
const EnumNames webhookKind = table("WebhookType", kWebhookKind);
const EnumNames inviteTargetType = table("InviteTargetType", kInviteTargetType);
const EnumNames activityKind = table("MessageActivityType", kActivityKind);
const EnumNames premiumTier = table("PremiumTier", kPremiumTier);
const EnumNames mfaLevel = table("MfaLevel", kMfaLevel);
const EnumNames nsfwLevel = table("NsfwLevel", kNsfwLevel);
const EnumNames verificationLevel = table("VerificationLevel", kVerificationLevel);
const EnumNames contentFilter = table("ExplicitContentFilter", kContentFilter);
const EnumNames notificationLevel = table("DefaultMessageNotificationLevel", kNotificationLevel);
const EnumNames componentKind = table("ComponentKind", kComponentKind);
const EnumNames componentType = table("ComponentType", kComponentType);
const EnumNames selectType = table("SelectMenuType", kSelectType);
const EnumNames buttonStyle = table("ButtonStyle", kButtonStyle);
const EnumNames textInputStyle = table("TextInputStyle", kTextInputStyle);
const EnumNames separatorSpacing = table("SeparatorSpacing", kSeparatorSpacing);
const EnumNames commandKind = table("CommandType", kCommandKind);
const EnumNames optionKind = table("CommandOptionType", kOptionKind);

const FlagNames userFlags = flagTable("UserFlags", kUserFlags);
const FlagNames messageFlags = flagTable("MessageFlags", kMessageFlags);
const FlagNames systemChannelFlags = flagTable("SystemChannelFlags", kSystemChannelFlags);
} // namespace names

const char* componentDefaultValueKind(const char* discordType, std::size_t length) {
    const auto is = [&](const char* text) {
        return std::strlen(text) == length && std::memcmp(text, discordType, length) == 0;
    };
    if (is("user"))
        return "User";
    if (is("role"))
        return "Role";
    if (is("channel"))
        return "Channel";
    return nullptr;
}

} // namespace botwright::pipeline::detail
