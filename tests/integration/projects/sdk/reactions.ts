// Discord namespace, reactions: add, list, remove own / a user's / one emoji / all.
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const general = "1113768910127104000";
const thumbs = { unicode: "👍" };
const custom = { id: "1180116084326400001", name: "botwright" };

check("reactions", async () => {
    const bot = Discord.getBotUser().id;
    const m = await Discord.createMessage(general, { content: "sdk-reactions" });
    await Discord.createReaction(general, m.id, thumbs);
    await Discord.createReaction(general, m.id, custom);
    const users = await Discord.getReactions(general, m.id, thumbs);
    assertExpected(bot, users[0].id);
    const withReactions = await Discord.getMessage(general, m.id);
    assertExpected(2, withReactions.reactions.length);
    await Discord.deleteOwnReaction(general, m.id, thumbs);
    assertExpected(0, (await Discord.getReactions(general, m.id, thumbs)).length);
    await Discord.createReaction(general, m.id, thumbs);
    await Discord.deleteUserReaction(general, m.id, bot, thumbs);
    await Discord.createReaction(general, m.id, thumbs);
    await Discord.deleteAllEmojiReactions(general, m.id, custom);
    assertExpected(1, (await Discord.getMessage(general, m.id)).reactions.length);
    await Discord.deleteAllReactions(general, m.id);
    assertExpected(0, (await Discord.getMessage(general, m.id)).reactions.length);
    await sendScriptCompletion(script.name);
});
