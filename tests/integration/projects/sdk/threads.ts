// Discord namespace, threads: standalone, from a message, in a forum; edit, archive, lock, members,
// active and archived listings.
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const general = "1113768910127104000";
const forum = "1113768910127104010";
const alice = "948142551859331072";

check("threads", async () => {
    const thread = await Discord.createStandaloneThread({ channelId: general, name: "sdk-thread", kind: "PublicThread" });
    assertExpected(true, thread.isThread());
    assertExpected(general, thread.parentId);
    const renamed = await thread.edit({ name: "sdk-thread-renamed" });
    assertExpected("sdk-thread-renamed", renamed.name);
    await thread.addMemberToThread(alice);
    const members = await Discord.getThreadMembers({ channelId: thread.id, withMember: true });
    assertExpected(true, members.some((m) => m.userId === alice));
    await thread.removeMemberFromThread(alice);
    assertExpected(false, (await Discord.getThreadMembers({ channelId: thread.id })).some((m) => m.userId === alice));
    const active = await Discord.getActiveThreads();
    assertExpected(true, active.threads.some((t) => t.id === thread.id));
    const locked = await thread.lock();
    assertExpected(true, locked.threadMetadata.locked);
    await thread.unlock();
    const archived = await thread.archive();
    assertExpected(true, archived.threadMetadata.archived);
    const listing = await Discord.getPublicArchivedThreads({ channelId: general });
    assertExpected(true, listing.threads.some((t) => t.id === thread.id));
    await thread.unArchive();

    const m = await Discord.createMessage(general, { content: "sdk-threads starter" });
    const fromMessage = await m.createThread({ name: "sdk-from-message" });
    assertExpected(m.id, fromMessage.id);
    const channel = await Discord.getChannel(forum);
    const post = await (channel as Discord.TextChannel).createForumThread({
        name: "sdk-forum-post",
        message: { content: "first post" },
    });
    assertExpected("sdk-forum-post", post.thread.name);
    assertExpected("first post", post.message.content);
    await sendScriptCompletion(script.name);
});
