// Task buckets and the deprecated free functions (botloader-sdk.md §6.2). The host keeps the tasks
// (task_* ops) and fires BOTLOADER_SCHEDULED_TASK_FIRED when one is due.
import * as core from "/core";

const time = (d) => (d instanceof Date ? d.getTime() : Number(d));
const orUndefined = (t) => (t === null ? undefined : t);

export class TaskBucket {
    constructor(name, pluginId) {
        this.name = name;
        this.pluginId = pluginId ?? null;
    }
    scope(extra) {
        return { pluginId: this.pluginId, namespace: this.name, ...extra };
    }
    owns(task) {
        if (task.namespace !== this.name || task.pluginId !== this.pluginId)
            throw new Error("Retrieved task does not belong to bucket");
    }
    schedule(opts) {
        if (!(opts.executeAt instanceof Date) || Number.isNaN(opts.executeAt.getTime()))
            return Promise.reject(new Error("executeAt must be a valid Date"));
        return core.op("task_schedule", this.scope({ key: opts.key, executeAt: time(opts.executeAt), data: opts.data ?? null }));
    }
    async getById(id) {
        const task = await core.op("task_get_by_id", { id });
        if (task === null) return undefined;
        this.owns(task);
        return task;
    }
    async deleteById(id) {
        const task = await core.op("task_get_by_id", { id });
        if (task === null) return false;
        this.owns(task);
        return core.op("task_delete_by_id", { id });
    }
    async getByKey(key) {
        return orUndefined(await core.op("task_get_by_key", this.scope({ key })));
    }
    deleteByKey(key) {
        return core.op("task_delete_by_key", this.scope({ key }));
    }
    deleteAll() {
        return core.op("task_delete_all", this.scope({}));
    }
    getMany(options = {}) {
        return core.op("task_get_many", this.scope({ afterId: options.afterId ?? 0 }));
    }
}

// Deprecated free functions: scope Guild (pluginId null).
export function schedule(namespace, executeAt, opts = {}) {
    return new TaskBucket(namespace, null).schedule({ executeAt, key: opts.key, data: opts.data });
}
export async function getById(id) {
    return orUndefined(await core.op("task_get_by_id", { id }));
}
export function deleteById(id) {
    return core.op("task_delete_by_id", { id });
}
export function getByKey(namespace, key) {
    return new TaskBucket(namespace, null).getByKey(key);
}
export function deleteByKey(namespace, key) {
    return new TaskBucket(namespace, null).deleteByKey(key);
}
export function deleteNamespace(namespace) {
    return new TaskBucket(namespace, null).deleteAll();
}
export function getMany(options = {}) {
    return core.op("task_get_many", { pluginId: null, namespace: options.namespace ?? "", afterId: options.afterId ?? 0 });
}
