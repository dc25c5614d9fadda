// The per-file `Script` object (the global `script`).
import * as Commands from "./commands";
import { EventTypes } from "./events";
import * as Storage from "./storage";
import * as Tasks from "./tasks";
import { SettingsManager } from "./settings";
import {
    ChannelSelectMenuInteraction,
    ComponentInteraction,
    MentionableSelectMenuInteraction,
    ModalSubmitInteraction,
    RoleSelectMenuInteraction,
    SelectMenuInteraction,
    UserSelectMenuInteraction,
} from "./discord_interactions";

/** Where storage and task buckets live: the guild's own data, or a plugin's. */
export type CustomScope = { kind: "Guild" } | { kind: "Plugin"; pluginId: string };

/**
 * One script file. Botloader creates one per file and exposes it as the global `script`; everything a
 * script contributes (event handlers, commands, timers, task buckets, settings) is registered on it.
 */
export declare class Script {
    /** Scripts normally use the injected `script` instead of constructing their own. */
    constructor(name: string, scriptId: number, pluginId: string | null);
    /** The script's numeric id. */
    readonly scriptId: number;
    /** The file name including `.ts`, e.g. `"main.ts"`. */
    readonly name: string;
    /** `"script id <id>"`. */
    readonly description: string;
    /** The plugin this script belongs to, or `null` for a guild script. */
    readonly pluginId: string | null;
    /** The script's settings: options the server's admins fill in on the dashboard. */
    settings: SettingsManager;

    /**
     * Registers a handler for a Discord event. Handlers run in registration order and are not awaited.
     *
     * @example
     * script.on("MEMBER_ADD", (member) => console.log(`${member.user.username} joined`));
     */
    on<K extends keyof EventTypes>(eventType: K, cb: (evt: EventTypes[K]) => void): void;

    /** Starts a slash command; it is registered when its `build(cb)` is called. */
    createSlashCommand(name: string, description: string): Commands.SlashCommandBuilder<{}>;
    /** Starts a user context-menu command; it is registered on `build(cb)`. */
    createUserCommand(name: string): Commands.UserCommandBuilder;
    /** Starts a message context-menu command; it is registered on `build(cb)`. */
    createMessageCommand(name: string): Commands.MessageCommandBuilder;
    /** Registers a command built without a script builder (`Commands.slashCommand(…).build(…)`).
     * Throws if a command with the same name and group path is already registered by any script. */
    createCommand(command: Commands.Command): void;

    /** A JSON storage bucket named `namespace` (shared by every script with the same storage scope). */
    createStorageJson<T>(namespace: string): Storage.JsonBucket<T>;
    /** A number storage bucket named `namespace`, with atomic increments and sorted listings. */
    createStorageNumber(namespace: string): Storage.NumberBucket;
    /** A single JSON value stored under `key` (namespace `"bl:vars_json"` unless given). */
    createStorageVarJson<T>(key: string, options?: { namespace?: string }): Storage.JsonVar<T>;
    /** A single number stored under `key` (namespace `"bl:vars_number"` unless given). */
    createStorageVarNumber(key: string, options?: { namespace?: string }): Storage.NumberVar;
    /** @deprecated Use {@link Script.createStorageJson}. */
    createGuildStorageJson<T>(namespace: string): Storage.JsonBucket<T>;
    /** @deprecated Use {@link Script.createStorageNumber}. */
    createGuildStorageNumber(namespace: string): Storage.NumberBucket;
    /** Changes the scope of storage (and task buckets) created after this call. */
    setCustomStorageScope(scope: CustomScope): void;

    /**
     * Runs `callback` periodically. A number is an interval in minutes (the first run comes that many
     * minutes after the timer is first seen); a string is a 5-field cron expression in UTC
     * (minute hour day-of-month month day-of-week, Sunday = 1). Timers are identified by name.
     */
    onInterval(name: string, interval: string | number, callback: () => any): void;
    /** Registers a task bucket and the handler that runs each of its tasks when it is due. */
    createTaskBucket<T = undefined>(
        options: { name: string; customScope?: CustomScope },
        cb: (task: Tasks.Task<T>) => any,
    ): Tasks.TaskBucket<T>;
    /** @deprecated Use {@link Script.createTaskBucket}. */
    onTask<T>(namespace: string, cb: (task: Tasks.Task<T>) => any): Promise<void>;

    /** Handles clicks on buttons made with `new Discord.CustomButton(label, name, data)`. */
    onInteractionButton<T>(name: string, cb: (interaction: ComponentInteraction, extraData: T) => any): void;
    /** Handles text select menus made with `new Discord.SelectMenu(name, options, data)`. */
    onInteractionSelectMenu<T>(name: string, cb: (interaction: SelectMenuInteraction, extraData: T) => any): void;
    /** Handles user select menus. */
    onInteractionUserSelectMenu<T>(
        name: string,
        cb: (interaction: UserSelectMenuInteraction, extraData: T) => any,
    ): void;
    /** Handles role select menus. */
    onInteractionRoleSelectMenu<T>(
        name: string,
        cb: (interaction: RoleSelectMenuInteraction, extraData: T) => any,
    ): void;
    /** Handles channel select menus. */
    onInteractionChannelSelectMenu<T>(
        name: string,
        cb: (interaction: ChannelSelectMenuInteraction, extraData: T) => any,
    ): void;
    /** Handles mentionable (user or role) select menus. */
    onInteractionMentionableSelectMenu<T>(
        name: string,
        cb: (interaction: MentionableSelectMenuInteraction, extraData: T) => any,
    ): void;
    /** Handles submitted modals whose custom id came from `encodeInteractionCustomId(name, data)`. */
    onInteractionModalSubmit<T>(name: string, cb: (interaction: ModalSubmitInteraction, customData: T) => any): void;

    /** Internal: sends the script's registrations to the host; the runtime calls it once per file. */
    run(): void;
    /** Internal: the script's commands and command groups as sent to the host. */
    genCommandsBinding(): [Commands.Command[], Commands.Group[]];
}
