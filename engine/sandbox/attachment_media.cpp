#include "engine/sandbox/attachment_media.h"

#include <QMimeDatabase>
#include <QStringDecoder>

namespace botwright::sandbox {

namespace {

quint32 byteAt(QByteArrayView d, qsizetype i) {
    return static_cast<quint8>(d[i]);
}
quint32 be16(QByteArrayView d, qsizetype i) {
    return (byteAt(d, i) << 8) | byteAt(d, i + 1);
}
quint32 le16(QByteArrayView d, qsizetype i) {
    return byteAt(d, i) | (byteAt(d, i + 1) << 8);
}
quint32 le24(QByteArrayView d, qsizetype i) {
    return le16(d, i) | (byteAt(d, i + 2) << 16);
}
quint32 be32(QByteArrayView d, qsizetype i) {
    return (be16(d, i) << 16) | be16(d, i + 2);
}

std::optional<QSize> sized(quint32 width, quint32 height) {
    if (width == 0 || height == 0 || width > 0x7fffffff || height > 0x7fffffff)
        return std::nullopt;
    return QSize(static_cast<int>(width), static_cast<int>(height));
}

bool validUtf8(QByteArrayView data) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(data);
    Q_UNUSED(text);
    return !decoder.hasError();
}

bool isTextual(const QString& type) {
    return type.startsWith(QLatin1String("text/")) || type == QLatin1String("application/json") ||
           type == QLatin1String("application/javascript") || type == QLatin1String("application/xml");
}

} // namespace

QByteArray AttachmentMedia::sniff(QByteArrayView data) {
    if (data.startsWith("\x89PNG\r\n\x1a\n"))
        return "image/png";
    if (data.startsWith("\xff\xd8\xff"))
        return "image/jpeg";
    if (data.startsWith("GIF87a") || data.startsWith("GIF89a"))
        return "image/gif";
    if (data.size() >= 12 && data.startsWith("RIFF") && data.sliced(8, 4) == "WEBP")
        return "image/webp";
    if (data.startsWith("%PDF-"))
        return "application/pdf";
    return {};
}

QString AttachmentMedia::contentType(const QString& filename, QByteArrayView declared,
                                     QByteArrayView declaredParameters, QByteArrayView data) {
    QString type = QString::fromLatin1(declared).toLower();
    QString parameters = QString::fromLatin1(declaredParameters).trimmed();
    if (type.isEmpty() || type == QLatin1String("application/octet-stream")) {
        parameters.clear();
        type = QString::fromLatin1(sniff(data));
        if (type.isEmpty()) {
            static const QMimeDatabase mimes;
            const QMimeType byName = mimes.mimeTypeForFile(filename, QMimeDatabase::MatchExtension);
            type = byName.isDefault() ? QStringLiteral("application/octet-stream") : byName.name();
        }
    }
    if (parameters.isEmpty() && isTextual(type) && validUtf8(data))
        parameters = QStringLiteral("charset=utf-8");
    return parameters.isEmpty() ? type : type + QStringLiteral("; ") + parameters;
}

std::optional<QSize> AttachmentMedia::imageSize(QByteArrayView data) {
    const QByteArray kind = sniff(data);
    if (kind == "image/png")
        return pngSize(data);
    if (kind == "image/gif")
        return gifSize(data);
    if (kind == "image/jpeg")
        return jpegSize(data);
    if (kind == "image/webp")
        return webpSize(data);
    return std::nullopt;
}

std::optional<QSize> AttachmentMedia::pngSize(QByteArrayView data) {
    // Signature (8), then the IHDR chunk: length (4), "IHDR", width, height (big-endian).
    if (data.size() < 24 || data.sliced(12, 4) != "IHDR")
        return std::nullopt;
    return sized(be32(data, 16), be32(data, 20));
}

std::optional<QSize> AttachmentMedia::gifSize(QByteArrayView data) {
    if (data.size() < 10)
        return std::nullopt;
    return sized(le16(data, 6), le16(data, 8)); // the logical screen
}

std::optional<QSize> AttachmentMedia::jpegSize(QByteArrayView data) {
    // Walk the marker segments after SOI to the first start-of-frame (SOF0–SOF15 but DHT, JPG, DAC).
    qsizetype pos = 2;
    while (pos + 4 <= data.size()) {
        if (byteAt(data, pos) != 0xff)
            return std::nullopt;
        while (pos < data.size() && byteAt(data, pos) == 0xff)
            ++pos; // fill bytes
        if (pos >= data.size())
            return std::nullopt;
        const quint32 marker = byteAt(data, pos++);
        if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8))
            continue; // no length
        if (marker == 0xd9 || marker == 0xda || pos + 2 > data.size())
            return std::nullopt; // end of image or scan data before any frame header
        const quint32 length = be16(data, pos);
        if (length < 2)
            return std::nullopt;
        const bool frame =
            marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
        if (frame) {
            if (pos + 7 > data.size() || length < 7)
                return std::nullopt;
            return sized(be16(data, pos + 5), be16(data, pos + 3));
        }
        pos += length;
    }
    return std::nullopt;
}

std::optional<QSize> AttachmentMedia::webpSize(QByteArrayView data) {
    if (data.size() < 30)
        return std::nullopt;
    const QByteArrayView chunk = data.sliced(12, 4);
    if (chunk == "VP8 ") {
        // Lossy: a 3-byte frame tag, the start code 9d 01 2a, then 14-bit width and height.
        if (byteAt(data, 23) != 0x9d || byteAt(data, 24) != 0x01 || byteAt(data, 25) != 0x2a)
            return std::nullopt;
        return sized(le16(data, 26) & 0x3fff, le16(data, 28) & 0x3fff);
    }
    if (chunk == "VP8L") {
        // Lossless: the signature 0x2f, then width - 1 and height - 1 in 14 bits each.
        if (byteAt(data, 20) != 0x2f)
            return std::nullopt;
        const quint32 bits =
            byteAt(data, 21) | (byteAt(data, 22) << 8) | (byteAt(data, 23) << 16) | (byteAt(data, 24) << 24);
        return sized((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
    }
    if (chunk == "VP8X") // extended: canvas width - 1 and height - 1 in 24 bits each
        return sized(le24(data, 24) + 1, le24(data, 27) + 1);
    return std::nullopt;
}

} // namespace botwright::sandbox
