import { Commands } from "botloader";

// A slash command: /hello [name] greets whoever runs it, or the name given.
script.createSlashCommand("hello", "Say hello")
    .addOptionString("name", "Who to greet", { required: false })
    .build(async (ctx, args) => {
        const who = args.name ?? ctx.member.user.username;
        await ctx.createFollowup(`Hello, ${who}!`);
    });
