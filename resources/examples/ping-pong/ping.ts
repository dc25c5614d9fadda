import { Discord } from "botloader";

// Answers "!ping" with "pong!" in the same channel, replying to the message.
script.on("MESSAGE_CREATE", async (message) => {
    if (message.author.bot) {
        return;
    }
    if (message.content.trim() === "!ping") {
        await Discord.createMessage(message.channelId, {
            content: "pong!",
            replyToMessageId: message.id,
        });
    }
});
