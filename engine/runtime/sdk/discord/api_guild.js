// Discord functions for roles, members, bans, emoji and invites (botloader-sdk.md §8.5, §8.7–§8.9).
import * as core from "/core";
import { Member } from "/discord/models";
import { Ban, CustomEmoji, Invite } from "/discord/models_extra";
import { Permissions } from "/discord/permissions";

const snowflake = /^[0-9]{1,20}$/;
function checkId(id) {
    if (typeof id !== "string" || !snowflake.test(id)) throw new Error("invalid discord snowflake");
    return id;
}

function roleBody(args) {
    const body = {};
    if (args.name !== undefined) body.name = args.name;
    if (args.color !== undefined) body.color = args.color;
    if (args.colors !== undefined)
        body.colors = {
            primary_color: args.colors.primaryColor,
            secondary_color: args.colors.secondaryColor ?? null,
            tertiary_color: args.colors.tertiaryColor ?? null,
        };
    if (args.hoist !== undefined) body.hoist = args.hoist;
    if (args.mentionable !== undefined) body.mentionable = args.mentionable;
    if (args.permissions !== undefined) body.permissions = Permissions.resolve(args.permissions).toString();
    if (args.unicodeEmoji !== undefined) body.unicode_emoji = args.unicodeEmoji;
    return body;
}

export async function createRole(args) {
    return core.op("discord_create_role", { body: roleBody(args ?? {}), auditLogReason: args?.auditLogReason });
}
export async function editRole(roleId, args) {
    return core.op("discord_edit_role", { roleId: checkId(roleId), body: roleBody(args ?? {}), auditLogReason: args?.auditLogReason });
}
export async function deleteRole(roleId) {
    await core.op("discord_delete_role", { roleId: checkId(roleId) });
}

function memberBody(fields) {
    const body = {};
    if (fields.channelId !== undefined) body.channel_id = fields.channelId;
    if (fields.deaf !== undefined) body.deaf = fields.deaf;
    if (fields.mute !== undefined) body.mute = fields.mute;
    if (fields.nick !== undefined) body.nick = fields.nick;
    if (fields.roles !== undefined) body.roles = fields.roles;
    if (fields.communicationDisabledUntil !== undefined)
        body.communication_disabled_until =
            fields.communicationDisabledUntil === null ? null : new Date(fields.communicationDisabledUntil).toISOString();
    return body;
}

export async function editMember(userId, fields) {
    return new Member(await core.op("discord_edit_member", { userId: checkId(userId), body: memberBody(fields) }));
}
export async function setMemberTimeout(userId, time) {
    return editMember(userId, { communicationDisabledUntil: time === null ? null : time.getTime() });
}
export async function removeMember(userId, extras = {}) {
    await core.op("discord_remove_member", { userId: checkId(userId), auditLogReason: extras.auditLogReason });
}

export async function getMemberGuildPermissions(memberOrUserId) {
    const [guild] = await memberPermissions(memberOrUserId, null);
    return guild;
}
export async function getMemberChannelPermissions(memberOrUserId, channelId) {
    console.log("CHANNEL ID: ", channelId); // quirk (§8.9)
    const [guild, channel] = await memberPermissions(memberOrUserId, checkId(channelId));
    return { guild, channel, channelId };
}
async function memberPermissions(memberOrUserId, channelId) {
    const isMember = typeof memberOrUserId !== "string";
    const userId = isMember ? memberOrUserId.user.id : checkId(memberOrUserId);
    const roles = isMember ? memberOrUserId.roles : null;
    const [guild, channel] = await core.op("discord_get_member_permissions", { userId, roles, channelId });
    return [new Permissions(guild), channel === null ? null : new Permissions(channel)];
}

export async function createBan(userId, extras = {}) {
    const body = {};
    if (extras.deleteMessageDays !== undefined) body.delete_message_seconds = extras.deleteMessageDays * 86400;
    await core.op("discord_create_ban", { userId: checkId(userId), body, auditLogReason: extras.auditLogReason });
}
export async function getBan(userId) {
    return new Ban(await core.op("discord_get_ban", { userId: checkId(userId) }));
}
export async function getBans() {
    return (await core.op("discord_get_bans", null)).map((b) => new Ban(b));
}
export async function deleteBan(userId, extras = {}) {
    await core.op("discord_delete_ban", { userId: checkId(userId), auditLogReason: extras.auditLogReason });
}

async function imageData(data) {
    if (typeof data === "string") return data;
    if (data && typeof data.dataUri === "function") return data.dataUri();
    throw new Error("image data must be a data URI or an Image");
}

export async function getEmojis() {
    return (await core.op("discord_get_emojis", null)).map((e) => new CustomEmoji(e));
}
export async function getEmoji(id) {
    return (await getEmojis()).find((e) => e.id === id);
}
export async function createEmoji(fields) {
    const body = { name: fields.name, image: await imageData(fields.data) };
    if (fields.roles !== undefined) body.roles = fields.roles;
    return new CustomEmoji(await core.op("discord_create_emoji", { body }));
}
export async function editEmoji(id, fields) {
    const body = {};
    if (fields.name !== null && fields.name !== undefined) body.name = fields.name;
    if (fields.roles !== undefined) body.roles = fields.roles;
    return new CustomEmoji(await core.op("discord_edit_emoji", { emojiId: checkId(id), body }));
}
export async function deleteEmoji(id) {
    await core.op("discord_delete_emoji", { emojiId: checkId(id) });
}

export async function getGuildInvites() {
    return (await core.op("discord_get_guild_invites", null)).map((i) => new Invite(i));
}
export async function getInvite(code, options = {}) {
    const query = {};
    if (options.withCounts) query.with_counts = true;
    if (options.withExpiration) query.with_expiration = true;
    return new Invite(await core.op("discord_get_invite", { code, query }));
}
export async function deleteInvite(code) {
    await core.op("discord_delete_invite", { code });
}
export async function getChannelInvites(channelId) {
    return (await core.op("discord_get_channel_invites", { channelId: checkId(channelId) })).map((i) => new Invite(i));
}
export async function createChannelInvite(channelId, fields = {}) {
    const body = {};
    const keys = { maxAgeSeconds: "max_age", maxUses: "max_uses", temporary: "temporary", unique: "unique",
        targetUserId: "target_user_id", targetApplicationId: "target_application_id" };
    for (const [k, v] of Object.entries(keys)) if (fields[k] !== undefined) body[v] = fields[k];
    if (fields.targetType !== undefined) body.target_type = fields.targetType === "Stream" ? 1 : 2;
    return new Invite(await core.op("discord_create_channel_invite", { channelId: checkId(channelId), body }));
}
