// Shared helpers for the self-reporting tests (Botloader's integration-test protocol, §11).
const completed = script.createStorageJson("lib_run_tests");

export async function sendScriptCompletion(name: string): Promise<void> {
    const entry = await completed.setIf("completed_" + name, true, "IfNotExists");
    if (entry === undefined) throw new Error(`Tried to complete test twice: ${name}`);
    console.log('INTEGRATION_TEST:"ScriptComplete"');
    console.log(`${name} completed`);
}

export function assertExpected<T>(expected: T, actual: T, what = "value"): void {
    if (expected !== actual) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

export function assetJsonEquals(a: unknown, b: unknown, what = "value"): void {
    const left = JSON.stringify(a);
    const right = JSON.stringify(b);
    if (left !== right) throw new Error(`${what}: expected ${left}, got ${right}`);
}

// Resolves with the error `fn` rejected with; throws when it did not reject.
export async function expectRejection(fn: () => Promise<unknown>, what: string): Promise<Error> {
    try {
        await fn();
    } catch (e) {
        return e as Error;
    }
    throw new Error(`${what}: expected a rejection`);
}

sendScriptCompletion(script.name);
