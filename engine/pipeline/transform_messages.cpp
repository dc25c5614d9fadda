// Messages and their parts: attachments, embeds, reactions, references, snapshots, interaction
// metadata (botloader-sdk.md §3.3 "Message" and "Other model types"), and EventMessageUpdate.
#include "engine/pipeline/transform_parts.h"

namespace botwright::pipeline::detail {

namespace {

enum MessageField {
    kId,
    kChannelId,
    kGuildId,
    kAuthor,
    kMember,
    kContent,
    kType,
    kFlags,
    kTimestamp,
    kEditedTimestamp,
    kAttachments,
    kEmbeds,
    kComponents,
    kReactions,
    kMentions,
    kMentionRoles,
    kMentionChannels,
    kMentionEveryone,
    kPinned,
    kTts,
    kReference,
    kReferencedMessage,
    kInteractionMetadata,
    kSnapshots,
    kActivity,
    kApplication,
    kWebhookId,
};

const FieldTable& messageTable() {
    static const FieldTable table{"id",
                                  "channel_id",
                                  "guild_id",
                                  "author",
                                  "member",
                                  "content",
                                  "type",
                                  "flags",
                                  "timestamp",
                                  "edited_timestamp",
                                  "attachments",
                                  "embeds",
                                  "components",
                                  "reactions",
                                  "mentions",
                                  "mention_roles",
                                  "mention_channels",
                                  "mention_everyone",
                                  "pinned",
                                  "tts",
                                  "message_reference",
                                  "referenced_message",
                                  "interaction_metadata",
                                  "message_snapshots",
                                  "activity",
                                  "application",
                                  "webhook_id"};
    return table;
}

// ---- embeds ----
void writeEmbedMedia(TransformWriter& t, Element media) { // image, thumbnail, video
    enum { kUrl, kWidth, kHeight, kProxyUrl };
    static const FieldTable table{"url", "width", "height", "proxy_url"};
    ObjectReader r(t, media, table);
    t.beginObject();
    r.writeString(kUrl, "url", Absent::Omit);
    r.writeNumber(kWidth, "width", Absent::Omit);
    r.writeNumber(kHeight, "height", Absent::Omit);
    r.writeString(kProxyUrl, "proxyUrl", Absent::Omit);
    t.endObject();
}

void writeEmbedAuthor(TransformWriter& t, Element author) {
    enum { kName, kUrl, kIconUrl, kProxyIconUrl };
    static const FieldTable table{"name", "url", "icon_url", "proxy_icon_url"};
    ObjectReader r(t, author, table);
    t.beginObject();
    r.writeStringOr(kName, "name", {});
    r.writeString(kUrl, "url", Absent::Omit);
    r.writeString(kIconUrl, "iconUrl", Absent::Omit);
    r.writeString(kProxyIconUrl, "proxyIconUrl", Absent::Omit);
    t.endObject();
}

void writeEmbedFooter(TransformWriter& t, Element footer) {
    enum { kText, kIconUrl, kProxyIconUrl };
    static const FieldTable table{"text", "icon_url", "proxy_icon_url"};
    ObjectReader r(t, footer, table);
    t.beginObject();
    r.writeStringOr(kText, "text", {});
    r.writeString(kIconUrl, "iconUrl", Absent::Omit);
    r.writeString(kProxyIconUrl, "proxyIconUrl", Absent::Omit);
    t.endObject();
}

void writeEmbedProvider(TransformWriter& t, Element provider) {
    enum { kName, kUrl };
    static const FieldTable table{"name", "url"};
    ObjectReader r(t, provider, table);
    t.beginObject();
    r.writeString(kName, "name", Absent::Omit);
    r.writeString(kUrl, "url", Absent::Omit);
    t.endObject();
}

void writeEmbedField(TransformWriter& t, Element field) {
    enum { kName, kValue, kInline };
    static const FieldTable table{"name", "value", "inline"};
    ObjectReader r(t, field, table);
    t.beginObject();
    r.writeStringOr(kName, "name", {});
    r.writeStringOr(kValue, "value", {});
    r.writeBool(kInline, "inline", Absent::Omit);
    t.endObject();
}

// ---- other message parts ----
void writeReaction(TransformWriter& t, Element reaction) {
    enum { kCount, kEmoji, kMe };
    static const FieldTable table{"count", "emoji", "me"};
    ObjectReader r(t, reaction, table);
    t.beginObject();
    r.writeNumberOr(kCount, "count", 0);
    r.writeObject(kEmoji, "emoji", writeReactionType, Absent::Required);
    r.writeBool(kMe, "me", false);
    t.endObject();
}

void writeReference(TransformWriter& t, Element reference) {
    enum { kChannelId, kGuildId, kMessageId, kFailIfNotExists };
    static const FieldTable table{"channel_id", "guild_id", "message_id", "fail_if_not_exists"};
    ObjectReader r(t, reference, table);
    t.beginObject();
    r.writeId(kChannelId, "channelId", Absent::Null);
    r.writeId(kGuildId, "guildId", Absent::Null);
    r.writeId(kMessageId, "messageId", Absent::Null);
    r.writeBool(kFailIfNotExists, "failIfNotExists", Absent::Null);
    t.endObject();
}

void writeChannelMention(TransformWriter& t, Element mention) {
    enum { kGuildId, kId, kType, kName };
    static const FieldTable table{"guild_id", "id", "type", "name"};
    ObjectReader r(t, mention, table);
    t.beginObject();
    r.writeId(kGuildId, "guildId", Absent::Null);
    r.writeId(kId, "id", Absent::Required);
    r.writeEnum(kType, "kind", names::channelType, Absent::Null);
    r.writeStringOr(kName, "name", {});
    t.endObject();
}

void writeActivity(TransformWriter& t, Element activity) {
    enum { kType, kPartyId };
    static const FieldTable table{"type", "party_id"};
    ObjectReader r(t, activity, table);
    t.beginObject();
    r.writeEnum(kType, "kind", names::activityKind, Absent::Null);
    r.writeString(kPartyId, "partyId", Absent::Null);
    t.endObject();
}

void writeApplication(TransformWriter& t, Element application) {
    enum { kId, kName, kDescription, kIcon, kCoverImage };
    static const FieldTable table{"id", "name", "description", "icon", "cover_image"};
    ObjectReader r(t, application, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeStringOr(kName, "name", {});
    r.writeStringOr(kDescription, "description", {});
    r.writeString(kIcon, "icon", Absent::Null);
    r.writeString(kCoverImage, "coverImage", Absent::Null);
    t.endObject();
}

void writeInteractionMetadata(TransformWriter& t, Element metadata) {
    enum { kId, kType, kInteracted, kOriginalResponse, kTargetMessage, kTargetUser, kTriggering, kUser };
    static const FieldTable table{"id",
                                  "type",
                                  "interacted_message_id",
                                  "original_response_message_id",
                                  "target_message_id",
                                  "target_user",
                                  "triggering_interaction_metadata",
                                  "user"};
    ObjectReader r(t, metadata, table);
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeEnum(kType, "kind", names::interactionType, Absent::Null);
    r.writeId(kInteracted, "interactedMessageId", Absent::Null);
    r.writeId(kOriginalResponse, "originalResponseMessageId", Absent::Null);
    r.writeId(kTargetMessage, "targetMessageId", Absent::Null);
    r.writeObject(kTargetUser, "targetUser", writeUser, Absent::Null);
    r.writeObject(kTriggering, "triggeringInteractionMetadata", writeInteractionMetadata, Absent::Null);
    r.writeObject(kUser, "user", writeUser, Absent::Null);
    t.endObject();
}

void writeSnapshotFields(TransformWriter& t, Element message) {
    ObjectReader r(t, message, messageTable());
    t.beginObject();
    r.writeArray(kAttachments, "attachments", writeAttachment);
    r.writeArray(kComponents, "components", writeComponent);
    r.writeStringOr(kContent, "content", {});
    r.writeTime(kEditedTimestamp, "editedTimestamp", Absent::Null);
    r.writeArray(kEmbeds, "embeds", writeEmbed);
    r.writeFlags(kFlags, "flags", names::messageFlags, Absent::Omit);
    r.writeEnum(kType, "kind", names::messageType, Absent::Null);
    r.writeArray(kMentions, "mentions", writeUserMention);
    r.writeStringArray(kMentionRoles, "mentionRoles");
    r.writeTime(kTimestamp, "timestamp", Absent::Null);
    t.endObject();
}

void writeSnapshot(TransformWriter& t, Element snapshot) {
    enum { kMessage };
    static const FieldTable table{"message"};
    ObjectReader r(t, snapshot, table);
    t.beginObject();
    r.writeObject(kMessage, "message", writeSnapshotFields, Absent::Required);
    t.endObject();
}

} // namespace

void writeAttachment(TransformWriter& t, Element attachment) {
    enum { kAttId, kFilename, kUrl, kProxyUrl, kContentType, kSize, kWidth, kHeight };
    static const FieldTable table{"id",           "filename", "url",   "proxy_url",
                                  "content_type", "size",     "width", "height"};
    ObjectReader r(t, attachment, table);
    t.beginObject();
    r.writeId(kAttId, "id", Absent::Required);
    r.writeStringOr(kFilename, "filename", {});
    r.writeStringOr(kUrl, "url", {});
    r.writeStringOr(kProxyUrl, "proxyUrl", {});
    r.writeString(kContentType, "contentType", Absent::Null);
    r.writeNumberOr(kSize, "size", 0);
    r.writeNumber(kWidth, "width", Absent::Null);
    r.writeNumber(kHeight, "height", Absent::Null);
    t.endObject();
}

void writeEmbed(TransformWriter& t, Element embed) {
    enum {
        kTitle,
        kDescription,
        kUrl,
        kKind,
        kColor,
        kTime,
        kFields,
        kAuthor,
        kFooter,
        kImage,
        kThumb,
        kVideo,
        kProvider
    };
    static const FieldTable table{"title",     "description", "url",     "type",   "color",
                                  "timestamp", "fields",      "author",  "footer", "image",
                                  "thumbnail", "video",       "provider"};
    ObjectReader r(t, embed, table);
    t.beginObject();
    r.writeString(kTitle, "title", Absent::Omit);
    r.writeString(kDescription, "description", Absent::Omit);
    r.writeString(kUrl, "url", Absent::Omit);
    r.writeString(kKind, "kind", Absent::Omit);
    r.writeNumber(kColor, "color", Absent::Omit);
    r.writeTime(kTime, "timestamp", Absent::Omit);
    r.writeArray(kFields, "fields", writeEmbedField, Absent::Omit);
    r.writeObject(kAuthor, "author", writeEmbedAuthor, Absent::Omit);
    r.writeObject(kFooter, "footer", writeEmbedFooter, Absent::Omit);
    r.writeObject(kImage, "image", writeEmbedMedia, Absent::Omit);
    r.writeObject(kThumb, "thumbnail", writeEmbedMedia, Absent::Omit);
    r.writeObject(kVideo, "video", writeEmbedMedia, Absent::Omit);
    r.writeObject(kProvider, "provider", writeEmbedProvider, Absent::Omit);
    t.endObject();
}

void writeMessage(TransformWriter& t, Element message) {
    ObjectReader r(t, message, messageTable());
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeId(kChannelId, "channelId", Absent::Required);
    if (r.hasValue(kGuildId)) {
        r.writeId(kGuildId, "guildId", Absent::Null);
    } else if (const quint64 guild = t.context().guildId) {
        // REST messages carry no guild_id: Message.guildId falls back to the current guild.
        const std::string id = std::to_string(guild);
        t.key("guildId");
        t.string(id);
        if (t.tracing())
            t.traceAdded("guildId", QStringLiteral("\"%1\" (the project's guild)").arg(guild));
    } else {
        t.fieldNull("guildId");
    }
    r.writeObject(kAuthor, "author", writeUser, Absent::Required);
    r.writeObject(kMember, "member", writePartialMember, Absent::Null);
    r.writeStringOr(kContent, "content", {});
    r.writeEnum(kType, "kind", names::messageType, Absent::Required);
    r.writeFlags(kFlags, "flags", names::messageFlags, Absent::Null);
    r.writeTime(kTimestamp, "timestamp", Absent::Required);
    r.writeTime(kEditedTimestamp, "editedTimestamp", Absent::Null);
    r.writeArray(kAttachments, "attachments", writeAttachment);
    r.writeArray(kEmbeds, "embeds", writeEmbed);
    r.writeArray(kComponents, "components", writeComponent);
    r.writeArray(kReactions, "reactions", writeReaction);
    r.writeArray(kMentions, "mentions", writeUserMention);
    r.writeStringArray(kMentionRoles, "mentionRoles");
    r.writeArray(kMentionChannels, "mentionChannels", writeChannelMention);
    r.writeBool(kMentionEveryone, "mentionEveryone", false);
    r.writeBool(kPinned, "pinned", false);
    r.writeBool(kTts, "tts", false);
    r.writeArray(kSnapshots, "messageSnapshots", writeSnapshot);
    // Most messages have none of these: one literal run of nulls.
    if (!r.writeAbsentRun(
            bits(kReference, kReferencedMessage, kInteractionMetadata, kActivity, kApplication, kWebhookId),
            R"("reference":null,"referencedMessage":null,"interactionMetadata":null,)"
            R"("activity":null,"application":null,"webhookId":null)")) {
        r.writeObject(kReference, "reference", writeReference, Absent::Null);
        r.writeObject(kReferencedMessage, "referencedMessage", writeMessage, Absent::Null);
        r.writeObject(kInteractionMetadata, "interactionMetadata", writeInteractionMetadata, Absent::Null);
        r.writeObject(kActivity, "activity", writeActivity, Absent::Null);
        r.writeObject(kApplication, "application", writeApplication, Absent::Null);
        r.writeId(kWebhookId, "webhookId", Absent::Null);
    }
    t.endObject();
}

void writeMessageUpdate(TransformWriter& t, Element message) {
    // EventMessageUpdate: id, channelId and content always; the rest only when Discord sent them.
    ObjectReader r(t, message, messageTable());
    t.beginObject();
    r.writeId(kId, "id", Absent::Required);
    r.writeId(kChannelId, "channelId", Absent::Required);
    r.writeString(kContent, "content", Absent::Null);
    r.writeArray(kAttachments, "attachments", writeAttachment, Absent::Omit);
    r.writeObject(kAuthor, "author", writeUser, Absent::Omit);
    r.writeTime(kEditedTimestamp, "editedTimestamp", Absent::Omit);
    r.writeArray(kEmbeds, "embeds", writeEmbed, Absent::Omit);
    r.writeId(kGuildId, "guildId", Absent::Omit);
    r.writeEnum(kType, "kind", names::messageType, Absent::Omit);
    r.writeBool(kMentionEveryone, "mentionEveryone", Absent::Omit);
    r.writeStringArray(kMentionRoles, "mentionRoles", Absent::Omit);
    r.writeArray(kMentions, "mentions", writeUserMention, Absent::Omit);
    r.writeBool(kPinned, "pinned", Absent::Omit);
    r.writeTime(kTimestamp, "timestamp", Absent::Omit);
    r.writeBool(kTts, "tts", Absent::Omit);
    t.endObject();
}

} // namespace botwright::pipeline::detail
