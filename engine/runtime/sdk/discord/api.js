// Discord functions of the SDK (botloader-sdk.md §8): each is one host op. Message fields are turned
// into Discord's JSON here (§8.12); the host checks the guild scope, calls REST with rate limits and
// returns SDK-shaped results.
import * as core from "/core";
import { toDiscordMessage } from "/discord/message_fields";
import * as models from "/discord/models";

const snowflake = /^[0-9]{1,20}$/;

function checkId(id) {
    if (typeof id !== "string" || !snowflake.test(id)) throw new Error("invalid discord snowflake");
    return id;
}

export function getBotUser() {
    return new models.User(core.hostInfo.botUser);
}

// The guild's voice states, from the host's cache (botloader-sdk.md §8.6): raw objects with guildId.
export function getVoiceStates() {
    return core.op("discord_get_voice_states", null);
}

export function getCurrentGuildId() {
    return core.hostInfo.guildId;
}

export async function getGuild() {
    return core.op("discord_get_guild", null);
}

export async function getMessage(channelId, messageId) {
    const data = await core.op("discord_get_message", { channelId: checkId(channelId), messageId: checkId(messageId) });
    return new models.Message(data);
}

export async function getMessages(channelId, options = {}) {
    const limit = Math.min(100, Math.max(1, options.limit ?? 50));
    const args = { channelId: checkId(channelId), limit };
    if (options.before !== undefined) args.before = checkId(options.before);
    else if (options.after !== undefined) args.after = checkId(options.after);
    const list = await core.op("discord_get_messages", args);
    return list.map((m) => new models.Message(m));
}

export async function createMessage(channelId, fields) {
    const data = await core.op("discord_create_message", { channelId: checkId(channelId), body: toDiscordMessage(fields) });
    return new models.Message(data);
}

export async function editMessage(channelId, messageId, fields) {
    const data = await core.op("discord_edit_message", {
        channelId: checkId(channelId),
        messageId: checkId(messageId),
        body: toDiscordMessage(fields, { edit: true }),
    });
    return new models.Message(data);
}

export async function crosspostMessage(channelId, messageId) {
    await core.op("discord_crosspost_message", { channelId: checkId(channelId), messageId: checkId(messageId) });
}

export async function deleteMessage(channelId, messageId) {
    await core.op("discord_delete_message", { channelId: checkId(channelId), messageId: checkId(messageId) });
}

export async function bulkDeleteMessages(channelId, ...messageIds) {
    await core.op("discord_bulk_delete_messages", { channelId: checkId(channelId), messageIds: messageIds.map(checkId) });
}

export async function getPins(channelId) {
    const list = await core.op("discord_get_pins", { channelId: checkId(channelId) });
    return list.map((m) => new models.Message(m));
}

export async function createPin(channelId, messageId) {
    await core.op("discord_create_pin", { channelId: checkId(channelId), messageId: checkId(messageId) });
}

export async function deletePin(channelId, messageId) {
    await core.op("discord_delete_pin", { channelId: checkId(channelId), messageId: checkId(messageId) });
}

function emojiText(emoji) {
    if (emoji.unicode !== undefined) return emoji.unicode;
    return `${emoji.name ?? "_"}:${checkId(emoji.id)}`;
}

export async function createReaction(channelId, messageId, emoji) {
    await core.op("discord_create_reaction", {
        channelId: checkId(channelId), messageId: checkId(messageId), emoji: emojiText(emoji),
    });
}

export async function deleteOwnReaction(channelId, messageId, emoji) {
    await core.op("discord_delete_own_reaction", {
        channelId: checkId(channelId), messageId: checkId(messageId), emoji: emojiText(emoji),
    });
}

export async function createTypingTrigger(channelId) {
    await core.op("discord_create_typing", { channelId: checkId(channelId) });
}

export async function getChannel(channelId) {
    return models.guildChannelFromInternal(await core.op("discord_get_channel", { channelId: checkId(channelId) }));
}

export async function getChannels() {
    return (await core.op("discord_get_channels", null)).map(models.guildChannelFromInternal);
}

export async function editThread(fields) {
    const { channelId, ...rest } = fields;
    const body = {};
    for (const [k, v] of Object.entries(rest)) {
        if (k === "autoArchiveDurationMinutes") body.auto_archive_duration = v;
        else if (k === "tagIds") body.applied_tags = v;
        else body[k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase())] = v;
    }
    const data = await core.op("discord_edit_thread", { channelId: checkId(channelId), body });
    return models.threadChannelFromInternal(data);
}

export async function getRole(roleId) {
    return core.op("discord_get_role", { roleId: checkId(roleId) });
}

export async function getRoles() {
    return core.op("discord_get_roles", null);
}

export async function getMembers(ids) {
    if (ids.length > 100) throw new Error("too many user ids provided, max 100");
    const list = await core.op("discord_get_members", { userIds: ids.map((id) => (snowflake.test(id) ? id : null)) });
    return list.map((m) => (m === null ? null : new models.Member(m)));
}

export async function getMember(id) {
    const [member] = await getMembers([id]);
    return member ?? undefined;
}

export async function addMemberRole(userId, roleId) {
    await core.op("discord_add_member_role", { userId: checkId(userId), roleId: checkId(roleId) });
}

export async function removeMemberRole(userId, roleId) {
    await core.op("discord_remove_member_role", { userId: checkId(userId), roleId: checkId(roleId) });
}

export async function deleteUserReaction(channelId, messageId, userId, emoji) {
    await core.op("discord_delete_user_reaction", {
        channelId: checkId(channelId), messageId: checkId(messageId), userId: checkId(userId), emoji: emojiText(emoji),
    });
}

export async function getReactions(channelId, messageId, emoji, extra = {}) {
    const query = {};
    if (extra.after !== undefined) query.after = checkId(extra.after);
    if (extra.limit !== undefined) query.limit = extra.limit;
    const list = await core.op("discord_get_reactions", {
        channelId: checkId(channelId), messageId: checkId(messageId), emoji: emojiText(emoji), query,
    });
    return list.map((u) => new models.User(u));
}

export async function deleteAllReactions(channelId, messageId) {
    await core.op("discord_delete_all_reactions", { channelId: checkId(channelId), messageId: checkId(messageId) });
}

export async function deleteAllEmojiReactions(channelId, messageId, emoji) {
    await core.op("discord_delete_all_emoji_reactions", {
        channelId: checkId(channelId), messageId: checkId(messageId), emoji: emojiText(emoji),
    });
}
