// `EventSystem`: which events scripts can handle with `script.on(…)` and what each delivers.
import {
    Member,
    Message,
    EventMessageUpdate,
    EventMemberRemove,
    EventVoiceStateUpdate,
    EventMessageReactionAdd,
    GuildChannel,
    Role,
    Thread,
    EventThreadListSync,
    ThreadMember,
    EventThreadMembersUpdate,
    EventInviteCreate,
    EventInviteDelete,
    ReactionType,
    ChannelType,
} from "./discord_models";

/** A message was deleted (bulk deletions are not delivered). */
export interface EventMessageDelete {
    channelId: string;
    id: string;
}

/** A user removed a reaction. */
export interface EventMessageReactionRemove {
    channelId: string;
    messageId: string;
    emoji: ReactionType;
    userId: string;
}

/** Every reaction was removed from a message. */
export interface EventMessageReactionRemoveAll {
    channelId: string;
    messageId: string;
}

/** Every reaction with one emoji was removed from a message. */
export interface EventMessageReactionRemoveAllEmoji {
    channelId: string;
    messageId: string;
    emoji: ReactionType;
}

/** A role was deleted. */
export interface EventRoleDelete {
    roleId: string;
}

/** A thread was deleted. */
export interface IEventThreadDelete {
    guildId: string;
    id: string;
    kind: ChannelType;
    parentId: string;
}

/** A channel's webhooks changed. */
export interface EventWebhooksUpdate {
    channelId: string;
}

/** Event name → the payload its handlers receive. */
export interface EventTypes {
    /** A message was posted in the guild (the bot's own messages included). */
    MESSAGE_CREATE: Message;
    /** A message was edited; only `id` and `channelId` are always present. */
    MESSAGE_UPDATE: EventMessageUpdate;
    /** A message was deleted. */
    MESSAGE_DELETE: EventMessageDelete;
    /** Someone joined the guild. */
    MEMBER_ADD: Member;
    /** A member changed (roles, nickname, timeout, …). */
    MEMBER_UPDATE: Member;
    /** Someone left or was removed from the guild. */
    MEMBER_REMOVE: EventMemberRemove;
    /** Someone joined, left or changed state in a voice channel; the previous state is attached. */
    VOICE_STATE_UPDATE: EventVoiceStateUpdate;
    /** A reaction was added to a message. */
    MESSAGE_REACTION_ADD: EventMessageReactionAdd;
    /** A reaction was removed from a message. */
    MESSAGE_REACTION_REMOVE: EventMessageReactionRemove;
    /** All reactions were removed from a message. */
    MESSAGE_REACTION_REMOVE_ALL: EventMessageReactionRemoveAll;
    /** All reactions with one emoji were removed from a message. */
    MESSAGE_REACTION_REMOVE_ALL_EMOJI: EventMessageReactionRemoveAllEmoji;
    /** A channel was created. */
    CHANNEL_CREATE: GuildChannel;
    /** A channel was changed. */
    CHANNEL_UPDATE: GuildChannel;
    /** A channel was deleted. */
    CHANNEL_DELETE: GuildChannel;
    /** A role was created. */
    ROLE_CREATE: Role;
    /** A role was changed. */
    ROLE_UPDATE: Role;
    /** A role was deleted. */
    ROLE_DELETE: EventRoleDelete;
    /** A thread was created (or the bot was added to a private thread). */
    THREAD_CREATE: Thread;
    /** A thread was changed. */
    THREAD_UPDATE: Thread;
    /** A thread was deleted. */
    THREAD_DELETE: IEventThreadDelete;
    /** The bot gained access to channels; their active threads are listed. */
    THREAD_LIST_SYNC: EventThreadListSync;
    /** The bot's own membership of a thread changed. */
    THREAD_MEMBER_UPDATE: ThreadMember;
    /** Members were added to or removed from a thread. */
    THREAD_MEMBERS_UPDATE: EventThreadMembersUpdate;
    /** An invite was created. */
    INVITE_CREATE: EventInviteCreate;
    /** An invite was deleted. */
    INVITE_DELETE: EventInviteDelete;
    /** A channel's webhooks were created, changed or deleted. */
    WEBHOOKS_UPDATE: EventWebhooksUpdate;
}
