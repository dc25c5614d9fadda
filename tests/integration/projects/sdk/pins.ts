// Discord namespace, pins: pin, list (Discord.getPins and channel.pins()), unpin.
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const botCommands = "1113768910127104001";

check("pins", async () => {
    const m = await Discord.createMessage(botCommands, { content: "sdk-pins" });
    await m.pin();
    const pins = await Discord.getPins(botCommands);
    assertExpected(true, pins.some((p) => p.id === m.id));
    const channel = await Discord.getChannel(botCommands);
    assertExpected(true, (await channel.pins()).some((p) => p.id === m.id));
    await Discord.deletePin(botCommands, m.id);
    assertExpected(false, (await Discord.getPins(botCommands)).some((p) => p.id === m.id));
    await Discord.createPin(botCommands, m.id);
    await m.unPin();
    assertExpected(false, (await Discord.getMessage(botCommands, m.id)).pinned);
    await sendScriptCompletion(script.name);
});
