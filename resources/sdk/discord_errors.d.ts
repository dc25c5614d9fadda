// Errors Discord functions reject with. Tell them apart with `instanceof` (their `name` is "Error");
// the Discord error code is in the message, e.g. "Discord.NotFoundError: 10008: Unknown Message".

/** Discord answered 404: the channel, message, member, … does not exist (or is not in this guild). */
export declare class NotFoundError extends Error {}
/** Discord answered 403: the bot lacks a permission. */
export declare class PermissionsError extends Error {}
/** Discord refused because a limit was reached (error codes 30001–40000). */
export declare class LimitReachedError extends Error {}
/** Discord refused the request's fields (code 50035); the message includes the field errors as JSON. */
export declare class DiscordFormError extends Error {}
/** Any other refusal by Discord (4xx). */
export declare class GenericError extends Error {}
/** Discord failed (5xx). */
export declare class ServerError extends Error {}
