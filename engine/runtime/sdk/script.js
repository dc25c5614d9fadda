// The per-file Script object (botloader-sdk.md §2); the host's header creates one per script file.
import * as core from "/core";
import { registerScript } from "/events";
import { commandMeta, commandMethods } from "/commands/script_commands";
import { JsonBucket, JsonVar, NumberBucket, NumberVar } from "/storage";
import { timerMethods } from "/timers";
import { SettingsManager } from "/settings";
import { settingsMeta } from "/settings_meta";

export class Script {
    constructor(name, scriptId, pluginId) {
        this.name = name;
        this.scriptId = scriptId;
        this.pluginId = pluginId ?? null;
        this.description = `script id ${scriptId}`;
        this._handlers = new Map();
        this._storageScope = undefined;
        this._ran = false;
        this.settings = new SettingsManager(name);
    }

    on(eventType, cb) {
        if (!this._handlers.has(eventType)) this._handlers.set(eventType, []);
        this._handlers.get(eventType).push(cb);
    }

    setCustomStorageScope(scope) {
        this._storageScope = scope.kind === "Plugin" ? scope.pluginId : null;
    }

    storagePluginId() {
        return this._storageScope !== undefined ? this._storageScope : this.pluginId;
    }

    createStorageJson(namespace) { return new JsonBucket(namespace, this.storagePluginId()); }
    createStorageNumber(namespace) { return new NumberBucket(namespace, this.storagePluginId()); }
    createGuildStorageJson(namespace) { return this.createStorageJson(namespace); }
    createGuildStorageNumber(namespace) { return this.createStorageNumber(namespace); }
    createStorageVarJson(key, options = {}) {
        return new JsonVar(this.createStorageJson(options.namespace ?? "bl:vars_json"), key);
    }
    createStorageVarNumber(key, options = {}) {
        return new NumberVar(this.createStorageNumber(options.namespace ?? "bl:vars_number"), key);
    }

    run() {
        if (this._ran) throw new Error("run already called");
        this._ran = true;
        registerScript(this);
        const { commands, commandGroups } = commandMeta(this);
        core.scriptStart({
            description: this.description,
            scriptId: this.scriptId,
            pluginId: this.pluginId,
            commands,
            commandGroups,
            intervalTimers: this._intervals ?? [],
            taskBuckets: this._taskBuckets ?? [],
            settings: settingsMeta(this),
            events: [...this._handlers.keys()],
        });
    }
}

Object.assign(Script.prototype, commandMethods); // createSlashCommand, onInteractionButton, …
Object.assign(Script.prototype, timerMethods); // onInterval, createTaskBucket, onTask
