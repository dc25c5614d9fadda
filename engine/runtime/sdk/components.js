// Component builders (botloader-sdk.md §4.7): each instance is already an IComponent (`kind` plus its
// fields); discord/component_json.js turns them into Discord's JSON when a message is sent.
import { encodeInteractionCustomId } from "/custom_id";

export class BaseComponent {
    constructor(kind) {
        this.kind = kind;
    }
    setId(id) {
        this.id = id; // quirk: returns nothing, so it cannot be chained
    }
}

export class ActionRow extends BaseComponent {
    constructor(children) {
        super("ActionRow");
        this.components = children;
    }
}

class ButtonBase extends BaseComponent {
    constructor(label, style) {
        super("Button");
        this.style = style;
        if (label !== null && label !== undefined) this.label = label;
    }
    setDisabled(disabled) { this.disabled = disabled; return this; }
    setEmoji(emoji) { this.emoji = emoji; return this; }
    setLabel(label) { this.label = label; return this; }
}

export class UrlButton extends ButtonBase {
    constructor(label, url) {
        super(label, "Link");
        this.url = url;
    }
}

export class CustomButton extends ButtonBase {
    constructor(label, name, data) {
        super(label, "Primary");
        this.customId = encodeInteractionCustomId(name, data ?? null);
    }
    setStyle(style) { this.style = style; return this; }
}

class SelectBase extends BaseComponent {
    constructor(selectType, name, data) {
        super("SelectMenu");
        this.selectType = selectType;
        this.customId = encodeInteractionCustomId(name, data ?? null);
        this.disabled = false;
    }
    setRequired(required) { this.required = required; return this; }
    setDisabled(disabled) { this.disabled = disabled; return this; }
    setMinValues(n) { this.minValues = n; return this; }
    setMaxValues(n) { this.maxValues = n; return this; }
    setPlaceHolder(text) { this.placeholder = text; return this; }
}

export class SelectMenu extends SelectBase {
    constructor(name, options, data) {
        super("Text", name, data);
        this.options = options;
    }
}

export class SelectMenuOption {
    constructor(label, value) {
        this.label = label;
        this.value = value;
        this.default = false;
    }
    setEmoji(emoji) { this.emoji = emoji; return this; }
    setDefault(on) { this.default = on; return this; }
    setDescription(text) { this.description = text; return this; }
}

class IdSelect extends SelectBase {
    constructor(selectType, kind, name, data) {
        super(selectType, name, data);
        this._defaultKind = kind;
    }
    setDefaultValues(ids) {
        this.defaultValues = ids.map((value) => ({ kind: this._defaultKind, value }));
        return this;
    }
}
export class UserSelectMenu extends IdSelect {
    constructor(name, data) { super("User", "User", name, data); }
}
export class RoleSelectMenu extends IdSelect {
    constructor(name, data) { super("Role", "Role", name, data); }
}
export class ChannelSelectMenu extends IdSelect {
    constructor(name, data) { super("Channel", "Channel", name, data); }
    setChannelTypes(types) { this.channelTypes = types; return this; }
}
export class MentionableSelectMenu extends SelectBase {
    constructor(name, data) { super("Mentionable", name, data); }
    setDefaultValues(values) { this.defaultValues = values; return this; }
}

class TextInputBase extends BaseComponent {
    constructor(style, label, name, data) {
        super("TextInput");
        this.style = style;
        this.customId = encodeInteractionCustomId(name, data ?? null);
        if (label !== null && label !== undefined) this.label = label;
    }
    setMaxLength(n) { this.maxLength = n; return this; }
    setMinLength(n) { this.minLength = n; return this; }
    setPlaceHolder(text) { this.placeholder = text; return this; }
    setValue(text) { this.value = text; return this; }
    setRequired(required) { this.required = required; return this; }
}
export class ShortTextInput extends TextInputBase {
    constructor(label, name, data) { super("Short", label, name, data); }
}
export class ParagraphTextInput extends TextInputBase {
    constructor(label, name, data) { super("Paragraph", label, name, data); }
}

export class Label extends BaseComponent {
    constructor(labelOrInput, component) {
        super("Label");
        if (component === undefined) {
            this.label = labelOrInput.label ?? "";
            const input = Object.assign(Object.create(Object.getPrototypeOf(labelOrInput)), labelOrInput);
            delete input.label;
            this.component = input;
        } else {
            this.label = labelOrInput;
            this.component = component;
        }
    }
    setDescription(text) { this.description = text; return this; }
}

export class Section extends BaseComponent {
    constructor(children, accessory) {
        super("Section");
        this.components = children;
        this.accessory = accessory;
    }
}
export class TextDisplay extends BaseComponent {
    constructor(content) {
        super("TextDisplay");
        this.content = content;
    }
}
export class UnfurledMediaItem {
    constructor(url) { this.url = url; }
}
export class Thumbnail extends BaseComponent {
    constructor(media) {
        super("Thumbnail");
        this.media = media;
    }
    setDescription(text) { this.description = text; return this; }
    setSpoiler(on) { this.spoiler = on; return this; }
}
export class MediaGalleryItem {
    constructor(media) { this.media = media; }
    setDescription(text) { this.description = text; return this; }
    setSpoiler(on) { this.spoiler = on; return this; }
}
export class MediaGallery extends BaseComponent {
    constructor(items) {
        super("MediaGallery");
        this.items = items;
    }
}
export class File extends BaseComponent {
    constructor(file) {
        super("File");
        this.file = file;
    }
    setSpoiler(on) { this.spoiler = on; return this; }
}
export class Separator extends BaseComponent {
    constructor() { super("Separator"); }
    setDivider(on) { this.divider = on; return this; }
    setSpacing(spacing) { this.spacing = spacing; return this; }
}
export class Container extends BaseComponent {
    constructor(components) {
        super("Container");
        this.components = components;
    }
    setAccentColor(color) { this.accentColor = color; return this; }
    setSpoiler(on) { this.spoiler = on; return this; }
}
export class FileUpload extends BaseComponent {
    constructor(name, data) {
        super("FileUpload");
        this.customId = encodeInteractionCustomId(name, data ?? null);
    }
    setMinValues(n) { this.minValues = n; return this; }
    setMaxValues(n) { this.maxValues = n; return this; }
    setRequired(required) { this.required = required; return this; }
}
export class Checkbox extends BaseComponent {
    constructor(name, data) {
        super("Checkbox");
        this.customId = encodeInteractionCustomId(name, data ?? null);
    }
}
export class CheckboxGroupOption {
    constructor(label, value) {
        this.label = label;
        this.value = value;
    }
    setDefault(on) { this.default = on; return this; }
    setDescription(text) { this.description = text; return this; }
}
export class CheckboxGroup extends BaseComponent {
    constructor(name, options, data) {
        super("CheckboxGroup");
        this.customId = encodeInteractionCustomId(name, data ?? null);
        this.options = options;
    }
    setMinValues(n) { this.minValues = n; return this; }
    setMaxValues(n) { this.maxValues = n; return this; }
    setRequired(required) { this.required = required; return this; }
}
