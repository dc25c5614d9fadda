// Discord namespace, members and bans: get one and many, edit, roles, timeouts, permissions, kick,
// and the ban list.
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const alice = "948142551859331072";
const bob = "1064091569356800000";
const carol = "1079612317696000000";
const dave = "1200000000000000001"; // not a member
const erin = "1200000000000000002";
const moderator = "1114131302187008001";
const general = "1113768910127104000";

check("members", async () => {
    const a = await Discord.getMember(alice);
    assertExpected("alice", a?.user.username);
    const many = await Discord.getMembers([alice, dave, bob]);
    assertExpected(3, many.length);
    assertExpected(null, many[1]);
    assertExpected("bob", many[2]?.user.username);
    assertExpected(undefined, await Discord.getMember(dave));

    const renamed = await Discord.editMember(carol, { nick: "caz-sdk" });
    assertExpected("caz-sdk", renamed.nick);
    assertExpected("caz-sdk", renamed.name());
    await Discord.addMemberRole(carol, moderator);
    assertExpected(true, (await Discord.getMember(carol))!.roles.includes(moderator));
    await Discord.removeMemberRole(carol, moderator);
    assertExpected(false, (await Discord.getMember(carol))!.roles.includes(moderator));
    const until = new Date(Date.now() + 60_000);
    const timedOut = await Discord.setMemberTimeout(carol, until);
    assertExpected(true, timedOut.communicationDisabledUntil !== null);
    assertExpected(null, (await Discord.setMemberTimeout(carol, null)).communicationDisabledUntil);
    await Discord.editMember(carol, { nick: null });

    const owner = await Discord.getMemberGuildPermissions(alice);
    assertExpected(true, owner.hasAll(Discord.Permissions.Administrator));
    const perms = await Discord.getMemberChannelPermissions(bob, general);
    assertExpected(general, perms.channelId);
    assertExpected(true, perms.channel.hasAll(Discord.Permissions.ViewChannel));

    await Discord.createBan(dave, { deleteMessageDays: 1, auditLogReason: "sdk test" });
    const ban = await Discord.getBan(dave);
    assertExpected("dave", ban.user.username);
    assertExpected(true, (await Discord.getBans()).some((b) => b.user.id === dave));
    await Discord.deleteBan(dave);
    const noBan = await Discord.getBan(dave).then(() => null, (e) => e);
    assertExpected(true, noBan instanceof Discord.NotFoundError);

    await Discord.removeMember(erin, { auditLogReason: "sdk test" });
    assertExpected(undefined, await Discord.getMember(erin));
    await sendScriptCompletion(script.name);
});
