// Image (beta, botloader-sdk.md §7.3): inspection and transcoding over botwright-vm's synchronous
// image ops (`__botwright.imageProperties` / `imageTranscode`, engine/runtime/vm_image_ops).
import * as HttpClient from "/http_client";
import { base64Encode } from "/text";

const native = globalThis.__botwright;
const encodable = ["png", "jpeg", "gif", "webp"];

function bytesOf(data) {
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return new Uint8Array(data);
}

export class Image {
    constructor(data, properties) {
        this.data = data;
        this.properties = properties ?? native.imageProperties(data);
    }

    static async downloadFromUrl(url) {
        const response = await HttpClient.get(url);
        if (response.statusCode < 200 || response.statusCode > 299)
            throw new Error(`Image.downloadFromUrl: ${url} answered with HTTP status ${response.statusCode}`);
        const body = await response.readAll();
        return new Image(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
    }

    async resize(width, height) {
        const format = this.properties.formatName;
        if (!encodable.includes(format))
            throw new Error(`Image.resize: ${format} images cannot be written back; use ` +
                `transcode({ outputFormat: "png", resizeWidth, resizeHeight }) instead`);
        return this.transcode({ outputFormat: format, resizeWidth: width, resizeHeight: height });
    }

    async transcode(options) {
        const out = native.imageTranscode(this.data, this.properties.formatName, options?.outputFormat,
            options?.resizeWidth ?? null, options?.resizeHeight ?? null);
        return new Image(out);
    }

    dataUri() {
        return `data:image/${this.properties.formatName};base64,${base64Encode(bytesOf(this.data))}`;
    }
}
