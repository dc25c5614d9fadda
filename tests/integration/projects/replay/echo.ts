import { Discord } from "botloader";

// Used by cli_replay_test: prints what it sees, answers "!ping" and throws on "!boom".
script.on("MESSAGE_CREATE", async (message) => {
    console.log("seen " + message.content);
    if (message.content === "!boom") {
        throw new Error("boom from the script");
    }
    if (message.content === "!ping") {
        await Discord.createMessage(message.channelId, { content: "pong" });
    }
});
