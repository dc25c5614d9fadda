// The bridge between the SDK and botwright-vm's native side (the hidden global `__botwright`):
// asynchronous ops to the host, error classes, host data, and the entry point for events.
const native = globalThis.__botwright;
const pendingOps = new Map();
const errorClasses = new Map();
let eventSink = null;
const internalHandlers = new Map(); // internal events (interactions) that bypass the scripts' handlers

export const hostInfo = JSON.parse(native.info);

export function registerErrorClass(hostName, ctor) {
    errorClasses.set(hostName, ctor);
}

function hostError(errorClass, message) {
    const Ctor = errorClasses.get(errorClass) ?? Error;
    return new Ctor(message);
}

// Calls a host op; resolves with its JSON value or rejects with the SDK error class the host named.
export function op(name, args) {
    return new Promise((resolve, reject) => {
        const call = native.op(name, JSON.stringify(args === undefined ? null : args));
        pendingOps.set(call, { resolve, reject });
    });
}

export function log(level, message, url, line, column) {
    native.log(level, message, url ?? null, line ?? 0, column ?? 0);
}

export function scriptStart(meta) {
    native.scriptStart(JSON.stringify(meta));
}

export function setInternalHandler(name, handler) {
    internalHandlers.set(name, handler);
}

export function setEventSink(sink) {
    eventSink = sink;
}

function onEvent(name, dataText) {
    const data = JSON.parse(dataText);
    // The number of listeners called, for the host's event trace.
    return globalThis.BotloaderCore.dispatchWrapper({ name, data });
}

function onOpResult(text) {
    const result = JSON.parse(text);
    const pending = pendingOps.get(result.call);
    if (pending === undefined) return;
    pendingOps.delete(result.call);
    if (result.ok) pending.resolve(result.value);
    else pending.reject(hostError(result.errorClass, result.message));
}

Object.defineProperty(globalThis, "BotloaderCore", {
    value: {
        dispatchWrapper(evt) {
            const internal = internalHandlers.get(evt.name);
            if (internal !== undefined) return internal(evt.data) ?? 1;
            return eventSink !== null ? eventSink(evt) : 0;
        },
        dispatchEvent(evt) {
            if (eventSink !== null) eventSink(evt);
        },
    },
    enumerable: false,
});

native.setHandlers(onEvent, onOpResult);
