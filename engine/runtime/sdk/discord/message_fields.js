// CreateMessageFields (botloader-sdk.md §8.12) → the JSON body Discord expects.
import { componentToDiscord } from "/discord/component_json";

const flagBits = { suppressEmbeds: 1 << 2, ephemeral: 1 << 6, suppressNotifications: 1 << 12, isComponentsV2: 1 << 15 };

const snake = (key) => key.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());

function embedToDiscord(embed) {
    const out = {};
    for (const [key, value] of Object.entries(embed)) {
        if (key === "kind") out.type = value;
        else if (key === "timestamp" && typeof value === "number") out.timestamp = new Date(value).toISOString();
        else if (value !== null && typeof value === "object" && !Array.isArray(value)) out[snake(key)] = embedToDiscord(value);
        else if (Array.isArray(value)) out[snake(key)] = value.map((v) => (typeof v === "object" ? embedToDiscord(v) : v));
        else out[snake(key)] = value;
    }
    return out;
}

function mentionsToDiscord(am) {
    const a = am ?? { parse: ["Users"], users: [], roles: [], repliedUser: false };
    const out = { parse: (a.parse ?? []).map((p) => p.toLowerCase()), replied_user: a.repliedUser ?? false };
    if ((a.users ?? []).length > 0) out.users = a.users;
    if ((a.roles ?? []).length > 0) out.roles = a.roles;
    return out;
}

export function flagsToBits(flags) {
    let bits = 0;
    for (const [name, on] of Object.entries(flags ?? {})) if (on && flagBits[name]) bits |= flagBits[name];
    return bits;
}

export function toDiscordMessage(fields, { edit = false } = {}) {
    const f = typeof fields === "string" ? { content: fields } : { ...fields };
    const body = {};
    if (f.content !== undefined) body.content = f.content;
    if (f.embeds !== undefined) body.embeds = f.embeds.map(embedToDiscord);
    if (f.components !== undefined) body.components = f.components.map(componentToDiscord);
    if (!edit || f.allowedMentions !== undefined) body.allowed_mentions = mentionsToDiscord(f.allowedMentions);
    if (f.replyToMessageId !== undefined) body.message_reference = { message_id: f.replyToMessageId, fail_if_not_exists: false };
    if (f.forward !== undefined)
        body.message_reference = { type: 1, channel_id: f.forward.channelId, message_id: f.forward.messageId };
    const bits = flagsToBits(f.flags);
    if (bits !== 0) body.flags = bits;
    return body;
}
