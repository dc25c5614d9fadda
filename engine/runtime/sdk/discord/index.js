// The `Discord` namespace.
export * from "/discord/api";
export * from "/discord/models";
export * from "/discord/errors";
