#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

class QImage;
class QImageReader;

namespace botwright::imaging {

enum class ImageFormat;

// What `op_bl_image_properties` answers (botloader-sdk.md §9.1).
struct ImageProperties {
    QString formatName;
    qint64 width = 0;
    qint64 height = 0;
};

// Caps for untrusted input: scripts hand over any bytes they like.
struct ImageLimits {
    qint64 maxInputBytes = 32ll * 1024 * 1024;
    int maxSide = 8192;                             // pixels, for decoding and for resize targets
    qint64 maxFrameBytes = 64ll * 1024 * 1024;      // width × height × 4 of one decoded frame
    int maxFrames = 1000;                           // frames of an animation
    qint64 maxAnimationBytes = 256ll * 1024 * 1024; // all frames' pixels (each frame handled on its own)
};

// The SDK's image ops (botloader-sdk.md §7.3, §9.1) over Qt's image plugins, giflib and libwebp: properties
// by content (never by name), and transcoding to png, jpeg, gif or webp with an optional exact resize. hdr,
// openexr, qoi, avif and PAM have only their headers read here. Every failure is a message for the script
// author; nothing here throws or aborts on bad input.
class ImageCodec final {
public:
    explicit ImageCodec(ImageLimits limits = {});

    std::optional<ImageProperties> properties(QByteArrayView data, QString* error) const;

    // `inFormat` is the caller's formatName (checked to be one; the bytes decide how they are read).
    // Resizing needs both `width` and `height`. Following Botloader, a GIF (any), an animated PNG or
    // an animated WebP can only be written as gif, which keeps every frame.
    std::optional<QByteArray> transcode(QByteArrayView data, QStringView inFormat, QStringView outFormat,
                                        std::optional<qint64> width, std::optional<qint64> height,
                                        QString* error) const;

    const ImageLimits& limits() const { return m_limits; }

private:
    bool checkSize(qint64 width, qint64 height, const QString& what, QString* error) const;
    std::optional<QByteArray> encode(const QImage& image, ImageFormat format, QString* error) const;

    ImageLimits m_limits;
};

} // namespace botwright::imaging
