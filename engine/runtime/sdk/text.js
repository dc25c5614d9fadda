// UTF-8 and base64 helpers (scripts have no TextEncoder / atob).
export function encodeText(s) {
    const out = [];
    for (const ch of String(s)) {
        let c = ch.codePointAt(0);
        if (c < 0x80) out.push(c);
        else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
        else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return new Uint8Array(out);
}

export function decodeText(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; ) {
        const b = bytes[i];
        let c, n;
        if (b < 0x80) [c, n] = [b, 1];
        else if (b >> 5 === 6) [c, n] = [b & 31, 2];
        else if (b >> 4 === 14) [c, n] = [b & 15, 3];
        else [c, n] = [b & 7, 4];
        for (let k = 1; k < n; k++) c = (c << 6) | (bytes[i + k] & 63);
        s += String.fromCodePoint(c);
        i += n;
    }
    return s;
}

// botwright-vm serves both natively (engine/runtime/vm_bytes_ops.h); the loops below are for isolates
// without it (the unit tests' plain isolates).
const native = globalThis.__botwright;
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const alphabetCodes = Uint16Array.from(alphabet, (c) => c.charCodeAt(0));
const encodeChunk = 3 * 4096; // input bytes per String.fromCharCode call

// Character codes per chunk, joined once: no string is built a character at a time, so a file of a
// few MiB (an attachment) encodes in tens of milliseconds without a storm of garbage.
export function base64Encode(data) {
    if (native?.base64Encode) return native.base64Encode(ArrayBuffer.isView(data) || data instanceof ArrayBuffer ? data : Uint8Array.from(data));
    const parts = [];
    const out = new Uint16Array((encodeChunk / 3) * 4);
    for (let start = 0; start < data.length; start += encodeChunk) {
        const end = Math.min(data.length, start + encodeChunk);
        let k = 0;
        let i = start;
        for (; i + 2 < end; i += 3) {
            const n = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            out[k++] = alphabetCodes[n >> 18];
            out[k++] = alphabetCodes[(n >> 12) & 63];
            out[k++] = alphabetCodes[(n >> 6) & 63];
            out[k++] = alphabetCodes[n & 63];
        }
        if (i < end) {
            const two = end - i > 1;
            const n = (data[i] << 16) | (two ? data[i + 1] << 8 : 0);
            out[k++] = alphabetCodes[n >> 18];
            out[k++] = alphabetCodes[(n >> 12) & 63];
            out[k++] = two ? alphabetCodes[(n >> 6) & 63] : 61; // "="
            out[k++] = 61;
        }
        parts.push(String.fromCharCode.apply(null, out.subarray(0, k)));
    }
    return parts.join("");
}

export function base64Decode(text) {
    if (native?.base64Decode) return native.base64Decode(text);
    // WHATWG forgiving-base64, for isolates without the worker's native op.
    let clean = String(text).replace(/[\t\n\f\r ]/g, "");
    if (clean.length % 4 === 0) clean = clean.replace(/==?$/, "");
    if (clean.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(clean)) throw new Error("invalid base64");
    const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
    let bits = 0, value = 0, k = 0;
    for (let i = 0; i < clean.length; i++) {
        value = (value << 6) | alphabet.indexOf(clean[i]);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[k++] = (value >> bits) & 255;
        }
    }
    return out;
}
