// Buttons and every select menu with Botloader's custom-id encoding; the world's simulated alice
// clicks and picks, and the handlers get the decoded extra data and resolved values.
import { Discord } from "botloader";
import { assertExpected, assetJsonEquals, check, sendScriptCompletion } from "lib";

const general = "1113768910127104000";
const bob = "1064091569356800000";
const moderator = "1114131302187008001";
const pending = new Set(["button", "select", "user", "role", "channel", "mentionable", "update"]);

function done(part: string) {
    pending.delete(part);
    if (pending.size === 0) check("completion", () => sendScriptCompletion(script.name));
}

script.onInteractionButton<{ n: number }>("sdk-counter", async (interaction, extra) => {
    assetJsonEquals({ n: 1 }, extra);
    assertExpected("Button", interaction.componentType);
    assertExpected("press me", interaction.message.content);
    assertExpected("alice", interaction.member.user.username);
    const next = new Discord.CustomButton(`count ${extra.n + 1}`, "sdk-counter-next", { n: extra.n + 1 });
    await interaction.ackWithUpdateMessage({
        content: "pressed",
        components: [new Discord.ActionRow([next.setStyle("Success")])],
    });
    done("button");
});

script.onInteractionButton<{ n: number }>("sdk-counter-next", async (interaction, extra) => {
    assertExpected(2, extra.n);
    assertExpected("pressed", interaction.message.content);
    await interaction.ackWithDeferredUpdateMessage();
    await interaction.editOriginalResponse({ content: "pressed twice", components: [] });
    done("update");
});

script.onInteractionSelectMenu<string>("sdk-fruit-menu", async (interaction, extra) => {
    assertExpected("basket", extra);
    assetJsonEquals(["banana"], interaction.values);
    await interaction.ackWithMessage({ content: "picked " + interaction.values[0], flags: { ephemeral: true } });
    done("select");
});

script.onInteractionUserSelectMenu("sdk-users", async (interaction) => {
    assertExpected("bob", interaction.values[0].user.username);
    await interaction.ackWithDeferredUpdateMessage();
    done("user");
});

script.onInteractionRoleSelectMenu("sdk-roles", async (interaction) => {
    assertExpected("Moderator", interaction.values[0].name);
    await interaction.ackWithDeferredUpdateMessage();
    done("role");
});

script.onInteractionChannelSelectMenu("sdk-channels", async (interaction) => {
    assertExpected(general, interaction.values[0].id);
    assertExpected("Text", interaction.values[0].kind);
    await interaction.ackWithDeferredUpdateMessage();
    done("channel");
});

script.onInteractionMentionableSelectMenu("sdk-mentionables", async (interaction) => {
    assertExpected("Role", interaction.values[0].kind);
    const second = interaction.values[1];
    if (second.kind !== "User") throw new Error(`expected a user, got ${second.kind}`);
    assertExpected(bob, second.value.user.id);
    await interaction.ackWithDeferredUpdateMessage();
    done("mentionable");
});

check("setup", async () => {
    assertExpected("0:sdk-counter:{\"n\":1}", Discord.encodeInteractionCustomId("sdk-counter", { n: 1 }));
    assetJsonEquals(["sdk-counter", { n: 1 }], Discord.parseInteractionCustomId("0:sdk-counter:{\"n\":1}"));
    assetJsonEquals(["plain", null], Discord.parseInteractionCustomId("0:plain:"));
    let tooLong: unknown = null;
    try {
        Discord.encodeInteractionCustomId("x".repeat(94), null);
    } catch (e) {
        tooLong = e;
    }
    assertExpected(true, tooLong instanceof Error);

    const fruit = [
        new Discord.SelectMenuOption("Apple", "apple"),
        new Discord.SelectMenuOption("Banana", "banana").setDescription("yellow"),
    ];
    await Discord.createMessage(general, {
        content: "press me",
        components: [
            new Discord.ActionRow([new Discord.CustomButton("Press", "sdk-counter", { n: 1 })]),
            new Discord.ActionRow([new Discord.SelectMenu("sdk-fruit-menu", fruit, "basket").setPlaceHolder("fruit")]),
        ],
    });
    await Discord.createMessage(general, {
        content: "pick things",
        components: [
            new Discord.ActionRow([new Discord.UserSelectMenu("sdk-users").setMaxValues(2)]),
            new Discord.ActionRow([new Discord.RoleSelectMenu("sdk-roles")]),
            new Discord.ActionRow([new Discord.ChannelSelectMenu("sdk-channels").setChannelTypes(["Text"])]),
            new Discord.ActionRow([new Discord.MentionableSelectMenu("sdk-mentionables").setMaxValues(2)]),
        ],
    });
    assertExpected(moderator.length > 0, true);
});
