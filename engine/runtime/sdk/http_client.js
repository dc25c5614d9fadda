// HttpClient (botloader-sdk.md §7.1) over the host's `http_request` op, which fetches with Qt's
// network stack: one request per second (later calls wait), a 30 s timeout and a size cap there.
// Bodies cross as base64. The VM's resource table is modelled here: a request-body stream is open
// while its request is in flight, a response body until it is closed or 30 s after it arrived.
import * as core from "/core";
import { base64Decode, base64Encode, decodeText, encodeText } from "/text";

const resourceLimit = 100;
const bodyLifetimeMs = 30000;
const chunkBytes = 10 * 1024;
const resources = new Map(); // id → time (ms) it closes by itself, or Infinity
let nextResourceId = 1;

function openResources() {
    const now = Date.now();
    for (const [id, closesAt] of resources) if (closesAt <= now) resources.delete(id);
    return resources.size;
}

function addResource(closesAt, checked) {
    if (checked && openResources() > resourceLimit)
        throw new Error("exhausted resource table limit, make sure to close your resources when you're done with them.");
    const id = nextResourceId++;
    resources.set(id, closesAt);
    return id;
}

function isOpen(id) {
    const closesAt = resources.get(id);
    if (closesAt === undefined) return false;
    if (closesAt > Date.now()) return true;
    resources.delete(id);
    return false;
}

const absoluteUrl = /^[A-Za-z][A-Za-z0-9+.-]*:/;

// A response body: `read(buf)` copies the next bytes into `buf` (0 at the end), `close()` frees it.
class ResponseBodyReader {
    #id;
    #data;
    #offset = 0;
    constructor(data) {
        this.#data = data;
        this.#id = addResource(Date.now() + bodyLifetimeMs, false);
    }
    async read(buf) {
        if (!isOpen(this.#id)) throw new Error("BadResource: Bad resource ID");
        const n = Math.min(buf.length, this.#data.length - this.#offset);
        buf.set(this.#data.subarray(this.#offset, this.#offset + n), 0);
        this.#offset += n;
        return n;
    }
    close() {
        if (!isOpen(this.#id)) throw new Error("BadResource: Bad resource ID");
        resources.delete(this.#id);
    }
}

async function drain(body) {
    const parts = [];
    let total = 0;
    const buf = new Uint8Array(chunkBytes);
    for (;;) {
        const n = await body.read(buf);
        if (!(n > 0)) break;
        parts.push(buf.slice(0, n));
        total += n;
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
        out.set(part, at);
        at += part.length;
    }
    return out;
}

export class Uint8ArrayBody {
    constructor(data, contentType) {
        this.contentType = contentType;
        this.remainingData = data;
    }
    setHeaders(headers) {
        if (this.contentType) headers["Content-Type"] = this.contentType;
    }
    async read(buf) {
        const n = Math.min(buf.length, this.remainingData.length);
        buf.set(this.remainingData.subarray(0, n), 0);
        this.remainingData = this.remainingData.subarray(n);
        return n;
    }
}

export class Response {
    constructor(statusCode, headers, body) {
        this.statusCode = statusCode;
        this.headers = headers;
        this.body = body;
    }
    async readAll() {
        if (!this.body) throw new Error("no response body");
        return drain(this.body);
    }
    async json() {
        return JSON.parse(decodeText(await this.readAll()));
    }
    async text() {
        return decodeText(await this.readAll());
    }
}

export class Request {
    constructor(method, path, init) {
        this.method = method;
        this.path = path;
        this.headers = init?.headers; // init.scriptId is not copied: requests carry scriptId 0
    }

    async send(body) {
        if (typeof this.path !== "string" || !absoluteUrl.test(this.path))
            throw new Error(`HttpClient: ${JSON.stringify(this.path)} is not an absolute URL (relative URL without a base); give the whole address, such as "https://example.com/path"`);
        let streamId;
        let bodyBase64;
        if (body) {
            this.headers = this.headers ?? {};
            body.setHeaders(this.headers);
            streamId = addResource(Infinity, true);
        }
        try {
            if (body) bodyBase64 = base64Encode(await drain(body));
            const answer = await core.op("http_request", {
                method: this.method,
                path: this.path,
                headers: this.headers ?? {},
                scriptId: this.scriptId ?? 0,
                bodyBase64,
            });
            return new Response(answer.statusCode, answer.headers, new ResponseBodyReader(base64Decode(answer.bodyBase64)));
        } finally {
            if (streamId !== undefined) resources.delete(streamId);
        }
    }
    sendJson(data) {
        return this.send(new Uint8ArrayBody(encodeText(JSON.stringify(data)), "application/json"));
    }
    sendText(text) {
        return this.send(new Uint8ArrayBody(encodeText(text), "text/plain"));
    }
    // `await HttpClient.get(url)` sends the request without a body.
    then(onFulfilled, onRejected) {
        return this.send().then(onFulfilled, onRejected);
    }
}

export function request(method, path, init) {
    return new Request(method, path, init);
}
export const get = (path, init) => request("GET", path, init);
export const post = (path, init) => request("POST", path, init);
export const head = (path, init) => request("HEAD", path, init);
export const patch = (path, init) => request("PATCH", path, init);
export const put = (path, init) => request("PUT", path, init);
export const del = (path, init) => request("DELETE", path, init);
export const options = (path, init) => request("OPTIONS", path, init);
export const trace = (path, init) => request("TRACE", path, init);
export const connect = (path, init) => request("CONNECT", path, init);
