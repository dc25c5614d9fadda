// Discord namespace, messages: create, get, list, edit, reply, forward, crosspost, typing, delete,
// bulk delete, and the error classes for unknown messages, foreign channels and bad ids.
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const general = "1113768910127104000";
const botCommands = "1113768910127104001";
const announcements = "1113768910127104002";

check("messages", async () => {
    const first = await Discord.createMessage(general, { content: "sdk-messages one", embeds: [{ title: "T", description: "D", color: 5 }] });
    assertExpected("sdk-messages one", first.content);
    assertExpected("T", first.embeds[0].title);
    assertExpected(Discord.getBotUser().id, first.author.id);
    assertExpected(`https://discord.com/channels/${Discord.getCurrentGuildId()}/${general}/${first.id}`, first.hyperlink());
    const fetched = await Discord.getMessage(general, first.id);
    assertExpected(first.id, fetched.id);
    const edited = await Discord.editMessage(general, first.id, { content: "sdk-messages one, edited" });
    assertExpected("sdk-messages one, edited", edited.content);
    assertExpected(true, edited.editedTimestamp !== null);
    const reply = await Discord.createMessage(general, { content: "sdk-messages reply", replyToMessageId: first.id });
    assertExpected(first.id, reply.reference?.messageId);
    // Other scripts post in this channel at the same time: look for ours among the newest.
    const listed = await Discord.getMessages(general, { limit: 50 });
    const ids = listed.map((m) => m.id);
    assertExpected(true, ids.indexOf(reply.id) >= 0 && ids.indexOf(reply.id) < ids.indexOf(first.id));
    const two = await Discord.getMessages(general, { limit: 2 });
    assertExpected(2, two.length);
    const forwarded = await first.forward(botCommands);
    assertExpected(botCommands, forwarded.channelId);
    const news = await Discord.createMessage(announcements, { content: "sdk-messages news" });
    await Discord.crosspostMessage(announcements, news.id);
    await Discord.createTypingTrigger(general);

    const extra1 = await Discord.createMessage(general, { content: "sdk-messages bulk 1" });
    const extra2 = await Discord.createMessage(general, { content: "sdk-messages bulk 2" });
    await Discord.bulkDeleteMessages(general, extra1.id, extra2.id);
    await first.delete();
    const gone = await Discord.getMessage(general, first.id).then(() => null, (e) => e);
    assertExpected(true, gone instanceof Discord.NotFoundError);
    assertExpected(true, String(gone.message).startsWith("Discord.NotFoundError"));
    const foreign = await Discord.getMessage("1", first.id).then(() => null, (e) => e);
    assertExpected(true, foreign instanceof Discord.NotFoundError);
    let bad: unknown = null;
    try {
        await Discord.getMessage("not-an-id", first.id);
    } catch (e) {
        bad = e;
    }
    assertExpected("invalid discord snowflake", (bad as Error).message);
    await sendScriptCompletion(script.name);
});
