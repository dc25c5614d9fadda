// Slash commands with every option type, a group with a sub-group, user and message commands, ack
// modes, follow-ups, edits and autocomplete. The world file's simulated people invoke each command.
import { Commands, Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const bob = "1064091569356800000";
const general = "1113768910127104000";
const pending = new Set(["echo", "group", "user", "message", "autocomplete", "custom"]);

function done(part: string) {
    pending.delete(part);
    if (pending.size === 0) check("completion", () => sendScriptCompletion(script.name));
}

script
    .createSlashCommand("sdk-echo", "Echoes every option type")
    .addOptionString("text", "some text", { choices: [{ name: "hi", value: "hi" }, { name: "yo", value: "yo" }] })
    .addOptionInteger("count", "a whole number", { minValue: 1, maxValue: 10 })
    .addOptionNumber("ratio", "a number")
    .addOptionBoolean("flag", "yes or no")
    .addOptionUser("who", "a user")
    .addOptionChannel("where", "a channel", { channelTypes: ["Text"] })
    .addOptionRole("role", "a role")
    .addOptionMentionable("any", "a user or role")
    .addOptionString("missing", "never given", { required: false })
    .build(async (ctx, args) => {
        assertExpected(true, ctx.isResponseDeferred); // the default ack mode deferred it
        assertExpected("hi", args.text);
        assertExpected(3, args.count);
        assertExpected(0.5, args.ratio);
        assertExpected(true, args.flag);
        assertExpected("bob", args.who.user.username);
        assertExpected("general", args.where.name);
        assertExpected("Moderator", args.role.name);
        assertExpected("Role", args.any.kind);
        assertExpected(undefined, args.missing);
        assertExpected(general, ctx.channelId);
        const reply = await ctx.createFollowup(`echo ${args.text} x${args.count}`);
        assertExpected("echo hi x3", reply.content);
        const edited = await ctx.editOriginalResponse({ content: "edited" });
        assertExpected("edited", edited.content);
        const original = await ctx.getOriginalResponse();
        assertExpected("edited", original.content);
        const followup = await ctx.createFollowup({ content: "second", flags: { ephemeral: true } });
        await ctx.editFollowup(followup.id, { content: "second, edited" });
        assertExpected("second, edited", (await ctx.getFollowup(followup.id)).content);
        await ctx.deleteFollowup(followup.id);
        done("echo");
    });

const admin = new Commands.Group("sdk-admin", "Administration");
const roles = admin.subGroup("roles", "Role tools");
script
    .createSlashCommand("give", "Gives a role")
    .setGroup(roles)
    .addOptionUser("member", "who")
    .build(async (ctx, args) => {
        assertExpected("give", ctx.commandName);
        assertExpected("roles", ctx.parentName);
        assertExpected("sdk-admin", ctx.parentParentName);
        assertExpected(bob, args.member.user.id);
        await ctx.createFollowup("given");
        done("group");
    });

script.createUserCommand("SDK Inspect").build(async (ctx, target) => {
    assertExpected("bob", target.user.username);
    await ctx.createFollowup(`inspected ${target.user.username}`);
    // The message the message command targets (the world's simulated alice waits for it).
    await Discord.createMessage(general, { content: "quote me" });
    done("user");
});

script.createMessageCommand("SDK Quote").build(async (ctx, message) => {
    assertExpected("quote me", message.content);
    await ctx.createFollowup(`> ${message.content}`);
    done("message");
});

const fruit = ["apple", "apricot", "banana"];
script
    .createSlashCommand("sdk-fruit", "Autocomplete")
    .addOptionString("name", "fruit", {
        autocomplete: (i) => {
            assertExpected("ap", i.input);
            done("autocomplete");
            return fruit.filter((f) => f.startsWith(i.input)).map((f) => ({ name: f, value: f }));
        },
    })
    .build(async (ctx, args) => {
        await ctx.createFollowup(args.name);
    });

script
    .createSlashCommand("sdk-custom", "Custom ack")
    .setAckMode("Custom")
    .build(async (ctx) => {
        assertExpected(false, ctx.hasSentCallback);
        await ctx.ackWithMessage({ content: "acked", flags: { ephemeral: true } });
        const error = await ctx.ackWithMessage({ content: "again" }).then(
            () => null,
            (e) => e,
        );
        assertExpected(true, error instanceof Error);
        done("custom");
    });
