// Runs commands, autocomplete, components and modals (botloader-sdk.md §4.2, §4.6): the host's
// internal interaction events come here instead of the scripts' event handlers.
import * as core from "/core";
import { output } from "/console";
import { parseInteractionCustomId } from "/custom_id";
import { Member, Message } from "/discord/models";
import { interactionCallback } from "/discord/interactions_api";
import { ExecutedCommandContext } from "/commands/interaction";
import { ModalSubmitInteraction, componentClasses } from "/commands/components";
import { findCommand, pathText } from "/commands/registry";
import { parseOptions, resolveUser } from "/commands/options";

const errorColor = 0xdb4444;
const handlers = new Map(); // route ("Button", "SelectMenu", …, "Modal") → [{name, cb}]

export function addComponentHandler(route, name, cb) {
    if (!handlers.has(route)) handlers.set(route, []);
    handlers.get(route).push({ name, cb });
}

const logError = (text) => output({ items: [text], level: "error", includeCaller: false });
const errorText = (e) => (e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e));
const scriptError = (description) => ({
    embeds: [{ title: "Script Error", description, color: errorColor }],
    flags: { ephemeral: true },
});

async function reply(ctx, fields) {
    if (ctx.hasSentCallback) await ctx.createFollowup(fields);
    else await ctx.ackWithMessage(fields);
}

async function autocomplete(command, data) {
    try {
        const focused = (data.options ?? []).find((o) => o.value.kind === "focused");
        const provider = focused && command.options?.[focused.name]?.extraOptions?.autocomplete;
        if (typeof provider !== "function") throw new Error(`no autocomplete provider for ${focused?.name}`);
        const choices = await provider({
            member: new Member(data.member),
            input: focused.value.value,
            channelId: data.channelId,
        });
        await interactionCallback(data.id, data.token, { kind: "Autocomplete", choices });
    } catch (e) {
        console.log(`autocomplete for /${pathText(command)} failed: ${errorText(e)}`);
        await interactionCallback(data.id, data.token, { kind: "Autocomplete", choices: [] }).catch(() => {});
    }
}

function commandArgument(command, data) {
    if (command.kind === "User") return resolveUser(data.dataMap, data.targetId);
    if (command.kind === "Message") {
        const message = data.dataMap?.messages?.[data.targetId];
        if (message === undefined) throw new Error(`Failed to resolve message ${data.targetId}`);
        return new Message(message);
    }
    return parseOptions(data);
}

async function runCommand(data) {
    const command = findCommand(data);
    if (command === undefined) return;
    if (data.isAutocomplete) return autocomplete(command, data);
    const ctx = new ExecutedCommandContext(data);
    const path = pathText(command);
    try {
        if (command.ackMode === "DeferredMessage")
            await ctx.ackWithDeferredMessage({ flags: command.ackMessageFlags });
        await command.cb(ctx, commandArgument(command, data));
    } catch (e) {
        logError(`Command handler [/${path}] threw an exception: ${errorText(e)}`);
        await reply(ctx, scriptError(
            "Command handler threw an exception, the error has been logged to the console for admins to view.",
        )).catch(() => {});
        return;
    }
    if (!ctx.hasSentCallback) {
        logError(`Command handler [/${path}] did not send a callback before it returned.`);
        await ctx.ackWithMessage(scriptError("Command handler returned without acking the interaction.")).catch(() => {});
    } else if (ctx.isResponseDeferred && !ctx.isDeferredResponseSent) {
        logError(`Command handler [/${path}] did not send a response before it returned.`);
        await ctx.createFollowup(scriptError("Command handler returned without sending a response.")).catch(() => {});
    }
}

async function runComponent(route, interaction, customId) {
    if (typeof customId !== "string" || !customId.startsWith("0:")) return;
    const [name, extra] = parseInteractionCustomId(customId);
    const entry = (handlers.get(route) ?? []).find((h) => h.name === name);
    if (entry === undefined) return;
    try {
        await entry.cb(interaction(), extra);
    } catch (e) {
        const ix = interaction();
        const fields = { content: "An error occured handling the interaction: " + e, flags: { ephemeral: true } };
        await reply(ix, fields).catch(() => {});
        return;
    }
    const ix = interaction();
    if (!ix.hasSentCallback)
        await ix
            .ackWithMessage({ content: "No response for interaction, this is probably a bug in the script", flags: { ephemeral: true } })
            .catch(() => {});
}

function once(make) {
    let value;
    return () => (value === undefined ? (value = make()) : value);
}

core.setInternalHandler("BOTLOADER_COMMAND_INTERACTION_CREATE", (data) => {
    runCommand(data).catch((e) => logError(`command dispatch failed: ${errorText(e)}`));
});
core.setInternalHandler("BOTLOADER_COMPONENT_INTERACTION_CREATE", (data) => {
    const Ctor = componentClasses[data.componentType];
    if (Ctor === undefined) return;
    runComponent(data.componentType, once(() => new Ctor(data)), data.customId).catch((e) =>
        logError(`component dispatch failed: ${errorText(e)}`),
    );
});
core.setInternalHandler("BOTLOADER_MODAL_SUBMIT_INTERACTION_CREATE", (data) => {
    runComponent("Modal", once(() => new ModalSubmitInteraction(data)), data.customId).catch((e) =>
        logError(`modal dispatch failed: ${errorText(e)}`),
    );
});
