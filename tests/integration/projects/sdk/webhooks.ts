// Discord namespace, webhooks: create, get (by id and by token), list, edit, execute, webhook
// messages, delete.
import { Discord } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const general = "1113768910127104000";
const botCommands = "1113768910127104001";

check("webhooks", async () => {
    const hook = await Discord.createWebhook({ name: "sdk-hook", channel_id: general });
    assertExpected("sdk-hook", hook.name);
    assertExpected("Incoming", hook.kind);
    assertExpected(true, typeof hook.token === "string");
    assertExpected(hook.id, (await Discord.getWebhook(hook.id)).id);
    assertExpected(hook.id, (await Discord.getWebhook(hook.id, hook.token!)).id);
    assertExpected(true, (await Discord.getGuildWebhooks()).some((w) => w.id === hook.id));
    assertExpected(true, (await Discord.getChannelWebhooks(general)).some((w) => w.id === hook.id));
    const moved = await Discord.editWebhook(hook.id, { name: "sdk-hook-2", channel_id: botCommands });
    assertExpected("sdk-hook-2", moved.name);
    assertExpected(botCommands, moved.channelId);
    const renamed = await Discord.editWebhookWithToken(hook.id, hook.token!, { name: "sdk-hook-3" });
    assertExpected("sdk-hook-3", renamed.name);

    const sent = await Discord.executeWebhook(hook.id, hook.token!, { content: "sdk-webhooks hello", username: "Hooky" });
    assertExpected("sdk-webhooks hello", sent.content);
    assertExpected(hook.id, sent.webhookId);
    assertExpected(sent.id, (await Discord.getWebhookMessage(hook.id, hook.token!, sent.id)).id);
    const edited = await Discord.editWebhookMessage(hook.id, hook.token!, sent.id, { content: "edited" });
    assertExpected("edited", edited.content);
    await Discord.deleteWebhookMessage(hook.id, hook.token!, sent.id);
    const viaMethod = await renamed.execute({ content: "sdk-webhooks again" });
    assertExpected("sdk-webhooks again", viaMethod.content);
    await Discord.deleteWebhook(hook.id);
    const gone = await Discord.getWebhook(hook.id).then(() => null, (e) => e);
    assertExpected(true, gone instanceof Discord.NotFoundError);
    await sendScriptCompletion(script.name);
});
