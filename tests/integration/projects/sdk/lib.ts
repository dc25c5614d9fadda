// Helpers for the self-reporting SDK tests (Botloader's integration-test protocol): each test script
// calls sendScriptCompletion(script.name) once when everything it checks has passed.
const tests = script.createStorageJson<boolean>("lib_run_tests");

export async function sendScriptCompletion(name: string): Promise<void> {
    const entry = await tests.setIf("completed_" + name, true, "IfNotExists");
    if (entry === undefined) throw new Error(`Tried to complete test twice: ${name}`);
    console.log('INTEGRATION_TEST:"ScriptComplete"');
    console.log(`${name} completed`);
}

export async function runOnce(name: string, cb: () => any): Promise<void> {
    const entry = await tests.setIf("run_" + name, true, "IfNotExists");
    if (entry !== undefined) await cb();
}

export function assertExpected<T>(expected: T, actual: T): void {
    if (expected !== actual) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function assetJsonEquals(a: unknown, b: unknown): void {
    const left = JSON.stringify(a);
    const right = JSON.stringify(b);
    if (left !== right) throw new Error(`expected ${left}, got ${right}`);
}

export async function assertExpectError(fn: () => any): Promise<unknown> {
    try {
        await fn();
    } catch (e) {
        return e;
    }
    throw new Error("expected an error, none was thrown");
}

// Reports a failed async check as an error log (which fails the run) instead of an unhandled rejection.
export function check(name: string, fn: () => Promise<void>): void {
    fn().catch((e) => console.error(`${name} failed: ${e instanceof Error ? e.message + "\n" + e.stack : e}`));
}

runOnce(script.name, () => sendScriptCompletion(script.name));
