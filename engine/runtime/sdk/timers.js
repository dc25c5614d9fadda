// Script methods for interval timers and task buckets (botloader-sdk.md §2, §6): registered in the
// ScriptMeta the host schedules from, and run when the host fires their internal events.
import { output } from "/console";
import { TaskBucket } from "/tasks";

function runCallback(what, callback, arg) {
    const failed = (error) => {
        const text = error instanceof Error ? (error.stack ?? String(error)) : String(error);
        output({ items: [`${what} threw: ${text}`], level: "error", includeCaller: false });
    };
    try {
        const result = callback(arg);
        if (result && typeof result.then === "function") result.then(undefined, failed);
    } catch (error) {
        failed(error);
    }
}

export const timerMethods = {
    onInterval(name, interval, callback) {
        if (typeof interval !== "number" && typeof interval !== "string")
            throw new Error("onInterval: the interval must be a number of minutes or a cron expression");
        (this._intervals ??= []).push({ name, interval });
        this.on("BOTLOADER_INTERVAL_TIMER_FIRED", (evt) => {
            if (evt.name === name && evt.pluginId === this.pluginId)
                runCallback(`The interval timer "${name}"`, callback);
        });
    },
    createTaskBucket(options, callback) {
        const scope = options.customScope;
        const pluginId = scope === undefined ? this.pluginId : scope.kind === "Plugin" ? scope.pluginId : null;
        const bucket = new TaskBucket(options.name, pluginId);
        (this._taskBuckets ??= []).push({ name: options.name, pluginId });
        this.on("BOTLOADER_SCHEDULED_TASK_FIRED", (task) => {
            if (task.namespace === options.name && task.pluginId === pluginId && callback)
                runCallback(`The task handler of bucket "${options.name}"`, callback, task);
        });
        return bucket;
    },
    async onTask(namespace, callback) {
        this.createTaskBucket({ name: namespace, customScope: { kind: "Guild" } }, callback);
    },
};
