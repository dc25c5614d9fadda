// IComponent (botloader-sdk.md §4.7, SDK field names, `kind` strings) → Discord's component JSON.
const kindTypes = {
    ActionRow: 1, Button: 2, TextInput: 4, Section: 9, TextDisplay: 10, Thumbnail: 11, MediaGallery: 12,
    File: 13, Separator: 14, Container: 17, Label: 18, FileUpload: 19, CheckboxGroup: 22, Checkbox: 23,
};
const selectTypes = { Text: 3, User: 5, Role: 6, Mentionable: 7, Channel: 8 };
const buttonStyles = { Primary: 1, Secondary: 2, Success: 3, Danger: 4, Link: 5, Premium: 6 };
const textStyles = { Short: 1, Paragraph: 2 };
const spacings = { Small: 1, Large: 2 };
export const channelTypes = {
    Text: 0, Voice: 2, Category: 4, News: 5, NewsThread: 10, PublicThread: 11, PrivateThread: 12,
    StageVoice: 13, GuildDirectory: 14, Forum: 15, Media: 16,
};

const snake = (key) => key.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());

export function emojiToDiscord(emoji) {
    if (emoji.unicode !== undefined) return { name: emoji.unicode };
    const out = { id: emoji.id };
    if (emoji.name !== undefined && emoji.name !== null) out.name = emoji.name;
    if (emoji.animated !== undefined) out.animated = emoji.animated;
    return out;
}

function media(item) {
    const out = {};
    for (const [k, v] of Object.entries(item)) if (v !== undefined) out[snake(k)] = v;
    return out;
}

function plain(value) {
    if (Array.isArray(value)) return value.map(plain);
    if (value !== null && typeof value === "object") {
        const out = {};
        for (const [k, v] of Object.entries(value)) if (!k.startsWith("_") && v !== undefined) out[snake(k)] = plain(v);
        return out;
    }
    return value;
}

export function componentToDiscord(component) {
    const out = {};
    const kind = component.kind;
    if (kind === "SelectMenu") out.type = selectTypes[component.selectType ?? "Text"] ?? 3;
    else if (kindTypes[kind] !== undefined) out.type = kindTypes[kind];
    else if (typeof component.type === "number") out.type = component.type;
    for (const [key, value] of Object.entries(component)) {
        if (key.startsWith("_") || value === undefined || key === "kind" || key === "selectType" || key === "type")
            continue;
        switch (key) {
        case "style":
            out.style = typeof value === "string" ? ((kind === "TextInput" ? textStyles : buttonStyles)[value] ?? value) : value;
            break;
        case "components":
            out.components = value.map(componentToDiscord);
            break;
        case "component":
        case "accessory":
            out[key] = componentToDiscord(value);
            break;
        case "emoji":
            out.emoji = emojiToDiscord(value);
            break;
        case "options":
            out.options = value.map((o) => {
                const option = plain({ ...o, emoji: undefined });
                if (o.emoji !== undefined) option.emoji = emojiToDiscord(o.emoji);
                return option;
            });
            break;
        case "defaultValues":
            out.default_values = value.map((d) => ({ id: d.value, type: d.kind.toLowerCase() }));
            break;
        case "channelTypes":
            out.channel_types = value.map((t) => channelTypes[t] ?? t);
            break;
        case "spacing":
            out.spacing = spacings[value] ?? value;
            break;
        case "media":
        case "file":
            out[key] = media(value);
            break;
        case "items":
            out.items = value.map((i) => plain({ ...i, media: undefined, _m: undefined }));
            value.forEach((i, n) => { out.items[n].media = media(i.media); });
            break;
        default:
            out[snake(key)] = plain(value);
        }
    }
    return out;
}
