// Discord functions for channels, permission overwrites, threads and webhooks (botloader-sdk.md §8.6,
// §8.10). Field names become Discord's snake_case here; the host calls REST and shapes the results.
import * as core from "/core";
import { channelTypes } from "/discord/component_json";
import { toDiscordMessage } from "/discord/message_fields";
import { Message, TextChannel, Thread, ThreadMember, guildChannelFromInternal, threadChannelFromInternal } from "/discord/models";
import { Webhook } from "/discord/models_extra";

const snowflake = /^[0-9]{1,20}$/;
function checkId(id) {
    if (typeof id !== "string" || !snowflake.test(id)) throw new Error("invalid discord snowflake");
    return id;
}

function overwriteBody(o) {
    return { id: o.id, type: o.kind === "Member" ? 1 : 0, allow: String(o.allowRaw ?? "0"), deny: String(o.denyRaw ?? "0") };
}
const validOverwrite = (o) => o && typeof o.id === "string" && snowflake.test(o.id) && (o.kind === "Member" || o.kind === "Role");

function channelBody(fields) {
    const body = {};
    const keys = { name: "name", bitrate: "bitrate", nsfw: "nsfw", parentId: "parent_id", position: "position",
        rateLimitPerUser: "rate_limit_per_user", topic: "topic", userLimit: "user_limit" };
    for (const [k, v] of Object.entries(keys)) if (fields[k] !== undefined) body[v] = fields[k];
    if (fields.kind !== undefined) body.type = channelTypes[fields.kind] ?? fields.kind;
    if (fields.videoQualityMode !== undefined) body.video_quality_mode = fields.videoQualityMode === "Full" ? 2 : 1;
    if (fields.permissionOverwrites !== undefined)
        body.permission_overwrites = fields.permissionOverwrites.filter(validOverwrite).map(overwriteBody);
    return body;
}

export async function createChannel(fields) {
    return guildChannelFromInternal(await core.op("discord_create_channel", { body: channelBody(fields) }));
}
export async function editChannel(channelId, fields) {
    return guildChannelFromInternal(await core.op("discord_edit_channel", { channelId: checkId(channelId), body: channelBody(fields) }));
}
export async function editChannelPositions(channels) {
    const body = channels.map((c) => ({ id: checkId(c.channelId), position: c.position }));
    await core.op("discord_edit_channel_positions", { body });
}
export async function deleteChannel(channelId) {
    return guildChannelFromInternal(await core.op("discord_delete_channel", { channelId: checkId(channelId) }));
}
export async function editChannelPermission(channelId, overwrite) {
    const body = overwriteBody(overwrite);
    delete body.id;
    await core.op("discord_edit_channel_permission", { channelId: checkId(channelId), overwriteId: checkId(overwrite.id), body });
}
export async function deleteChannelPermission(channelId, kind, id) {
    await core.op("discord_delete_channel_permission", { channelId: checkId(channelId), overwriteId: checkId(id) });
}

// ---- threads ----
const threadTypes = { NewsThread: 10, PublicThread: 11, PrivateThread: 12 };

export async function createStandaloneThread(create) {
    const body = { name: create.name, type: threadTypes[create.kind] ?? 11 };
    if (create.autoArchiveDurationMinutes !== undefined) body.auto_archive_duration = create.autoArchiveDurationMinutes;
    if (create.invitable !== undefined) body.invitable = create.invitable;
    return threadChannelFromInternal(await core.op("discord_start_thread", { channelId: checkId(create.channelId), body }));
}
export async function createThreadFromMessage(create) {
    const body = { name: create.name };
    if (create.autoArchiveDurationMinutes !== undefined) body.auto_archive_duration = create.autoArchiveDurationMinutes;
    const data = await core.op("discord_start_thread_from_message", {
        channelId: checkId(create.channelId), messageId: checkId(create.messageId), body,
    });
    return threadChannelFromInternal(data);
}
export async function createForumThread(create) {
    const body = { name: create.name, message: toDiscordMessage(create.message) };
    if (create.tagIds !== undefined) body.applied_tags = create.tagIds;
    if (create.autoArchiveDurationMinutes !== undefined) body.auto_archive_duration = create.autoArchiveDurationMinutes;
    const data = await core.op("discord_start_forum_thread", { channelId: checkId(create.channelId), body });
    return { thread: threadChannelFromInternal(data.thread), message: new Message(data.message) };
}
export async function addThreadMember(channelId, userId) {
    await core.op("discord_add_thread_member", { channelId: checkId(channelId), userId: checkId(userId) });
}
export async function removeThreadMember(channelId, userId) {
    await core.op("discord_remove_thread_member", { channelId: checkId(channelId), userId: checkId(userId) });
}
export async function getThreadMembers(options) {
    const query = { limit: Math.min(100, Math.max(1, options.limit ?? 100)) };
    if (options.afterUserId !== undefined) query.after = checkId(options.afterUserId);
    if (options.withMember !== undefined) query.with_member = options.withMember;
    const list = await core.op("discord_list_thread_members", { channelId: checkId(options.channelId), query });
    return list.map((m) => new ThreadMember(m));
}
function listing(data) {
    const out = { members: data.members.map((m) => new ThreadMember(m)), threads: data.threads.map(threadChannelFromInternal) };
    if (data.hasMore !== undefined) out.hasMore = data.hasMore;
    return out;
}
export async function getActiveThreads() {
    return listing(await core.op("discord_list_active_threads", null));
}
function archived(op, options) {
    const query = {};
    if (options.before !== undefined) query.before = new Date(options.before).toISOString();
    return core.op(op, { channelId: checkId(options.channelId), query }).then(listing);
}
export function getPublicArchivedThreads(options) { return archived("discord_list_public_archived_threads", options); }
export function getPrivateArchivedThreads(options) { return archived("discord_list_private_archived_threads", options); }

// ---- webhooks ----
async function avatarData(avatar) {
    if (avatar === undefined || avatar === null || typeof avatar === "string") return avatar;
    return avatar.dataUri();
}
const webhook = (data) => new Webhook(data);

export async function getWebhook(id, token) {
    if (token !== undefined) return webhook(await core.op("discord_webhook_get_with_token", { webhookId: checkId(id), token }));
    return webhook(await core.op("discord_webhook_get", { webhookId: checkId(id) }));
}
export async function getGuildWebhooks() {
    return (await core.op("discord_webhook_get_guild", null)).map(webhook);
}
export async function getChannelWebhooks(channelId) {
    return (await core.op("discord_webhook_get_channel", { channelId: checkId(channelId) })).map(webhook);
}
export async function createWebhook(fields) {
    const body = { name: fields.name };
    if (fields.avatar !== undefined) body.avatar = await avatarData(fields.avatar);
    return webhook(await core.op("discord_webhook_create", { channelId: checkId(fields.channel_id), body }));
}
export async function editWebhook(id, fields) {
    const body = {};
    if (fields.name !== undefined) body.name = fields.name;
    if (fields.channel_id !== undefined) body.channel_id = fields.channel_id;
    if (fields.avatar !== undefined) body.avatar = await avatarData(fields.avatar);
    return webhook(await core.op("discord_webhook_edit", { webhookId: checkId(id), body }));
}
export async function editWebhookWithToken(id, token, fields) {
    const body = {};
    if (fields.name !== undefined) body.name = fields.name;
    if (fields.avatar !== undefined) body.avatar = await avatarData(fields.avatar);
    return webhook(await core.op("discord_webhook_edit_with_token", { webhookId: checkId(id), token, body }));
}
export async function deleteWebhook(id, token) {
    if (token !== undefined) await core.op("discord_webhook_delete_with_token", { webhookId: checkId(id), token });
    else await core.op("discord_webhook_delete", { webhookId: checkId(id) });
}
export async function executeWebhook(id, token, fields) {
    const full = toDiscordMessage(fields);
    const body = {};
    for (const k of ["content", "embeds", "components", "allowed_mentions", "attachments"]) if (full[k] !== undefined) body[k] = full[k];
    if (fields.username !== undefined) body.username = fields.username;
    if (fields.avatar_url !== undefined) body.avatar_url = fields.avatar_url;
    return new Message(await core.op("discord_webhook_execute", { webhookId: checkId(id), token, body, query: { wait: true } }));
}
export async function getWebhookMessage(webhookId, token, messageId) {
    return new Message(await core.op("discord_webhook_message_get", { webhookId: checkId(webhookId), token, messageId: checkId(messageId) }));
}
export async function editWebhookMessage(webhookId, token, messageId, fields) {
    const body = toDiscordMessage(fields, { edit: true });
    return new Message(await core.op("discord_webhook_message_edit", { webhookId: checkId(webhookId), token, messageId: checkId(messageId), body }));
}
export async function deleteWebhookMessage(webhookId, token, messageId) {
    await core.op("discord_webhook_message_delete", { webhookId: checkId(webhookId), token, messageId: checkId(messageId) });
}

// Webhook methods (§8.10): the token routes when the webhook is another guild's.
Object.assign(Webhook.prototype, {
    edit(fields) {
        if (this.guildId === core.hostInfo.guildId) return editWebhook(this.id, fields);
        if (!this.token) throw new Error("Webhook token is null");
        return editWebhookWithToken(this.id, this.token, fields);
    },
    delete() {
        if (this.guildId === core.hostInfo.guildId) return deleteWebhook(this.id);
        if (!this.token) throw new Error("Webhook token is null");
        return deleteWebhook(this.id, this.token);
    },
    execute(fields) {
        if (!this.token) throw new Error("Webhook token is null");
        return executeWebhook(this.id, this.token, fields);
    },
});

// Channel, thread and message methods that create or change threads (§3.3).
Object.assign(TextChannel.prototype, {
    createForumThread(fields) {
        if (this.kind !== "Forum") throw new Error("this is not a forum channel");
        return createForumThread({ ...fields, channelId: this.id });
    },
    createStandaloneThread(fields) {
        if (this.kind === "Forum") throw new Error("forum channels need createForumThread");
        return createStandaloneThread({ ...fields, channelId: this.id });
    },
    createThreadFromMessage(fields) {
        if (this.kind === "Forum") throw new Error("forum channels need createForumThread");
        return createThreadFromMessage({ ...fields, channelId: this.id });
    },
});
Object.assign(Thread.prototype, {
    addMemberToThread(userId) { return addThreadMember(this.id, userId); },
    removeMemberFromThread(userId) { return removeThreadMember(this.id, userId); },
});
Message.prototype.createThread = function createThread(fields) {
    return createThreadFromMessage({ ...fields, channelId: this.channelId, messageId: this.id });
};
