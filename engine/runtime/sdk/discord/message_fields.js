// CreateMessageFields (botloader-sdk.md §8.12) → the JSON body Discord expects.
import { componentToDiscord } from "/discord/component_json";
import { base64Encode, encodeText } from "/text";

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

function attachmentBytes(data) {
    if (typeof data === "string") return encodeText(data);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new TypeError("attachment data must be a string or an ArrayBuffer");
}

// CreateAttachment[] → what the host uploads (§8.12): {dataB64, filename, description | null, id}.
// Missing ids are numbered 1, 2, 3 …, skipping the ids the caller gave.
export function toOpAttachments(list) {
    if (!Array.isArray(list)) throw new TypeError("attachments must be an array");
    const given = new Set(list.filter((a) => a?.id !== undefined && a?.id !== null).map((a) => a.id));
    let next = 1;
    return list.map((a) => {
        if (typeof a?.filename !== "string") throw new TypeError("attachment filename must be a string");
        let id = a.id;
        if (id === undefined || id === null) {
            while (given.has(next)) next++;
            id = next++;
        }
        return { dataB64: base64Encode(attachmentBytes(a.data)), filename: a.filename, description: a.description ?? null, id };
    });
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
    // An empty list changes nothing, as in Botloader (twilight leaves `attachments` out then).
    if (f.attachments !== undefined && f.attachments !== null && f.attachments.length > 0)
        body.attachments = toOpAttachments(f.attachments);
    if (!edit || f.allowedMentions !== undefined) body.allowed_mentions = mentionsToDiscord(f.allowedMentions);
    if (f.replyToMessageId !== undefined) body.message_reference = { message_id: f.replyToMessageId, fail_if_not_exists: false };
    if (f.forward !== undefined)
        body.message_reference = { type: 1, channel_id: f.forward.channelId, message_id: f.forward.messageId };
    const bits = flagsToBits(f.flags);
    if (bits !== 0) body.flags = bits;
    return body;
}
