// Discord namespace, attachments (botloader-sdk.md §8.12): a message with a string file, an ArrayBuffer
// file and an image, read back with getMessage, fetched from the sandbox's URLs with HttpClient, edits
// that replace the files with one and that leave them alone, and a webhook message with a file.
import { Discord, HttpClient, base64Decode } from "botloader";
import { assertExpected, check, sendScriptCompletion } from "lib";

const general = "1113768910127104000";
// An 8x8 PNG.
const png = base64Decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAGUlEQVR42mP4z8DwHxljgTRXgCaPAeigAADMMJ9hK4UmRgAAAABJRU5ErkJggg==",
);
const greeting = "héllo, wörld"; // 14 bytes of UTF-8

check("attachments", async () => {
    const bytes = new Uint8Array(300);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) % 256;
    const sent = await Discord.createMessage(general, {
        content: "sdk-attachments",
        attachments: [
            { filename: "hello.txt", data: greeting, description: "greeting" },
            { filename: "bytes.bin", data: bytes.buffer },
            { filename: "dot.png", data: png.buffer as ArrayBuffer, id: 1 },
        ],
    });
    assertExpected(3, sent.attachments.length);

    const fetched = await Discord.getMessage(general, sent.id);
    const [text, binary, image] = fetched.attachments;
    assertExpected("hello.txt", text.filename);
    assertExpected(14, text.size);
    assertExpected("text/plain; charset=utf-8", text.contentType);
    assertExpected(null, text.width);
    assertExpected("bytes.bin", binary.filename);
    assertExpected(300, binary.size);
    assertExpected("dot.png", image.filename);
    assertExpected("image/png", image.contentType);
    assertExpected(8, image.width);
    assertExpected(8, image.height);
    assertExpected(true, binary.url.endsWith(`/attachments/${general}/${binary.id}/bytes.bin`));

    // The sandbox serves the files at their URLs; scripts reach them through HttpClient.
    const response = await HttpClient.get(binary.url);
    assertExpected(200, response.statusCode);
    const body = await response.readAll();
    assertExpected(300, body.length);
    for (let i = 0; i < body.length; i++) if (body[i] !== bytes[i]) throw new Error(`byte ${i} differs`);
    assertExpected(greeting, await (await HttpClient.get(text.url)).text());

    // Attachments in an edit replace the message's files (as in Botloader); an empty list changes nothing.
    const edited = await Discord.editMessage(general, sent.id, {
        content: "sdk-attachments, one left",
        attachments: [{ filename: "hello.txt", data: greeting }],
    });
    assertExpected(1, edited.attachments.length);
    assertExpected("hello.txt", edited.attachments[0].filename);
    assertExpected(14, edited.attachments[0].size);
    const unchanged = await Discord.editMessage(general, sent.id, { content: "sdk-attachments, unchanged", attachments: [] });
    assertExpected(1, unchanged.attachments.length);
    assertExpected(edited.attachments[0].id, unchanged.attachments[0].id);
    assertExpected(404, (await HttpClient.get(binary.url)).statusCode); // replaced files are gone

    const hook = await Discord.createWebhook({ name: "sdk-attachments", channel_id: general });
    const posted = await Discord.executeWebhook(hook.id, hook.token!, {
        content: "sdk-attachments webhook",
        attachments: [{ filename: "log.txt", data: "one\ntwo\n" }],
    });
    assertExpected("log.txt", posted.attachments[0].filename);
    assertExpected(8, posted.attachments[0].size);
    await Discord.deleteWebhook(hook.id);
    await sendScriptCompletion(script.name);
});
