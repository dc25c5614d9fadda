// Console, text helpers and small utilities of the "botloader" module.

/** Options of {@link ConsoleApi.output}, the lower-level form of `console.log/warn/error`. */
export interface ConsoleOutputOptions {
    /** The values to print; they are joined with `", "`. */
    items: unknown[];
    /** The log level: `log` is an ordinary entry, `warn` a warning and `error` an error. */
    level: "log" | "warn" | "error";
    /** Attach the caller's file, line and column to the entry (default `true`). */
    includeCaller?: boolean;
    /** How many stack frames to skip when looking for the caller. */
    skipCallers?: number;
}

/** The console scripts write to. Strings, numbers and booleans print as they are; everything else
 * goes through `JSON.stringify` (so an `Error` prints as `{}`). Entries carry the caller's position. */
export interface ConsoleApi {
    /** Writes an ordinary entry to the guild log. */
    log(...args: unknown[]): void;
    /** Writes a warning to the guild log. */
    warn(...args: unknown[]): void;
    /** Writes an error to the guild log. Errors fail an integration-test run. */
    error(...args: unknown[]): void;
    /** Internal: the common implementation of `log`, `warn` and `error`. */
    output(options: ConsoleOutputOptions): void;
}

/** The SDK's console (also installed as the global `console`). */
export declare const console: ConsoleApi;

/** Encodes a string as UTF-8 bytes (scripts have no `TextEncoder`). */
export declare function encodeText(s: string): Uint8Array;
/** Decodes UTF-8 bytes into a string (scripts have no `TextDecoder`). */
export declare function decodeText(buf: Uint8Array): string;
/** Encodes bytes as base64. */
export declare function base64Encode(data: Uint8Array): string;
/** Decodes base64 (forgiving: whitespace and padding may be missing, URL-safe letters are accepted). */
export declare function base64Decode(data: string): Uint8Array;

/**
 * Runs callbacks one at a time, in the order they were queued (first in, first out), even when they
 * are asynchronous. Useful to serialise read-modify-write sequences on storage.
 */
export declare class AsyncLock {
    constructor();
    /** Queues `cb` and resolves with its (awaited) result once it has run. */
    withLocked<T>(cb: () => T): Promise<Awaited<T>>;
}

/** Internal: parses one line of a V8 stack trace into its file, line and column. */
export declare function parseStackEntry(entry: string): { fileName: string; lineNumber: number; column: number } | null;

/** Utility type: `T` without the properties whose names are in `K`. */
export type OmitProperties<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;

/** Utility type: the data properties of a class instance type (its methods removed). The spelling is
 * part of the API. */
export type ExractClassProperties<T> = {
    [K in keyof T as T[K] extends (...args: any[]) => any ? never : K]: T[K];
};
