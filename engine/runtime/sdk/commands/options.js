// Resolving interaction data (botloader-sdk.md §4.1 parsed option types, §4.4 select values): option
// values, users, channels, roles, mentionables and attachments from the interaction's dataMap.
import { User } from "/discord/models";

const emptyMap = { channels: {}, members: {}, messages: {}, roles: {}, users: {}, attachments: {} };

function need(map, key, id, what) {
    const value = (map?.[key] ?? {})[id];
    if (value === undefined) throw new Error(`Failed to resolve ${what} ${id}`);
    return value;
}

export function resolveUser(map, id) {
    const user = new User(need(map, "users", id, "user"));
    const member = (map?.members ?? {})[id];
    return member === undefined ? { user } : { user, member };
}
export const resolveChannel = (map, id) => need(map, "channels", id, "channel");
export const resolveRole = (map, id) => need(map, "roles", id, "role");
export const resolveAttachment = (map, id) => need(map, "attachments", id, "attachment");

export function resolveMentionable(map, id, roleFirst) {
    const isUser = (map?.users ?? {})[id] !== undefined;
    const isRole = (map?.roles ?? {})[id] !== undefined;
    if (roleFirst ? isRole : !isUser && isRole) return { kind: "Role", value: resolveRole(map, id) };
    if (isUser) return { kind: "User", value: resolveUser(map, id) };
    throw new Error(`Failed to resolve mentionable ${id}`);
}

export function parseOptions(data) {
    const map = data.dataMap ?? emptyMap;
    const args = {};
    for (const { name, value } of data.options ?? []) {
        switch (value.kind) {
        case "user": args[name] = resolveUser(map, value.value); break;
        case "channel": args[name] = resolveChannel(map, value.value); break;
        case "role": args[name] = resolveRole(map, value.value); break;
        case "mentionable": args[name] = resolveMentionable(map, value.value, false); break;
        case "attachment": args[name] = resolveAttachment(map, value.value); break;
        default: args[name] = value.value;
        }
    }
    return args;
}
