// Users, members, roles, emojis and bans: the shapes of botloader-sdk.md §3.3.
#include "engine/pipeline/transform_parts.h"

namespace botwright::pipeline::detail {

namespace {

// ---- User (+ UserMention, which adds `member`) ----
enum UserField {
    kUserId,
    kUserName,
    kUserDiscriminator,
    kUserGlobalName,
    kUserAvatar,
    kUserBanner,
    kUserAccentColor,
    kUserBot,
    kUserSystem,
    kUserLocale,
    kUserPremiumType,
    kUserPublicFlags,
    kUserPrimaryGuild,
    kUserMember, // mentions only
};
#define BOTWRIGHT_USER_KEYS                                                                                  \
    "id", "username", "discriminator", "global_name", "avatar", "banner", "accent_color", "bot", "system",   \
        "locale", "premium_type", "public_flags", "primary_guild"

void writePrimaryGuild(TransformWriter& t, Element value) {
    enum { kGuildId, kEnabled, kTag, kBadge };
    static const FieldTable table{"identity_guild_id", "identity_enabled", "tag", "badge"};
    ObjectReader r(t, value, table);
    t.beginObject();
    r.writeId(kGuildId, "identityGuildId", Absent::Null);
    r.writeBool(kEnabled, "identityEnabled", Absent::Null);
    r.writeString(kTag, "tag", Absent::Null);
    r.writeString(kBadge, "badge", Absent::Null);
    t.endObject();
}

void writeUserFields(ObjectReader& r) {
    r.writeId(kUserId, "id", Absent::Required);
    r.writeStringOr(kUserName, "username", {});
    r.writeStringOr(kUserDiscriminator, "discriminator", "0");
    r.writeString(kUserGlobalName, "globalName", Absent::Null);
    r.writeString(kUserAvatar, "avatar", Absent::Null);
    r.writeBool(kUserBot, "bot", false);
    r.writeFlags(kUserPublicFlags, "publicFlags", names::userFlags, Absent::Null);
    // Gateway users rarely carry these: usually one literal run of nulls.
    if (r.writeAbsentRun(bits(kUserBanner, kUserAccentColor, kUserSystem, kUserLocale, kUserPremiumType,
                              kUserPrimaryGuild),
                         R"("banner":null,"accentColor":null,"system":null,"locale":null,)"
                         R"("premiumType":null,"primaryGuild":null)"))
        return;
    r.writeString(kUserBanner, "banner", Absent::Null);
    r.writeNumber(kUserAccentColor, "accentColor", Absent::Null);
    r.writeBool(kUserSystem, "system", Absent::Null);
    r.writeString(kUserLocale, "locale", Absent::Null);
    r.writeEnum(kUserPremiumType, "premiumType", names::premiumType, Absent::Null);
    r.writeObject(kUserPrimaryGuild, "primaryGuild", writePrimaryGuild, Absent::Null);
}

// ---- members ----
enum MemberField {
    kMemberUser,
    kMemberNick,
    kMemberRoles,
    kMemberJoinedAt,
    kMemberPremiumSince,
    kMemberTimeout,
    kMemberDeaf,
    kMemberMute,
    kMemberPending,
};

void writeMemberCore(ObjectReader& r) {
    r.writeString(kMemberNick, "nick", Absent::Null);
    r.writeStringArray(kMemberRoles, "roles");
    r.writeTime(kMemberJoinedAt, "joinedAt", Absent::Null);
    r.writeBool(kMemberDeaf, "deaf", false);
    r.writeBool(kMemberMute, "mute", false);
    if (r.writeAbsentRun(bits(kMemberPremiumSince, kMemberTimeout),
                         R"("premiumSince":null,"communicationDisabledUntil":null)"))
        return;
    r.writeTime(kMemberPremiumSince, "premiumSince", Absent::Null);
    r.writeTime(kMemberTimeout, "communicationDisabledUntil", Absent::Null);
}

// ---- roles ----
void writeRoleColors(TransformWriter& t, Element value) {
    enum { kPrimary, kSecondary, kTertiary };
    static const FieldTable table{"primary_color", "secondary_color", "tertiary_color"};
    ObjectReader r(t, value, table);
    t.beginObject();
    r.writeNumberOr(kPrimary, "primaryColor", 0);
    r.writeNumber(kSecondary, "secondaryColor", Absent::Null);
    r.writeNumber(kTertiary, "tertiaryColor", Absent::Null);
    t.endObject();
}

void writeRoleTags(TransformWriter& t, Element value) {
    enum { kBotId, kIntegrationId, kPremiumSubscriber };
    static const FieldTable table{"bot_id", "integration_id", "premium_subscriber"};
    ObjectReader r(t, value, table);
    t.beginObject();
    r.writeId(kBotId, "botId", Absent::Null);
    r.writeId(kIntegrationId, "integrationId", Absent::Null);
    // Discord marks the booster role with `"premium_subscriber": null`: the key's presence is the flag.
    r.key(kPremiumSubscriber, "premiumSubscriber");
    t.boolean(r.has(kPremiumSubscriber));
    if (t.tracing() && r.has(kPremiumSubscriber))
        t.traceConverted("premium_subscriber", r[kPremiumSubscriber],
                         QStringLiteral("true (the key is present)"));
    t.endObject();
}

} // namespace

void writeUser(TransformWriter& t, Element user) {
    static const FieldTable table{BOTWRIGHT_USER_KEYS};
    ObjectReader r(t, user, table);
    t.beginObject();
    writeUserFields(r);
    t.endObject();
}

void writeUserMention(TransformWriter& t, Element user) {
    static const FieldTable table{BOTWRIGHT_USER_KEYS, "member"};
    ObjectReader r(t, user, table);
    t.beginObject();
    writeUserFields(r);
    r.writeObject(kUserMember, "member", writePartialMember, Absent::Null);
    t.endObject();
}

void writeMember(TransformWriter& t, Element member) {
    static const FieldTable table{"user",      "nick",          "roles",
                                  "joined_at", "premium_since", "communication_disabled_until",
                                  "deaf",      "mute",          "pending"};
    ObjectReader r(t, member, table);
    t.beginObject();
    r.writeObject(kMemberUser, "user", writeUser, Absent::Required);
    writeMemberCore(r);
    r.writeBool(kMemberPending, "pending", false);
    t.endObject();
}

void writePartialMember(TransformWriter& t, Element member) {
    // The same numbering as a full member; `user` and `pending` are not part of a PartialMember.
    static const FieldTable table{
        "", "nick", "roles", "joined_at", "premium_since", "communication_disabled_until", "deaf", "mute"};
    ObjectReader r(t, member, table);
    t.beginObject();
    writeMemberCore(r);
    t.endObject();
}

void writeRole(TransformWriter& t, Element role) {
    enum {
        kId,
        kName,
        kColor,
        kColors,
        kHoist,
        kManaged,
        kMentionable,
        kIcon,
        kUnicodeEmoji,
        kPermissions,
        kPosition,
        kTags,
    };
    static const FieldTable table{"id",       "name",        "color", "colors",        "hoist",
                                  "managed",  "mentionable", "icon",  "unicode_emoji", "permissions",
                                  "position", "tags"};
    ObjectReader r(t, role, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeStringOr(kName, "name", {});
    r.writeNumberOr(kColor, "color", 0);
    if (r.hasValue(kColors)) {
        r.writeObject(kColors, "colors", writeRoleColors, Absent::Null);
    } else {
        // Older payloads have only `color`: it is the primary colour.
        t.key("colors");
        t.beginObject();
        t.key("primaryColor");
        if (r.hasValue(kColor) && r[kColor].is_number())
            t.number(r[kColor]);
        else
            t.integer(0);
        t.fieldNull("secondaryColor");
        t.fieldNull("tertiaryColor");
        t.endObject();
        if (t.tracing())
            t.traceAdded("colors",
                         QStringLiteral("{\"primaryColor\": color, …} (the payload has no colors)"));
    }
    r.writeBool(kHoist, "hoist", false);
    r.writeBool(kManaged, "managed", false);
    r.writeBool(kMentionable, "mentionable", false);
    r.writeString(kIcon, "icon", Absent::Null);
    r.writeString(kUnicodeEmoji, "unicodeEmoji", Absent::Null);
    r.writeStringOr(kPermissions, "permissionsRaw", "0");
    r.writeNumberOr(kPosition, "position", 0);
    r.writeObject(kTags, "tags", writeRoleTags, Absent::Null);
    t.endObject();
}

void writeCustomEmoji(TransformWriter& t, Element emoji) {
    enum { kId, kName, kAnimated, kAvailable, kManaged, kRequireColons, kRoles, kUser };
    static const FieldTable table{"id",      "name",           "animated", "available",
                                  "managed", "require_colons", "roles",    "user"};
    ObjectReader r(t, emoji, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeStringOr(kName, "name", {});
    r.writeBool(kAnimated, "animated", false);
    r.writeBool(kAvailable, "available", true);
    r.writeBool(kManaged, "managed", false);
    r.writeBool(kRequireColons, "requireColons", true);
    // CustomEmoji.roles is null when the emoji is not restricted to roles.
    if (r.hasValue(kRoles) && r[kRoles].type() == simdjson::dom::element_type::ARRAY &&
        arrayOf(r[kRoles]).size() > 0) {
        r.writeStringArray(kRoles, "roles");
    } else {
        r.key(kRoles, "roles");
        t.null();
        if (t.tracing() && r.has(kRoles))
            t.traceConverted("roles", r[kRoles], QStringLiteral("null (no role restriction)"));
    }
    // createdByUserId: the id of `user`, which Discord sends to those who may manage emojis.
    r.key(kUser, "createdByUserId");
    std::string_view creator;
    if (r.hasValue(kUser) && r[kUser].type() == simdjson::dom::element_type::OBJECT &&
        !r[kUser]["id"].get_string().get(creator)) {
        t.string(creator);
        if (t.tracing())
            t.traceConverted("user", r[kUser],
                             QStringLiteral("\"%1\" (its id)").arg(QLatin1StringView(creator)));
    } else {
        t.null();
    }
    t.endObject();
}

void writeReactionType(TransformWriter& t, Element emoji) {
    enum { kId, kName, kAnimated };
    static const FieldTable table{"id", "name", "animated"};
    ObjectReader r(t, emoji, table);
    t.beginObject();
    if (r.hasValue(kId)) {
        r.writeBool(kAnimated, "animated", false);
        r.writeId(kId, "id", Absent::Required);
        r.writeString(kName, "name", Absent::Null);
    } else {
        // A unicode emoji: {id: null, name: "👍"} becomes {unicode: "👍"} (the null id is dropped).
        const std::string_view name = r.string(kName).value_or(std::string_view());
        r.key(kName, "unicode");
        t.string(name);
    }
    t.endObject();
}

void writeBan(TransformWriter& t, Element ban) {
    enum { kReason, kUser };
    static const FieldTable table{"reason", "user"};
    ObjectReader r(t, ban, table);
    t.beginObject();
    r.writeString(kReason, "reason", Absent::Null);
    r.writeObject(kUser, "user", writeUser, Absent::Required);
    t.endObject();
}

} // namespace botwright::pipeline::detail
