// `Settings`: options a server's admins set for a script. Values resolve to the stored value when it
// has the right type, else the option's `defaultValue`, else the built-in default.
import { ChannelType } from "./discord_models";

/** Settings every option has. */
export interface BaseOptionSettings<T> {
    /** Shown to admins (defaults to the name). */
    label?: string;
    description?: string;
    /** Only meaningful for a top-level option with a default value. */
    required?: boolean;
    defaultValue?: T;
}

export interface StringOptionSettings extends BaseOptionSettings<string> { minLength?: number; maxLength?: number; }
export interface NumberOptionSettings extends BaseOptionSettings<number> { min?: number; max?: number; }
export interface Integer64OptionSettings extends BaseOptionSettings<string> { min?: string; max?: string; }
export interface BooleanOptionSettings extends BaseOptionSettings<boolean> {}
export interface ChannelOptionSettings extends BaseOptionSettings<string> { types?: ChannelType[]; }
export interface ChannelsOptionSettings extends BaseOptionSettings<string[]> { types?: ChannelType[]; max?: number; }
export interface RoleOptionSettings extends BaseOptionSettings<string> { requireAssignable?: boolean; }
export interface RolesOptionSettings extends BaseOptionSettings<string[]> { requireAssignable?: boolean; max?: number; }
export interface CustomStringSelectSettings extends BaseOptionSettings<string> { options: { label: string; value: string }[]; }
export interface CustomStringMultiSelectSettings extends BaseOptionSettings<string[]> {
    options: { label: string; value: string }[];
    min_selected?: number;
    max_selected?: number;
}
export interface CustomNumberSelectSettings extends BaseOptionSettings<number> { options: { label: string; value: number }[]; }
export interface CustomNumberMultiSelectSettings extends BaseOptionSettings<number[]> {
    options: { label: string; value: number }[];
    min_selected?: number;
    max_selected?: number;
}

/** The kind of a settings option, as sent to the host. */
export type SettingsOptionType =
    | { kind: "string"; max_length?: number; min_length?: number }
    | { kind: "float" | "integer"; min?: number; max?: number }
    | { kind: "integer64"; min?: string; max?: string }
    | { kind: "boolean" }
    | { kind: "channel"; types?: ChannelType[] }
    | { kind: "channels"; types?: ChannelType[]; max_length?: number; min_length?: number }
    | { kind: "role"; assignable?: boolean }
    | { kind: "roles"; assignable?: boolean; max_length?: number; min_length?: number }
    | { kind: "customStringSelect" | "customNumberSelect"; options: { label: string; value: string | number }[] }
    | {
          kind: "customStringMultiSelect" | "customNumberMultiSelect";
          options: { label: string; value: string | number }[];
          max_selected?: number;
          min_selected?: number;
      };

/** One option's definition. */
export interface SettingsOption {
    name: string;
    label: string;
    description: string;
    required: boolean;
    defaultValue: unknown;
    kind: SettingsOptionType;
}

/** A definition sent to the host: an option or a list. */
export type SettingsOptionDefinition =
    | { kind: "Option"; data: SettingsOption }
    | { kind: "List"; data: { name: string; label: string; description: string; required: false; defaultValue: unknown; template: SettingsOption[] } };

/** The built-in defaults when neither a stored value nor `defaultValue` exists. */
export declare const SysDefaultValues: {
    string: string;
    float: null;
    integer: null;
    integer64: null;
    boolean: boolean;
    channel: null;
    channels: string[];
    role: null;
    roles: string[];
    customStringSelect: null;
    customStringMultiSelect: string[];
    customNumberSelect: null;
    customNumberMultiSelect: number[];
};

/** A defined option; read its current value with `.value`. */
export declare class LoadedOption<T> {
    private constructor();
    definition: SettingsOption;
    /** The current value (stored, else the default). */
    get value(): T;
}

/** A defined list; `.value` holds one object per item. */
export declare class LoadedList<T> {
    private constructor();
    definition: SettingsOptionDefinition;
    /** One object per valid stored item (else the default list). */
    get value(): T[];
}

/**
 * A list of items whose fields are options; add the fields with the same `addOption*` methods
 * (they return the builder), then `complete()`.
 */
export declare class ListBuilder<T extends {}> {
    private constructor();
    addOptionString<N extends string>(name: N, options?: StringOptionSettings): ListBuilder<T & { [K in N]: string }>;
    addOptionFloat<N extends string>(name: N, options?: NumberOptionSettings): ListBuilder<T & { [K in N]: number | null }>;
    addOptionInteger<N extends string>(name: N, options?: NumberOptionSettings): ListBuilder<T & { [K in N]: number | null }>;
    addOptionInteger64<N extends string>(name: N, options?: Integer64OptionSettings): ListBuilder<T & { [K in N]: string | null }>;
    addOptionBoolean<N extends string>(name: N, options?: BooleanOptionSettings): ListBuilder<T & { [K in N]: boolean }>;
    addOptionChannel<N extends string>(name: N, options?: ChannelOptionSettings): ListBuilder<T & { [K in N]: string | null }>;
    addOptionChannels<N extends string>(name: N, options?: ChannelsOptionSettings): ListBuilder<T & { [K in N]: string[] }>;
    addOptionRole<N extends string>(name: N, options?: RoleOptionSettings): ListBuilder<T & { [K in N]: string | null }>;
    addOptionRoles<N extends string>(name: N, options?: RolesOptionSettings): ListBuilder<T & { [K in N]: string[] }>;
    addOptionCustomStringSelect<N extends string>(name: N, options: CustomStringSelectSettings): ListBuilder<T & { [K in N]: string | null }>;
    addOptionCustomStringMultiSelect<N extends string>(name: N, options: CustomStringMultiSelectSettings): ListBuilder<T & { [K in N]: string[] }>;
    addOptionCustomNumberSelect<N extends string>(name: N, options: CustomNumberSelectSettings): ListBuilder<T & { [K in N]: number | null }>;
    addOptionCustomNumberMultiSelect<N extends string>(name: N, options: CustomNumberMultiSelectSettings): ListBuilder<T & { [K in N]: number[] }>;
    /** Finishes the list. */
    complete(options?: { label?: string; description?: string; min?: number; max?: number; defaultValue?: T[] }): LoadedList<T>;
}

/**
 * The script's settings (`script.settings`).
 *
 * @example
 * const greeting = script.settings.addOptionString("greeting", { defaultValue: "Welcome!" });
 * script.on("MEMBER_ADD", (m) => console.log(greeting.value));
 */
export declare class SettingsManager {
    private constructor();
    addOptionString(name: string, options?: StringOptionSettings): LoadedOption<string>;
    addOptionFloat(name: string, options?: NumberOptionSettings): LoadedOption<number | null>;
    /** The value is floored to an integer. */
    addOptionInteger(name: string, options?: NumberOptionSettings): LoadedOption<number | null>;
    /** A 64-bit integer, as a string. */
    addOptionInteger64(name: string, options?: Integer64OptionSettings): LoadedOption<string | null>;
    /** "yes", "true" and "1" are true; the number 0 is false. */
    addOptionBoolean(name: string, options?: BooleanOptionSettings): LoadedOption<boolean>;
    /** A channel id. */
    addOptionChannel(name: string, options?: ChannelOptionSettings): LoadedOption<string | null>;
    addOptionChannels(name: string, options?: ChannelsOptionSettings): LoadedOption<string[]>;
    /** A role id. */
    addOptionRole(name: string, options?: RoleOptionSettings): LoadedOption<string | null>;
    addOptionRoles(name: string, options?: RolesOptionSettings): LoadedOption<string[]>;
    addOptionCustomStringSelect(name: string, options: CustomStringSelectSettings): LoadedOption<string | null>;
    addOptionCustomStringMultiSelect(name: string, options: CustomStringMultiSelectSettings): LoadedOption<string[]>;
    addOptionCustomNumberSelect(name: string, options: CustomNumberSelectSettings): LoadedOption<number | null>;
    addOptionCustomNumberMultiSelect(name: string, options: CustomNumberMultiSelectSettings): LoadedOption<number[]>;
    /** Starts a list of items. */
    startList(name: string): ListBuilder<{}>;
}
