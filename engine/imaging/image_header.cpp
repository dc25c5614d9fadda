#include "engine/imaging/image_header.h"

#include "engine/imaging/avif_header.h"
#include "engine/imaging/byte_reader.h"

#include <QByteArray>
#include <QList>

#include <cstring>

namespace botwright::imaging {

namespace {

constexpr qsizetype kTextHeaderLimit = 64 * 1024; // hdr and PAM headers are text; real ones are short

bool startsWith(QByteArrayView data, const char* magic, qsizetype length, qsizetype at = 0) {
    return data.size() >= at + length &&
           std::memcmp(data.data() + at, magic, static_cast<size_t>(length)) == 0;
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// The complete lines (without '\n' or "\r\n") among the first `limit` bytes.
QList<QByteArrayView> textLines(QByteArrayView data, qsizetype limit) {
    QList<QByteArrayView> lines;
    const QByteArrayView text = data.first(std::min(data.size(), limit));
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            break; // an unfinished line does not count
        QByteArrayView line = text.sliced(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        lines.append(line);
        start = end + 1;
    }
    return lines;
}

std::optional<qint64> positiveNumber(QByteArrayView text) {
    bool ok = false;
    const qint64 n = QByteArray(text.data(), text.size()).toLongLong(&ok);
    if (!ok || n <= 0)
        return std::nullopt;
    return n;
}

std::optional<ImageDimensions> fail(QString* error, const QString& message) {
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

std::optional<ImageFormat> ImageHeader::detect(QByteArrayView data) {
    if (startsWith(data, "\x89PNG\r\n\x1a\n", 8))
        return ImageFormat::Png;
    if (startsWith(data, "\xff\xd8\xff", 3))
        return ImageFormat::Jpeg;
    if (startsWith(data, "GIF87a", 6) || startsWith(data, "GIF89a", 6))
        return ImageFormat::Gif;
    if (startsWith(data, "RIFF", 4) && startsWith(data, "WEBP", 4, 8))
        return ImageFormat::WebP;
    if (startsWith(data, "II*\0", 4) || startsWith(data, "MM\0*", 4))
        return ImageFormat::Tiff;
    if (startsWith(data, "qoif", 4))
        return ImageFormat::Qoi;
    if (startsWith(data, "\x76\x2f\x31\x01", 4))
        return ImageFormat::OpenExr;
    if (startsWith(data, "#?RADIANCE", 10) || startsWith(data, "#?RGBE", 6))
        return ImageFormat::Hdr;
    if (AvifHeader::isAvif(data))
        return ImageFormat::Avif;
    if (startsWith(data, "\0\0\1\0", 4) && data.size() >= 6 && ByteReader(data).le16(4).value_or(0) > 0)
        return ImageFormat::Ico;
    if (startsWith(data, "BM", 2))
        return ImageFormat::Bmp;
    if (data.size() >= 3 && data[0] == 'P' && data[1] >= '1' && data[1] <= '7' && isSpace(data[2]))
        return ImageFormat::Pnm;
    if (looksLikeTga(data))
        return ImageFormat::Tga;
    return std::nullopt;
}

bool ImageHeader::looksLikeTga(QByteArrayView data) {
    const ByteReader r(data);
    if (data.size() < 18)
        return false;
    const auto byte = [&](qsizetype at) { return static_cast<unsigned char>(data[at]); };
    const int idLength = byte(0);
    const int colorMapType = byte(1);
    const int imageType = byte(2);
    const int depth = byte(16);
    const int descriptor = byte(17);
    if (colorMapType > 1)
        return false;
    if (imageType != 1 && imageType != 2 && imageType != 3 && imageType != 9 && imageType != 10 &&
        imageType != 11)
        return false;
    if ((imageType == 1 || imageType == 9) != (colorMapType == 1))
        return false;
    if (depth != 8 && depth != 15 && depth != 16 && depth != 24 && depth != 32)
        return false;
    if ((descriptor & 0xc0) != 0 || r.le16(12).value_or(0) == 0 || r.le16(14).value_or(0) == 0)
        return false;
    if (18 + idLength > data.size())
        return false;
    // Version 2 files end in a footer that names the format; older ones get a stricter look.
    if (hasTgaFooter(data))
        return true;
    if (colorMapType == 0)
        for (qsizetype i = 3; i < 8; ++i)
            if (byte(i) != 0)
                return false;
    return true;
}

std::optional<ImageDimensions> ImageHeader::dimensions(ImageFormat format, QByteArrayView data,
                                                       QString* error) {
    switch (format) {
    case ImageFormat::Hdr:
        return hdr(data, error);
    case ImageFormat::OpenExr:
        return openExr(data, error);
    case ImageFormat::Qoi:
        return qoi(data, error);
    case ImageFormat::Avif:
        return AvifHeader::dimensions(data, error);
    case ImageFormat::Ico:
        return ico(data, error);
    case ImageFormat::Tga:
        return tga(data, error);
    case ImageFormat::Pnm:
        if (isPam(data))
            return pam(data, error);
        break;
    default:
        break;
    }
    return fail(error, QStringLiteral("the %1 header is read by Qt, not here").arg(formatName(format)));
}

std::optional<ImageDimensions> ImageHeader::hdr(QByteArrayView data, QString* error) {
    // Radiance RGBE: "#?RADIANCE" (or "#?RGBE"), header lines, an empty line, then the resolution
    // line, e.g. "-Y 480 +X 640" (rows first) or "+X 640 -Y 480" (columns first).
    const QList<QByteArrayView> lines = textLines(data, kTextHeaderLimit);
    qsizetype i = 1;
    while (i < lines.size() && !lines[i].isEmpty())
        ++i;
    if (i + 1 >= lines.size())
        return fail(error, QStringLiteral("the HDR header is incomplete (no resolution line)"));
    const QList<QByteArray> parts =
        QByteArray(lines[i + 1].data(), lines[i + 1].size()).simplified().split(' ');
    const auto axis = [](const QByteArray& token) -> char {
        return token.size() == 2 && (token[0] == '+' || token[0] == '-') ? token[1] : '\0';
    };
    if (parts.size() != 4)
        return fail(error, QStringLiteral("the HDR resolution line is malformed"));
    const char first = axis(parts[0]);
    const char second = axis(parts[2]);
    const std::optional<qint64> a = positiveNumber(parts[1]);
    const std::optional<qint64> b = positiveNumber(parts[3]);
    if (!a || !b || !((first == 'Y' && second == 'X') || (first == 'X' && second == 'Y')))
        return fail(error, QStringLiteral("the HDR resolution line is malformed"));
    return first == 'Y' ? ImageDimensions{*b, *a} : ImageDimensions{*a, *b};
}

std::optional<ImageDimensions> ImageHeader::openExr(QByteArrayView data, QString* error) {
    // Magic, a version word, then attributes: name\0 type\0 int32 size, value; an empty name ends the
    // header. The image size is the "dataWindow" box2i (xMin, yMin, xMax, yMax, inclusive).
    const ByteReader r(data);
    const std::optional<quint32> version = r.le32(4);
    if (!version)
        return fail(error, QStringLiteral("the OpenEXR header is truncated"));
    const qsizetype maxName = (*version & 0x400) ? 255 : 31;
    qsizetype at = 8;
    for (;;) {
        const std::optional<QByteArrayView> name = r.cString(at, maxName);
        if (!name)
            return fail(error, QStringLiteral("the OpenEXR header is truncated or malformed"));
        at += name->size() + 1;
        if (name->isEmpty())
            return fail(error, QStringLiteral("the OpenEXR header has no dataWindow"));
        const std::optional<QByteArrayView> type = r.cString(at, maxName);
        if (!type)
            return fail(error, QStringLiteral("the OpenEXR header is truncated or malformed"));
        at += type->size() + 1;
        const std::optional<quint32> size = r.le32(at);
        if (!size || *size > static_cast<quint64>(data.size() - at - 4))
            return fail(error, QStringLiteral("the OpenEXR header is truncated or malformed"));
        at += 4;
        if (*name == "dataWindow" && *type == "box2i" && *size == 16) {
            const auto corner = [&](qsizetype offset) { return static_cast<qint32>(*r.le32(at + offset)); };
            const qint64 width = static_cast<qint64>(corner(8)) - corner(0) + 1;
            const qint64 height = static_cast<qint64>(corner(12)) - corner(4) + 1;
            if (width <= 0 || height <= 0)
                return fail(error, QStringLiteral("the OpenEXR dataWindow is empty"));
            return ImageDimensions{width, height};
        }
        at += *size;
    }
}

std::optional<ImageDimensions> ImageHeader::qoi(QByteArrayView data, QString* error) {
    // "qoif", width and height (big-endian u32), channels (3, 4), colour space (0, 1).
    const ByteReader r(data);
    const std::optional<quint32> width = r.be32(4);
    const std::optional<quint32> height = r.be32(8);
    if (!width || !height || data.size() < 14)
        return fail(error, QStringLiteral("the QOI header is truncated"));
    const auto channels = static_cast<unsigned char>(data[12]);
    const auto colorspace = static_cast<unsigned char>(data[13]);
    if ((channels != 3 && channels != 4) || colorspace > 1 || *width == 0 || *height == 0)
        return fail(error, QStringLiteral("the QOI header is malformed"));
    return ImageDimensions{*width, *height};
}

int ImageHeader::largestIcoEntry(QByteArrayView data) {
    const ByteReader r(data);
    const int count = r.le16(4).value_or(0);
    int best = -1;
    qint64 bestPixels = 0;
    for (int i = 0; i < count && 6 + 16 * (i + 1) <= data.size(); ++i) {
        const qsizetype e = 6 + 16 * i;
        const qint64 w = static_cast<unsigned char>(data[e]) == 0 ? 256 : static_cast<unsigned char>(data[e]);
        const qint64 h =
            static_cast<unsigned char>(data[e + 1]) == 0 ? 256 : static_cast<unsigned char>(data[e + 1]);
        if (w * h > bestPixels) {
            bestPixels = w * h;
            best = i;
        }
    }
    return best;
}

std::optional<ImageDimensions> ImageHeader::ico(QByteArrayView data, QString* error) {
    const ByteReader r(data);
    const int count = r.le16(4).value_or(0);
    if (count == 0 || 6 + 16 * static_cast<qsizetype>(count) > data.size())
        return fail(error, QStringLiteral("the ICO directory is truncated"));
    const int best = largestIcoEntry(data);
    const qsizetype e = 6 + 16 * best;
    ImageDimensions size{
        static_cast<unsigned char>(data[e]) == 0 ? 256 : static_cast<unsigned char>(data[e]),
        static_cast<unsigned char>(data[e + 1]) == 0 ? 256 : static_cast<unsigned char>(data[e + 1])};
    // An entry stored as PNG has its exact size in its own IHDR.
    const qsizetype at = r.le32(e + 12).value_or(0);
    if (at > 0 && startsWith(data, "\x89PNG\r\n\x1a\n", 8, at) && startsWith(data, "IHDR", 4, at + 12)) {
        const std::optional<quint32> w = r.be32(at + 16);
        const std::optional<quint32> h = r.be32(at + 20);
        if (w && h && *w > 0 && *h > 0)
            size = ImageDimensions{*w, *h};
    }
    return size;
}

bool ImageHeader::hasTgaFooter(QByteArrayView data) {
    return data.size() >= 44 && startsWith(data, "TRUEVISION-XFILE.\0", 18, data.size() - 18);
}

std::optional<ImageDimensions> ImageHeader::tga(QByteArrayView data, QString* error) {
    if (!looksLikeTga(data))
        return fail(error, QStringLiteral("the TGA header is malformed"));
    const ByteReader r(data);
    return ImageDimensions{*r.le16(12), *r.le16(14)};
}

bool ImageHeader::isPam(QByteArrayView data) {
    return data.size() >= 3 && data[0] == 'P' && data[1] == '7' && isSpace(data[2]);
}

std::optional<ImageDimensions> ImageHeader::pam(QByteArrayView data, QString* error) {
    // "P7", then "KEY value" lines ("#" comments) up to "ENDHDR".
    std::optional<qint64> width;
    std::optional<qint64> height;
    const QList<QByteArrayView> lines = textLines(data, kTextHeaderLimit);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> parts = QByteArray(lines[i].data(), lines[i].size()).simplified().split(' ');
        if (parts.isEmpty() || parts[0].startsWith('#'))
            continue;
        if (parts[0] == "ENDHDR") {
            if (!width || !height)
                break;
            return ImageDimensions{*width, *height};
        }
        if (parts.size() == 2 && parts[0] == "WIDTH")
            width = positiveNumber(parts[1]);
        else if (parts.size() == 2 && parts[0] == "HEIGHT")
            height = positiveNumber(parts[1]);
    }
    return fail(error, QStringLiteral("the PAM header is incomplete or malformed"));
}

bool ImageHeader::isAnimatedPng(QByteArrayView data) {
    // Chunks: length (big-endian u32), type, data, CRC. APNG's acTL comes before the first IDAT.
    const ByteReader r(data);
    qsizetype at = 8;
    while (at + 8 <= data.size()) {
        const QByteArrayView type = data.sliced(at + 4, 4);
        if (type == "acTL")
            return true;
        if (type == "IDAT" || type == "IEND")
            return false;
        at += 12 + static_cast<qsizetype>(*r.be32(at));
    }
    return false;
}

bool ImageHeader::isAnimatedWebP(QByteArrayView data) {
    // "RIFF" size "WEBP", then the first chunk; VP8X's flags byte has the animation bit (0x02).
    return startsWith(data, "VP8X", 4, 12) && data.size() > 20 &&
           (static_cast<unsigned char>(data[20]) & 0x02);
}

} // namespace botwright::imaging
