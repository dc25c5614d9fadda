// Guilds, invites and webhooks (botloader-sdk.md §3.3 "Other model types", §8.10).
#include "engine/pipeline/transform_parts.h"

namespace botwright::pipeline::detail {

namespace {

void writeInviteChannel(TransformWriter& t, Element channel) {
    enum { kId, kName, kType };
    static const FieldTable table{"id", "name", "type"};
    ObjectReader r(t, channel, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeString(kName, "name", Absent::Omit);
    r.writeEnum(kType, "type", names::channelType, Absent::Null); // IInvite keeps `type` here
    t.endObject();
}

void writeInviteGuild(TransformWriter& t, Element guild) {
    enum { kId, kName, kIcon, kBanner, kSplash, kDescription, kFeatures, kBoosts, kVanity, kVerification };
    static const FieldTable table{"id",
                                  "name",
                                  "icon",
                                  "banner",
                                  "splash",
                                  "description",
                                  "features",
                                  "premium_subscription_count",
                                  "vanity_url_code",
                                  "verification_level"};
    ObjectReader r(t, guild, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeStringOr(kName, "name", {});
    r.writeString(kIcon, "icon", Absent::Null);
    r.writeString(kBanner, "banner", Absent::Null);
    r.writeString(kSplash, "splash", Absent::Null);
    r.writeString(kDescription, "description", Absent::Null);
    r.writeStringArray(kFeatures, "features");
    r.writeNumber(kBoosts, "premiumSubscriptionCount", Absent::Null);
    r.writeString(kVanity, "vanityUrlCode", Absent::Null);
    r.writeEnum(kVerification, "verificationLevel", names::verificationLevel, Absent::Null);
    t.endObject();
}

void writeSourceChannel(TransformWriter& t, Element channel) {
    enum { kId, kName };
    static const FieldTable table{"id", "name"};
    ObjectReader r(t, channel, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeStringOr(kName, "name", {});
    t.endObject();
}

void writeSourceGuild(TransformWriter& t, Element guild) {
    enum { kIcon, kId, kName };
    static const FieldTable table{"icon", "id", "name"};
    ObjectReader r(t, guild, table);
    t.beginObject();
    r.writeString(kIcon, "icon", Absent::Null);
    r.writeId(kId, "id", Absent::Required);
    r.writeStringOr(kName, "name", {});
    t.endObject();
}

} // namespace

void writeGuild(TransformWriter& t, Element guild) {
    enum {
        kId,
        kName,
        kIcon,
        kBanner,
        kSplash,
        kDiscoverySplash,
        kDescription,
        kOwnerId,
        kApplicationId,
        kAfkChannelId,
        kAfkTimeout,
        kSystemChannelId,
        kSystemChannelFlags,
        kRulesChannelId,
        kWidgetChannelId,
        kWidgetEnabled,
        kVanityUrlCode,
        kPreferredLocale,
        kFeatures,
        kJoinedAt,
        kMemberCount,
        kMaxMembers,
        kMaxPresences,
        kBoosts,
        kPremiumTier,
        kMfaLevel,
        kNsfwLevel,
        kVerificationLevel,
        kContentFilter,
        kNotifications,
    };
    static const FieldTable table{"id",
                                  "name",
                                  "icon",
                                  "banner",
                                  "splash",
                                  "discovery_splash",
                                  "description",
                                  "owner_id",
                                  "application_id",
                                  "afk_channel_id",
                                  "afk_timeout",
                                  "system_channel_id",
                                  "system_channel_flags",
                                  "rules_channel_id",
                                  "widget_channel_id",
                                  "widget_enabled",
                                  "vanity_url_code",
                                  "preferred_locale",
                                  "features",
                                  "joined_at",
                                  "member_count",
                                  "max_members",
                                  "max_presences",
                                  "premium_subscription_count",
                                  "premium_tier",
                                  "mfa_level",
                                  "nsfw_level",
                                  "verification_level",
                                  "explicit_content_filter",
                                  "default_message_notifications"};
    ObjectReader r(t, guild, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeStringOr(kName, "name", {});
    r.writeString(kIcon, "icon", Absent::Null);
    r.writeString(kBanner, "banner", Absent::Null);
    r.writeString(kSplash, "splash", Absent::Null);
    r.writeString(kDiscoverySplash, "discoverySplash", Absent::Null);
    r.writeString(kDescription, "description", Absent::Null);
    r.writeId(kOwnerId, "ownerId", Absent::Null);
    r.writeId(kApplicationId, "applicationId", Absent::Null);
    r.writeId(kAfkChannelId, "afkChannelId", Absent::Null);
    r.writeNumberOr(kAfkTimeout, "afkTimeout", 0);
    r.writeId(kSystemChannelId, "systemChannelId", Absent::Null);
    if (r.hasValue(kSystemChannelFlags)) {
        r.writeFlags(kSystemChannelFlags, "systemChannelFlags", names::systemChannelFlags, Absent::Null);
    } else {
        t.key("systemChannelFlags");
        writeFlagObject(t, names::systemChannelFlags, 0);
    }
    r.writeId(kRulesChannelId, "rulesChannelId", Absent::Null);
    r.writeId(kWidgetChannelId, "widgetChannelId", Absent::Null);
    r.writeBool(kWidgetEnabled, "widgetEnabled", false);
    r.writeString(kVanityUrlCode, "vanityUrlCode", Absent::Null);
    r.writeStringOr(kPreferredLocale, "preferredLocale", "en-US");
    r.writeStringArray(kFeatures, "features");
    r.writeTime(kJoinedAt, "joinedAt", Absent::Null);
    r.writeNumber(kMemberCount, "memberCount", Absent::Null);
    r.writeNumber(kMaxMembers, "maxMembers", Absent::Null);
    r.writeNumber(kMaxPresences, "maxPresences", Absent::Null);
    r.writeNumber(kBoosts, "premiumSubscriptionCount", Absent::Null);
    r.writeEnum(kPremiumTier, "premiumTier", names::premiumTier, Absent::Null);
    r.writeEnum(kMfaLevel, "mfaLevel", names::mfaLevel, Absent::Null);
    r.writeEnum(kNsfwLevel, "nsfwLevel", names::nsfwLevel, Absent::Null);
    r.writeEnum(kVerificationLevel, "verificationLevel", names::verificationLevel, Absent::Null);
    r.writeEnum(kContentFilter, "explicitContentFilter", names::contentFilter, Absent::Null);
    r.writeEnum(kNotifications, "defaultMessageNotifications", names::notificationLevel, Absent::Null);
    t.endObject();
}

void writeInvite(TransformWriter& t, Element invite) {
    enum {
        kCode,
        kChannel,
        kGuild,
        kInviter,
        kTargetUser,
        kTargetType,
        kMemberCount,
        kPresenceCount,
        kCreatedAt,
        kExpiresAt,
        kMaxAge,
        kMaxUses,
        kUses,
        kTemporary,
    };
    static const FieldTable table{"code",
                                  "channel",
                                  "guild",
                                  "inviter",
                                  "target_user",
                                  "target_type",
                                  "approximate_member_count",
                                  "approximate_presence_count",
                                  "created_at",
                                  "expires_at",
                                  "max_age",
                                  "max_uses",
                                  "uses",
                                  "temporary"};
    ObjectReader r(t, invite, table);
    t.beginObject();
    r.writeString(kCode, "code", Absent::Required);
    r.writeObject(kChannel, "channel", writeInviteChannel, Absent::Null);
    r.writeObject(kGuild, "guild", writeInviteGuild, Absent::Omit);
    r.writeObject(kInviter, "inviter", writeUser, Absent::Omit);
    r.writeObject(kTargetUser, "targetUser", writeUser, Absent::Omit);
    r.writeEnum(kTargetType, "targetType", names::inviteTargetType, Absent::Omit);
    r.writeNumber(kMemberCount, "approximateMemberCount", Absent::Omit);
    r.writeNumber(kPresenceCount, "approximatePresenceCount", Absent::Omit);
    r.writeTime(kCreatedAt, "createdAt", Absent::Omit);
    r.writeTime(kExpiresAt, "expiresAt", Absent::Omit);
    r.writeNumber(kMaxAge, "maxAgeSeconds", Absent::Omit);
    r.writeNumber(kMaxUses, "maxUses", Absent::Omit);
    r.writeNumber(kUses, "uses", Absent::Omit);
    r.writeBool(kTemporary, "temporary", Absent::Omit);
    t.endObject();
}

void writeWebhook(TransformWriter& t, Element webhook) {
    enum {
        kId,
        kApplicationId,
        kAvatar,
        kChannelId,
        kGuildId,
        kType,
        kName,
        kSourceChannel,
        kSourceGuild,
        kToken,
        kUrl,
        kUser,
    };
    static const FieldTable table{"id",   "application_id", "avatar",       "channel_id", "guild_id", "type",
                                  "name", "source_channel", "source_guild", "token",      "url",      "user"};
    ObjectReader r(t, webhook, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeId(kApplicationId, "applicationId", Absent::Null);
    r.writeString(kAvatar, "avatar", Absent::Null);
    r.writeId(kChannelId, "channelId", Absent::Null);
    r.writeId(kGuildId, "guildId", Absent::Null);
    r.writeEnum(kType, "kind", names::webhookKind, Absent::Null, "Unknown");
    r.writeString(kName, "name", Absent::Null);
    r.writeObject(kSourceChannel, "sourceChannel", writeSourceChannel, Absent::Null);
    r.writeObject(kSourceGuild, "sourceGuild", writeSourceGuild, Absent::Null);
    r.writeString(kToken, "token", Absent::Null);
    r.writeString(kUrl, "url", Absent::Null);
    r.writeObject(kUser, "user", writeUser, Absent::Null);
    t.endObject();
}

} // namespace botwright::pipeline::detail
