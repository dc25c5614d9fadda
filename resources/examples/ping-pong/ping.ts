import { Discord } from "botloader";

// How many times "!ping" was answered, kept in the project's storage (it survives restarts).
const pings = script.createStorageVarNumber("pings");

// Answers "!ping" with "pong!" in the same channel, replying to the message.
script.on("MESSAGE_CREATE", async (message) => {
    if (message.author.bot) {
        return;
    }
    if (message.content.trim() === "!ping") {
        const count = await pings.incr(1);
        await Discord.createMessage(message.channelId, {
            content: `pong! (${count.value} so far)`,
            replyToMessageId: message.id,
        });
    }
});

// Every hour, says how many pings there were. Fast-forward the sandbox clock to see it now.
script.onInterval("ping report", 60, async () => {
    const count = (await pings.get())?.value ?? 0;
    console.log(`ping report: ${count} ping(s) so far`);
});
