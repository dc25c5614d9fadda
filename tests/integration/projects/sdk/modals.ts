// A slash command that answers with a modal (ack mode "Custom"), and the modal's submission coming
// back to onInteractionModalSubmit with its fields keyed by name and the custom data decoded.
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

script
    .createSlashCommand("sdk-form", "Opens a form")
    .setAckMode("Custom")
    .build(async (ctx) => {
        await ctx.ackWithModal({
            title: "Tell me",
            customId: Discord.encodeInteractionCustomId("sdk-form", { step: 1 }),
            components: [
                new Discord.Label(new Discord.ShortTextInput("Title", "title").setPlaceHolder("a title")),
                new Discord.ActionRow([new Discord.ParagraphTextInput("Body", "body", { long: true }).setRequired(false)]),
            ],
        });
    });

script.onInteractionModalSubmit<{ step: number }>("sdk-form", async (interaction, data) => {
    assertExpected(1, data.step);
    assertExpected("hello", interaction.getTextInputValue("title")?.value);
    const body = interaction.values["body"];
    assertExpected("TextInput", body.kind);
    assertExpected(true, (body.customData as { long: boolean }).long);
    assertExpected("a longer text", interaction.getTextInputValue("body")?.value);
    assertExpected(null, interaction.getCheckboxValue("title"));
    assertExpected(null, interaction.message);
    await interaction.ackWithMessage({ content: "thanks" });
    check("completion", () => sendScriptCompletion(script.name));
});
