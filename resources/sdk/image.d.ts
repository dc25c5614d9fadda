// `Image`: image inspection and transcoding (beta).

/** What an image is: its format name (`"png"`, `"jpeg"`, …) and size in pixels. */
export interface ImageProperties {
    formatName: string;
    width: number;
    height: number;
}

/** How {@link Image.transcode} converts an image. */
export interface ImageTranscodeOptions {
    /** The target format. Only `png`, `jpeg`, `gif` and `webp` can be encoded. */
    outputFormat: "png" | "jpeg" | "gif" | "webp";
    /** Resize to this width in pixels. */
    resizeWidth?: number;
    /** Resize to this height in pixels. */
    resizeHeight?: number;
}

/**
 * An image in memory (beta). Readable formats: png, jpeg, gif, webp, pnm, tiff, tga, bmp, ico, hdr,
 * openexr, qoi and avif; writable formats: png, jpeg, gif and webp. A GIF (and an animated PNG or WebP)
 * is read as an animation and can only be transcoded to gif. Failures throw an `Error` saying why.
 *
 * In Botwright Studio, hdr, openexr, qoi and avif images report their properties but cannot be
 * transcoded (Botloader can); images over 8192 pixels a side or 64 MiB of pixels are refused.
 */
export declare class Image {
    /** Wraps image bytes; reads their properties through the host unless `properties` is given. */
    constructor(data: ArrayBufferLike, properties?: ImageProperties);
    /** The encoded image bytes. */
    readonly data: ArrayBufferLike;
    /** Format and size of the image. */
    readonly properties: ImageProperties;
    /** Downloads an image with {@link HttpClient} and wraps it. */
    static downloadFromUrl(url: string): Promise<Image>;
    /** A resized copy (only for png, jpeg, gif and webp images). */
    resize(width: number, height: number): Promise<Image>;
    /** A copy converted to another format, optionally resized. */
    transcode(options: ImageTranscodeOptions): Promise<Image>;
    /** The image as a `data:image/<format>;base64,…` URI (what emoji and webhook avatars take). */
    dataUri(): string;
}
