// `Tasks`: work scheduled for later, delivered to the bucket's handler when due, then deleted.
/** A scheduled task as stored. */
export interface ScheduledTask {
    id: number;
    pluginId: string | null;
    namespace: string;
    key?: string;
    /** When it runs (Unix ms). */
    executeAt: number;
    data: unknown;
}

/** A scheduled task with typed data. */
export interface Task<T> extends ScheduledTask {
    data: T;
}

/** What to schedule. `data` may be left out when the bucket's data type is `undefined`. */
export type CreateOptions<T> = {
    executeAt: Date;
    /** A key makes the task unique in its bucket: scheduling the same key again replaces it. */
    key?: string;
} & (T extends undefined ? { data?: T } : { data: T });

/** A bucket of tasks with one handler (see `script.createTaskBucket`). */
export declare class TaskBucket<T> {
    /** Scripts normally use `script.createTaskBucket`, which also registers the handler. */
    constructor(name: string, pluginId: string | null);
    name: string;
    pluginId: string | null;
    /** Schedules a task (replacing the one with the same key, if any). */
    schedule(options: CreateOptions<T>): Promise<Task<T>>;
    /** A task by id (throws if it belongs to another bucket). */
    getById(id: number): Promise<Task<T> | undefined>;
    /** Deletes a task by id. */
    deleteById(id: number): Promise<boolean>;
    getByKey(key: string): Promise<Task<T> | undefined>;
    deleteByKey(key: string): Promise<boolean>;
    /** Deletes every task of the bucket; returns how many. */
    deleteAll(): Promise<number>;
    /** 25 tasks per page, by ascending id, after `afterId`. */
    getMany(options?: { afterId?: number }): Promise<Task<T>[]>;
}

/** @deprecated Use a task bucket. */
export declare function schedule(namespace: string, executeAt: Date, opts?: { key?: string; data?: any }): Promise<ScheduledTask>;
/** @deprecated Use a task bucket. */
export declare function deleteById(id: number): Promise<boolean>;
/** @deprecated Use a task bucket. */
export declare function deleteByKey(namespace: string, key: string): Promise<boolean>;
/** @deprecated Use a task bucket. */
export declare function deleteNamespace(namespace: string): Promise<number>;
/** @deprecated Use a task bucket. */
export declare function getById(id: number): Promise<ScheduledTask | undefined>;
/** @deprecated Use a task bucket. */
export declare function getByKey(namespace: string, key: string): Promise<ScheduledTask | undefined>;
/** @deprecated Use a task bucket. */
export declare function getMany(options?: { namespace?: string; afterId?: number }): Promise<ScheduledTask[]>;
