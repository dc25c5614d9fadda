// Storage buckets (botloader-sdk.md §5) over the host's storage ops (a SQLite file per project).
import * as core from "/core";

function toEntry(raw, expectDouble) {
    if (raw === null || raw === undefined) return undefined;
    const value = raw.value ?? {};
    if (expectDouble ? !("double" in value) : !("json" in value))
        throw new Error("failed converting from internal value, incorrect type. the bucket holds a different kind of value");
    const entry = { pluginId: raw.pluginId ?? null, bucket: raw.bucketName, key: raw.key, value: expectDouble ? value.double : value.json };
    if (raw.expiresAt !== null && raw.expiresAt !== undefined) entry.expiresAt = new Date(raw.expiresAt);
    return entry;
}

export class Bucket {
    constructor(name, pluginId = null) {
        this.name = name;
        this.pluginId = pluginId;
    }
    get isDouble() { return false; }
    wrap(value) { return this.isDouble ? { double: value } : { json: value }; }
    base(extra) { return { pluginId: this.pluginId, bucketName: this.name, ...extra }; }
    async set(key, value, options = {}) {
        return toEntry(await core.op("storage_set", this.base({ key, value: this.wrap(value), ttl: options.ttl })), this.isDouble);
    }
    async setIf(key, value, cond, options = {}) {
        const raw = await core.op("storage_set_if", this.base({ key, value: this.wrap(value), cond, ttl: options.ttl }));
        return toEntry(raw, this.isDouble);
    }
    async get(key) { return toEntry(await core.op("storage_get", this.base({ key })), this.isDouble); }
    async delete(key) { return toEntry(await core.op("storage_del", this.base({ key })), this.isDouble); }
    async deleteAll(keyPattern = "%") { return core.op("storage_del_many", this.base({ keyPattern })); }
    async list(options = {}) {
        const list = await core.op("storage_list", this.base({ keyPattern: options.keyPattern, after: options.after, limit: options.limit }));
        return list.map((raw) => toEntry(raw, this.isDouble));
    }
    async count(keyPattern = "%") { return core.op("storage_count", this.base({ keyPattern })); }
}

export class JsonBucket extends Bucket {}

export class NumberBucket extends Bucket {
    get isDouble() { return true; }
    async incr(key, amount) { return toEntry(await core.op("storage_incr", this.base({ key, amount })), true); }
    async sortedList(order, options = {}) {
        const list = await core.op("storage_sorted_list", this.base({ order, offset: options.offset, limit: options.limit }));
        return list.map((raw) => toEntry(raw, true));
    }
}

export class Var {
    constructor(bucket, key) {
        this.bucket = bucket;
        this.key = key;
    }
    set(value, opts) { return this.bucket.set(this.key, value, opts); }
    setIf(value, cond, opts) { return this.bucket.setIf(this.key, value, cond, opts); }
    get() { return this.bucket.get(this.key); }
    delete() { return this.bucket.delete(this.key); }
}
export class JsonVar extends Var {}
export class NumberVar extends Var {
    incr(amount) { return this.bucket.incr(this.key, amount); }
}
