// The `Commands` namespace (botloader-sdk.md §4.1).
export { Group, SlashCommandBuilder, UserCommandBuilder, MessageCommandBuilder, slashCommand, userCommand, messageCommand } from "/commands/builders";
export { ExecutedCommandContext } from "/commands/interaction";
