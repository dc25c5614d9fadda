// Task buckets: schedule, overwrite by key, get/delete by id and key, pages, the data size limit,
// the bucket ownership check, and the handler that runs once when a task is due.
import { Tasks } from "botloader";
import { assertExpected, sendScriptCompletion } from "lib";

interface Reminder {
    text: string;
}

let fired = 0;
const reminders = script.createTaskBucket<Reminder>({ name: "reminders" }, async (task) => {
    fired++;
    assertExpected("reminders", task.namespace);
    assertExpected("remember the milk", task.data.text);
    assertExpected("weekly", task.key);
    if (fired > 1) throw new Error("a task fired twice");
    assertExpected(undefined, await reminders.getById(task.id)); // done: deleted once handed over
    await sendScriptCompletion(script.name);
});
const other = script.createTaskBucket<number>({ name: "other" }, () => {
    throw new Error("no task of this bucket was due");
});

// The checks use a bucket no handler registered (its tasks never fire), so the clock may jump at
// any moment without firing them half-way.
const scratch = new Tasks.TaskBucket<Reminder>("scratch", null);

async function setup() {
    const inAnHour = new Date(Date.now() + 3600_000);
    const first = await scratch.schedule({ executeAt: inAnHour, key: "weekly", data: { text: "the first text" } });
    assertExpected("the first text", first.data.text);
    const second = await scratch.schedule({ executeAt: inAnHour, key: "weekly", data: { text: "the second text" } });
    assertExpected(first.id, second.id); // same key: replaced, not added
    assertExpected("the second text", (await scratch.getByKey("weekly"))?.data.text);

    const temp = await scratch.schedule({ executeAt: inAnHour, data: { text: "temporary" } });
    assertExpected(2, (await scratch.getMany()).length);
    assertExpected(1, (await scratch.getMany({ afterId: first.id })).length);
    assertExpected(true, await scratch.deleteById(temp.id));
    assertExpected(false, await scratch.deleteById(temp.id));
    assertExpected(1, await scratch.deleteAll());

    const later = await other.schedule({ executeAt: new Date(Date.now() + 365 * 86400_000), key: "far", data: 7 });
    let foreign: unknown = null;
    try {
        await scratch.getById(later.id);
    } catch (e) {
        foreign = e;
    }
    assertExpected("Retrieved task does not belong to bucket", (foreign as Error).message);
    assertExpected(true, await other.deleteByKey("far"));

    let tooBig: unknown = null;
    try {
        await scratch.schedule({ executeAt: inAnHour, data: { text: "x".repeat(2000) } });
    } catch (e) {
        tooBig = e;
    }
    assertExpected(true, String((tooBig as Error).message).includes("data cannot be over 1000bytes"));

    const legacy = await Tasks.schedule("legacy", inAnHour, { key: "k", data: 1 });
    assertExpected(null, legacy.pluginId);
    assertExpected(1, await Tasks.deleteNamespace("legacy"));

    // The one task that fires: an hour from now, so only the fast-forwarded clock reaches it.
    await reminders.schedule({ executeAt: inAnHour, key: "weekly", data: { text: "remember the milk" } });
}

setup().catch((e) => console.error(`tasks setup failed: ${e instanceof Error ? e.stack : e}`));
