// The payloads of the SDK's events (botloader-sdk.md §3.1, §3.2): which shape each event gets.
#include "engine/pipeline/transform_parts.h"

namespace botwright::pipeline::detail {

namespace {

// ---- messages and reactions ----
void writeMessageDelete(TransformWriter& t, Element data) {
    enum { kChannelId, kId };
    static const FieldTable table{"channel_id", "id"};
    ObjectReader r(t, data, table);
    t.beginObject();
    r.writeId(kChannelId, "channelId", Absent::Required);
    r.writeId(kId, "id", Absent::Required);
    t.endObject();
}

enum ReactionField { kChannelId, kMessageId, kEmoji, kMember, kUserId };
const FieldTable& reactionTable() {
    static const FieldTable table{"channel_id", "message_id", "emoji", "member", "user_id"};
    return table;
}

void writeReactionAdd(TransformWriter& t, Element data) {
    ObjectReader r(t, data, reactionTable());
    t.beginObject();
    r.writeId(kChannelId, "channelId", Absent::Required);
    r.writeId(kMessageId, "messageId", Absent::Required);
    r.writeObject(kEmoji, "emoji", writeReactionType, Absent::Required);
    r.writeObject(kMember, "member", writeMember, Absent::Null);
    r.writeId(kUserId, "userId", Absent::Required);
    t.endObject();
}

void writeReactionRemove(TransformWriter& t, Element data) {
    ObjectReader r(t, data, reactionTable());
    t.beginObject();
    r.writeId(kChannelId, "channelId", Absent::Required);
    r.writeId(kMessageId, "messageId", Absent::Required);
    r.writeObject(kEmoji, "emoji", writeReactionType, Absent::Required);
    r.writeId(kUserId, "userId", Absent::Required);
    t.endObject();
}

void writeReactionRemoveAll(TransformWriter& t, Element data) {
    ObjectReader r(t, data, reactionTable());
    t.beginObject();
    r.writeId(kChannelId, "channelId", Absent::Required);
    r.writeId(kMessageId, "messageId", Absent::Required);
    t.endObject();
}

void writeReactionRemoveEmoji(TransformWriter& t, Element data) {
    ObjectReader r(t, data, reactionTable());
    t.beginObject();
    r.writeId(kChannelId, "channelId", Absent::Required);
    r.writeId(kMessageId, "messageId", Absent::Required);
    r.writeObject(kEmoji, "emoji", writeReactionType, Absent::Required);
    t.endObject();
}

// ---- members ----
void writeMemberRemove(TransformWriter& t, Element data) {
    enum { kGuildId, kUser };
    static const FieldTable table{"guild_id", "user"};
    ObjectReader r(t, data, table);
    t.beginObject();
    r.writeId(kGuildId, "guildId", Absent::Required);
    r.writeObject(kUser, "user", writeUser, Absent::Required);
    t.endObject();
}

// ---- voice ----
enum VoiceField {
    kVoiceChannelId,
    kDeaf,
    kMute,
    kSelfDeaf,
    kSelfMute,
    kSelfStream,
    kSelfVideo,
    kSuppress,
    kSessionId,
    kVoiceUserId,
    kRequestToSpeak,
    kVoiceMember,
};
const FieldTable& voiceTable() {
    static const FieldTable table{"channel_id",
                                  "deaf",
                                  "mute",
                                  "self_deaf",
                                  "self_mute",
                                  "self_stream",
                                  "self_video",
                                  "suppress",
                                  "session_id",
                                  "user_id",
                                  "request_to_speak_timestamp",
                                  "member"};
    return table;
}

void writeVoiceFields(ObjectReader& r) {
    r.writeId(kVoiceChannelId, "channelId", Absent::Null);
    r.writeBool(kDeaf, "deaf", false);
    r.writeBool(kMute, "mute", false);
    r.writeBool(kSelfDeaf, "selfDeaf", false);
    r.writeBool(kSelfMute, "selfMute", false);
    r.writeBool(kSelfStream, "selfStream", false);
    r.writeBool(kSelfVideo, "selfVideo", false);
    r.writeBool(kSuppress, "suppress", false);
    r.writeStringOr(kSessionId, "sessionId", {});
    r.writeId(kVoiceUserId, "userId", Absent::Required);
    r.writeTime(kRequestToSpeak, "requestToSpeakTimestamp", Absent::Null);
}

void writeVoiceStateUpdate(TransformWriter& t, Element data) {
    ObjectReader r(t, data, voiceTable());
    t.beginObject();
    writeVoiceFields(r);
    r.writeObject(kVoiceMember, "member", writeMember, Absent::Omit);
    Element previous;
    if (auxiliaryDocument(t, t.context().previousVoiceState, "previousVoiceState", previous)) {
        t.key("oldState");
        t.beginObject();
        {
            TransformWriter::Enter enter(t, "(previous state)");
            ObjectReader old(t, previous, voiceTable());
            writeVoiceFields(old);
            old.consume(kVoiceMember); // replaced by the new state's member
        }
        if (r.hasValue(kVoiceMember)) {
            t.key("member");
            TransformWriter::Enter member(t, "member");
            writeMember(t, r[kVoiceMember]);
        }
        t.endObject();
        if (t.tracing())
            t.traceAdded("oldState", QStringLiteral("from the handler's voice state cache"));
    }
    t.endObject();
}

// ---- roles ----
void writeRoleEvent(TransformWriter& t, Element data) { // {guild_id, role} → the Role itself
    enum { kRole };
    static const FieldTable table{"role"};
    ObjectReader r(t, data, table);
    if (!r.hasValue(kRole))
        t.fail("role", QStringLiteral("is missing"));
    r.consume(kRole);
    if (t.tracing())
        t.traceConverted("role", r[kRole], QStringLiteral("the event's payload (the Role itself)"));
    TransformWriter::Enter enter(t, "role");
    writeRole(t, r[kRole]);
}

void writeRoleDelete(TransformWriter& t, Element data) {
    enum { kRoleId };
    static const FieldTable table{"role_id"};
    ObjectReader r(t, data, table);
    t.beginObject();
    r.writeId(kRoleId, "roleId", Absent::Required);
    t.endObject();
}

// ---- threads ----
void writeThreadDelete(TransformWriter& t, Element data) {
    enum { kGuildId, kId, kType, kParentId };
    static const FieldTable table{"guild_id", "id", "type", "parent_id"};
    ObjectReader r(t, data, table);
    t.beginObject();
    r.writeId(kGuildId, "guildId", Absent::Null);
    r.writeId(kId, "id", Absent::Required);
    r.writeEnum(kType, "kind", names::channelType, Absent::Null);
    r.writeId(kParentId, "parentId", Absent::Null);
    t.endObject();
}

void writeThreadListSync(TransformWriter& t, Element data) {
    enum { kChannelIds, kMembers, kThreads };
    static const FieldTable table{"channel_ids", "members", "threads"};
    ObjectReader r(t, data, table);
    t.beginObject();
    r.writeStringArray(kChannelIds, "channelIds");
    r.writeArray(kMembers, "members", writeThreadMember);
    r.writeArray(kThreads, "threads", writeChannel);
    t.endObject();
}

void writeThreadMembersUpdate(TransformWriter& t, Element data) {
    enum { kId, kAdded, kMemberCount, kRemoved };
    static const FieldTable table{"id", "added_members", "member_count", "removed_member_ids"};
    ObjectReader r(t, data, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeArray(kAdded, "addedMembers", writeThreadMember);
    r.writeNumberOr(kMemberCount, "memberCount", 0);
    r.writeStringArray(kRemoved, "removedMemberIds");
    t.endObject();
}

// ---- invites and webhooks ----
void writeInviteTargetUser(TransformWriter& t, Element user) {
    enum { kAvatar, kDiscriminator, kId, kUsername };
    static const FieldTable table{"avatar", "discriminator", "id", "username"};
    ObjectReader r(t, user, table);
    t.beginObject();
    r.writeString(kAvatar, "avatar", Absent::Null);
    r.writeStringOr(kDiscriminator, "discriminator", "0");
    r.writeId(kId, "id", Absent::Required);
    r.writeStringOr(kUsername, "username", {});
    t.endObject();
}

void writeInviteCreate(TransformWriter& t, Element data) {
    enum {
        kChannelId,
        kCode,
        kCreatedAt,
        kInviter,
        kMaxAge,
        kMaxUses,
        kTargetType,
        kTargetUser,
        kTemporary,
        kUses
    };
    static const FieldTable table{"channel_id", "code",        "created_at",  "inviter",   "max_age",
                                  "max_uses",   "target_type", "target_user", "temporary", "uses"};
    ObjectReader r(t, data, table);
    t.beginObject();
    r.writeId(kChannelId, "channelId", Absent::Required);
    r.writeString(kCode, "code", Absent::Required);
    r.writeTime(kCreatedAt, "createdAt", Absent::Null);
    r.writeObject(kInviter, "inviter", writeUser, Absent::Omit);
    r.writeNumberOr(kMaxAge, "maxAge", 0);
    r.writeNumberOr(kMaxUses, "maxUses", 0);
    r.writeEnum(kTargetType, "targetUserType", names::inviteTargetType, Absent::Omit);
    r.writeObject(kTargetUser, "targetUser", writeInviteTargetUser, Absent::Omit);
    r.writeBool(kTemporary, "temporary", false);
    r.writeNumberOr(kUses, "uses", 0);
    t.endObject();
}

void writeInviteDelete(TransformWriter& t, Element data) {
    enum { kChannelId, kCode };
    static const FieldTable table{"channel_id", "code"};
    ObjectReader r(t, data, table);
    t.beginObject();
    r.writeId(kChannelId, "channelId", Absent::Required);
    r.writeString(kCode, "code", Absent::Required);
    t.endObject();
}

void writeWebhooksUpdate(TransformWriter& t, Element data) {
    // The host sends the bare channel id; the SDK wraps it as {channelId}.
    enum { kChannelId };
    static const FieldTable table{"channel_id"};
    ObjectReader r(t, data, table);
    const auto channel = r.string(kChannelId);
    if (!channel)
        t.fail("channel_id", QStringLiteral("is missing"));
    r.consume(kChannelId);
    t.string(*channel);
    if (t.tracing())
        t.traceConverted("channel_id", r[kChannelId],
                         QStringLiteral("the bare channel id (the whole payload)"));
}

struct EventShape {
    std::string_view name;
    WriteFn write;
};

constexpr EventShape kEvents[] = {
    {"MESSAGE_CREATE", writeMessage},
    {"MESSAGE_UPDATE", writeMessageUpdate},
    {"MESSAGE_DELETE", writeMessageDelete},
    {"MEMBER_ADD", writeMember},
    {"MEMBER_UPDATE", writeMember},
    {"MEMBER_REMOVE", writeMemberRemove},
    {"VOICE_STATE_UPDATE", writeVoiceStateUpdate},
    {"MESSAGE_REACTION_ADD", writeReactionAdd},
    {"MESSAGE_REACTION_REMOVE", writeReactionRemove},
    {"MESSAGE_REACTION_REMOVE_ALL", writeReactionRemoveAll},
    {"MESSAGE_REACTION_REMOVE_ALL_EMOJI", writeReactionRemoveEmoji},
    {"CHANNEL_CREATE", writeChannel},
    {"CHANNEL_UPDATE", writeChannel},
    {"CHANNEL_DELETE", writeChannel},
    {"ROLE_CREATE", writeRoleEvent},
    {"ROLE_UPDATE", writeRoleEvent},
    {"ROLE_DELETE", writeRoleDelete},
    {"THREAD_CREATE", writeChannel},
    {"THREAD_UPDATE", writeChannel},
    {"THREAD_DELETE", writeThreadDelete},
    {"THREAD_LIST_SYNC", writeThreadListSync},
    {"THREAD_MEMBER_UPDATE", writeThreadMember},
    {"THREAD_MEMBERS_UPDATE", writeThreadMembersUpdate},
    {"INVITE_CREATE", writeInviteCreate},
    {"INVITE_DELETE", writeInviteDelete},
    {"WEBHOOKS_UPDATE", writeWebhooksUpdate},
    {"BOTLOADER_COMMAND_INTERACTION_CREATE", writeCommandInteraction},
    {"BOTLOADER_COMPONENT_INTERACTION_CREATE", writeComponentInteraction},
    {"BOTLOADER_MODAL_SUBMIT_INTERACTION_CREATE", writeModalInteraction},
};

} // namespace

WriteFn eventWriter(std::string_view sdkEvent) {
    for (const EventShape& shape : kEvents)
        if (shape.name == sdkEvent)
            return shape.write;
    return nullptr;
}

std::vector<std::string_view> eventShapeNames() {
    std::vector<std::string_view> names;
    for (const EventShape& shape : kEvents)
        names.push_back(shape.name);
    return names;
}

} // namespace botwright::pipeline::detail
