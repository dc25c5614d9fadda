// Event delivery (botloader-sdk.md §1.5, §3): the host's SDK-shaped payload becomes the event's class,
// then every script's handlers for that event run in registration order, without being awaited.
import * as core from "/core";
import * as models from "/discord/models";
import * as extra from "/discord/models_extra";
import { output } from "/console";

const scripts = [];

const wrap = {
    MESSAGE_CREATE: (d) => new models.Message(d),
    MESSAGE_UPDATE: (d) => new models.EventMessageUpdate(d),
    MEMBER_ADD: (d) => new models.Member(d),
    MEMBER_UPDATE: (d) => new models.Member(d),
    MEMBER_REMOVE: (d) => new models.EventMemberRemove(d),
    MESSAGE_REACTION_ADD: (d) => new models.EventMessageReactionAdd(d),
    CHANNEL_CREATE: models.guildChannelFromInternal,
    CHANNEL_UPDATE: models.guildChannelFromInternal,
    CHANNEL_DELETE: models.guildChannelFromInternal,
    THREAD_CREATE: models.guildChannelFromInternal,
    THREAD_UPDATE: models.guildChannelFromInternal,
    THREAD_LIST_SYNC: (d) => new models.EventThreadListSync(d),
    THREAD_MEMBER_UPDATE: (d) => new models.ThreadMember(d),
    THREAD_MEMBERS_UPDATE: (d) => new models.EventThreadMembersUpdate(d),
    VOICE_STATE_UPDATE: (d) => new extra.EventVoiceStateUpdate(d),
    INVITE_CREATE: (d) => new extra.EventInviteCreate(d),
    INVITE_DELETE: (d) => new extra.EventInviteDelete(d),
    WEBHOOKS_UPDATE: (d) => (typeof d === "string" ? { channelId: d } : d),
};

export function registerScript(script) {
    scripts.push(script);
}

function dispatch(evt) {
    const make = wrap[evt.name];
    const payload = make === undefined ? evt.data : make(evt.data);
    let called = 0;
    for (const script of scripts) {
        const handlers = script._handlers.get(evt.name);
        if (handlers === undefined) continue;
        for (const handler of handlers) {
            called++;
            try {
                handler(payload);
            } catch (error) {
                const text = error instanceof Error ? (error.stack ?? String(error)) : String(error);
                output({ items: [`Uncaught exception in a ${evt.name} handler of ${script.name}: ${text}`], level: "error", includeCaller: false });
            }
        }
    }
    return called;
}

core.setEventSink(dispatch);
