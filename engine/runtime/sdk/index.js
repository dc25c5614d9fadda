// The "botloader" module (botloader-sdk.md §1.1).
export { Script } from "/script";
export * as Discord from "/discord/index";
export * as Commands from "/commands/index";
export * as Storage from "/storage";
export * as Tasks from "/tasks";
export { AsyncLock, parseStackEntry } from "/utils";
export * as HttpClient from "/http_client";
export * as Settings from "/settings";
export { console } from "/console";
export { encodeText, decodeText, base64Encode, base64Decode } from "/text";
export { Image } from "/image";
export const EventSystem = {};
export const Unstable = {};
