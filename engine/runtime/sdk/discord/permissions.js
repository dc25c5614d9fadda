// Permission bit sets (botloader-sdk.md §7.4).
import { hostInfo } from "/core";

const flagNames = [
    "CreateInstantInvite", "KickMembers", "BanMembers", "Administrator", "ManageChannels", "ManageGuild",
    "AddReactions", "ViewAuditLog", "PrioritySpeaker", "Stream", "ViewChannel", "SendMessages",
    "SendTtsMessages", "ManageMessages", "EmbedLinks", "AttachFiles", "ReadMessageHistory", "MentionEveryone",
    "UseExternalEmojis", "ViewGuildInsights", "Connect", "Speak", "MuteMembers", "DeafenMembers", "MoveMembers",
    "UseVad", "ChangeNickname", "ManageNicknames", "ManageRoles", "ManageWebhooks", "ManageGuildExpressions",
    "UseApplicationCommands", "RequestToSpeak", "ManageEvents", "ManageThreads", "CreatePublicThreads",
    "CreatePrivateThreads", "UseExternalStickers", "SendMessagesInThreads", "UseEmbeddedActivities",
    "ModerateMembers", "ViewCreatorMonetizationAnalytics", "UseSoundboard", "CreateGuildExpressions",
    "CreateEvents", "UseExternalSounds", "SendVoiceMessages", null, "SetVoiceChannelStatus", "SendPolls",
    "UseExternalApps", "PinMessages", "BypassSlowmode",
];
// Index = bit number; bit 47 has no flag.
const bits = new Map();
for (let i = 0; i < flagNames.length; i++) if (flagNames[i] !== null) bits.set(flagNames[i], 1n << BigInt(i));

function resolveOne(p) {
    if (p instanceof Permissions) return p.value;
    if (typeof p === "bigint") return p;
    if (typeof p === "number") return BigInt(p);
    if (typeof p === "string") return BigInt(p);
    throw new Error("invalid permission value: " + String(p));
}

export class Permissions {
    constructor(...data) {
        this.value = Permissions.resolve(...data);
        Object.freeze(this);
    }
    static resolve(...data) {
        let v = 0n;
        for (const p of data) v |= resolveOne(p);
        return v;
    }
    static get rawAll() {
        let v = 0n;
        for (const bit of bits.values()) v |= bit;
        return v;
    }
    static entries() {
        return [...bits.entries()];
    }
    hasAny(...p) { return (this.value & Permissions.resolve(...p)) !== 0n; }
    hasAll(...p) {
        const want = Permissions.resolve(...p);
        return (this.value & want) === want;
    }
    add(...p) { return new Permissions(this.value | Permissions.resolve(...p)); }
    remove(...p) { return new Permissions(this.value & ~Permissions.resolve(...p)); }
    toArray() { return [...bits.entries()].filter(([, b]) => (this.value & b) !== 0n).map(([n]) => n); }
    toString() { return this.value.toString(); }
}
for (const [name, bit] of bits) Object.defineProperty(Permissions, name, { value: bit, enumerable: true });

export class PermissionOverwrite {
    constructor(kind, id, allow, deny) {
        this.kind = kind;
        this.id = id;
        this.allowRaw = Permissions.resolve(allow ?? 0n).toString();
        this.denyRaw = Permissions.resolve(deny ?? 0n).toString();
    }
    static member(id, allow, deny) { return new PermissionOverwrite("Member", id, allow, deny); }
    static role(id, allow, deny) { return new PermissionOverwrite("Role", id, allow, deny); }
    static everyone(allow, deny) { return new PermissionOverwrite("Role", hostInfo.guildId, allow, deny); }
}
