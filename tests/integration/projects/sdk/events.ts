// Events: every handler below is triggered by this script's own Discord calls (or, for MEMBER_ADD,
// by the world's simulated frank joining through an invite) and checks the payload's class and fields.
// THREAD_LIST_SYNC needs the bot to gain access to a channel: see ../sdk-access.
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const general = "1113768910127104000";
const carol = "1079612317696000000";
const frank = "1200000000000000003";
const bot = "1102565081088000000";
const bob = "1064091569356800000"; // in the Lounge voice channel (the world's voice_states)
const lounge = "1113768910127104004";
const thumbs = { unicode: "🎉" };
const seen = new Set<string>();
const expected = [
    "MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE",
    "MESSAGE_REACTION_REMOVE_ALL", "MESSAGE_REACTION_REMOVE_ALL_EMOJI", "CHANNEL_CREATE", "CHANNEL_UPDATE",
    "CHANNEL_DELETE", "ROLE_CREATE", "ROLE_UPDATE", "ROLE_DELETE", "THREAD_CREATE", "THREAD_UPDATE",
    "THREAD_DELETE", "INVITE_CREATE", "INVITE_DELETE", "WEBHOOKS_UPDATE", "MEMBER_UPDATE", "MEMBER_ADD",
    "MEMBER_REMOVE", "THREAD_MEMBERS_UPDATE", "THREAD_MEMBER_UPDATE", "VOICE_STATE_UPDATE",
];
let messageId = "";
let channelId = "";
let roleId = "";
let threadId = "";

function saw(name: string) {
    if (seen.has(name)) return;
    seen.add(name);
    if (expected.every((e) => seen.has(e))) check("completion", () => sendScriptCompletion(script.name));
}

script.on("MESSAGE_CREATE", (m) => {
    if (m.content !== "sdk-events message") return;
    assertExpected(true, m instanceof Discord.Message);
    messageId = m.id;
    saw("MESSAGE_CREATE");
    check("reactions", async () => {
        await Discord.editMessage(general, m.id, { content: "sdk-events edited" });
        await Discord.createReaction(general, m.id, thumbs);
    });
});
script.on("MESSAGE_UPDATE", (m) => {
    if (m.id !== messageId || m.content !== "sdk-events edited") return;
    assertExpected(true, m instanceof Discord.EventMessageUpdate);
    saw("MESSAGE_UPDATE");
});
script.on("MESSAGE_REACTION_ADD", (r) => {
    if (r.messageId !== messageId) return;
    assertExpected("🎉", (r.emoji as { unicode: string }).unicode);
    assertExpected(true, r.member instanceof Discord.Member);
    const first = !seen.has("MESSAGE_REACTION_ADD");
    saw("MESSAGE_REACTION_ADD");
    check("reaction removal", async () => {
        if (first) await Discord.deleteOwnReaction(general, messageId, thumbs);
        else if (!seen.has("MESSAGE_REACTION_REMOVE_ALL_EMOJI")) await Discord.deleteAllEmojiReactions(general, messageId, thumbs);
        else await Discord.deleteAllReactions(general, messageId);
    });
});
script.on("MESSAGE_REACTION_REMOVE", (r) => {
    if (r.messageId !== messageId) return;
    saw("MESSAGE_REACTION_REMOVE");
    check("react again", () => Discord.createReaction(general, messageId, thumbs));
});
script.on("MESSAGE_REACTION_REMOVE_ALL_EMOJI", (r) => {
    if (r.messageId !== messageId) return;
    saw("MESSAGE_REACTION_REMOVE_ALL_EMOJI");
    check("react a third time", () => Discord.createReaction(general, messageId, thumbs));
});
script.on("MESSAGE_REACTION_REMOVE_ALL", (r) => {
    if (r.messageId !== messageId) return;
    saw("MESSAGE_REACTION_REMOVE_ALL");
    check("delete", () => Discord.deleteMessage(general, messageId));
});
script.on("MESSAGE_DELETE", (d) => {
    if (d.id !== messageId) return;
    assertExpected(general, d.channelId);
    saw("MESSAGE_DELETE");
});

script.on("CHANNEL_CREATE", (c) => {
    if (c.name !== "sdk-events-channel") return;
    assertExpected(true, c instanceof Discord.TextChannel);
    channelId = c.id;
    saw("CHANNEL_CREATE");
    check("channel update", async () => {
        await Discord.editChannel(c.id, { topic: "changed" });
    });
});
script.on("CHANNEL_UPDATE", (c) => {
    if (c.id !== channelId || seen.has("CHANNEL_UPDATE")) return;
    saw("CHANNEL_UPDATE");
    check("webhook", async () => {
        const hook = await Discord.createWebhook({ name: "sdk-events-hook", channel_id: channelId });
        await Discord.deleteWebhook(hook.id);
        await Discord.deleteChannel(channelId);
    });
});
script.on("WEBHOOKS_UPDATE", (w) => {
    if (w.channelId !== channelId || seen.has("WEBHOOKS_UPDATE")) return;
    saw("WEBHOOKS_UPDATE");
});
script.on("CHANNEL_DELETE", (c) => {
    if (c.id === channelId) saw("CHANNEL_DELETE");
});

script.on("ROLE_CREATE", (r) => {
    if (r.name !== "sdk-events-role") return;
    roleId = r.id;
    saw("ROLE_CREATE");
    check("role update", () => Discord.editRole(r.id, { name: "sdk-events-role2" }).then(() => undefined));
});
script.on("ROLE_UPDATE", (r) => {
    if (r.id !== roleId || r.name !== "sdk-events-role2") return;
    saw("ROLE_UPDATE");
    check("role delete", () => Discord.deleteRole(roleId));
});
script.on("ROLE_DELETE", (r) => {
    if (r.roleId === roleId) saw("ROLE_DELETE");
});

// A thread's life: carol is added (THREAD_MEMBERS_UPDATE), it is archived (THREAD_UPDATE), a message
// wakes it up and Discord tells the bot, a member, about its membership (THREAD_MEMBER_UPDATE).
script.on("THREAD_CREATE", (t) => {
    if (t.name !== "sdk-events-thread") return;
    assertExpected(true, t instanceof Discord.PublicThread);
    threadId = t.id;
    saw("THREAD_CREATE");
    check("thread member", () => (t as Discord.PublicThread).addMemberToThread(carol));
});
script.on("THREAD_MEMBERS_UPDATE", (u) => {
    if (u.id !== threadId || !u.addedMembers.some((m) => m.userId === carol)) return;
    assertExpected(true, u instanceof Discord.EventThreadMembersUpdate);
    assertExpected(2, u.memberCount);
    saw("THREAD_MEMBERS_UPDATE");
    check("thread archive", () => Discord.editThread({ channelId: threadId, archived: true }).then(() => undefined));
});
script.on("THREAD_UPDATE", (t) => {
    if (t.id !== threadId || !(t as Discord.PublicThread).threadMetadata.archived) return;
    saw("THREAD_UPDATE");
    check("thread wake-up", () => Discord.createMessage(threadId, { content: "sdk-events wake up" }).then(() => undefined));
});
script.on("THREAD_MEMBER_UPDATE", (m) => {
    if (m.id !== threadId) return;
    assertExpected(true, m instanceof Discord.ThreadMember);
    assertExpected(bot, m.userId);
    assertExpected("number", typeof m.joinTimestamp);
    saw("THREAD_MEMBER_UPDATE");
    check("thread delete", () => Discord.deleteChannel(threadId).then(() => undefined));
});
script.on("THREAD_DELETE", (t) => {
    if (t.id !== threadId) return;
    assertExpected(general, t.parentId);
    saw("THREAD_DELETE");
});

script.on("INVITE_CREATE", (i) => {
    if (i.maxUses !== 7) return;
    assertExpected(true, i instanceof Discord.EventInviteCreate);
    saw("INVITE_CREATE");
    check("invite message", () => Discord.createMessage(general, { content: `sdk-events join ${i.code}` }).then(() => undefined));
});
script.on("MEMBER_ADD", (m) => {
    if (m.user.id !== frank) return;
    assertExpected(true, m instanceof Discord.Member);
    saw("MEMBER_ADD");
    check("invite delete", async () => {
        const invite = (await Discord.getGuildInvites()).find((i) => i.maxUses === 7);
        if (invite !== undefined) await Discord.deleteInvite(invite.code);
        await Discord.removeMember(frank);
    });
});
script.on("MEMBER_REMOVE", (m) => {
    if (m.user.id !== frank) return;
    assertExpected(true, m instanceof Discord.EventMemberRemove);
    assertExpected("1113768905932800000", m.guildId);
    saw("MEMBER_REMOVE");
});
script.on("INVITE_DELETE", (i) => {
    assertExpected(true, i instanceof Discord.EventInviteDelete);
    saw("INVITE_DELETE");
});
script.on("MEMBER_UPDATE", (m) => {
    if (m.user.id !== carol || m.nick !== "sdk-events-nick") return;
    saw("MEMBER_UPDATE");
});

script.on("VOICE_STATE_UPDATE", (v) => {
    if (v.userId !== bob || v.channelId !== null) return;
    assertExpected(true, v instanceof Discord.EventVoiceStateUpdate);
    assertExpected(lounge, v.oldState?.channelId);
    assertExpected(bob, v.member?.user.id);
    saw("VOICE_STATE_UPDATE");
});

check("start", async () => {
    const states = await Discord.getVoiceStates();
    assertExpected(lounge, states.find((s) => s.userId === bob)?.channelId);
    await Discord.editMember(bob, { channelId: null }); // disconnects him
    await Discord.createMessage(general, { content: "sdk-events message" });
    await Discord.createChannel({ name: "sdk-events-channel", kind: "Text" });
    await Discord.createRole({ name: "sdk-events-role" });
    await Discord.createStandaloneThread({ channelId: general, name: "sdk-events-thread", kind: "PublicThread" });
    await Discord.createChannelInvite(general, { maxUses: 7, maxAgeSeconds: 600 });
    await Discord.editMember(carol, { nick: "sdk-events-nick" });
});
