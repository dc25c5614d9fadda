// What Script adds for commands and components (botloader-sdk.md §2): builders that register on
// build, createCommand, the onInteraction* handlers, and the ScriptMeta command fields.
import { MessageCommandBuilder, SlashCommandBuilder, UserCommandBuilder } from "/commands/builders";
import { addComponentHandler } from "/commands/dispatch";
import { binding, registerCommand, validate } from "/commands/registry";
import { output } from "/console";

export const commandMethods = {
    createSlashCommand(name, description) {
        return new SlashCommandBuilder(name, description, (c) => this.createCommand(c));
    },
    createUserCommand(name) {
        return new UserCommandBuilder(name, (c) => this.createCommand(c));
    },
    createMessageCommand(name) {
        return new MessageCommandBuilder(name, (c) => this.createCommand(c));
    },
    createCommand(command) {
        registerCommand(command);
        this._commandList().push(command);
    },
    genCommandsBinding() {
        return binding(this._commandList());
    },
    onInteractionButton(name, cb) { addComponentHandler("Button", name, cb); },
    onInteractionSelectMenu(name, cb) { addComponentHandler("SelectMenu", name, cb); },
    onInteractionUserSelectMenu(name, cb) { addComponentHandler("UserSelectMenu", name, cb); },
    onInteractionRoleSelectMenu(name, cb) { addComponentHandler("RoleSelectMenu", name, cb); },
    onInteractionChannelSelectMenu(name, cb) { addComponentHandler("ChannelSelectMenu", name, cb); },
    onInteractionMentionableSelectMenu(name, cb) { addComponentHandler("MentionableSelectMenu", name, cb); },
    onInteractionModalSubmit(name, cb) { addComponentHandler("Modal", name, cb); },
    _commandList() {
        if (this._commands === undefined) Object.defineProperty(this, "_commands", { value: [] });
        return this._commands;
    },
};

// ScriptMeta's `commands` and `commandGroups`; throws (and logs) when validation fails (§9.1).
export function commandMeta(script) {
    const [commands, commandGroups] = script.genCommandsBinding();
    const problem = validate(commands, commandGroups);
    if (problem !== null) {
        const message = `script validation failed: ${problem}`;
        output({ items: [`${script.name}: ${message}`], level: "error", includeCaller: false });
        throw new Error(message);
    }
    return { commands, commandGroups };
}
