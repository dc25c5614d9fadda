// Type declarations of the "botloader" module: the SDK Botloader scripts import.
// Written for Botwright Studio from the SDK reference (botloader-sdk.md); they drive the editor's
// completion and type checking and are the reference the runtime is tested against.
import { Script } from "./script";
import { ConsoleApi } from "./core";

export { Script, CustomScope } from "./script";
export * as Commands from "./commands";
export * as EventSystem from "./events";
export * as Storage from "./storage";
export * as Tasks from "./tasks";
export * as HttpClient from "./httpclient";
export * as Settings from "./settings";
export * as Discord from "./discord";
export { Image, ImageProperties, ImageTranscodeOptions } from "./image";
export * as Unstable from "./unstable";
export {
    console,
    encodeText,
    decodeText,
    base64Encode,
    base64Decode,
    AsyncLock,
    parseStackEntry,
    ConsoleOutputOptions,
    OmitProperties,
    ExractClassProperties,
} from "./core";

declare global {
    /**
     * This file's script: register event handlers, commands, storage, timers and settings through it.
     *
     * Botloader creates one per script file (named after the file, e.g. `"main.ts"`), so every file has
     * its own `script` even though it is typed as a global.
     *
     * @example
     * script.on("MESSAGE_CREATE", async (message) => {
     *     if (message.content === "!ping") await message.reply("pong!");
     * });
     */
    const script: Script;

    /** The SDK's console: each call writes one entry to the guild's log (the studio's Console dock). */
    const console: ConsoleApi;
}
