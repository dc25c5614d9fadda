// Botloader's component custom ids (botloader-sdk.md §4.5): "0:" + name + ":" + JSON extra data.
export function encodeInteractionCustomId(name, data) {
    let text = name + ":";
    if (data !== null && data !== undefined) text += JSON.stringify(data);
    if (text.length >= 95) throw new Error("name + JSON.stringify(data) exceeds 95 characters");
    return "0:" + text;
}

export function parseInteractionCustomId(raw) {
    const rest = raw.slice(2);
    const colon = rest.indexOf(":");
    if (colon < 0) return ["", null];
    const extra = rest.slice(colon + 1);
    return [rest.slice(0, colon), extra.length > 0 ? JSON.parse(extra) : null];
}
