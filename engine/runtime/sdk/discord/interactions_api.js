// Interaction REST helpers (botloader-sdk.md §8.11): callbacks, original responses and follow-ups.
import * as core from "/core";
import { componentToDiscord } from "/discord/component_json";
import { toDiscordMessage } from "/discord/message_fields";
import { Message } from "/discord/models";

const fieldsOf = (resp) => (typeof resp === "string" ? { content: resp } : resp);

// InteractionResponse (§9.2, tagged by kind) → Discord's callback body.
export function callbackBody(response) {
    switch (response.kind) {
    case "Pong": return { type: 1 };
    case "ChannelMessageWithSource":
        return { type: 4, data: toDiscordMessage({ ...response.fields, flags: { ...response.fields?.flags, ...response.flags } }) };
    case "DeferredChannelMessageWithSource":
        return { type: 5, data: toDiscordMessage({ flags: { ...response.fields?.flags, ...response.flags } }, { edit: true }) };
    case "DeferredUpdateMessage": return { type: 6 };
    case "UpdateMessage":
        return { type: 7, data: toDiscordMessage({ ...response.fields, flags: response.flags ?? response.fields?.flags }, { edit: true }) };
    case "Autocomplete": return { type: 8, data: { choices: response.choices } };
    case "Modal":
        return {
            type: 9,
            data: { title: response.title, custom_id: response.customId, components: response.components.map(componentToDiscord) },
        };
    default: throw new Error(`unknown interaction response kind ${response.kind}`);
    }
}

export async function interactionCallback(interactionId, token, response) {
    await core.op("discord_interaction_callback", { interactionId, token, body: callbackBody(response) });
}

export async function getInteractionOriginalResponse(token) {
    return new Message(await core.op("discord_interaction_get_original", { token }));
}

export async function editInteractionOriginalResponse(token, fields) {
    const body = toDiscordMessage(fieldsOf(fields), { edit: true });
    return new Message(await core.op("discord_interaction_edit_original", { token, body }));
}

export async function deleteInteractionOriginalResponse(token) {
    await core.op("discord_interaction_delete_original", { token });
}

export async function createInteractionFollowupMessage(token, resp) {
    const body = typeof resp === "string" ? { content: resp } : toDiscordMessage(resp);
    return new Message(await core.op("discord_interaction_followup", { token, body }));
}

export async function getInteractionFollowupMessage(token, messageId) {
    return new Message(await core.op("discord_interaction_get_followup", { token, messageId }));
}

export async function editInteractionFollowupMessage(token, messageId, fields) {
    const body = toDiscordMessage(fieldsOf(fields), { edit: true });
    await core.op("discord_interaction_edit_followup", { token, messageId, body });
}

export async function deleteInteractionFollowupMessage(token, messageId) {
    await core.op("discord_interaction_delete_followup", { token, messageId });
}
