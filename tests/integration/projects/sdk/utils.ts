// The module's utilities: AsyncLock runs callbacks one at a time in FIFO order (also async ones and
// ones that throw), parseStackEntry reads a stack line, toOpMessageFields gives Discord's body.
import { AsyncLock, Discord, parseStackEntry } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

check("utils", async () => {
    const lock = new AsyncLock();
    const order: string[] = [];
    const slow = lock.withLocked(async () => {
        order.push("a start");
        await Discord.getGuild(); // a real await: b must still wait for a
        order.push("a end");
        return 1;
    });
    const failing = lock.withLocked(() => {
        order.push("b");
        throw new Error("b failed");
    });
    const last = lock.withLocked(() => {
        order.push("c");
        return "c";
    });
    assertExpected(1, await slow);
    assertExpected("b failed", await failing.then(() => "", (e: Error) => e.message));
    assertExpected("c", await last);
    assertExpected("a start,a end,b,c", order.join(","));

    const at = parseStackEntry("    at handler (file:///guild_scripts/utils.js:12:34)");
    assertExpected("file:///guild_scripts/utils.js", at?.fileName);
    assertExpected(12, at?.lineNumber);
    assertExpected(34, at?.column);
    assertExpected(null, parseStackEntry("no position here"));

    const body = Discord.toOpMessageFields({ content: "hi", replyToMessageId: "1" }) as Record<string, any>;
    assertExpected("hi", body.content);
    await sendScriptCompletion(script.name);
});
