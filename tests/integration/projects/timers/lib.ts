// Shared helpers for the self-reporting tests (Botloader's integration-test protocol).
const completed = script.createStorageJson("lib_run_tests");

export async function sendScriptCompletion(name: string): Promise<void> {
    const entry = await completed.setIf("completed_" + name, true, "IfNotExists");
    if (entry === undefined) throw new Error(`Tried to complete test twice: ${name}`);
    console.log('INTEGRATION_TEST:"ScriptComplete"');
    console.log(`${name} completed`);
}

export function assertExpected<T>(expected: T, actual: T): void {
    if (expected !== actual) throw new Error(`expected ${String(expected)}, got ${String(actual)}`);
}

sendScriptCompletion(script.name);
