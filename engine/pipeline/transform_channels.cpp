// Guild channels, threads and thread members (botloader-sdk.md §3.3 "Channels").
#include "engine/pipeline/transform_parts.h"

namespace botwright::pipeline::detail {

namespace {

void writeOverwrite(TransformWriter& t, Element overwrite) {
    enum { kId, kType, kAllow, kDeny };
    static const FieldTable table{"id", "type", "allow", "deny"};
    ObjectReader r(t, overwrite, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    // Discord sends 0 (role) or 1 (member); very old payloads used the strings "role" and "member".
    std::string_view text;
    if (r.hasValue(kType) && !r[kType].get_string().get(text)) {
        r.key(kType, "kind");
        t.string(text == "member" ? "Member" : "Role");
        if (t.tracing())
            t.traceConverted("type", r[kType],
                             text == "member" ? QStringLiteral("\"Member\"") : QStringLiteral("\"Role\""));
    } else {
        r.writeEnum(kType, "kind", names::overwriteKind, Absent::Required);
    }
    r.writeStringOr(kAllow, "allowRaw", "0");
    r.writeStringOr(kDeny, "denyRaw", "0");
    t.endObject();
}

void writeThreadMetadata(TransformWriter& t, Element metadata) {
    enum { kArchived, kAutoArchive, kArchiveTimestamp, kInvitable, kLocked };
    static const FieldTable table{"archived", "auto_archive_duration", "archive_timestamp", "invitable",
                                  "locked"};
    ObjectReader r(t, metadata, table);
    t.beginObject();
    r.writeBool(kArchived, "archived", false);
    r.writeNumberOr(kAutoArchive, "autoArchiveDurationMinutes", 1440);
    r.writeTime(kArchiveTimestamp, "archiveTimestamp", Absent::Null);
    r.writeBool(kInvitable, "invitable", Absent::Null);
    r.writeBool(kLocked, "locked", false);
    t.endObject();
}

void writeSelfThreadMember(TransformWriter& t, Element member) {
    enum { kJoinTimestamp };
    static const FieldTable table{"join_timestamp"};
    ObjectReader r(t, member, table);
    t.beginObject();
    r.writeTime(kJoinTimestamp, "joinTimestamp", Absent::Null);
    t.endObject();
}

enum class Family { Category, Text, Voice, Thread, Other };

Family familyOf(qint64 type) {
    switch (type) {
    case 4:
        return Family::Category;
    case 0:  // Text
    case 5:  // News
    case 14: // GuildDirectory
    case 15: // Forum
    case 16: // Media (an UnknownChannel to the SDK; its text fields are kept)
        return Family::Text;
    case 2:  // Voice
    case 13: // StageVoice
        return Family::Voice;
    case 10: // NewsThread
    case 11: // PublicThread
    case 12: // PrivateThread
        return Family::Thread;
    default:
        return Family::Other;
    }
}

} // namespace

void writeChannel(TransformWriter& t, Element channel) {
    enum {
        kId,
        kType,
        kName,
        kOverwrites,
        kParentId,
        kPosition,
        kTopic,
        kNsfw,
        kRateLimit,
        kLastPin,
        kBitrate,
        kUserLimit,
        kRtcRegion,
        kVideoQuality,
        kOwnerId,
        kMemberCount,
        kMessageCount,
        kDefaultAutoArchive,
        kThreadMetadata,
        kMember,
    };
    static const FieldTable table{"id",
                                  "type",
                                  "name",
                                  "permission_overwrites",
                                  "parent_id",
                                  "position",
                                  "topic",
                                  "nsfw",
                                  "rate_limit_per_user",
                                  "last_pin_timestamp",
                                  "bitrate",
                                  "user_limit",
                                  "rtc_region",
                                  "video_quality_mode",
                                  "owner_id",
                                  "member_count",
                                  "message_count",
                                  "default_auto_archive_duration",
                                  "thread_metadata",
                                  "member"};
    ObjectReader r(t, channel, table);
    const auto type = r.integer(kType);
    if (!type)
        t.fail("type", r.has(kType) ? QStringLiteral("must not be null") : QStringLiteral("is missing"));
    const Family family = familyOf(*type);

    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeEnum(kType, "kind", names::channelType, Absent::Required);
    r.writeStringOr(kName, "name", {});
    r.writeArray(kOverwrites, "permissionOverwrites", writeOverwrite);
    switch (family) {
    case Family::Category:
        r.writeNumberOr(kPosition, "position", 0);
        break;
    case Family::Text:
        r.writeString(kTopic, "topic", Absent::Null);
        r.writeBool(kNsfw, "nsfw", false);
        r.writeId(kParentId, "parentId", Absent::Null);
        r.writeNumberOr(kPosition, "position", 0);
        r.writeNumber(kRateLimit, "rateLimitPerUser", Absent::Null);
        r.writeTime(kLastPin, "lastPinTimestamp", Absent::Null);
        r.writeNumber(kDefaultAutoArchive, "defaultAutoArchiveDurationMinutes", Absent::Omit);
        break;
    case Family::Voice:
        r.writeNumberOr(kBitrate, "bitrate", 64000);
        r.writeId(kParentId, "parentId", Absent::Null);
        r.writeNumberOr(kPosition, "position", 0);
        r.writeString(kRtcRegion, "rtcRegion", Absent::Null);
        r.writeNumber(kUserLimit, "userLimit", Absent::Null);
        // Discord leaves video_quality_mode out when it is 1 (auto).
        if (r.hasValue(kVideoQuality)) {
            r.writeEnum(kVideoQuality, "videoQualityMode", names::videoQualityMode, Absent::Null);
        } else {
            t.field("videoQualityMode", "Auto");
            if (t.tracing())
                t.traceAdded("videoQualityMode", QStringLiteral("\"Auto\" (Discord's default)"));
        }
        break;
    case Family::Thread: {
        r.writeId(kParentId, "parentId", Absent::Null);
        r.writeId(kOwnerId, "ownerId", Absent::Null);
        r.writeNumberOr(kMemberCount, "memberCount", 0);
        r.writeNumberOr(kMessageCount, "messageCount", 0);
        r.writeNumber(kRateLimit, "rateLimitPerUser", Absent::Null);
        r.writeNumber(kDefaultAutoArchive, "defaultAutoArchiveDurationMinutes", Absent::Null);
        if (r.hasValue(kThreadMetadata)) {
            r.writeObject(kThreadMetadata, "threadMetadata", writeThreadMetadata, Absent::Null);
        } else {
            t.key("threadMetadata"); // an absent metadata object reads as all defaults
            t.beginObject();
            t.fieldBool("archived", false);
            t.field("autoArchiveDurationMinutes", qint64{1440});
            t.fieldNull("archiveTimestamp");
            t.fieldNull("invitable");
            t.fieldBool("locked", false);
            t.endObject();
        }
        r.writeObject(kMember, "member", writeSelfThreadMember, Absent::Null);
        if (*type == 12) {
            // PrivateThread.invitable mirrors thread_metadata.invitable.
            t.key("invitable");
            bool invitable = false;
            if (r.hasValue(kThreadMetadata) && !r[kThreadMetadata]["invitable"].get_bool().get(invitable))
                t.boolean(invitable);
            else
                t.null();
        }
        break;
    }
    case Family::Other:
        r.writeId(kParentId, "parentId", Absent::Omit);
        r.writeNumber(kPosition, "position", Absent::Omit);
        break;
    }
    t.endObject();
}

void writeThreadMember(TransformWriter& t, Element member) {
    enum { kId, kUserId, kJoinTimestamp, kMember };
    static const FieldTable table{"id", "user_id", "join_timestamp", "member"};
    ObjectReader r(t, member, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Null);
    r.writeId(kUserId, "userId", Absent::Null);
    r.writeTime(kJoinTimestamp, "joinTimestamp", Absent::Null);
    r.writeObject(kMember, "member", writeMember, Absent::Null);
    t.endObject();
}

} // namespace botwright::pipeline::detail
