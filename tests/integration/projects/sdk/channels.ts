// Discord namespace, channels: create, get, list, edit, permission overwrites, positions, delete.
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const moderator = "1114131302187008001";

check("channels", async () => {
    const created = await Discord.createChannel({ name: "sdk-channel", kind: "Text", topic: "first" });
    assertExpected(true, created.isTextChannel());
    assertExpected("sdk-channel", created.name);
    const fetched = await Discord.getChannel(created.id);
    assertExpected("first", (fetched as Discord.TextChannel).topic);
    assertExpected(true, (await Discord.getChannels()).some((c) => c.id === created.id));
    const edited = await Discord.editChannel(created.id, { topic: "second", nsfw: true });
    assertExpected("second", (edited as Discord.TextChannel).topic);
    await Discord.editChannelPermission(
        created.id,
        Discord.PermissionOverwrite.role(moderator, Discord.Permissions.SendMessages, Discord.Permissions.AddReactions),
    );
    const withOverwrite = await Discord.getChannel(created.id);
    const overwrite = withOverwrite.permissionOverwrites.find((o) => o.id === moderator);
    assertExpected("2048", overwrite?.allowRaw);
    assertExpected("Role", overwrite?.kind);
    await Discord.deleteChannelPermission(created.id, "Role", moderator);
    assertExpected(undefined, (await Discord.getChannel(created.id)).permissionOverwrites.find((o) => o.id === moderator));
    await Discord.editChannelPositions([{ channelId: created.id, position: 1 }]);
    const voice = await Discord.createChannel({ name: "sdk-voice", kind: "Voice", userLimit: 5 });
    assertExpected(true, voice.isVoiceChannel());
    await Discord.deleteChannel(voice.id);
    const deleted = await Discord.deleteChannel(created.id);
    assertExpected(created.id, deleted.id);
    await sendScriptCompletion(script.name);
});
