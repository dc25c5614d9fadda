// Permissions, permission overwrites and snowflakes.

/** A permission set in any form: a decimal string, a number, a bigint or a {@link Permissions}. */
export type PermissionResolvable = string | number | bigint | Permissions;

/**
 * An immutable set of Discord permissions. Each flag is a static bigint.
 *
 * @example
 * const perms = await Discord.getMemberGuildPermissions(userId);
 * if (perms.hasAny(Discord.Permissions.Administrator, Discord.Permissions.ManageMessages)) { … }
 */
export declare class Permissions {
    /** The union of every given permission. */
    constructor(...data: PermissionResolvable[]);
    /** The bitfield. */
    readonly value: bigint;
    /** Bit 0. */
    static readonly CreateInstantInvite: bigint;
    /** Bit 1. */
    static readonly KickMembers: bigint;
    /** Bit 2. */
    static readonly BanMembers: bigint;
    /** Bit 3. */
    static readonly Administrator: bigint;
    /** Bit 4. */
    static readonly ManageChannels: bigint;
    /** Bit 5. */
    static readonly ManageGuild: bigint;
    /** Bit 6. */
    static readonly AddReactions: bigint;
    /** Bit 7. */
    static readonly ViewAuditLog: bigint;
    /** Bit 8. */
    static readonly PrioritySpeaker: bigint;
    /** Bit 9. */
    static readonly Stream: bigint;
    /** Bit 10. */
    static readonly ViewChannel: bigint;
    /** Bit 11. */
    static readonly SendMessages: bigint;
    /** Bit 12. */
    static readonly SendTtsMessages: bigint;
    /** Bit 13. */
    static readonly ManageMessages: bigint;
    /** Bit 14. */
    static readonly EmbedLinks: bigint;
    /** Bit 15. */
    static readonly AttachFiles: bigint;
    /** Bit 16. */
    static readonly ReadMessageHistory: bigint;
    /** Bit 17. */
    static readonly MentionEveryone: bigint;
    /** Bit 18. */
    static readonly UseExternalEmojis: bigint;
    /** Bit 19. */
    static readonly ViewGuildInsights: bigint;
    /** Bit 20. */
    static readonly Connect: bigint;
    /** Bit 21. */
    static readonly Speak: bigint;
    /** Bit 22. */
    static readonly MuteMembers: bigint;
    /** Bit 23. */
    static readonly DeafenMembers: bigint;
    /** Bit 24. */
    static readonly MoveMembers: bigint;
    /** Bit 25. */
    static readonly UseVad: bigint;
    /** Bit 26. */
    static readonly ChangeNickname: bigint;
    /** Bit 27. */
    static readonly ManageNicknames: bigint;
    /** Bit 28. */
    static readonly ManageRoles: bigint;
    /** Bit 29. */
    static readonly ManageWebhooks: bigint;
    /** Bit 30. */
    static readonly ManageGuildExpressions: bigint;
    /** Bit 31. */
    static readonly UseApplicationCommands: bigint;
    /** Bit 32. */
    static readonly RequestToSpeak: bigint;
    /** Bit 33. */
    static readonly ManageEvents: bigint;
    /** Bit 34. */
    static readonly ManageThreads: bigint;
    /** Bit 35. */
    static readonly CreatePublicThreads: bigint;
    /** Bit 36. */
    static readonly CreatePrivateThreads: bigint;
    /** Bit 37. */
    static readonly UseExternalStickers: bigint;
    /** Bit 38. */
    static readonly SendMessagesInThreads: bigint;
    /** Bit 39. */
    static readonly UseEmbeddedActivities: bigint;
    /** Bit 40. */
    static readonly ModerateMembers: bigint;
    /** Bit 41. */
    static readonly ViewCreatorMonetizationAnalytics: bigint;
    /** Bit 42. */
    static readonly UseSoundboard: bigint;
    /** Bit 43. */
    static readonly CreateGuildExpressions: bigint;
    /** Bit 44. */
    static readonly CreateEvents: bigint;
    /** Bit 45. */
    static readonly UseExternalSounds: bigint;
    /** Bit 46. */
    static readonly SendVoiceMessages: bigint;
    /** Bit 48. */
    static readonly SetVoiceChannelStatus: bigint;
    /** Bit 49. */
    static readonly SendPolls: bigint;
    /** Bit 50. */
    static readonly UseExternalApps: bigint;
    /** Bit 51. */
    static readonly PinMessages: bigint;
    /** Bit 52. */
    static readonly BypassSlowmode: bigint;
    /** Every permission flag combined. */
    static readonly rawAll: bigint;
    /** Every flag as `[name, bit]`. */
    static entries(): [string, bigint][];
    /** The bitfield of the union of the given permissions. */
    static resolve(...data: PermissionResolvable[]): bigint;
    /** True if at least one of the given permissions is in this set. */
    hasAny(...permissions: PermissionResolvable[]): boolean;
    /** True if every given permission is in this set. */
    hasAll(...permissions: PermissionResolvable[]): boolean;
    /** A new set with the given permissions added. */
    add(...permissions: PermissionResolvable[]): Permissions;
    /** A new set with the given permissions removed. */
    remove(...permissions: PermissionResolvable[]): Permissions;
    /** The names of the flags in this set. */
    toArray(): string[];
    /** The bitfield as a decimal string. */
    toString(): string;
}

/** A channel permission overwrite to send with {@link editChannelPermission} or channel creation. */
export declare class PermissionOverwrite {
    constructor(kind: "Member" | "Role", id: string, allow: PermissionResolvable, deny: PermissionResolvable);
    kind: "Member" | "Role";
    id: string;
    allowRaw: string;
    denyRaw: string;
    /** An overwrite for one member. */
    static member(id: string, allow: PermissionResolvable, deny: PermissionResolvable): PermissionOverwrite;
    /** An overwrite for a role. */
    static role(id: string, allow: PermissionResolvable, deny: PermissionResolvable): PermissionOverwrite;
    /** An overwrite for @everyone (the role whose id is the guild's). */
    static everyone(allow: PermissionResolvable, deny: PermissionResolvable): PermissionOverwrite;
}

/** Discord's epoch (2015-01-01) in Unix milliseconds. */
export declare const DiscordEpoch: bigint;
/** The Unix time (ms) a snowflake id was created at. */
export declare function snowflakeTimestamp(id: string): number;
