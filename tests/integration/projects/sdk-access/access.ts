// THREAD_LIST_SYNC: #vault is hidden from everyone but the "vault keeper" role. The bot (no
// ADMINISTRATOR, but MANAGE_ROLES) cannot read it, gives itself the role, and Discord sends it the
// active threads of the channel it can now see.
import { Discord } from "botloader";

const bot = "1102565081088000000";
const vault = "1113768910127104020";
const plans = "1113768910127104021";
const oldPlans = "1113768910127104022";
const keeper = "1114131302187008002";

function expect<T>(expected: T, actual: T, what: string): void {
    if (expected !== actual) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function report(step: string, work: () => Promise<void>): void {
    work().catch((e) => console.error(`${step} failed: ${e instanceof Error ? e.message : e}`));
}

let synced = false;
script.on("THREAD_LIST_SYNC", (sync) => {
    if (!sync.channelIds.includes(vault)) return;
    expect(false, synced, "a second sync");
    synced = true;
    expect(true, sync instanceof Discord.EventThreadListSync, "the payload's class");
    const ids = sync.threads.map((t) => t.id);
    expect(true, ids.includes(plans), "the active thread is listed");
    expect(false, ids.includes(oldPlans), "an archived thread is listed");
    const thread = sync.threads.find((t) => t.id === plans);
    expect(true, thread instanceof Discord.PublicThread, "the thread's class");
    expect(vault, thread?.parentId, "the thread's parent");
    expect(0, sync.members.length, "the bot's memberships");
    report("after the sync", async () => {
        const seen = await Discord.getChannel(vault);
        expect("vault", (seen as Discord.TextChannel).name, "the channel, now visible");
        console.log('INTEGRATION_TEST:"ScriptComplete"');
    });
});

report("gaining access", async () => {
    let hidden: unknown = null;
    try {
        await Discord.getChannel(vault);
    } catch (e) {
        hidden = e;
    }
    expect(true, hidden instanceof Error, "reading the hidden channel fails");
    await Discord.addMemberRole(bot, keeper);
});
