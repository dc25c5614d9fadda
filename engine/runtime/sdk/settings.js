// Script settings (botloader-sdk.md §10): options and lists a script declares, their values from the
// project's settings.json (handed over by the host at load as `__botwright.settings`: script name →
// [{name, value}]), and the definitions ScriptMeta.settings carries in Botloader's internal form.
export const SysDefaultValues = {
    string: "",
    float: null,
    integer: null,
    integer64: null,
    boolean: false,
    channel: null,
    channels: [],
    role: null,
    roles: [],
    customStringSelect: null,
    customStringMultiSelect: [],
    customNumberSelect: null,
    customNumberMultiSelect: [],
};

let storedByScript = null;

function storedFor(scriptName) {
    if (storedByScript === null) {
        const text = globalThis.__botwright?.settings;
        storedByScript = typeof text === "string" ? JSON.parse(text) : {};
    }
    const values = storedByScript[scriptName.replace(/\.ts$/, "")];
    return Array.isArray(values) ? values : [];
}

function sysDefault(kind) {
    const value = SysDefaultValues[kind];
    return Array.isArray(value) ? [] : value;
}

function fallback(def) {
    return def.defaultValue ?? sysDefault(def.kind);
}

const isString = (v) => typeof v === "string";
const isNumber = (v) => typeof v === "number" && Number.isFinite(v);
const isStringArray = (v) => Array.isArray(v) && v.every(isString);
const isNumberArray = (v) => Array.isArray(v) && v.every(isNumber);

// A stored value of the option's type, or the option's default, or the type's built-in default.
function loadValue(raw, def) {
    switch (def.kind) {
        case "integer":
            return isNumber(raw) ? Math.floor(raw) : fallback(def);
        case "float":
        case "customNumberSelect":
            return isNumber(raw) ? raw : fallback(def);
        case "integer64":
            return isString(raw) && /^-?\d+$/.test(raw) ? raw : fallback(def);
        case "boolean":
            if (typeof raw === "boolean") return raw;
            if (isString(raw)) return ["yes", "true", "1"].includes(raw.toLowerCase());
            if (typeof raw === "number") return raw !== 0;
            return fallback(def);
        case "channels":
        case "roles":
        case "customStringMultiSelect":
            return isStringArray(raw) ? raw : fallback(def);
        case "customNumberMultiSelect":
            return isNumberArray(raw) ? raw : fallback(def);
        default: // string, channel, role, customStringSelect
            return isString(raw) ? raw : fallback(def);
    }
}

function kindToInternal(def) {
    const n = (v) => v ?? null;
    switch (def.kind) {
        case "string":
            return { kind: "string", max_length: n(def.maxLength), min_length: n(def.minLength) };
        case "float":
        case "integer":
        case "integer64":
            return { kind: def.kind, min: n(def.min), max: n(def.max) };
        case "boolean":
            return { kind: "boolean" };
        case "channel":
            return { kind: "channel", types: n(def.types) };
        case "channels":
            return { kind: "channels", types: n(def.types), max_length: n(def.max), min_length: 0 };
        case "role":
            return { kind: "role", assignable: n(def.requireAssignable) };
        case "roles":
            return { kind: "roles", assignable: n(def.requireAssignable), max_length: n(def.max), min_length: 0 };
        case "customStringSelect":
        case "customNumberSelect":
            return { kind: def.kind, options: def.options ?? [] };
        default: // the multi selects
            return { kind: def.kind, options: def.options ?? [], max_selected: n(def.max_selected), min_selected: n(def.min_selected) };
    }
}

function optionToInternal(name, def) {
    return {
        name,
        label: def.label ?? name,
        description: def.description || "",
        required: def.required ?? false,
        defaultValue: def.defaultValue ?? null,
        kind: kindToInternal(def),
    };
}

export class LoadedOption {
    #value;
    constructor(definition, value) {
        this.definition = definition;
        this.#value = value;
    }
    get value() {
        return this.#value;
    }
}

export class LoadedList {
    #value;
    constructor(definition, value) {
        this.definition = definition;
        this.#value = value;
    }
    get value() {
        return this.#value;
    }
}

function loadList(def, stored) {
    if (!Array.isArray(stored)) return def.options.defaultValue ?? [];
    const items = [];
    for (const entry of stored) {
        if (!Array.isArray(entry)) {
            console.log(`Invalid list item in option list ${def.name} skipping...`);
            continue;
        }
        const item = {};
        let complete = true;
        for (const [name, field] of Object.entries(def.template)) {
            const pair = entry.find((p) => p !== null && typeof p === "object" && p.name === name && "value" in p);
            if (pair !== undefined) item[name] = loadValue(pair.value, field);
            else if (field.required && field.defaultValue === undefined) {
                console.log(`List item in option list ${def.name} missing required option [${name}], skipping...`);
                complete = false;
                break;
            } else item[name] = fallback(field);
        }
        if (complete) items.push(item);
    }
    return items;
}

const optionKinds = Object.keys(SysDefaultValues);
const methodName = (kind) => "addOption" + kind[0].toUpperCase() + kind.slice(1);

export class SettingsManager {
    constructor(scriptName) {
        this.definitions = [];
        this.loadedSettings = storedFor(scriptName);
    }
    stored(name) {
        return this.loadedSettings.find((v) => v !== null && typeof v === "object" && v.name === name);
    }
    addOption(name, kind, options) {
        const definition = { kind: "Option", name, definition: { kind, ...options } };
        this.definitions.push(definition);
        const stored = this.stored(name);
        const value = stored !== undefined ? loadValue(stored.value, definition.definition) : fallback(definition.definition);
        return new LoadedOption(definition, value);
    }
    startList(name) {
        return new ListBuilder(name, this);
    }
    toInternalOptions() {
        return this.definitions.map((def) => {
            if (def.kind === "Option") return { kind: "Option", data: optionToInternal(def.name, def.definition) };
            return {
                kind: "List",
                data: {
                    name: def.name,
                    label: def.options.label ?? def.name,
                    description: def.options.description || "",
                    required: false,
                    defaultValue: def.options.defaultValue ?? null,
                    template: Object.entries(def.template).map(([name, field]) => optionToInternal(name, field)),
                },
            };
        });
    }
}

export class ListBuilder {
    constructor(name, manager) {
        this.name = name;
        this.manager = manager;
        this.definitions = {};
    }
    addOption(name, kind, options) {
        this.definitions[name] = { kind, ...options };
        return this;
    }
    complete(options) {
        const definition = { kind: "List", name: this.name, options: options ?? {}, template: this.definitions };
        this.manager.definitions.push(definition);
        const stored = this.manager.stored(this.name);
        return new LoadedList(definition, loadList(definition, stored?.value));
    }
}

for (const kind of optionKinds) {
    const method = methodName(kind);
    SettingsManager.prototype[method] = function (name, options = {}) {
        return this.addOption(name, kind, options);
    };
    ListBuilder.prototype[method] = function (name, options = {}) {
        return this.addOption(name, kind, options);
    };
}
