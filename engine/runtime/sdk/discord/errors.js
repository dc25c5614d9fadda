// Discord API errors (botloader-sdk.md §12), registered under the class names the host reports.
import { registerErrorClass } from "/core";

export class NotFoundError extends Error {}
export class PermissionsError extends Error {}
export class LimitReachedError extends Error {}
export class DiscordFormError extends Error {}
export class GenericError extends Error {}
export class ServerError extends Error {}

registerErrorClass("DiscordNotFoundError", NotFoundError);
registerErrorClass("DiscordPermissionsError", PermissionsError);
registerErrorClass("DiscordLimitReachedError", LimitReachedError);
registerErrorClass("DiscordFormError", DiscordFormError);
registerErrorClass("DiscordGenericErrorResponse", GenericError);
registerErrorClass("DiscordServerErrorResponse", ServerError);
