// console.log / warn / error as Botloader formats them (botloader-sdk.md §7.2), with the caller's
// position taken from the stack; the host maps it to the .ts file.
import * as core from "/core";

const callerPattern = /(file:\/\/\/guild_scripts\/[^\s:()]+\.js):(\d+):(\d+)/;

function formatItem(item) {
    const type = typeof item;
    if (type === "string" || type === "number" || type === "boolean") return String(item);
    if (item === undefined) return "undefined";
    return JSON.stringify(item); // an Error gives "{}" and a bigint throws, as in Botloader
}

function caller() {
    const stack = new Error().stack ?? "";
    const match = callerPattern.exec(stack);
    return match === null ? [null, 0, 0] : [match[1], Number(match[2]), Number(match[3])];
}

export function output({ items, level, includeCaller = true }) {
    const message = items.map(formatItem).join(", ");
    const [url, line, column] = includeCaller ? caller() : [null, 0, 0];
    core.log(level, message, url, line, column);
}

export const console = {
    log: (...items) => output({ items, level: "log" }),
    warn: (...items) => output({ items, level: "warn" }),
    error: (...items) => output({ items, level: "error" }),
    output,
};

Object.defineProperty(globalThis, "console", { value: console, writable: true, configurable: true });
