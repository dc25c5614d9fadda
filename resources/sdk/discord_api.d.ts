// Discord functions: every call is confined to the script's guild. Failures reject with the error
// classes of discord_errors (NotFoundError, PermissionsError, …); an invalid id rejects with
// `Error("invalid discord snowflake")`.
import {
    AutoArchiveMinutes,
    Ban,
    ChannelType,
    Embed,
    Guild,
    GuildChannel,
    IPermissionOverwrite,
    Member,
    Message,
    Role,
    RoleColors,
    SendEmoji,
    Thread,
    ThreadMember,
    User,
    VoiceState,
    Webhook,
} from "./discord_models";
import { CustomEmoji, Invite } from "./discord_hidden";
import { IComponent } from "./discord_components";
import { PermissionResolvable, Permissions } from "./discord_permissions";
import { Image } from "./image";

/** Who a message may ping. By default only users are parsed, and no reply ping is sent. */
export interface AllowedMentions {
    /** Which mention kinds in the content are allowed to ping. */
    parse: ("Everyone" | "Roles" | "Users")[];
    /** Users that may be pinged (besides `parse`). */
    users?: string[];
    /** Roles that may be pinged (besides `parse`). */
    roles?: string[];
    /** Ping the author of the message replied to. */
    repliedUser?: boolean;
}

/** A file to upload with a message. */
export interface CreateAttachment {
    filename: string;
    /** The file's contents; a string is encoded as UTF-8. */
    data: string | ArrayBuffer;
    /** Refer to the attachment from embeds as `attachment://<filename>`; numbered 1, 2, … if absent. */
    id?: number;
    description?: string;
}

/** The flags a sent message may have. */
export interface BaseMessageFlags {
    /** Do not send push or desktop notifications. */
    suppressNotifications?: boolean;
    /** Do not show link embeds. */
    suppressEmbeds?: boolean;
    /** The message uses components v2 (no content or embeds; text goes in components). */
    isComponentsV2?: boolean;
}

/** Flags of an interaction response. */
export interface InteractionMessageFlags extends BaseMessageFlags {
    /** Only the user who invoked the interaction sees the message. */
    ephemeral?: boolean;
}

/** What every sent message can have. */
export interface BaseCreateMessageFields {
    /** The text (up to 2000 characters). */
    content?: string;
    /** Up to 10 embeds. */
    embeds?: Embed[];
    /** Who may be pinged; defaults to users only, without a reply ping. */
    allowedMentions?: AllowedMentions;
    /** Buttons, select menus and (with components v2) layout components. */
    components?: IComponent[];
    /** Files to upload. */
    attachments?: CreateAttachment[];
}

/** A message to send or an edit to make. */
export interface CreateMessageFields extends BaseCreateMessageFields {
    /** Send the message as a reply to this message (in the same channel). */
    replyToMessageId?: string;
    flags?: BaseMessageFlags;
    /** Forward this message instead of sending content. */
    forward?: { channelId: string; messageId: string };
}

/** A message sent in answer to an interaction. */
export interface InteractionCreateMessageFields extends BaseCreateMessageFields {
    flags?: InteractionMessageFlags;
}

/** A message posted through a webhook. */
export interface CreateWebhookMessageFields extends CreateMessageFields {
    /** Override the webhook's name for this message. */
    username?: string;
    /** Override the webhook's avatar for this message. */
    avatar_url?: string;
}

/** A new role. */
export interface CreateRoleFields {
    name?: string;
    color?: number;
    colors?: RoleColors;
    hoist?: boolean;
    mentionable?: boolean;
    permissions?: PermissionResolvable;
    unicodeEmoji?: string;
}

/** Changes to a role; omitted fields are left unchanged. */
export interface EditRoleFields {
    name?: string;
    color?: number | null;
    colors?: RoleColors;
    hoist?: boolean;
    mentionable?: boolean;
    permissions?: PermissionResolvable;
    unicodeEmoji?: string;
}

/** A new channel. */
export interface ICreateChannel {
    name: string;
    kind?: ChannelType;
    bitrate?: number;
    nsfw?: boolean;
    parentId?: string;
    permissionOverwrites?: IPermissionOverwrite[];
    position?: number;
    rateLimitPerUser?: number;
    topic?: string;
    userLimit?: number;
}

/** Changes to a channel; omitted fields are left unchanged. */
export interface IEditChannel {
    name?: string;
    kind?: ChannelType;
    bitrate?: number;
    nsfw?: boolean;
    parentId?: string | null;
    permissionOverwrites?: IPermissionOverwrite[];
    position?: number;
    rateLimitPerUser?: number;
    topic?: string;
    userLimit?: number;
    videoQualityMode?: "Auto" | "Full";
}

/** A new invite. */
export interface ICreateInviteFields {
    /** Seconds until it expires: 0 never, at most 604800 (Discord's default is 86400). */
    maxAgeSeconds?: number;
    /** 0 for unlimited, at most 100. */
    maxUses?: number;
    /** Members who join through it are removed when they disconnect, unless given a role. */
    temporary?: boolean;
    /** Always create a new invite instead of reusing a similar one. */
    unique?: boolean;
    targetType?: "Stream" | "EmbeddedApplication";
    targetUserId?: string;
    targetApplicationId?: string;
}

/** Changes to a member; omitted fields are left unchanged. */
export interface UpdateGuildMemberFields {
    /** Move the member to this voice channel; `null` disconnects them. */
    channelId?: string | null;
    deaf?: boolean;
    mute?: boolean;
    /** `null` resets the nickname. */
    nick?: string | null;
    /** Replaces the member's roles. */
    roles?: string[];
    /** Time out the member until this Unix time (ms); `null` clears the timeout. */
    communicationDisabledUntil?: number | null;
}

/** How to ban. */
export interface CreateBanExtras {
    auditLogReason?: string;
    /** Delete the user's messages of the last N days (0–7). */
    deleteMessageDays: number;
}

/** A thread without a starter message. */
export interface ICreateStandaloneThread {
    channelId: string;
    /** 1–100 characters. */
    name: string;
    kind: "NewsThread" | "PublicThread" | "PrivateThread";
    autoArchiveDurationMinutes?: AutoArchiveMinutes;
    invitable?: boolean;
}

/** A thread started from a message. */
export interface ICreateThreadFromMessage {
    channelId: string;
    messageId: string;
    name: string;
    autoArchiveDurationMinutes?: AutoArchiveMinutes;
}

/** A forum post: a thread with its first message. */
export interface ICreateForumThread {
    channelId: string;
    name: string;
    tagIds?: string[];
    autoArchiveDurationMinutes?: AutoArchiveMinutes;
    message: CreateMessageFields;
}

/** Changes to a thread. */
export interface IEditThread {
    channelId: string;
    tagIds?: string[];
    autoArchiveDurationMinutes?: AutoArchiveMinutes;
    invitable?: boolean;
    name?: string;
    rateLimitPerUser?: number;
    locked?: boolean;
    archived?: boolean;
}

/** Which thread members to list. */
export interface IListThreadMembers {
    channelId: string;
    afterUserId?: string;
    /** 1–100, default 100. */
    limit?: number;
    withMember?: boolean;
}

/** Which archived threads to list. */
export interface IListThreads {
    channelId: string;
    /** Only threads archived before this Unix time (ms). */
    before?: number;
}

/** A page of threads. */
export interface IThreadsListing {
    hasMore?: boolean;
    members: ThreadMember[];
    threads: Thread[];
}

// --- The guild and the bot

/** The bot's own user. */
export declare function getBotUser(): User;
/** The id of the guild the script runs for. */
export declare function getCurrentGuildId(): string;
/** The guild (from the gateway cache). */
export declare function getGuild(): Promise<Guild>;

// --- Messages

/** Fetches one message. */
export declare function getMessage(channelId: string, messageId: string): Promise<Message>;
/** Fetches a channel's messages, newest first: `limit` 1–100 (default 50), before or after a message. */
export declare function getMessages(
    channelId: string,
    options?: { limit?: number; after?: string; before?: string },
): Promise<Message[]>;
/**
 * Sends a message.
 *
 * @example
 * await Discord.createMessage(channelId, { content: "Hello!", embeds: [{ title: "Hi", color: 0x5865f2 }] });
 */
export declare function createMessage(channelId: string, fields: CreateMessageFields): Promise<Message>;
/** Edits one of the bot's messages. */
export declare function editMessage(channelId: string, messageId: string, fields: CreateMessageFields): Promise<Message>;
/** Publishes a message of an announcement channel to the channels following it. */
export declare function crosspostMessage(channelId: string, messageId: string): Promise<void>;
/** Deletes a message. */
export declare function deleteMessage(channelId: string, messageId: string): Promise<void>;
/** Deletes 2–100 messages younger than two weeks in one call. */
export declare function bulkDeleteMessages(channelId: string, ...messageIds: string[]): Promise<void>;

// --- Pins, reactions, typing

/** The channel's pinned messages (first page). */
export declare function getPins(channelId: string): Promise<Message[]>;
/** Pins a message. */
export declare function createPin(channelId: string, messageId: string): Promise<void>;
/** Unpins a message. */
export declare function deletePin(channelId: string, messageId: string): Promise<void>;
/** Reacts to a message as the bot. */
export declare function createReaction(channelId: string, messageId: string, emoji: SendEmoji): Promise<void>;
/** Removes the bot's own reaction. */
export declare function deleteOwnReaction(channelId: string, messageId: string, emoji: SendEmoji): Promise<void>;
/** Removes another user's reaction. */
export declare function deleteUserReaction(
    channelId: string,
    messageId: string,
    userId: string,
    emoji: SendEmoji,
): Promise<void>;
/** The users who reacted with an emoji (Discord's default page is 25, at most 100). */
export declare function getReactions(
    channelId: string,
    messageId: string,
    emoji: SendEmoji,
    extra?: { after?: string; limit?: number },
): Promise<User[]>;
/** Removes every reaction from a message. */
export declare function deleteAllReactions(channelId: string, messageId: string): Promise<void>;
/** Removes every reaction with one emoji from a message. */
export declare function deleteAllEmojiReactions(channelId: string, messageId: string, emoji: SendEmoji): Promise<void>;
/** Shows "<bot> is typing…" in a channel for a few seconds. */
export declare function createTypingTrigger(channelId: string): Promise<void>;

// --- Roles

/** One role (from the cache); rejects with NotFoundError if there is none with that id. */
export declare function getRole(roleId: string): Promise<Role>;
/** Every role of the guild (from the cache). */
export declare function getRoles(): Promise<Role[]>;
/** Creates a role. */
export declare function createRole(args: CreateRoleFields): Promise<Role>;
/** Changes a role. */
export declare function editRole(roleId: string, args: EditRoleFields): Promise<Role>;
/** Deletes a role. */
export declare function deleteRole(roleId: string): Promise<void>;

// --- Channels

/** One channel of the guild. */
export declare function getChannel(channelId: string): Promise<GuildChannel>;
/** Every channel of the guild (from the cache). */
export declare function getChannels(): Promise<GuildChannel[]>;
/** Creates a channel. */
export declare function createChannel(fields: ICreateChannel): Promise<GuildChannel>;
/** Changes a channel. */
export declare function editChannel(channelId: string, fields: IEditChannel): Promise<GuildChannel>;
/** Moves channels. */
export declare function editChannelPositions(channels: { channelId: string; position: number }[]): Promise<void>;
/** Deletes a channel (or thread) and returns it. */
export declare function deleteChannel(channelId: string): Promise<GuildChannel>;
/** Creates or replaces a permission overwrite on a channel. */
export declare function editChannelPermission(channelId: string, overwrite: IPermissionOverwrite): Promise<void>;
/** Removes a permission overwrite from a channel. */
export declare function deleteChannelPermission(channelId: string, kind: "Member" | "Role", id: string): Promise<void>;
/** The guild's voice states (from the cache; plain objects that include `guildId`). */
export declare function getVoiceStates(): Promise<VoiceState[]>;

// --- Invites

/** Every invite of the guild. */
export declare function getGuildInvites(): Promise<Invite[]>;
/** Looks up an invite by code (any guild's). */
export declare function getInvite(code: string, options?: { withCounts?: boolean; withExpiration?: boolean }): Promise<Invite>;
/** Deletes one of the guild's invites. */
export declare function deleteInvite(code: string): Promise<void>;
/** A channel's invites. */
export declare function getChannelInvites(channelId: string): Promise<Invite[]>;
/** Creates an invite to a channel. */
export declare function createChannelInvite(channelId: string, fields: ICreateInviteFields): Promise<Invite>;

// --- Emoji

/** The guild's custom emoji (from the cache). */
export declare function getEmojis(): Promise<CustomEmoji[]>;
/** One custom emoji, or `undefined`. */
export declare function getEmoji(id: string): Promise<CustomEmoji | undefined>;
/** Creates a custom emoji from a data URI or an {@link Image}. */
export declare function createEmoji(fields: { name: string; data: string | Image; roles?: string[] }): Promise<CustomEmoji>;
/** Renames an emoji or changes the roles that may use it. */
export declare function editEmoji(id: string, fields: { name: string | null; roles?: string[] }): Promise<CustomEmoji>;
/** Deletes a custom emoji. */
export declare function deleteEmoji(id: string): Promise<void>;

// --- Members and bans

/** One member, or `undefined` if the user is not in the guild. */
export declare function getMember(id: string): Promise<Member | undefined>;
/** Up to 100 members, in the order of `ids` (`null` for unknown or invalid ids). */
export declare function getMembers(ids: string[]): Promise<(Member | null)[]>;
/** Changes a member. */
export declare function editMember(userId: string, fields: UpdateGuildMemberFields): Promise<Member>;
/** Times a member out until `time`, or ends the timeout with `null`. */
export declare function setMemberTimeout(userId: string, time: Date | null): Promise<Member>;
/** Gives a member a role. */
export declare function addMemberRole(userId: string, roleId: string): Promise<void>;
/** Takes a role from a member. */
export declare function removeMemberRole(userId: string, roleId: string): Promise<void>;
/** Kicks a member. */
export declare function removeMember(userId: string, extras?: { auditLogReason?: string }): Promise<void>;
/** A member's guild-wide permissions (from their roles; the owner has all). */
export declare function getMemberGuildPermissions(memberOrUserId: Member | string): Promise<Permissions>;
/** A member's permissions in a channel (guild permissions with the channel's overwrites applied). */
export declare function getMemberChannelPermissions(
    memberOrUserId: Member | string,
    channelId: string,
): Promise<{ guild: Permissions; channel: Permissions; channelId: string }>;
/** Bans a user. */
export declare function createBan(userId: string, extras?: CreateBanExtras): Promise<void>;
/** One ban. */
export declare function getBan(userId: string): Promise<Ban>;
/** The guild's bans (first page). */
export declare function getBans(): Promise<Ban[]>;
/** Lifts a ban. */
export declare function deleteBan(userId: string, extras?: { auditLogReason?: string }): Promise<void>;

// --- Threads

/** Creates a thread without a starter message. */
export declare function createStandaloneThread(create: ICreateStandaloneThread): Promise<Thread>;
/** Creates a thread from a message. */
export declare function createThreadFromMessage(create: ICreateThreadFromMessage): Promise<Thread>;
/** Creates a forum post. */
export declare function createForumThread(create: ICreateForumThread): Promise<{ thread: Thread; message: Message }>;
/** Changes a thread. */
export declare function editThread(fields: IEditThread): Promise<Thread>;
/** Adds a user to a thread. */
export declare function addThreadMember(channelId: string, userId: string): Promise<void>;
/** Removes a user from a thread. */
export declare function removeThreadMember(channelId: string, userId: string): Promise<void>;
/** A thread's members. */
export declare function getThreadMembers(options: IListThreadMembers): Promise<ThreadMember[]>;
/** The guild's active threads. */
export declare function getActiveThreads(): Promise<{ members: ThreadMember[]; threads: Thread[] }>;
/** A channel's archived public threads. */
export declare function getPublicArchivedThreads(options: IListThreads): Promise<IThreadsListing>;
/** A channel's archived private threads. */
export declare function getPrivateArchivedThreads(options: IListThreads): Promise<IThreadsListing>;

// --- Webhooks

/** One webhook (with its token, any guild's; without, only this guild's). */
export declare function getWebhook(id: string, token?: string): Promise<Webhook>;
/** The guild's webhooks. */
export declare function getGuildWebhooks(): Promise<Webhook[]>;
/** A channel's webhooks. */
export declare function getChannelWebhooks(channelId: string): Promise<Webhook[]>;
/** Creates a webhook in a channel. */
export declare function createWebhook(fields: { name: string; channel_id: string; avatar?: string | Image }): Promise<Webhook>;
/** Changes one of the guild's webhooks. */
export declare function editWebhook(
    id: string,
    fields: { avatar?: string | Image | null; name?: string; channel_id?: string },
): Promise<Webhook>;
/** Changes a webhook through its token. */
export declare function editWebhookWithToken(
    id: string,
    token: string,
    fields: { avatar?: string | Image | null; name?: string },
): Promise<Webhook>;
/** Deletes a webhook (through its token when given). */
export declare function deleteWebhook(id: string, token?: string): Promise<void>;
/** Posts a message through a webhook and returns it. */
export declare function executeWebhook(id: string, token: string, fields: CreateWebhookMessageFields): Promise<Message>;
/** A message posted by a webhook. */
export declare function getWebhookMessage(webhookId: string, token: string, messageId: string): Promise<Message>;
/** Edits a message posted by a webhook. */
export declare function editWebhookMessage(
    webhookId: string,
    token: string,
    messageId: string,
    fields: CreateMessageFields,
): Promise<Message>;
/** Deletes a message posted by a webhook. */
export declare function deleteWebhookMessage(webhookId: string, token: string, messageId: string): Promise<void>;

// --- Interaction responses (the Interaction classes wrap these)

/** The message that answered an interaction. */
export declare function getInteractionOriginalResponse(token: string): Promise<Message>;
/** Edits the message that answered an interaction. */
export declare function editInteractionOriginalResponse(token: string, fields: InteractionCreateMessageFields): Promise<Message>;
/** Deletes the message that answered an interaction. */
export declare function deleteInteractionOriginalResponse(token: string): Promise<void>;
/** Sends a follow-up message to an interaction (a string is its content). */
export declare function createInteractionFollowupMessage(
    token: string,
    resp: string | InteractionCreateMessageFields,
): Promise<Message>;
/** A follow-up message of an interaction. */
export declare function getInteractionFollowupMessage(token: string, messageId: string): Promise<Message>;
/** Edits a follow-up message of an interaction. */
export declare function editInteractionFollowupMessage(
    token: string,
    messageId: string,
    fields: InteractionCreateMessageFields,
): Promise<void>;
/** Deletes a follow-up message of an interaction. */
export declare function deleteInteractionFollowupMessage(token: string, id: string): Promise<void>;

/** Internal: message fields in the form the host's ops take. */
export declare function toOpMessageFields(fields: CreateMessageFields): unknown;
