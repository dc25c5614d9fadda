// Discord namespace, invites: create, list per channel and guild, fetch with counts, delete.
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const botCommands = "1113768910127104001";

check("invites", async () => {
    const invite = await Discord.createChannelInvite(botCommands, { maxAgeSeconds: 3600, maxUses: 5, unique: true });
    assertExpected(5, invite.maxUses);
    assertExpected(botCommands, invite.channel?.id);
    assertExpected(true, (await Discord.getChannelInvites(botCommands)).some((i) => i.code === invite.code));
    assertExpected(true, (await Discord.getGuildInvites()).some((i) => i.code === invite.code));
    const fetched = await Discord.getInvite(invite.code, { withCounts: true });
    assertExpected(invite.code, fetched.code);
    assertExpected(true, typeof fetched.approximateMemberCount === "number");
    await Discord.deleteInvite(invite.code);
    const gone = await Discord.getInvite(invite.code).then(() => null, (e) => e);
    assertExpected(true, gone instanceof Discord.NotFoundError);
    await sendScriptCompletion(script.name);
});
