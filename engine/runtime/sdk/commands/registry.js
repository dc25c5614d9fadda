// Every command of every script (botloader-sdk.md §2 createCommand, §4.2 matching) and the
// ScriptMeta form the host registers with Discord (§9.1), validated as the host would.
const all = [];

export function groupPath(command) {
    const group = command.group;
    if (group === undefined) return [command.name];
    return group.parent !== undefined ? [group.parent.name, group.name, command.name] : [group.name, command.name];
}

export function pathText(command) {
    return groupPath(command).join(" ");
}

export function registerCommand(command) {
    const path = pathText(command);
    if (all.some((c) => c.kind === command.kind && pathText(c) === path))
        throw new Error(`Duplicate commands registered! ${command.kind} command /${path} already exists`);
    all.push(command);
}

// The command an interaction names: its own name plus the group path (parent, grandparent).
export function findCommand(data) {
    for (const c of all) {
        if (c.name !== data.name || c.kind !== data.kind) continue;
        const path = groupPath(c);
        const parent = path.length >= 2 ? path[path.length - 2] : null;
        const grandParent = path.length >= 3 ? path[0] : null;
        if (parent === (data.parentName ?? null) && grandParent === (data.parentParentName ?? null)) return c;
    }
    return undefined;
}

function optionBinding(name, o) {
    const extra = {};
    for (const key of ["minValue", "maxValue", "channelTypes", "choices"])
        if (o.extraOptions[key] !== undefined) extra[key] = o.extraOptions[key];
    return {
        name,
        description: o.description,
        kind: o.kind,
        required: o.required,
        extraOptions: extra,
        autocompleteEnabled: typeof o.extraOptions.autocomplete === "function",
    };
}

// [Command[], CommandGroup[]] for ScriptMeta.
export function binding(commands) {
    const out = [];
    const groups = [];
    const groupEntry = (name, description) => {
        let g = groups.find((x) => x.name === name);
        if (g === undefined) {
            g = { name, description, subGroups: [] };
            groups.push(g);
        }
        return g;
    };
    for (const c of commands) {
        const entry = { name: c.name, description: c.description, kind: c.kind, options: [] };
        for (const [name, o] of Object.entries(c.options ?? {})) entry.options.push(optionBinding(name, o));
        if (c.defaultMemberPermissions !== undefined) entry.defaultMemberPermissions = c.defaultMemberPermissions;
        if (c.group !== undefined) {
            const top = c.group.parent ?? c.group;
            // Quirk: a parent group first seen through a subgroup takes the subgroup's description.
            const g = groupEntry(top.name, c.group.description);
            if (top.defaultMemberPermissions !== undefined) g.defaultMemberPermissions = top.defaultMemberPermissions;
            entry.group = top.name;
            if (c.group.parent !== undefined) {
                entry.subGroup = c.group.name;
                if (!g.subGroups.some((s) => s.name === c.group.name))
                    g.subGroups.push({ name: c.group.name, description: c.group.description });
            }
        }
        out.push(entry);
    }
    return [out, groups];
}

const chatPattern = /^[\w-]{1,32}$/u;
const chatName = { test: (name) => typeof name === "string" && chatPattern.test(name) && name === name.toLowerCase() };
const contextName = /^[\w -]{1,32}$/u;

function checkDescription(what, text) {
    if (typeof text !== "string" || text.length < 1 || text.length > 100)
        return `${what}: description must be 1-100 characters`;
    return null;
}

// The first rule a ScriptMeta breaks (§9.1), or null.
export function validate(commands, groups) {
    for (const c of commands) {
        const what = `command ${c.name}`;
        if (c.kind === "Chat") {
            if (!chatName.test(c.name)) return `${what}: name must be 1-32 lowercase characters of [\\w-]`;
            const d = checkDescription(what, c.description);
            if (d) return d;
        } else {
            if (!contextName.test(c.name)) return `${what}: name must be 1-32 characters of [\\w -]`;
            if (c.description !== "") return `${what}: user and message commands have no description`;
        }
        if (c.options.length > 25) return `${what}: at most 25 options`;
        let optional = false;
        for (const o of c.options) {
            if (!chatName.test(o.name)) return `${what}: option ${o.name}: name must be 1-32 lowercase characters of [\\w-]`;
            const d = checkDescription(`${what}: option ${o.name}`, o.description);
            if (d) return d;
            if (o.required && optional) return `${what}: required options must come before optional ones`;
            optional = optional || !o.required;
        }
    }
    for (const g of groups) {
        for (const x of [g, ...g.subGroups]) {
            if (!chatName.test(x.name)) return `group ${x.name}: name must be 1-32 lowercase characters of [\\w-]`;
            const d = checkDescription(`group ${x.name}`, x.description);
            if (d) return d;
        }
    }
    return null;
}
