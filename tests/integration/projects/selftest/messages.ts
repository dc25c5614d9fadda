import { Discord } from "botloader";
import { assertExpected, sendScriptCompletion } from "lib";

const general = "1113768910127104000";
let nonce = "";

script.on("MESSAGE_CREATE", async (message) => {
    if (nonce === "" || message.content !== nonce) return;
    assertExpected(general, message.channelId);
    const reply = await message.reply("pong");
    assertExpected("pong", reply.content);
    const fetched = await Discord.getMessage(general, reply.id);
    assertExpected(reply.id, fetched.id);
    await sendScriptCompletion(script.name);
});

(async () => {
    nonce = "ping " + Date.now();
    const sent = await Discord.createMessage(general, { content: nonce });
    assertExpected(nonce, sent.content);
})();
