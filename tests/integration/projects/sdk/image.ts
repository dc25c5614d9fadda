// Image (beta): properties read from the bytes, resize, transcode, data URIs, errors as exceptions, and
// an emoji and a webhook avatar made from an Image.
import { Discord, Image, ImageProperties, base64Decode } from "botloader";
import { assertExpected, assertExpectError, assetJsonEquals, check, sendScriptCompletion } from "lib";

const general = "1113768910127104000";
// An 8x8 PNG: red, green, blue and white quadrants.
const png = base64Decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAGUlEQVR42mP4z8DwHxljgTRXgCaPAeigAADMMJ9hK4UmRgAAAABJRU5ErkJggg==",
);

function message(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
}

check("image", async () => {
    const image = new Image(png.buffer);
    assetJsonEquals({ formatName: "png", width: 8, height: 8 }, image.properties);
    const given: ImageProperties = { formatName: "png", width: 8, height: 8 };
    assertExpected(given, new Image(png.buffer, given).properties); // given properties are used as they are

    const small = await image.resize(4, 2);
    assetJsonEquals({ formatName: "png", width: 4, height: 2 }, small.properties);

    const webp = await image.transcode({ outputFormat: "webp" });
    assetJsonEquals({ formatName: "webp", width: 8, height: 8 }, webp.properties);
    const jpeg = await webp.transcode({ outputFormat: "jpeg", resizeWidth: 16, resizeHeight: 12 });
    assetJsonEquals({ formatName: "jpeg", width: 16, height: 12 }, jpeg.properties);
    const gif = await image.transcode({ outputFormat: "gif", resizeWidth: 32, resizeHeight: 32 });
    assetJsonEquals({ formatName: "gif", width: 32, height: 32 }, gif.properties);
    const bigger = await gif.resize(48, 48); // gif to gif keeps the animation path
    assetJsonEquals({ formatName: "gif", width: 48, height: 48 }, bigger.properties);

    const uri = small.dataUri();
    assertExpected(true, uri.startsWith("data:image/png;base64,iVBORw0KGgo"));
    assertExpected(true, jpeg.dataUri().startsWith("data:image/jpeg;base64,/9j/"));

    // Failures are exceptions with the reason.
    const garbage = await assertExpectError(() => new Image(new Uint8Array([1, 2, 3, 4]).buffer));
    assertExpected(true, message(garbage).startsWith("unrecognised image data"));
    const huge = await assertExpectError(() => image.resize(100000, 100000));
    assertExpected(true, message(huge).includes("too large"));
    const animated = await assertExpectError(() => gif.transcode({ outputFormat: "png" }));
    assertExpected(true, message(animated).includes("can only be written as gif"));

    // Discord takes an Image where it takes a data URI.
    const emoji = await Discord.createEmoji({ name: "sdk_image", data: small });
    assertExpected("sdk_image", emoji.name);
    await Discord.deleteEmoji(emoji.id);
    const hook = await Discord.createWebhook({ name: "sdk-image-hook", channel_id: general, avatar: gif });
    assertExpected(true, hook.avatar !== null);
    const edited = await Discord.editWebhook(hook.id, { avatar: webp });
    assertExpected(true, edited.avatar !== null);
    await Discord.deleteWebhook(hook.id);

    await sendScriptCompletion(script.name);
});
