// Discord namespace, custom emoji: list, get, create from a data URI, edit, delete, and format().
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const png =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

check("emoji", async () => {
    const existing = await Discord.getEmojis();
    const botwright = existing.find((e) => e.name === "botwright");
    assertExpected(true, botwright !== undefined);
    assertExpected("botwright", (await Discord.getEmoji(botwright!.id))?.name);
    assertExpected("<:botwright:id>", botwright!.format()); // quirk: the literal text "id"
    const created = await Discord.createEmoji({ name: "sdk_dot", data: png });
    assertExpected("sdk_dot", created.name);
    assertExpected(null, created.roles);
    const edited = await Discord.editEmoji(created.id, { name: "sdk_dot2" });
    assertExpected("sdk_dot2", edited.name);
    await Discord.deleteEmoji(created.id);
    assertExpected(undefined, await Discord.getEmoji(created.id));
    await sendScriptCompletion(script.name);
});
