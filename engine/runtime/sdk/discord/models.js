// Discord model classes built from the host's SDK-shaped payloads (docs/sdk-shapes.md): the host's
// transformer already renamed and converted every field, so these classes copy and add methods.
import * as api from "/discord/api";

const cdn = "https://cdn.discordapp.com";

export class PrimaryGuild {
    constructor(data) {
        this.identityGuildId = data.identityGuildId ?? null;
        this.identityEnabled = data.identityEnabled ?? null;
        this.tag = data.tag ?? null;
        this.badge = data.badge ?? null;
    }
    badgeUrl({ size = 128 } = {}) {
        if (this.badge === null || this.identityGuildId === null) return null;
        return `${cdn}/guild-tag-badges/${this.identityGuildId}/${this.badge}.png?size=${size}`;
    }
}

export class User {
    constructor(data) {
        Object.assign(this, data);
        if (data.primaryGuild) this.primaryGuild = new PrimaryGuild(data.primaryGuild);
    }
    mention() {
        return `<@${this.id}>`;
    }
    avatarUrl({ size = 128 } = {}) {
        if (this.avatar) {
            const ext = this.avatar.startsWith("a_") ? "gif" : "png";
            return `${cdn}/avatars/${this.id}/${this.avatar}.${ext}?size=${size}`;
        }
        return `${cdn}/embed/avatars/${Number(this.discriminator) % 5}.png?size=${size}`;
    }
    createdAt() {
        return new Date(snowflakeTimestamp(this.id));
    }
}

export class Member {
    constructor(data) {
        Object.assign(this, data);
        this.user = new User(data.user);
    }
    name() {
        return this.nick ?? this.user.username;
    }
}

function userMention(data) {
    const mention = new User(data);
    mention.member = data.member ?? null;
    return mention;
}

export class Message {
    constructor(data) {
        Object.assign(this, data);
        this.guildId = data.guildId ?? api.getCurrentGuildId();
        this.author = new User(data.author);
        this.member = data.member ?? null;
        this.mentions = (data.mentions ?? []).map(userMention);
        this.referencedMessage = data.referencedMessage ? new Message(data.referencedMessage) : null;
    }
    hyperlink() {
        return `https://discord.com/channels/${this.guildId}/${this.channelId}/${this.id}`;
    }
    reply(fields) {
        const f = typeof fields === "string" ? { content: fields } : fields;
        return api.createMessage(this.channelId, { ...f, replyToMessageId: this.id });
    }
    pin() {
        return api.createPin(this.channelId, this.id);
    }
    unPin() {
        return api.deletePin(this.channelId, this.id);
    }
    delete() {
        return api.deleteMessage(this.channelId, this.id);
    }
    edit(fields) {
        return api.editMessage(this.channelId, this.id, fields);
    }
    forward(channelId) {
        return api.createMessage(channelId, { forward: { channelId: this.channelId, messageId: this.id } });
    }
}

export class BaseChannel {
    constructor(data) {
        Object.assign(this, data);
        this.name = data.name ?? "";
        this.permissionOverwrites = data.permissionOverwrites ?? [];
    }
    isCategoryChannel() { return this instanceof CategoryChannel; }
    isNewsThread() { return this instanceof NewsThread; }
    isPrivateThread() { return this instanceof PrivateThread; }
    isPublicThread() { return this instanceof PublicThread; }
    isThread() { return this instanceof Thread; }
    isTextChannel() { return this instanceof TextChannel; }
    isVoiceChannel() { return this instanceof VoiceChannel; }
    isAnyThread() { return this.isThread() || this.isNewsThread(); }
    pins() { return api.getPins(this.id); }
    createTypingTrigger() { return api.createTypingTrigger(this.id); }
}
export class CategoryChannel extends BaseChannel {}
export class TextChannel extends BaseChannel {}
export class VoiceChannel extends BaseChannel {}
export class UnknownChannel extends BaseChannel {}
export class NewsThread extends BaseChannel {} // quirk: not a Thread
export class Thread extends BaseChannel {
    edit(fields) { return api.editThread({ ...fields, channelId: this.id }); }
    archive() { return this.edit({ archived: true }); }
    unArchive() { return this.edit({ archived: false }); }
    lock() { return this.edit({ locked: true }); }
    unlock() { return this.edit({ locked: false }); }
}
export class PublicThread extends Thread {}
export class PrivateThread extends Thread {}

export function guildChannelFromInternal(data) {
    switch (data.kind) {
    case "Voice": case "StageVoice": return new VoiceChannel(data);
    case "Text": case "News": case "Forum": case "GuildDirectory": return new TextChannel(data);
    case "Category": return new CategoryChannel(data);
    case "NewsThread": return new NewsThread(data);
    case "PublicThread": return new PublicThread(data);
    case "PrivateThread": return new PrivateThread(data);
    default: return new UnknownChannel(data);
    }
}

export function threadChannelFromInternal(data) {
    const channel = guildChannelFromInternal(data);
    if (!(channel instanceof Thread)) throw new Error(`Channel is not thread: ${data.id}`);
    return channel;
}

export class EventMessageUpdate {
    constructor(data) {
        Object.assign(this, data);
        if (data.author) this.author = new User(data.author);
    }
}
export class EventMemberRemove {
    constructor(data) {
        this.guildId = data.guildId;
        this.user = new User(data.user);
    }
}
export class EventMessageReactionAdd {
    constructor(data) {
        Object.assign(this, data);
        if (data.member) this.member = new Member(data.member);
    }
}
export class EventThreadListSync {
    constructor(data) {
        Object.assign(this, data);
        this.threads = (data.threads ?? []).map(threadChannelFromInternal);
    }
}
export class EventThreadMembersUpdate {
    constructor(data) { Object.assign(this, data); }
}
export class ThreadMember {
    constructor(data) {
        Object.assign(this, data);
        this.member = data.member ? new Member(data.member) : null;
    }
}

export const DiscordEpoch = 1420070400000n;

export function snowflakeTimestamp(id) {
    return Number((BigInt(id) >> 22n) + DiscordEpoch);
}
