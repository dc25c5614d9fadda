// Small utilities the "botloader" module exports (botloader-sdk.md §1.1).

// Runs callbacks one at a time, first in first out, even when they are asynchronous.
export class AsyncLock {
    constructor() {
        this._tail = Promise.resolve();
    }
    withLocked(cb) {
        const run = this._tail.then(() => cb());
        // The next callback waits for this one whether it resolves or throws.
        this._tail = run.then(
            () => undefined,
            () => undefined,
        );
        return run;
    }
}

// One line of a V8 stack trace ("    at fn (file:///x.js:3:5)" or "    at file:///x.js:3:5").
export function parseStackEntry(entry) {
    const m = /(?:\(|\s|^)([^\s()]+):(\d+):(\d+)\)?\s*$/.exec(String(entry));
    if (m === null) return null;
    return { fileName: m[1], lineNumber: Number(m[2]), column: Number(m[3]) };
}
