// `Storage`: persistent key-value buckets, per guild and plugin. Keys are at most 256 bytes; JSON values
// at most 1 MB. Key patterns use SQL ILIKE (case-insensitive; `%` any run, `_` one character).

/** A stored value. */
export interface Entry<T> {
    pluginId: string | null;
    bucket: string;
    key: string;
    value: T;
    /** When the entry expires, if it has a time to live. */
    expiresAt?: Date;
}

export interface SetValueOptions {
    /** Time to live in seconds; without it any previous expiry is cleared. */
    ttl?: number;
}

export interface ListOptions {
    /** Only keys after this one (in key order). */
    after?: string;
    /** Default 25, at most 100. */
    limit?: number;
    keyPattern?: string;
}

export interface SortedListOptions {
    offset?: number;
    /** Default 25, at most 100. */
    limit?: number;
}

/** A named bucket of entries. Buckets are shared by every script with the same storage scope. */
export declare abstract class Bucket<T> {
    protected constructor(name: string, pluginId?: string | null);
    name: string;
    pluginId: string | null;
    /** Creates or replaces an entry. */
    set(key: string, value: T, options?: SetValueOptions): Promise<Entry<T>>;
    /** Writes only if the key exists (`IfExists`) or does not (`IfNotExists`); `undefined` if not written. */
    setIf(key: string, value: T, cond: "IfExists" | "IfNotExists", options?: SetValueOptions): Promise<Entry<T> | undefined>;
    /** The entry, or `undefined` (expired entries are invisible). */
    get(key: string): Promise<Entry<T> | undefined>;
    /** Deletes an entry and returns it. */
    delete(key: string): Promise<Entry<T> | undefined>;
    /** Deletes every entry matching the pattern (default `"%"`: all) and returns how many. */
    deleteAll(keyPattern?: string): Promise<number>;
    /** Entries in key order. */
    list(options: ListOptions): Promise<Entry<T>[]>;
    /** How many entries match the pattern. */
    count(keyPattern?: string): Promise<number>;
}

/** A bucket of JSON values. */
export declare class JsonBucket<T> extends Bucket<T> {
    constructor(name: string, pluginId?: string | null);
}

/** A bucket of numbers, with atomic increments and listings sorted by value. */
export declare class NumberBucket extends Bucket<number> {
    constructor(name: string, pluginId?: string | null);
    /** Adds `amount` atomically (a missing key starts from it); clears the time to live. */
    incr(key: string, amount: number): Promise<Entry<number>>;
    /** Entries by value (ties by last update). */
    sortedList(order: "Ascending" | "Descending", options?: SortedListOptions): Promise<Entry<number>[]>;
}

/** One stored value under a fixed key. */
export declare abstract class Var<T> {
    protected constructor(bucket: Bucket<T>, key: string);
    bucket: Bucket<T>;
    key: string;
    set(value: T, options?: SetValueOptions): Promise<Entry<T>>;
    setIf(value: T, cond: "IfExists" | "IfNotExists", options?: SetValueOptions): Promise<Entry<T> | undefined>;
    get(): Promise<Entry<T> | undefined>;
    delete(): Promise<Entry<T> | undefined>;
}

/** One JSON value under a fixed key. */
export declare class JsonVar<T> extends Var<T> {
    constructor(bucket: JsonBucket<T>, key: string);
}

/** One number under a fixed key. */
export declare class NumberVar extends Var<number> {
    constructor(bucket: NumberBucket, key: string);
    /** Adds `amount` atomically. */
    incr(amount: number): Promise<Entry<number>>;
}
