#include "engine/imaging/webp_writer.h"

#include <QImage>

#include <webp/encode.h>

namespace botwright::imaging {

namespace {

constexpr float kLosslessEffort = 25; // libwebp's "quality" means effort (0–100) when lossless
constexpr int kMethod = 1;            // 0 (fast) … 6 (slow)

// Frees what libwebp allocated, however encoding ends.
class Encoding final {
public:
    Encoding() {
        WebPPictureInit(&picture);
        WebPMemoryWriterInit(&writer);
    }
    ~Encoding() {
        WebPPictureFree(&picture);
        WebPMemoryWriterClear(&writer);
    }
    Encoding(const Encoding&) = delete;
    Encoding& operator=(const Encoding&) = delete;

    WebPPicture picture;
    WebPMemoryWriter writer;
};

QString reason(WebPEncodingError code) {
    switch (code) {
    case VP8_ENC_ERROR_OUT_OF_MEMORY:
    case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY:
        return QStringLiteral("out of memory");
    case VP8_ENC_ERROR_BAD_DIMENSION:
        return QStringLiteral("the size is beyond WebP's 16383 pixels a side");
    default:
        return QStringLiteral("libwebp error %1").arg(static_cast<int>(code));
    }
}

} // namespace

std::optional<QByteArray> WebpWriter::encodeLossless(const QImage& image, QString* error) {
    const QImage rgba = image.convertToFormat(QImage::Format_RGBA8888); // straight (not premultiplied) RGBA
    WebPConfig config;
    if (WebPConfigInit(&config) == 0) {
        if (error)
            *error = QStringLiteral("webp encoding failed: libwebp version mismatch");
        return std::nullopt;
    }
    config.lossless = 1;
    config.quality = kLosslessEffort;
    config.method = kMethod;
    Encoding encoding;
    encoding.picture.use_argb = 1;
    encoding.picture.width = rgba.width();
    encoding.picture.height = rgba.height();
    encoding.picture.writer = WebPMemoryWrite;
    encoding.picture.custom_ptr = &encoding.writer;
    if (WebPPictureImportRGBA(&encoding.picture, rgba.constBits(), static_cast<int>(rgba.bytesPerLine())) ==
            0 ||
        WebPEncode(&config, &encoding.picture) == 0) {
        if (error)
            *error = QStringLiteral("webp encoding failed: %1").arg(reason(encoding.picture.error_code));
        return std::nullopt;
    }
    return QByteArray(reinterpret_cast<const char*>(encoding.writer.mem),
                      static_cast<qsizetype>(encoding.writer.size));
}

} // namespace botwright::imaging
