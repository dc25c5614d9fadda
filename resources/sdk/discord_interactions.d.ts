// Interactions: answering commands, component clicks and modal submissions. Exactly one callback
// ("ack") can be sent per interaction, within 3 seconds; a second one throws.
import { Attachment, ChannelType, Member, Message, Role, ThreadMetadata, User } from "./discord_models";
import { CreateMessageFields, InteractionCreateMessageFields } from "./discord_api";
import { ComponentType, IComponent } from "./discord_components";

/** A user picked in a command option or select menu, with their membership when they are a member. */
export interface InteractionUser {
    user: User;
    member?: InteractionMember;
}

export interface InteractionMember {
    joinedAt: number;
    nick: string | null;
    premiumSince?: number | null;
    roles: string[];
}

/** A channel picked in a command option or select menu. */
export interface InteractionChannel {
    id: string;
    kind: ChannelType;
    name: string;
    parentId?: string | null;
    /** The invoking member's permissions in the channel, as a decimal bitfield string. */
    permissionsRaw: string;
    threadMetadata?: ThreadMetadata;
}

/** A user or a role picked in a mentionable option or select menu. */
export type InteractionMentionable = { kind: "User"; value: InteractionUser } | { kind: "Role"; value: Role };

/** A modal to open in answer to an interaction. `customId` must come from `encodeInteractionCustomId`. */
export interface IModalFields {
    title: string;
    customId: string;
    components: IComponent[];
}

/** What every interaction can do to answer. */
export declare class Interaction {
    protected constructor();
    interactionId: string;
    token: string;
    /** The member who triggered the interaction. */
    member: Member;
    /** Whether the callback (ack) was sent. */
    get hasSentCallback(): boolean;
    /** Whether the answer was deferred ("thinking…"). */
    get isResponseDeferred(): boolean;
    /** Whether a follow-up or an edit of the deferred answer was sent. */
    get isDeferredResponseSent(): boolean;
    /** Answers with a message. */
    ackWithMessage(fields: InteractionCreateMessageFields): Promise<void>;
    /** Answers with "thinking…" now and the real message later (`editOriginalResponse` or a follow-up). */
    ackWithDeferredMessage(fields?: InteractionCreateMessageFields): Promise<void>;
    /** Sends a follow-up message (a string is its content). */
    createFollowup(resp: string | InteractionCreateMessageFields): Promise<Message>;
    /** Edits the original answer. */
    editOriginalResponse(fields: InteractionCreateMessageFields): Promise<Message>;
    /** Deletes the original answer. */
    deleteOriginalResponse(): Promise<void>;
    /** The original answer. */
    getOriginalResponse(): Promise<Message>;
    /** A follow-up message. */
    getFollowup(messageId: string): Promise<Message>;
    /** Edits a follow-up message. */
    editFollowup(messageId: string, fields: InteractionCreateMessageFields): Promise<void>;
    /** Deletes a follow-up message. */
    deleteFollowup(id: string): Promise<void>;
    /** @deprecated Use {@link Interaction.createFollowup}. */
    sendResponse(resp: string | CreateMessageFields): Promise<Message>;
    /** @deprecated Use {@link Interaction.createFollowup}. */
    sendFollowup(resp: string | InteractionCreateMessageFields): Promise<Message>;
    /** @deprecated Use {@link Interaction.ackWithDeferredMessage}. */
    sendCallbackWithDeferredMessage(fields?: InteractionCreateMessageFields, flags?: unknown): void;
}

/** A command being run: answer it through the context. */
export declare class ExecutedCommandContext extends Interaction {
    /** The channel the command was run in. */
    channelId: string;
    /** Internal: the command's name. */
    commandName: string;
    /** Internal: the command's group. */
    parentName?: string;
    /** Internal: the group's parent group. */
    parentParentName?: string;
    /** Answers with a modal (the command's ack mode must be "Custom"). */
    ackWithModal(modal: IModalFields): Promise<void>;
}

/** A click on a button (or a select menu choice) of a message. */
export declare class ComponentInteraction extends Interaction {
    /** The raw custom id (`0:<name>:<data>`). */
    customIdRaw: string;
    componentType: ComponentType;
    channelId: string;
    /** The message the component is on. */
    message: Message;
    /** Answers by editing the message the component is on. */
    ackWithUpdateMessage(fields: InteractionCreateMessageFields): Promise<void>;
    /** Answers now and edits the message later. */
    ackWithDeferredUpdateMessage(): Promise<void>;
    /** Answers with a modal. */
    ackWithModal(modal: IModalFields): Promise<void>;
    /** @deprecated Use {@link ComponentInteraction.ackWithUpdateMessage}. */
    sendCallbackUpdateMessage(fields: InteractionCreateMessageFields, flags?: unknown): Promise<void>;
    /** @deprecated Use {@link ComponentInteraction.ackWithDeferredUpdateMessage}. */
    sendCallbackDeferredUpdateMessage(): Promise<void>;
}

/** A choice in a text select menu. */
export declare class SelectMenuInteraction extends ComponentInteraction {
    /** The chosen option values. */
    values: string[];
}

/** A choice in a user select menu. */
export declare class UserSelectMenuInteraction extends ComponentInteraction {
    values: InteractionUser[];
}

/** A choice in a role select menu. */
export declare class RoleSelectMenuInteraction extends ComponentInteraction {
    values: Role[];
}

/** A choice in a channel select menu. */
export declare class ChannelSelectMenuInteraction extends ComponentInteraction {
    values: InteractionChannel[];
}

/** A choice in a mentionable select menu. */
export declare class MentionableSelectMenuInteraction extends ComponentInteraction {
    values: InteractionMentionable[];
}

interface ModalValueBase {
    customIdRaw: string;
    /** The component's name (from its custom id). */
    name: string;
    /** The data encoded in the component's custom id. */
    customData: unknown;
}
export interface ModalTextInputValue extends ModalValueBase { kind: "TextInput"; value: string; }
export interface ModalSelectMenuValue extends ModalValueBase { kind: "SelectMenu"; values: string[]; }
export interface ModalChannelSelectMenuValue extends ModalValueBase { kind: "ChannelSelectMenu"; values: InteractionChannel[]; }
export interface ModalRoleSelectMenuValue extends ModalValueBase { kind: "RoleSelectMenu"; values: Role[]; }
export interface ModalUserSelectMenuValue extends ModalValueBase { kind: "UserSelectMenu"; values: InteractionUser[]; }
export interface ModalMentionableSelectMenuValue extends ModalValueBase { kind: "MentionableSelectMenu"; values: InteractionMentionable[]; }
export interface ModalCheckboxValue extends ModalValueBase { kind: "Checkbox"; checked: boolean; }
export interface ModalCheckboxGroupValue extends ModalValueBase { kind: "CheckboxGroup"; values: string[]; }
export interface ModalFileUploadValue extends ModalValueBase { kind: "FileUpload"; values: Attachment[]; }
/** The value of one modal component. */
export type ModalValue =
    | ModalTextInputValue | ModalSelectMenuValue | ModalChannelSelectMenuValue | ModalRoleSelectMenuValue
    | ModalUserSelectMenuValue | ModalMentionableSelectMenuValue | ModalCheckboxValue | ModalCheckboxGroupValue
    | ModalFileUploadValue;

/** A submitted modal. Read the values by component name. */
export declare class ModalSubmitInteraction extends Interaction {
    customIdRaw: string;
    channelId: string;
    /** The message whose component opened the modal, if any. */
    message: Message | null;
    /** Every component's value, by component name. */
    values: Record<string, ModalValue>;
    /** A text input's value (`.value`), or `null` when there is no such component or it is of another kind. */
    getTextInputValue(name: string): ModalTextInputValue | null;
    /** A text select menu's choice (`.values`), or `null`. */
    getSelectMenuValue(name: string): ModalSelectMenuValue | null;
    /** A channel select menu's choice, or `null`. */
    getChannelSelectMenuValue(name: string): ModalChannelSelectMenuValue | null;
    /** A role select menu's choice, or `null`. */
    getRoleSelectMenuValue(name: string): ModalRoleSelectMenuValue | null;
    /** A user select menu's choice, or `null`. */
    getUserSelectMenuValue(name: string): ModalUserSelectMenuValue | null;
    /** A mentionable select menu's choice, or `null`. */
    getMentionableSelectMenuValue(name: string): ModalMentionableSelectMenuValue | null;
    /** A checkbox (`.checked`), or `null`. */
    getCheckboxValue(name: string): ModalCheckboxValue | null;
    /** A checkbox group's ticked values, or `null`. */
    getCheckboxGroupValue(name: string): ModalCheckboxGroupValue | null;
    /** An upload field's files, or `null`. */
    getFileUploadValue(name: string): ModalFileUploadValue | null;
    /** Answers by editing the message the modal came from. */
    ackWithUpdateMessage(fields: InteractionCreateMessageFields): Promise<void>;
    /** Answers now and edits the message later. */
    ackWithDeferredUpdateMessage(): Promise<void>;
    /** @deprecated Use {@link ModalSubmitInteraction.ackWithUpdateMessage}. */
    sendCallbackUpdateMessage(fields: InteractionCreateMessageFields, flags?: unknown): Promise<void>;
    /** @deprecated Use {@link ModalSubmitInteraction.ackWithDeferredUpdateMessage}. */
    sendCallbackDeferredUpdateMessage(): Promise<void>;
}

/**
 * Builds a component custom id: `"0:" + name + ":" + JSON.stringify(data)` (without data when it is
 * null or undefined). Throws if `name` plus the JSON is 95 UTF-16 units or longer.
 */
export declare function encodeInteractionCustomId(name: string, data: any): string;
/** Splits a custom id made by {@link encodeInteractionCustomId} into its name and data. */
export declare function parseInteractionCustomId(raw: string): [name: string, extras: unknown];

// Only the declarations marked `export` are part of the module.
export {};
