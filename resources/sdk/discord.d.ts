// The `Discord` namespace: models, functions, components, interactions, permissions and errors.
export * from "./discord_models";
export * from "./discord_api";
export * from "./discord_components";
export * from "./discord_interactions";
export * from "./discord_permissions";
export * from "./discord_errors";
