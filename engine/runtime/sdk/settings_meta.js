// ScriptMeta.settings: a script's settings definitions in Botloader's internal form, checked against
// the host's rules (botloader-sdk.md §9.1).
import { output } from "/console";

const settingName = /^[\w_-]*$/;

function checkOption(what, data) {
    if (data.name.length > 42 || !settingName.test(data.name)) return `${what}: name must be at most 42 characters of [\\w_-]`;
    if (data.description.length > 1000) return `${what}: description must be at most 1000 characters`;
    return null;
}

// ScriptMeta's `settings`; logs and throws when a definition breaks the host's rules (§9.1).
export function settingsMeta(script) {
    const internal = script.settings.toInternalOptions();
    let problem = null;
    for (const def of internal) {
        problem = checkOption(`settings option ${def.data.name}`, def.data);
        if (problem === null && def.kind === "List") {
            const names = def.data.template.map((f) => f.name);
            if (names.length > 10) problem = `settings list ${def.data.name}: at most 10 fields`;
            else if (new Set(names).size !== names.length) problem = `settings list ${def.data.name}: duplicate field names`;
            for (const field of def.data.template) problem = problem ?? checkOption(`settings list ${def.data.name}: field ${field.name}`, field);
        }
        if (problem !== null) break;
    }
    if (problem !== null) {
        const message = `script validation failed: ${problem}`;
        output({ items: [`${script.name}: ${message}`], level: "error", includeCaller: false });
        throw new Error(message);
    }
    return internal;
}
