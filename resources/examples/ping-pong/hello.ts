import { Discord } from "botloader";

// A slash command with options: /hello [name] [loud] greets whoever runs it, or the name given,
// and offers a button.
script
    .createSlashCommand("hello", "Say hello")
    .addOptionString("name", "Who to greet", { required: false })
    .addOptionBoolean("loud", "Shout it", { required: false })
    .build(async (ctx, args) => {
        const who = args.name ?? ctx.member.user.username;
        const greeting = `Hello, ${who}!`;
        await ctx.createFollowup({
            content: args.loud ? greeting.toUpperCase() : greeting,
            components: [new Discord.ActionRow([new Discord.CustomButton("Wave back", "wave", { who })])],
        });
    });

// The button: its name and data come back decoded. It answers with a modal (a small form).
script.onInteractionButton<{ who: string }>("wave", async (interaction, data) => {
    await interaction.ackWithModal({
        title: `A note for ${data.who}`.slice(0, 45),
        customId: Discord.encodeInteractionCustomId("note", { who: data.who }),
        components: [new Discord.Label(new Discord.ShortTextInput("Your note", "text").setMaxLength(100))],
    });
});

// The modal's submission: fields are keyed by their names.
script.onInteractionModalSubmit<{ who: string }>("note", async (interaction, data) => {
    const note = interaction.getTextInputValue("text")?.value ?? "";
    await interaction.ackWithMessage({ content: `${interaction.member.user.username} → ${data.who}: ${note}` });
});
