// Message components: buttons, select menus, text inputs and the components-v2 layout pieces. The
// builder classes are themselves components (`kind` plus fields), so they go straight into
// `components: [...]`; plain objects with a `kind` work too.
import { ChannelType, SendEmoji } from "./discord_models";

export type ButtonStyle = "Primary" | "Secondary" | "Success" | "Danger" | "Link" | "Premium";

export type ComponentType =
    | "ActionRow" | "Button" | "SelectMenu" | "TextInput" | "UserSelectMenu" | "RoleSelectMenu"
    | "MentionableSelectMenu" | "ChannelSelectMenu" | "Section" | "TextDisplay" | "Thumbnail"
    | "MediaGallery" | "File" | "Separator" | "Container" | "Label" | "FileUpload" | "Checkbox"
    | "CheckboxGroup";

export type SelectMenuType = "Text" | "User" | "Role" | "Mentionable" | "Channel";

interface IComponentBase {
    /** An optional numeric id for the component within the message. */
    id?: number;
}

/** A row of buttons or one select menu. */
export interface IActionRow extends IComponentBase {
    kind: "ActionRow";
    components: IComponent[];
}

export interface IButton extends IComponentBase {
    kind: "Button";
    customId?: string;
    style: ButtonStyle;
    disabled?: boolean;
    url?: string;
    label?: string;
    emoji?: SendEmoji;
}

export interface ISelectMenuOption {
    label: string;
    value: string;
    default: boolean;
    description?: string;
    emoji?: SendEmoji;
}

export interface ISelectMenu extends IComponentBase {
    kind: "SelectMenu";
    customId: string;
    disabled: boolean;
    minValues?: number;
    maxValues?: number;
    options?: ISelectMenuOption[];
    placeholder?: string;
    selectType: SelectMenuType;
    channelTypes?: ChannelType[];
    defaultValues?: { kind: "User" | "Role" | "Channel"; value: string }[];
    required?: boolean;
}

export interface ITextInput extends IComponentBase {
    kind: "TextInput";
    customId: string;
    style: "Short" | "Paragraph";
    label?: string;
    minLength?: number;
    maxLength?: number;
    placeholder?: string;
    required?: boolean;
    value?: string;
}

export interface IUnfurledMediaItem {
    url: string;
    proxyUrl?: string;
    height?: number;
    width?: number;
    contentType?: string;
}

export interface ISection extends IComponentBase {
    kind: "Section";
    components: IComponent[];
    accessory: IComponent;
}

export interface ITextDisplay extends IComponentBase {
    kind: "TextDisplay";
    /** Markdown text. */
    content: string;
}

export interface IThumbnail extends IComponentBase {
    kind: "Thumbnail";
    media: IUnfurledMediaItem;
    description?: string;
    spoiler?: boolean;
}

export interface IMediaGalleryItem {
    media: IUnfurledMediaItem;
    description?: string;
    spoiler?: boolean;
}

export interface IMediaGallery extends IComponentBase {
    kind: "MediaGallery";
    items: IMediaGalleryItem[];
}

export interface IFile extends IComponentBase {
    kind: "File";
    file: IUnfurledMediaItem;
    spoiler?: boolean;
}

export interface ISeparator extends IComponentBase {
    kind: "Separator";
    divider?: boolean;
    spacing?: "Small" | "Large";
}

export interface IContainer extends IComponentBase {
    kind: "Container";
    accentColor?: number;
    spoiler?: boolean;
    components: IComponent[];
}

export interface ILabel extends IComponentBase {
    kind: "Label";
    label: string;
    description?: string;
    component: IComponent;
}

export interface IFileUpload extends IComponentBase {
    kind: "FileUpload";
    customId: string;
    minValues?: number;
    maxValues?: number;
    required?: boolean;
}

export interface ICheckbox extends IComponentBase {
    kind: "Checkbox";
    customId: string;
    default?: boolean;
}

export interface ICheckboxGroup extends IComponentBase {
    kind: "CheckboxGroup";
    customId: string;
    minValues?: number;
    maxValues?: number;
    required?: boolean;
    options: { label: string; value: string; default?: boolean; description?: string }[];
}

/** Any component, discriminated by `kind`. */
export type IComponent =
    | IActionRow | IButton | ISelectMenu | ITextInput | ISection | ITextDisplay | IThumbnail | IMediaGallery
    | IFile | ISeparator | IContainer | ILabel | IFileUpload | ICheckbox | ICheckboxGroup;

/** A component or a builder. */
export type AnyComponent = IComponent | BaseComponent;

/** What every component builder has. */
export declare abstract class BaseComponent {
    protected constructor(kind: ComponentType);
    kind: ComponentType;
    id?: number;
    /** Sets the component's numeric id. Returns nothing (quirk: cannot be chained). */
    setId(id: number): void;
}

/** A row holding up to five buttons or one select menu. */
export declare class ActionRow extends BaseComponent {
    constructor(children: AnyComponent[]);
    kind: "ActionRow";
    components: IComponent[];
}

declare abstract class ButtonBase extends BaseComponent {
    kind: "Button";
    style: ButtonStyle;
    label?: string;
    disabled?: boolean;
    emoji?: SendEmoji;
    setDisabled(disabled: boolean): this;
    setEmoji(emoji: SendEmoji): this;
    setLabel(label: string): this;
}

/** A button that opens a URL. */
export declare class UrlButton extends ButtonBase {
    constructor(label: string | null, url: string);
    style: "Link";
    url: string;
}

/**
 * A button handled by `script.onInteractionButton(name, …)`, which receives `data` back.
 *
 * @example
 * new Discord.CustomButton("+1", "counter", { n: 1 }).setStyle("Success")
 */
export declare class CustomButton extends ButtonBase {
    constructor(label: string | null, name: string, data?: any);
    customId: string;
    setStyle(style: ButtonStyle): this;
}

declare abstract class SelectMenuBase extends BaseComponent {
    kind: "SelectMenu";
    selectType: SelectMenuType;
    customId: string;
    disabled: boolean;
    required?: boolean;
    minValues?: number;
    maxValues?: number;
    placeholder?: string;
    setRequired(required: boolean): this;
    setDisabled(disabled: boolean): this;
    setMinValues(n: number): this;
    setMaxValues(n: number): this;
    setPlaceHolder(text: string): this;
}

/** A select menu with fixed options, handled by `script.onInteractionSelectMenu(name, …)`. */
export declare class SelectMenu extends SelectMenuBase {
    constructor(name: string, options: SelectMenuOption[], data?: any);
    selectType: "Text";
    options: ISelectMenuOption[];
}

/** One option of a {@link SelectMenu}. */
export declare class SelectMenuOption implements ISelectMenuOption {
    constructor(label: string, value: string);
    label: string;
    value: string;
    default: boolean;
    description?: string;
    emoji?: SendEmoji;
    setEmoji(emoji: SendEmoji): this;
    setDefault(isDefault: boolean): this;
    setDescription(description: string): this;
}

declare abstract class IdSelectMenuBase extends SelectMenuBase {
    defaultValues?: { kind: "User" | "Role" | "Channel"; value: string }[];
    /** Pre-selects these ids. */
    setDefaultValues(ids: string[]): this;
}

/** A select menu of guild members. */
export declare class UserSelectMenu extends IdSelectMenuBase {
    constructor(name: string, data?: any);
    selectType: "User";
}

/** A select menu of roles. */
export declare class RoleSelectMenu extends IdSelectMenuBase {
    constructor(name: string, data?: any);
    selectType: "Role";
}

/** A select menu of channels. */
export declare class ChannelSelectMenu extends IdSelectMenuBase {
    constructor(name: string, data?: any);
    selectType: "Channel";
    channelTypes?: ChannelType[];
    /** Only offer channels of these kinds. */
    setChannelTypes(types: ChannelType[]): this;
}

/** A select menu of members and roles. */
export declare class MentionableSelectMenu extends SelectMenuBase {
    constructor(name: string, data?: any);
    selectType: "Mentionable";
    defaultValues?: { kind: "User" | "Role"; value: string }[];
    setDefaultValues(values: { kind: "User" | "Role"; value: string }[]): this;
}

declare abstract class TextInputBase extends BaseComponent {
    kind: "TextInput";
    customId: string;
    style: "Short" | "Paragraph";
    label?: string;
    minLength?: number;
    maxLength?: number;
    placeholder?: string;
    required?: boolean;
    value?: string;
    setMaxLength(n: number): this;
    setMinLength(n: number): this;
    setPlaceHolder(text: string): this;
    /** Pre-fills the input. */
    setValue(value: string): this;
    setRequired(required: boolean): this;
}

/** A one-line text input for modals (wrap it in a {@link Label}; the label argument is deprecated). */
export declare class ShortTextInput extends TextInputBase {
    constructor(label: string | null, name: string, data?: any);
    style: "Short";
}

/** A multi-line text input for modals. */
export declare class ParagraphTextInput extends TextInputBase {
    constructor(label: string | null, name: string, data?: any);
    style: "Paragraph";
}

/** A label with a component under it (modals). */
export declare class Label extends BaseComponent {
    constructor(input: ShortTextInput | ParagraphTextInput);
    constructor(label: string, component: AnyComponent);
    kind: "Label";
    label: string;
    description?: string;
    component: IComponent;
    setDescription(description: string): this;
}

/** Text with an accessory (a button or thumbnail) beside it. */
export declare class Section extends BaseComponent {
    constructor(children: AnyComponent[], accessory: AnyComponent);
    kind: "Section";
    components: IComponent[];
    accessory: IComponent;
}

/** Markdown text (components v2). */
export declare class TextDisplay extends BaseComponent {
    constructor(content: string);
    kind: "TextDisplay";
    content: string;
}

/** A media item by URL (or `attachment://<filename>`). */
export declare class UnfurledMediaItem implements IUnfurledMediaItem {
    constructor(url: string);
    url: string;
    proxyUrl?: string;
    height?: number;
    width?: number;
    contentType?: string;
}

/** A small image, e.g. as a section's accessory. */
export declare class Thumbnail extends BaseComponent {
    constructor(media: UnfurledMediaItem);
    kind: "Thumbnail";
    media: IUnfurledMediaItem;
    description?: string;
    spoiler?: boolean;
    setDescription(description: string): this;
    setSpoiler(spoiler: boolean): this;
}

/** One item of a {@link MediaGallery}. */
export declare class MediaGalleryItem implements IMediaGalleryItem {
    constructor(media: UnfurledMediaItem);
    media: IUnfurledMediaItem;
    description?: string;
    spoiler?: boolean;
    setDescription(description: string): this;
    setSpoiler(spoiler: boolean): this;
}

/** A gallery of images. */
export declare class MediaGallery extends BaseComponent {
    constructor(items: MediaGalleryItem[]);
    kind: "MediaGallery";
    items: IMediaGalleryItem[];
}

/** An attached file shown in the message. */
export declare class File extends BaseComponent {
    constructor(file: UnfurledMediaItem);
    kind: "File";
    file: IUnfurledMediaItem;
    spoiler?: boolean;
    setSpoiler(spoiler: boolean): this;
}

/** Vertical space, optionally with a line. */
export declare class Separator extends BaseComponent {
    constructor();
    kind: "Separator";
    divider?: boolean;
    spacing?: "Small" | "Large";
    setDivider(divider: boolean): this;
    setSpacing(spacing: "Small" | "Large"): this;
}

/** A box around components, with an optional accent colour. */
export declare class Container extends BaseComponent {
    constructor(components: AnyComponent[]);
    kind: "Container";
    components: IComponent[];
    accentColor?: number;
    spoiler?: boolean;
    setAccentColor(color: number): this;
    setSpoiler(spoiler: boolean): this;
}

/** A file upload field (modals). */
export declare class FileUpload extends BaseComponent {
    constructor(name: string, data?: any);
    kind: "FileUpload";
    customId: string;
    minValues?: number;
    maxValues?: number;
    required?: boolean;
    setMinValues(n: number): this;
    setMaxValues(n: number): this;
    setRequired(required: boolean): this;
}

/** A checkbox (modals). */
export declare class Checkbox extends BaseComponent {
    constructor(name: string, data?: any);
    kind: "Checkbox";
    customId: string;
    default?: boolean;
}

/** One option of a {@link CheckboxGroup}. */
export declare class CheckboxGroupOption {
    constructor(label: string, value: string);
    label: string;
    value: string;
    default?: boolean;
    description?: string;
    setDefault(isDefault: boolean): this;
    setDescription(description: string): this;
}

/** A group of checkboxes (modals). */
export declare class CheckboxGroup extends BaseComponent {
    constructor(name: string, options: CheckboxGroupOption[], data?: any);
    kind: "CheckboxGroup";
    customId: string;
    options: { label: string; value: string; default?: boolean; description?: string }[];
    minValues?: number;
    maxValues?: number;
    required?: boolean;
    setMinValues(n: number): this;
    setMaxValues(n: number): this;
    setRequired(required: boolean): this;
}

// Only the declarations marked `export` are part of the module.
export {};
