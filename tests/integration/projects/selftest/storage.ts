import { assertExpected, sendScriptCompletion } from "lib";

const counters = script.createStorageNumber("counters");

(async () => {
    await counters.set("a", 1);
    const after = await counters.incr("a", 41);
    assertExpected(42, after.value);
    const listed = await counters.list({});
    assertExpected(1, listed.length);
    await sendScriptCompletion(script.name);
})();
