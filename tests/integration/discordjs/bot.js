// A stock discord.js v14 bot pointed at the sandbox. The C++ side (discordjs_compat_test) plays the
// people and reads these lines: each is "event detail". Exits 0 after "done", 1 on any failure.
"use strict";
const { Client, GatewayIntentBits, Events, Partials } = require("discord.js");

const [restBase, token] = process.argv.slice(2);
const say = (...parts) => console.log(parts.join(" "));
const fail = (error) => {
  say("error", String(error && error.stack ? error.stack : error).replace(/\n/g, " | "));
  process.exit(1);
};
process.on("unhandledRejection", fail);

const client = new Client({
  intents: [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.MessageContent,
    GatewayIntentBits.GuildMembers,
    GatewayIntentBits.GuildMessageReactions,
    GatewayIntentBits.DirectMessages,
  ],
  partials: [Partials.Channel],
  rest: { api: restBase },
});

client.once(Events.ClientReady, async (c) => {
  const guild = c.guilds.cache.first();
  say("ready", c.user.id, guild.id, c.channels.cache.size);
  await c.application.commands.set([
    { name: "roll", description: "Roll a die", options: [{ name: "sides", description: "Sides", type: 4, required: true }] },
  ]);
  const members = await guild.members.fetch();
  say("members", members.size);
  say("commands", (await c.application.commands.fetch()).size);
});

client.on(Events.MessageCreate, async (message) => {
  say("message", message.author.username, JSON.stringify(message.content));
  if (message.author.bot) return;
  if (message.content === "!ping") {
    const reply = await message.reply({
      content: "pong",
      components: [{ type: 1, components: [{ type: 2, style: 1, label: "Again", custom_id: "again" }] }],
    });
    await reply.react("👍");
    say("replied", reply.id);
  }
  if (message.content === "!history") {
    const history = await message.channel.messages.fetch({ limit: 5 });
    say("history", history.size);
  }
});

client.on(Events.MessageReactionAdd, (reaction, user) => say("reaction", user.id, reaction.emoji.name));

client.on(Events.InteractionCreate, async (interaction) => {
  if (interaction.isChatInputCommand()) {
    const sides = interaction.options.getInteger("sides");
    say("slash", interaction.commandName, sides, interaction.user.username);
    await interaction.deferReply();
    await interaction.editReply(`rolled ${Math.min(sides, 4)}`);
    await interaction.followUp({ content: "only you", ephemeral: true });
    say("slash-answered");
  } else if (interaction.isButton()) {
    say("button", interaction.customId, interaction.user.username);
    await interaction.update({ content: "pong again", components: [] });
    say("button-answered");
    say("done");
    client.destroy();
    process.exit(0);
  }
});

client.login(token).catch(fail);
setTimeout(() => fail("timed out"), 60000);
