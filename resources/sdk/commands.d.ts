// `Commands`: slash, user and message commands. Build them with `script.createSlashCommand(…)` (or
// `Commands.slashCommand(…)` plus `script.createCommand(…)`); options are typed all the way to `args`.
import { Attachment, ChannelType, Member, Message, Role } from "./discord_models";
import { MessageFlags } from "./discord_models";
import {
    ExecutedCommandContext,
    InteractionChannel,
    InteractionMentionable,
    InteractionUser,
} from "./discord_interactions";
import { PermissionResolvable } from "./discord_permissions";

export { ExecutedCommandContext };

/** The kinds of command options. */
export type OptionType = "String" | "Integer" | "Boolean" | "User" | "Channel" | "Role" | "Mentionable" | "Number" | "Attachment";

/** What each option kind gives the command's callback. */
export interface OptionTypeMap {
    String: string;
    Integer: number;
    Number: number;
    Boolean: boolean;
    User: InteractionUser;
    Channel: InteractionChannel;
    Role: Role;
    Mentionable: InteractionMentionable;
    Attachment: Attachment;
}

/** A fixed choice offered for an option. */
export interface OptionChoice<T> {
    name: string;
    value: T;
}

/** What an autocomplete provider is told: who is typing what, where. */
export interface AutocompleteInteraction {
    member: Member;
    /** What the user has typed so far in the option. */
    input: string;
    channelId: string;
}

/** Suggests choices while the user types an option's value. */
export type AutocompleteProvider<T> = (interaction: AutocompleteInteraction) => OptionChoice<T>[] | Promise<OptionChoice<T>[]>;

/** Settings every option has. */
export interface BaseOptionSettings {
    /** Whether the option must be given (default `true`). An optional option is `T | undefined`. */
    required?: boolean;
}

export interface StringOptionSettings extends BaseOptionSettings {
    /** Up to 25 fixed choices. */
    choices?: OptionChoice<string>[];
    autocomplete?: AutocompleteProvider<string>;
}

export interface NumberOptionSettings extends BaseOptionSettings {
    choices?: OptionChoice<number>[];
    minValue?: number;
    maxValue?: number;
    autocomplete?: AutocompleteProvider<number>;
}

export interface ChannelOptionSettings extends BaseOptionSettings {
    /** Only offer channels of these kinds. */
    channelTypes?: ChannelType[];
}

/** Settings of any option kind. */
export type OptionSettings = StringOptionSettings | NumberOptionSettings | ChannelOptionSettings | BaseOptionSettings;

/** `T`, or `T | undefined` when the option was declared with `required: false`. */
export type OptionValue<O, T> = O extends { required: false } ? T | undefined : T;

/** One option of a built command. */
export interface Option {
    kind: OptionType;
    description: string;
    required: boolean;
    extraOptions: {
        minValue?: number;
        maxValue?: number;
        channelTypes?: ChannelType[];
        choices?: OptionChoice<string | number>[];
    };
}

/** How the command is acknowledged: automatically with "thinking…" (`DeferredMessage`, the default),
 * or by the callback itself within 3 seconds (`Custom`, needed for modals). */
export type AckMode = "DeferredMessage" | "Custom";

/** The flags of the automatic deferred answer. */
export type AckMessageFlags = Pick<MessageFlags, "ephemeral" | "suppressEmbeds" | "isComponentsV2" | "suppressNotifications">;

/** A built command. */
export interface Command {
    name: string;
    description: string;
    kind: "Chat" | "User" | "Message";
    group?: Group;
    options?: Record<string, Option>;
    ackMode: AckMode;
    ackMessageFlags: AckMessageFlags;
    defaultMemberPermissions?: string;
    cb: (ctx: ExecutedCommandContext, args: any) => any;
}

/**
 * A command group (`/group command`) or, made with {@link Group.subGroup}, a subgroup
 * (`/group subgroup command`). Only two levels exist.
 */
export declare class Group {
    constructor(name: string, description: string);
    name: string;
    description: string;
    parent?: Group;
    subGroups: Group[];
    defaultMemberPermissions?: string;
    /** Creates a subgroup (throws on a subgroup). */
    subGroup(name: string, description: string): Group;
    /** Who may use the group's commands by default (top-level groups only; 0: administrators). */
    setDefaultMemberPermissions(permissions: PermissionResolvable): this;
}

declare abstract class BaseBuilder {
    /** How the command is acknowledged (default `"DeferredMessage"`). */
    setAckMode(mode: AckMode): this;
    /** The flags of the automatic deferred answer, e.g. `{ ephemeral: true }`. */
    setAckMessageFlags(flags: AckMessageFlags): this;
    /** Who may use the command by default (stored as a decimal string; 0: administrators). */
    setDefaultMemberPermissions(permissions: PermissionResolvable): this;
}

/**
 * A slash command under construction. Each `addOption*` returns a builder whose type records the
 * option, so `args` in `build` is fully typed.
 *
 * @example
 * script.createSlashCommand("echo", "Repeat something")
 *     .addOptionString("text", "What to say")
 *     .addOptionInteger("times", "How often", { required: false, minValue: 1, maxValue: 5 })
 *     .build(async (ctx, args) => {
 *         await ctx.createFollowup(args.text.repeat(args.times ?? 1));
 *     });
 */
export declare class SlashCommandBuilder<TOpts extends {}> extends BaseBuilder {
    constructor(name: string, description: string);
    /** Puts the command in a group. */
    setGroup(group: Group): this;
    // Two overloads each: `required: false` makes the argument optional (`T | undefined`).
    addOptionString<N extends string>(
        name: N, description: string, opts: StringOptionSettings & { required: false },
    ): SlashCommandBuilder<TOpts & { [K in N]: string | undefined }>;
    addOptionString<N extends string>(
        name: N, description: string, opts?: StringOptionSettings,
    ): SlashCommandBuilder<TOpts & { [K in N]: string }>;
    addOptionNumber<N extends string>(
        name: N, description: string, opts: NumberOptionSettings & { required: false },
    ): SlashCommandBuilder<TOpts & { [K in N]: number | undefined }>;
    addOptionNumber<N extends string>(
        name: N, description: string, opts?: NumberOptionSettings,
    ): SlashCommandBuilder<TOpts & { [K in N]: number }>;
    addOptionInteger<N extends string>(
        name: N, description: string, opts: NumberOptionSettings & { required: false },
    ): SlashCommandBuilder<TOpts & { [K in N]: number | undefined }>;
    addOptionInteger<N extends string>(
        name: N, description: string, opts?: NumberOptionSettings,
    ): SlashCommandBuilder<TOpts & { [K in N]: number }>;
    addOptionBoolean<N extends string>(
        name: N, description: string, opts: BaseOptionSettings & { required: false },
    ): SlashCommandBuilder<TOpts & { [K in N]: boolean | undefined }>;
    addOptionBoolean<N extends string>(
        name: N, description: string, opts?: BaseOptionSettings,
    ): SlashCommandBuilder<TOpts & { [K in N]: boolean }>;
    addOptionUser<N extends string>(
        name: N, description: string, opts: BaseOptionSettings & { required: false },
    ): SlashCommandBuilder<TOpts & { [K in N]: InteractionUser | undefined }>;
    addOptionUser<N extends string>(
        name: N, description: string, opts?: BaseOptionSettings,
    ): SlashCommandBuilder<TOpts & { [K in N]: InteractionUser }>;
    addOptionChannel<N extends string>(
        name: N, description: string, opts: ChannelOptionSettings & { required: false },
    ): SlashCommandBuilder<TOpts & { [K in N]: InteractionChannel | undefined }>;
    addOptionChannel<N extends string>(
        name: N, description: string, opts?: ChannelOptionSettings,
    ): SlashCommandBuilder<TOpts & { [K in N]: InteractionChannel }>;
    addOptionRole<N extends string>(
        name: N, description: string, opts: BaseOptionSettings & { required: false },
    ): SlashCommandBuilder<TOpts & { [K in N]: Role | undefined }>;
    addOptionRole<N extends string>(
        name: N, description: string, opts?: BaseOptionSettings,
    ): SlashCommandBuilder<TOpts & { [K in N]: Role }>;
    addOptionMentionable<N extends string>(
        name: N, description: string, opts: BaseOptionSettings & { required: false },
    ): SlashCommandBuilder<TOpts & { [K in N]: InteractionMentionable | undefined }>;
    addOptionMentionable<N extends string>(
        name: N, description: string, opts?: BaseOptionSettings,
    ): SlashCommandBuilder<TOpts & { [K in N]: InteractionMentionable }>;
    addOptionAttachment<N extends string>(
        name: N, description: string, opts: BaseOptionSettings & { required: false },
    ): SlashCommandBuilder<TOpts & { [K in N]: Attachment | undefined }>;
    addOptionAttachment<N extends string>(
        name: N, description: string, opts?: BaseOptionSettings,
    ): SlashCommandBuilder<TOpts & { [K in N]: Attachment }>;
    /** The generic form of the `addOption*` methods. */
    addOption<N extends string, K extends OptionType>(
        name: N, kind: K, description: string, opts: OptionSettings & { required: false },
    ): SlashCommandBuilder<TOpts & { [P in N]: OptionTypeMap[K] | undefined }>;
    addOption<N extends string, K extends OptionType>(
        name: N, kind: K, description: string, opts?: OptionSettings,
    ): SlashCommandBuilder<TOpts & { [P in N]: OptionTypeMap[K] }>;
    /** Finishes the command; created through `script`, it is registered too. */
    build(cb: (ctx: ExecutedCommandContext, args: TOpts) => void | Promise<any>): Command;
}

/** A user context-menu command under construction. */
export declare class UserCommandBuilder extends BaseBuilder {
    constructor(name: string);
    build(cb: (ctx: ExecutedCommandContext, target: InteractionUser) => any): Command;
}

/** A message context-menu command under construction. */
export declare class MessageCommandBuilder extends BaseBuilder {
    constructor(name: string);
    build(cb: (ctx: ExecutedCommandContext, target: Message) => any): Command;
}

/** A slash command builder not tied to a script (register it with `script.createCommand`). */
export declare function slashCommand(name: string, description: string): SlashCommandBuilder<{}>;
/** A user command builder not tied to a script. */
export declare function userCommand(name: string): UserCommandBuilder;
/** A message command builder not tied to a script. */
export declare function messageCommand(name: string): MessageCommandBuilder;

// Only the declarations marked `export` are part of the module.
export {};
