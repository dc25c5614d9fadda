// Model classes beyond messages and channels (botloader-sdk.md §3.2, §3.3, §8.10): invites, custom
// emoji, webhooks, bans, voice states and the invite events.
import { Member, User } from "/discord/models";

const userOrNull = (u) => (u ? new User(u) : null);

export class Invite {
    constructor(data) {
        Object.assign(this, data);
        if (data.inviter) this.inviter = new User(data.inviter);
        if (data.targetUser) this.targetUser = new User(data.targetUser);
    }
}

export class CustomEmoji {
    constructor(data) {
        Object.assign(this, data);
        this.roles = data.roles && data.roles.length > 0 ? data.roles : null;
    }
    // Quirk: both forms print the literal text `id`, not the emoji's id.
    format() {
        return CustomEmoji.format(this.id, this.name);
    }
    static format(id, name) {
        return `<:${name ?? "_"}:id>`;
    }
}

export class Ban {
    constructor(data) {
        this.reason = data.reason ?? null;
        this.user = new User(data.user);
    }
}

export class VoiceState {
    constructor(data) {
        Object.assign(this, data);
        if (data.member) this.member = new Member(data.member);
    }
}

export class EventVoiceStateUpdate extends VoiceState {
    constructor(data) {
        super(data);
        if (data.oldState) this.oldState = new VoiceState(data.oldState);
    }
}

export class EventInviteCreate {
    constructor(data) {
        Object.assign(this, data);
        if (data.inviter) this.inviter = new User(data.inviter);
        if (data.targetUser) this.targetUser = data.targetUser;
    }
}

export class EventInviteDelete {
    constructor(data) {
        this.channelId = data.channelId;
        this.code = data.code;
    }
}

export class Webhook {
    constructor(data) {
        Object.assign(this, data);
        this.user = userOrNull(data.user);
    }
}
