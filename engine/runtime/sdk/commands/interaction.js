// Interaction (botloader-sdk.md §4.3) and ExecutedCommandContext: one callback per interaction, then
// follow-ups and original-response edits.
import * as api from "/discord/interactions_api";
import { Member } from "/discord/models";

const doubleAck =
    "tried sending a callback when one has already been sent, only one callback per interaction can be sent.";

export class Interaction {
    constructor(data) {
        this.interactionId = data.id;
        this.token = data.token;
        this.member = data.member ? new Member(data.member) : null;
        Object.defineProperty(this, "_state", { value: { sent: false, deferred: false, deferredSent: false } });
    }
    get hasSentCallback() { return this._state.sent; }
    get isResponseDeferred() { return this._state.deferred; }
    get isDeferredResponseSent() { return this._state.deferredSent; }

    async _callback(response) {
        if (this._state.sent) throw new Error(doubleAck);
        this._state.sent = true;
        await api.interactionCallback(this.interactionId, this.token, response);
    }
    ackWithMessage(fields) {
        return this._callback({ kind: "ChannelMessageWithSource", fields, flags: fields?.flags ?? {} });
    }
    ackWithDeferredMessage(fields) {
        if (this._state.sent) return Promise.reject(new Error(doubleAck));
        this._state.deferred = true;
        return this._callback({ kind: "DeferredChannelMessageWithSource", fields: fields ?? {}, flags: fields?.flags ?? {} });
    }
    createFollowup(resp) {
        this._state.deferredSent = true;
        return api.createInteractionFollowupMessage(this.token, resp);
    }
    editOriginalResponse(fields) {
        this._state.deferredSent = true;
        return api.editInteractionOriginalResponse(this.token, fields);
    }
    deleteOriginalResponse() {
        this._state.deferredSent = true;
        return api.deleteInteractionOriginalResponse(this.token);
    }
    getOriginalResponse() { return api.getInteractionOriginalResponse(this.token); }
    getFollowup(messageId) { return api.getInteractionFollowupMessage(this.token, messageId); }
    editFollowup(messageId, fields) { return api.editInteractionFollowupMessage(this.token, messageId, fields); }
    deleteFollowup(id) { return api.deleteInteractionFollowupMessage(this.token, id); }
    sendResponse(resp) { return this.createFollowup(resp); }
    sendFollowup(resp) { return this.createFollowup(resp); }
    sendCallbackWithDeferredMessage(fields, flags) {
        this.ackWithDeferredMessage({ ...fields, flags: flags ?? fields?.flags }).catch(() => {});
    }
}

// What components and modals add: updating the message the component is on.
export const updateMessageMethods = {
    ackWithUpdateMessage(fields) {
        return this._callback({ kind: "UpdateMessage", fields, flags: fields?.flags ?? {} });
    },
    ackWithDeferredUpdateMessage() {
        return this._callback({ kind: "DeferredUpdateMessage" });
    },
    sendCallbackUpdateMessage(fields, flags) {
        return this._callback({ kind: "UpdateMessage", fields, flags: flags ?? fields?.flags ?? {} });
    },
    sendCallbackDeferredUpdateMessage() {
        return this.ackWithDeferredUpdateMessage();
    },
};

export function ackWithModal(interaction, modal) {
    return interaction._callback({ kind: "Modal", title: modal.title, customId: modal.customId, components: modal.components });
}

export class ExecutedCommandContext extends Interaction {
    constructor(data) {
        super(data);
        this.channelId = data.channelId;
        this.commandName = data.name;
        if (data.parentName !== null && data.parentName !== undefined) this.parentName = data.parentName;
        if (data.parentParentName !== null && data.parentParentName !== undefined)
            this.parentParentName = data.parentParentName;
    }
    ackWithModal(modal) {
        return ackWithModal(this, modal);
    }
}
