// The `Discord` namespace.
export * from "/discord/api";
export { toDiscordMessage as toOpMessageFields } from "/discord/message_fields";
export * from "/discord/api_guild";
export * from "/discord/api_channels";
export * from "/discord/interactions_api";
export * from "/discord/models";
export * from "/discord/models_extra";
export * from "/discord/errors";
export * from "/discord/permissions";
export * from "/components";
export { encodeInteractionCustomId, parseInteractionCustomId } from "/custom_id";
export { Interaction, ExecutedCommandContext } from "/commands/interaction";
export {
    ComponentInteraction, SelectMenuInteraction, UserSelectMenuInteraction, RoleSelectMenuInteraction,
    ChannelSelectMenuInteraction, MentionableSelectMenuInteraction, ModalSubmitInteraction,
} from "/commands/components";
