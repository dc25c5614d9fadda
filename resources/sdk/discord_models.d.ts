// Discord models: what events deliver and Discord functions return. IDs are decimal strings and
// timestamps are Unix epoch milliseconds.
import { CreateMessageFields, ICreateForumThread, ICreateStandaloneThread, ICreateThreadFromMessage, IEditThread } from "./discord_api";
import { IComponent } from "./discord_components";
import { MessageSnapshot } from "./discord_hidden";

/** The kind of a channel. */
export type ChannelType =
    | "Text"
    | "Voice"
    | "Category"
    | "News"
    | "StageVoice"
    | "NewsThread"
    | "PublicThread"
    | "PrivateThread"
    | "GuildDirectory"
    | "Forum"
    | "Media";

/** The kind of a message. */
export type MessageType =
    | "Regular" | "RecipientAdd" | "RecipientRemove" | "Call" | "ChannelNameChange" | "ChannelIconChange"
    | "ChannelMessagePinned" | "GuildMemberJoin" | "UserPremiumSub" | "UserPremiumSubTier1"
    | "UserPremiumSubTier2" | "UserPremiumSubTier3" | "ChannelFollowAdd" | "GuildDiscoveryDisqualified"
    | "GuildDiscoveryRequalified" | "GuildDiscoveryGracePeriodInitialWarning"
    | "GuildDiscoveryGracePeriodFinalWarning" | "Reply" | "GuildInviteReminder" | "ChatInputCommand"
    | "ThreadCreated" | "ThreadStarterMessage" | "ContextMenuCommand" | "AutoModerationAction"
    | "RoleSubscriptionPurchase" | "InteractionPremiumUpsell" | "GuildApplicationPremiumSubscription"
    | "StageEnd" | "StageSpeaker" | "StageStart" | "StageTopic" | "GuildIncidentAlertModeEnabled"
    | "GuildIncidentAlertModeDisabled" | "GuildIncidentReportRaid" | "GuildIncidentReportRaidFalseAlarm"
    | "PurchaseNotification" | "PollResult";

/** The kind of an interaction. */
export type InteractionType = "Ping" | "ApplicationCommand" | "MessageComponent" | "ApplicationCommandAutocomplete" | "ModalSubmit";

/** A reaction's emoji as received: a custom emoji or a unicode one. */
export type ReactionType = { animated: boolean; id: string; name: string | null } | { unicode: string };

/** How long a thread stays active without messages, in minutes. */
export type AutoArchiveMinutes = 60 | 1440 | 4320 | 10080;

/** An emoji to send (react with, put on a button): a custom emoji by id, or a unicode emoji. */
export type SendEmoji = { id: string; name?: string } | { unicode: string };

/** Badges on a user's profile. */
export interface UserFlags {
    staff: boolean;
    partner: boolean;
    hypesquad: boolean;
    bugHunterLevel1: boolean;
    hypesquadOnlineHouse1: boolean;
    hypesquadOnlineHouse2: boolean;
    hypesquadOnlineHouse3: boolean;
    premiumEarlySupporter: boolean;
    teamPseudoUser: boolean;
    bugHunterLevel2: boolean;
    verifiedBot: boolean;
    verifiedDeveloper: boolean;
    certifiedModerator: boolean;
    botHttpInteractions: boolean;
}

/** The server tag a user chose to show. */
export declare class PrimaryGuild {
    private constructor();
    identityGuildId: string | null;
    identityEnabled: boolean | null;
    tag: string | null;
    badge: string | null;
    /** The URL of the tag's badge image (default size 128), or `null` without one. */
    badgeUrl(options?: { size?: number }): string | null;
}

/** A Discord user. */
export declare class User {
    private constructor();
    id: string;
    /** The unique username. */
    username: string;
    /** `"0"` for users without a legacy discriminator. */
    discriminator: string;
    /** The display name, if the user set one. */
    globalName: string | null;
    /** The avatar hash. */
    avatar: string | null;
    banner: string | null;
    accentColor: number | null;
    /** True for bot accounts. */
    bot: boolean;
    system: boolean | null;
    locale: string | null;
    premiumType: "none" | "nitroClassic" | "nitro" | "nitroBasic" | null;
    publicFlags: UserFlags | null;
    primaryGuild: PrimaryGuild | null;
    /** The mention text `<@id>`, which pings the user when sent. */
    mention(): string;
    /** The user's avatar URL (the default avatar when they have none); size defaults to 128. */
    avatarUrl(options?: { size?: number }): string;
    /** When the account was created (from the snowflake id). */
    createdAt(): Date;
}

/** A user mentioned in a message, with their guild membership when known. */
export interface UserMention extends User {
    member: PartialMember | null;
}

/** A member's guild data without the user (as attached to messages and mentions). */
export interface PartialMember {
    deaf: boolean;
    mute: boolean;
    joinedAt: number;
    nick: string | null;
    premiumSince: number | null;
    roles: string[];
    communicationDisabledUntil: number | null;
}

/** A member of the guild. */
export declare class Member {
    private constructor();
    user: User;
    /** The guild nickname. */
    nick: string | null;
    /** Ids of the member's roles. */
    roles: string[];
    joinedAt: number;
    premiumSince: number | null;
    /** When the member's timeout ends, or `null` when not timed out. */
    communicationDisabledUntil: number | null;
    deaf: boolean;
    mute: boolean;
    /** True until the member passes membership screening. */
    pending: boolean;
    /** The nickname, or the username without one. */
    name(): string;
}

/** A ban of the guild. */
export declare class Ban {
    private constructor();
    reason: string | null;
    user: User;
}

/** A guild role. */
export interface Role {
    id: string;
    name: string;
    /** The primary colour as an RGB number (0: none). */
    color: number;
    colors: RoleColors;
    /** Shown separately in the member list. */
    hoist: boolean;
    /** Managed by an integration (bot roles, boosts). */
    managed: boolean;
    mentionable: boolean;
    icon: string | null;
    unicodeEmoji: string | null;
    /** The role's permissions as a decimal bitfield string (see {@link Permissions}). */
    permissionsRaw: string;
    position: number;
    tags: RoleTags | null;
}

/** A role's colours (gradient roles have a secondary and tertiary colour). */
export interface RoleColors {
    primaryColor: number;
    secondaryColor: number | null;
    tertiaryColor: number | null;
}

/** What a managed role belongs to. */
export interface RoleTags {
    botId: string | null;
    integrationId: string | null;
    premiumSubscriber: boolean;
}

/** A file attached to a message. */
export interface Attachment {
    id: string;
    filename: string;
    url: string;
    proxyUrl: string;
    contentType: string | null;
    /** Size in bytes. */
    size: number;
    width: number | null;
    height: number | null;
}

/** A rich embed. Every field is optional. */
export interface Embed {
    title?: string;
    description?: string;
    url?: string;
    kind?: string;
    /** An RGB colour, e.g. `0x5865f2`. */
    color?: number;
    timestamp?: number;
    fields?: EmbedField[];
    author?: EmbedAuthor;
    footer?: EmbedFooter;
    image?: EmbedImage;
    thumbnail?: EmbedThumbnail;
    video?: EmbedVideo;
    provider?: EmbedProvider;
}

export interface EmbedField {
    name: string;
    value: string;
    /** Show next to other inline fields. */
    inline?: boolean;
}

export interface EmbedAuthor {
    name: string;
    url?: string;
    iconUrl?: string;
    proxyIconUrl?: string;
}

export interface EmbedFooter {
    text: string;
    iconUrl?: string;
    proxyIconUrl?: string;
}

export interface EmbedImage {
    url: string;
    width?: number;
    height?: number;
    proxyUrl?: string;
}

export interface EmbedThumbnail {
    url: string;
    width?: number;
    height?: number;
    proxyUrl?: string;
}

export interface EmbedVideo {
    url?: string;
    width?: number;
    height?: number;
    proxyUrl?: string;
}

export interface EmbedProvider {
    name?: string;
    url?: string;
}

/** A message's flags. */
export interface MessageFlags {
    crossposted?: boolean;
    isCrosspost?: boolean;
    suppressEmbeds?: boolean;
    sourceMessageDeleted?: boolean;
    urgent?: boolean;
    hasThread?: boolean;
    ephemeral?: boolean;
    loading?: boolean;
    failedToMentionSomeRolesInThread?: boolean;
    suppressNotifications?: boolean;
    isVoiceMessage?: boolean;
    isComponentsV2?: boolean;
}

/** The reactions on a message, per emoji. */
export interface MessageReaction {
    count: number;
    emoji: ReactionType;
    /** Whether the bot reacted with this emoji. */
    me: boolean;
}

/** What a reply or forward points at. */
export interface MessageReference {
    channelId: string | null;
    guildId: string | null;
    messageId: string | null;
    failIfNotExists: boolean | null;
}

/** A channel mentioned in a message. */
export interface ChannelMention {
    guildId: string;
    id: string;
    kind: ChannelType;
    name: string;
}

export interface MessageActivity {
    kind: "Join" | "Spectate" | "Listen" | "JoinRequest";
    partyId: string | null;
}

export interface MessageApplication {
    id: string;
    name: string;
    description: string;
    icon: string | null;
    coverImage: string | null;
}

/** The interaction a message answers. */
export interface InteractionMetadata {
    id: string;
    kind: InteractionType;
    interactedMessageId: string | null;
    originalResponseMessageId: string | null;
    targetMessageId: string | null;
    targetUser: User | null;
    triggeringInteractionMetadata: InteractionMetadata | null;
    user: User;
}



/** A message in a guild channel. */
export declare class Message {
    private constructor();
    id: string;
    channelId: string;
    /** The guild the message is in (the current guild when the payload has none). */
    guildId: string;
    /** The text of the message. */
    content: string;
    author: User;
    /** The author's guild membership, when known. */
    member: PartialMember | null;
    kind: MessageType;
    flags: MessageFlags | null;
    timestamp: number;
    editedTimestamp: number | null;
    attachments: Attachment[];
    embeds: Embed[];
    components: IComponent[];
    reactions: MessageReaction[];
    mentions: UserMention[];
    /** Ids of the mentioned roles. */
    mentionRoles: string[];
    mentionChannels: ChannelMention[];
    mentionEveryone: boolean;
    pinned: boolean;
    tts: boolean;
    reference: MessageReference | null;
    /** The message this one replies to, when Discord sent it along. */
    referencedMessage: Message | null;
    interactionMetadata: InteractionMetadata | null;
    messageSnapshots: MessageSnapshot[];
    activity: MessageActivity | null;
    application: MessageApplication | null;
    webhookId: string | null;

    /** The message's link: `https://discord.com/channels/<guild>/<channel>/<message>`. */
    hyperlink(): string;
    /** Sends a reply to this message in its channel (a string is the reply's content). */
    reply(fields: string | CreateMessageFields): Promise<Message>;
    /** Pins the message. */
    pin(): Promise<void>;
    /** Unpins the message. */
    unPin(): Promise<void>;
    /** Deletes the message. */
    delete(): Promise<void>;
    /** Edits the message (only the bot's own messages can be edited). */
    edit(fields: CreateMessageFields): Promise<Message>;
    /** Forwards the message to another channel of the guild. */
    forward(channelId: string): Promise<Message>;
    /** Starts a thread from this message. */
    createThread(fields: Omit<ICreateThreadFromMessage, "messageId" | "channelId">): Promise<Thread>;
}

/** A permission overwrite on a channel, for a member or a role. */
export interface IPermissionOverwrite {
    id: string;
    kind: "Member" | "Role";
    /** Allowed permissions as a decimal bitfield string. */
    allowRaw: string;
    /** Denied permissions as a decimal bitfield string. */
    denyRaw: string;
}

/** What every guild channel has. */
export declare abstract class BaseChannel {
    protected constructor();
    id: string;
    kind: ChannelType;
    /** The channel name (`""` if Discord sent none). */
    name: string;
    permissionOverwrites: IPermissionOverwrite[];
    isCategoryChannel(): this is CategoryChannel;
    isNewsThread(): this is NewsThread;
    isPrivateThread(): this is PrivateThread;
    isPublicThread(): this is PublicThread;
    /** True for public and private threads (announcement threads are not `Thread`s). */
    isThread(): this is Thread;
    isTextChannel(): this is TextChannel;
    isVoiceChannel(): this is VoiceChannel;
    /** True for any thread, announcement threads included. */
    isAnyThread(): this is Thread | NewsThread;
    /** The channel's pinned messages. */
    pins(): Promise<Message[]>;
    /** Shows "<bot> is typing…" in the channel for a few seconds. */
    createTypingTrigger(): Promise<void>;
}

/** A category that groups channels. */
export declare class CategoryChannel extends BaseChannel {
    kind: "Category";
    position: number;
}

/** A text, announcement, forum or directory channel. */
export declare class TextChannel extends BaseChannel {
    kind: "Text" | "News" | "Forum" | "GuildDirectory";
    topic: string | null;
    nsfw: boolean;
    parentId: string | null;
    position: number;
    /** Slow mode in seconds. */
    rateLimitPerUser: number | null;
    lastPinTimestamp: number | null;
    /** Creates a post in this forum channel (throws unless the channel is a forum). */
    createForumThread(fields: Omit<ICreateForumThread, "channelId">): Promise<{ thread: Thread; message: Message }>;
    /** Creates a thread without a starter message (not in forums). */
    createStandaloneThread(fields: Omit<ICreateStandaloneThread, "channelId">): Promise<Thread>;
    /** Creates a thread from one of this channel's messages (not in forums). */
    createThreadFromMessage(fields: Omit<ICreateThreadFromMessage, "channelId">): Promise<Thread>;
}

/** A voice or stage channel. */
export declare class VoiceChannel extends BaseChannel {
    kind: "Voice" | "StageVoice";
    bitrate: number;
    parentId: string | null;
    position: number;
    rtcRegion: string | null;
    userLimit: number | null;
    videoQualityMode: "Auto" | "Full" | null;
}

/** Thread state. */
export interface ThreadMetadata {
    archived: boolean;
    autoArchiveDurationMinutes: number;
    archiveTimestamp: number;
    invitable: boolean | null;
    locked: boolean;
}

/** The bot's own membership of a thread. */
export interface SelfThreadMember {
    joinTimestamp: number;
}

/** A public or private thread. */
export declare abstract class Thread extends BaseChannel {
    kind: "PublicThread" | "PrivateThread";
    parentId: string | null;
    ownerId: string | null;
    memberCount: number;
    messageCount: number;
    rateLimitPerUser: number | null;
    defaultAutoArchiveDurationMinutes: 60 | 1440 | 4320 | 10080 | null;
    threadMetadata: ThreadMetadata;
    member: SelfThreadMember | null;
    /** Changes the thread. */
    edit(fields: Omit<IEditThread, "channelId">): Promise<Thread>;
    addMemberToThread(userId: string): Promise<void>;
    removeMemberFromThread(userId: string): Promise<void>;
    archive(): Promise<Thread>;
    unArchive(): Promise<Thread>;
    lock(): Promise<Thread>;
    unlock(): Promise<Thread>;
}

export declare class PublicThread extends Thread {
    kind: "PublicThread";
}

export declare class PrivateThread extends Thread {
    kind: "PrivateThread";
    invitable: boolean | null;
}

/** A thread in an announcement channel. Not a {@link Thread}: `isThread()` is false for it. */
export declare class NewsThread extends BaseChannel {
    kind: "NewsThread";
}

/** A channel of a kind this SDK does not model (media channels, …). */
export declare class UnknownChannel extends BaseChannel {}

/** Any guild channel. */
export type GuildChannel = CategoryChannel | NewsThread | PrivateThread | PublicThread | TextChannel | VoiceChannel | UnknownChannel;

/** A member of a thread. */
export declare class ThreadMember implements SelfThreadMember {
    private constructor();
    joinTimestamp: number;
    id: string | null;
    userId: string | null;
    member: Member | null;
}

/** A member's voice connection. */
export declare class VoiceState {
    protected constructor();
    channelId: string | null;
    deaf: boolean;
    mute: boolean;
    selfDeaf: boolean;
    selfMute: boolean;
    selfStream: boolean;
    selfVideo: boolean;
    suppress: boolean;
    sessionId: string;
    userId: string;
    requestToSpeakTimestamp: number | null;
    member?: Member;
}

/** A voice state change: the new state, and the previous one when known. */
export declare class EventVoiceStateUpdate extends VoiceState {
    oldState?: VoiceState;
}

/** A message edit; only `id` and `channelId` are always present. */
export declare class EventMessageUpdate {
    private constructor();
    id: string;
    channelId: string;
    content: string | null;
    attachments?: Attachment[];
    author?: User;
    editedTimestamp?: number;
    embeds?: Embed[];
    guildId?: string;
    kind?: MessageType;
    mentionEveryone?: boolean;
    mentionRoles?: string[];
    mentions?: UserMention[];
    pinned?: boolean;
    timestamp?: number;
    tts?: boolean;
}

/** Someone left (or was kicked or banned from) the guild. */
export declare class EventMemberRemove {
    private constructor();
    guildId: string;
    user: User;
}

/** A reaction was added. */
export declare class EventMessageReactionAdd {
    private constructor();
    channelId: string;
    messageId: string;
    emoji: ReactionType;
    member: Member;
    userId: string;
}

export type InviteTargetType = "Stream" | "EmbeddedApplication";

export interface IInviteTargetUser {
    avatar: string | null;
    discriminator: string;
    id: string;
    username: string;
}

/** An invite was created. */
export declare class EventInviteCreate {
    private constructor();
    channelId: string;
    code: string;
    createdAt: number;
    inviter?: User;
    /** Seconds the invite is valid (0: forever). */
    maxAge: number;
    /** 0: unlimited. */
    maxUses: number;
    targetUserType?: InviteTargetType;
    targetUser?: IInviteTargetUser;
    temporary: boolean;
    uses: number;
}

/** An invite was deleted. */
export declare class EventInviteDelete {
    private constructor();
    channelId: string;
    code: string;
}

/** The bot gained access to channels; their active threads are listed. */
export declare class EventThreadListSync {
    private constructor();
    channelIds: string[];
    members: ThreadMember[];
    threads: Thread[];
}

/** Members were added to or removed from a thread. */
export declare class EventThreadMembersUpdate {
    private constructor();
    id: string;
    addedMembers: ThreadMember[];
    memberCount: number;
    removedMemberIds: string[];
}

/** The guild. */
export interface Guild {
    id: string;
    name: string;
    icon: string | null;
    banner: string | null;
    splash: string | null;
    discoverySplash: string | null;
    description: string | null;
    ownerId: string;
    applicationId: string | null;
    afkChannelId: string | null;
    afkTimeout: number;
    systemChannelId: string | null;
    systemChannelFlags: {
        suppressJoinNotifications: boolean;
        suppressPremiumSubscriptions: boolean;
        suppressGuildReminderNotifications: boolean;
        suppressJoinNotificationReplies: boolean;
    };
    rulesChannelId: string | null;
    widgetChannelId: string | null;
    widgetEnabled: boolean | null;
    vanityUrlCode: string | null;
    preferredLocale: string;
    features: string[];
    joinedAt: number | null;
    memberCount: number | null;
    maxMembers: number | null;
    maxPresences: number | null;
    premiumSubscriptionCount: number | null;
    premiumTier: "None" | "Tier1" | "Tier2" | "Tier3";
    mfaLevel: "None" | "Elevated";
    nsfwLevel: "Default" | "Explicit" | "Safe" | "AgeRestricted";
    verificationLevel: "None" | "Low" | "Medium" | "High" | "VeryHigh";
    explicitContentFilter: "None" | "MembersWithoutRole" | "AllMembers";
    defaultMessageNotifications: "All" | "Mentions";
}

/** The guild an invite leads to. */
export interface IInviteGuild {
    id: string;
    name: string;
    icon: string | null;
    banner: string | null;
    splash: string | null;
    description: string | null;
    features: string[];
    premiumSubscriptionCount: number | null;
    vanityUrlCode: string | null;
    verificationLevel: "None" | "Low" | "Medium" | "High" | "VeryHigh";
}



/** A webhook. */
export declare class Webhook {
    private constructor();
    id: string;
    applicationId: string | null;
    avatar: string | null;
    channelId: string | null;
    guildId: string | null;
    kind: "Incoming" | "ChannelFollower" | "Application" | "Unknown";
    name: string | null;
    sourceChannel: { id: string; name: string } | null;
    sourceGuild: { icon: string | null; id: string; name: string } | null;
    /** Only incoming webhooks have a token. */
    token: string | null;
    url: string | null;
    user: User | null;
    /** Changes the webhook (through its token when it belongs to another guild). */
    edit(fields: { avatar?: string | null; name?: string; channel_id?: string }): Promise<Webhook>;
    /** Deletes the webhook. */
    delete(): Promise<void>;
    /** Posts a message through the webhook (throws when it has no token). */
    execute(fields: import("./discord_api").CreateWebhookMessageFields): Promise<Message>;
}

/** Internal: builds the channel class for a channel payload (by its `kind`). */
export declare function guildChannelFromInternal(data: unknown): GuildChannel;
/** Internal: like {@link guildChannelFromInternal}, but throws `Channel is not thread` for other kinds. */
export declare function threadChannelFromInternal(data: unknown): Thread;
