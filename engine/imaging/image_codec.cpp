#include "engine/imaging/image_codec.h"

#include "engine/imaging/diagnostic_capture.h"
#include "engine/imaging/gif_writer.h"
#include "engine/imaging/image_format.h"
#include "engine/imaging/image_header.h"
#include "engine/imaging/webp_writer.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>

#include <algorithm>
#include <memory>

namespace botwright::imaging {

namespace {

constexpr qint64 kMiB = 1024 * 1024;

template <typename T>
std::optional<T> failWith(QString* error, const QString& message) {
    if (error)
        *error = message;
    return std::nullopt;
}

// Qt's plugins for webp, tiff and tga come from Debian's qt6-image-formats-plugins.
bool qtCanRead(const QByteArray& qtFormat) {
    static const QList<QByteArray> formats = QImageReader::supportedImageFormats();
    return formats.contains(qtFormat);
}

bool qtCanWrite(const QByteArray& qtFormat) {
    static const QList<QByteArray> formats = QImageWriter::supportedImageFormats();
    return formats.contains(qtFormat);
}

QString missingPlugin(const QString& what, const QString& format) {
    return QStringLiteral("%1 %2 images needs Qt's image format plugins, which are not installed here "
                          "(Debian: apt-get install qt6-image-formats-plugins)")
        .arg(what, format);
}

QString notDecodable(ImageFormat format) {
    return QStringLiteral("decoding %1 is not supported in the studio (Botloader can decode it; its "
                          "properties are read from the header here): convert the image to png first")
        .arg(formatName(format));
}

// A reader over the caller's bytes: no copy (they stay put while we run), except for a TGA without
// the version 2 footer, which gets one added since Qt's plugin reads nothing else.
struct Reader {
    Reader(QByteArrayView data, ImageFormat format)
        : bytes(QByteArray::fromRawData(data.data(), data.size()))
        , buffer(&bytes) {
        if (format == ImageFormat::Tga && !ImageHeader::hasTgaFooter(data)) {
            bytes = data.toByteArray();
            bytes.append(QByteArray(8, '\0')); // no extension area, no developer area
            bytes.append("TRUEVISION-XFILE.", 17);
            bytes.append('\0');
        }
        buffer.open(QIODevice::ReadOnly);
        reader = std::make_unique<QImageReader>(&buffer, qtReaderFormat(format));
        reader->setDecideFormatFromContent(false);
    }
    QByteArray bytes;
    QBuffer buffer;
    std::unique_ptr<QImageReader> reader;
};

// Formats whose size this project reads itself (Qt cannot, or reads another entry than Botloader).
bool sizeFromHeader(ImageFormat format, QByteArrayView data) {
    return qtReaderFormat(format).isEmpty() || format == ImageFormat::Ico || format == ImageFormat::Tga ||
           ImageHeader::isPam(data);
}

} // namespace

ImageCodec::ImageCodec(ImageLimits limits)
    : m_limits(limits) {}

bool ImageCodec::checkSize(qint64 width, qint64 height, const QString& what, QString* error) const {
    if (width < 1 || height < 1) {
        if (error)
            *error = QStringLiteral("%1 (%2x%3 pixels) is not possible: both sides need at least 1 pixel")
                         .arg(what)
                         .arg(width)
                         .arg(height);
        return false;
    }
    if (width <= m_limits.maxSide && height <= m_limits.maxSide &&
        width * height * 4 <= m_limits.maxFrameBytes)
        return true;
    if (error)
        *error = QStringLiteral("%1 (%2x%3 pixels) is too large: the studio accepts at most %4 pixels a side "
                                "and %5 MiB of decoded pixels (%6 megapixels)")
                     .arg(what)
                     .arg(width)
                     .arg(height)
                     .arg(m_limits.maxSide)
                     .arg(m_limits.maxFrameBytes / kMiB)
                     .arg(static_cast<double>(m_limits.maxFrameBytes) / 4 / 1e6, 0, 'f', 1);
    return false;
}

std::optional<ImageProperties> ImageCodec::properties(QByteArrayView data, QString* error) const {
    const std::optional<ImageFormat> format = ImageHeader::detect(data);
    if (!format)
        return failWith<ImageProperties>(
            error, QStringLiteral("unrecognised image data (%1 bytes): it is none of %2")
                       .arg(data.size())
                       .arg(decodableFormatList()));
    const QString name = formatName(*format);
    const QByteArray qtFormat = qtReaderFormat(*format);
    if (sizeFromHeader(*format, data)) {
        QString why;
        const std::optional<ImageDimensions> size = ImageHeader::dimensions(*format, data, &why);
        if (!size)
            return failWith<ImageProperties>(error, QStringLiteral("invalid %1 image: %2").arg(name, why));
        return ImageProperties{name, size->width, size->height};
    }
    if (!qtCanRead(qtFormat))
        return failWith<ImageProperties>(error, missingPlugin(QStringLiteral("reading"), name));
    const DiagnosticCapture messages;
    Reader r(data, *format);
    const QSize size = r.reader->size();
    if (!size.isValid() || size.isEmpty())
        return failWith<ImageProperties>(error,
                                         QStringLiteral("invalid %1 image: its size could not be read (%2)")
                                             .arg(name, messages.explain(*r.reader)));
    return ImageProperties{name, size.width(), size.height()};
}

std::optional<QByteArray> ImageCodec::transcode(QByteArrayView data, QStringView inFormat,
                                                QStringView outFormat, std::optional<qint64> width,
                                                std::optional<qint64> height, QString* error) const {
    using Result = QByteArray;
    const std::optional<ImageFormat> out = formatFromName(outFormat);
    if (!out || !isEncodable(*out))
        return failWith<Result>(error,
                                QStringLiteral("cannot encode \"%1\": the output format must be one of %2")
                                    .arg(outFormat.toString(), encodableFormatList()));
    if (!formatFromName(inFormat))
        return failWith<Result>(error, QStringLiteral("unknown input format \"%1\": it must be one of %2")
                                           .arg(inFormat.toString(), decodableFormatList()));
    if (width.has_value() != height.has_value())
        return failWith<Result>(error, QStringLiteral("resizing needs both a width and a height"));
    if (width && !checkSize(*width, *height, QStringLiteral("the resize target"), error))
        return std::nullopt;
    if (data.size() > m_limits.maxInputBytes)
        return failWith<Result>(error,
                                QStringLiteral("the image data is too large: %1 MiB (the limit is %2 MiB)")
                                    .arg(static_cast<double>(data.size()) / kMiB, 0, 'f', 1)
                                    .arg(m_limits.maxInputBytes / kMiB));
    // The bytes decide what they are; `inFormat` only has to be a format name.
    const std::optional<ImageFormat> in = ImageHeader::detect(data);
    if (!in)
        return failWith<Result>(error, QStringLiteral("unrecognised image data (%1 bytes): it is none of %2")
                                           .arg(data.size())
                                           .arg(decodableFormatList()));
    const QString inName = formatName(*in);
    const QByteArray qtFormat = qtReaderFormat(*in);
    if (qtFormat.isEmpty() || ImageHeader::isPam(data))
        return failWith<Result>(error, notDecodable(*in));
    if (!qtCanRead(qtFormat))
        return failWith<Result>(error, missingPlugin(QStringLiteral("decoding"), inName));

    // Botloader decodes every GIF, and animated PNGs and WebPs, as animations, and writes animations
    // only as GIF.
    const bool animation = *in == ImageFormat::Gif ||
                           (*in == ImageFormat::Png && ImageHeader::isAnimatedPng(data)) ||
                           (*in == ImageFormat::WebP && ImageHeader::isAnimatedWebP(data));
    if (animation && *out != ImageFormat::Gif)
        return failWith<Result>(
            error,
            QStringLiteral("transcoding %1 %2 image to %3 is not supported: like Botloader, the studio "
                           "reads it as an animation, and animations can only be written as gif")
                .arg(*in == ImageFormat::Gif ? QStringLiteral("a") : QStringLiteral("an animated"), inName,
                     formatName(*out)));

    const DiagnosticCapture messages;
    Reader r(data, *in);
    QImageReader& reader = *r.reader;
    if (*in == ImageFormat::Ico) {
        const std::optional<ImageDimensions> size = ImageHeader::dimensions(*in, data, error);
        if (!size || !checkSize(size->width, size->height, QStringLiteral("the %1 image").arg(inName), error))
            return std::nullopt;
        reader.jumpToImage(ImageHeader::largestIcoEntry(data));
    }
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty())
        return failWith<Result>(error, QStringLiteral("invalid %1 image: its size could not be read (%2)")
                                           .arg(inName, messages.explain(reader)));
    if (!checkSize(size.width(), size.height(), QStringLiteral("the %1 image").arg(inName), error))
        return std::nullopt;

    const auto prepare = [&](QImage frame) {
        if (width && (frame.width() != *width || frame.height() != *height))
            frame = frame.scaled(static_cast<int>(*width), static_cast<int>(*height), Qt::IgnoreAspectRatio,
                                 Qt::SmoothTransformation);
        return frame;
    };
    QImage first;
    if (!reader.read(&first) || first.isNull())
        return failWith<Result>(
            error, QStringLiteral("could not decode the %1 image: %2").arg(inName, messages.explain(reader)));
    if (*out != ImageFormat::Gif)
        return encode(prepare(first), *out, error);

    // GIF: every frame Qt gives us (composed, full size) with its delay; a still image is one frame.
    int delay = reader.nextImageDelay();
    QImage next;
    const bool more = animation && reader.read(&next) && !next.isNull();
    const QImage firstFrame = prepare(first);
    GifWriter writer(firstFrame.size(), more);
    // What an animation costs: each frame's pixels, decoded or written, whichever is more.
    const qint64 frameBytes =
        std::max<qint64>(static_cast<qint64>(first.width()) * first.height(),
                         static_cast<qint64>(firstFrame.width()) * firstFrame.height()) *
        4;
    qint64 decodedBytes = frameBytes;
    if (!writer.addFrame(firstFrame, delay))
        return failWith<Result>(error, writer.error());
    for (int frames = 1; more && !next.isNull(); ++frames) {
        if (frames >= m_limits.maxFrames || decodedBytes > m_limits.maxAnimationBytes)
            return failWith<Result>(error,
                                    QStringLiteral("the %1 animation is too long: the studio accepts at most "
                                                   "%2 frames and %3 MiB of frames in all")
                                        .arg(inName)
                                        .arg(m_limits.maxFrames)
                                        .arg(m_limits.maxAnimationBytes / kMiB));
        delay = reader.nextImageDelay();
        if (next.size() != first.size())
            next = next.copy(QRect(QPoint(0, 0), first.size())); // every frame covers the first one's canvas
        decodedBytes += frameBytes;
        if (!writer.addFrame(prepare(next), delay))
            return failWith<Result>(error, writer.error());
        if (!reader.read(&next))
            next = QImage();
    }
    if (!writer.finish())
        return failWith<Result>(error, writer.error());
    return writer.data();
}

std::optional<QByteArray> ImageCodec::encode(const QImage& image, ImageFormat format, QString* error) const {
    if (format == ImageFormat::Gif) {
        GifWriter writer(image.size(), false);
        if (!writer.addFrame(image) || !writer.finish())
            return failWith<QByteArray>(error, writer.error());
        return writer.data();
    }
    if (format == ImageFormat::WebP)
        return WebpWriter::encodeLossless(image, error);
    const QByteArray qtFormat = qtReaderFormat(format);
    if (!qtCanWrite(qtFormat))
        return failWith<QByteArray>(error, missingPlugin(QStringLiteral("encoding"), formatName(format)));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, qtFormat);
    QImage toWrite = image;
    if (format == ImageFormat::Jpeg) {
        writer.setQuality(75); // Botloader's (image-rs) default
        toWrite = image.convertToFormat(QImage::Format_RGB888);
    }
    if (!writer.write(toWrite))
        return failWith<QByteArray>(
            error, QStringLiteral("%1 encoding failed: %2").arg(formatName(format), writer.errorString()));
    return bytes;
}

} // namespace botwright::imaging
