#pragma once
// Image fixtures for the imaging tests, made here rather than checked in: Qt's writers where Qt can
// write the format, the project's GifWriter for GIF, and small hand-made files or headers for TGA,
// PBM, PAM, ICO, HDR, OpenEXR, QOI and AVIF (their layouts are in each format's specification).
#include "engine/imaging/gif_writer.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QList>
#include <QtEndian>

#include <zlib.h>

namespace botwright::test {

// Four flat quadrants (red, green, blue, white); with `alpha`, the top-left one is transparent.
inline QImage quadrants(int width, int height, bool alpha = false) {
    QImage image(width, height, QImage::Format_ARGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const bool right = x >= width / 2;
            const bool bottom = y >= height / 2;
            QRgb c = !right && !bottom  ? qRgb(255, 0, 0)
                     : right && !bottom ? qRgb(0, 255, 0)
                     : !right           ? qRgb(0, 0, 255)
                                        : qRgb(255, 255, 255);
            if (alpha && !right && !bottom)
                c = qRgba(0, 0, 0, 0);
            image.setPixel(x, y, c);
        }
    return image;
}

// Many colours: a smooth two-way gradient.
inline QImage gradient(int width, int height) {
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y,
                           qRgb(x * 255 / std::max(1, width - 1), y * 255 / std::max(1, height - 1),
                                (x + y) * 255 / std::max(1, width + height - 2)));
    return image;
}

inline QByteArray encoded(const QImage& image, const char* format) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (!writer.write(image))
        return {};
    return bytes;
}

inline QByteArray gif(const QList<QImage>& frames, int delayMs = 100) {
    imaging::GifWriter writer(frames.first().size(), frames.size() > 1);
    for (const QImage& frame : frames)
        if (!writer.addFrame(frame, delayMs))
            return {};
    return writer.finish() ? writer.data() : QByteArray();
}

inline void be32(QByteArray& out, quint32 v) {
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}

inline void le32(QByteArray& out, quint32 v) {
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}

inline void le16(QByteArray& out, quint16 v) {
    char b[2];
    qToLittleEndian(v, b);
    out.append(b, 2);
}

// A real PNG whose IHDR then claims another size (with a correct CRC, so readers believe it).
inline QByteArray pngClaiming(quint32 width, quint32 height) {
    QByteArray png = encoded(quadrants(2, 2), "png");
    QByteArray size;
    be32(size, width);
    be32(size, height);
    png.replace(16, 8, size);
    const quint32 crc = static_cast<quint32>(
        crc32(0, reinterpret_cast<const Bytef*>(png.constData() + 12), 17)); // type + data
    QByteArray crcBytes;
    be32(crcBytes, crc);
    png.replace(29, 4, crcBytes);
    return png;
}

// Uncompressed 24-bit true-colour TGA, bottom-up rows, with the version 2 footer when asked.
inline QByteArray tga(int width, int height, bool footer) {
    QByteArray out(18, '\0');
    out[2] = 2; // true colour
    out[12] = static_cast<char>(width & 0xff);
    out[13] = static_cast<char>(width >> 8);
    out[14] = static_cast<char>(height & 0xff);
    out[15] = static_cast<char>(height >> 8);
    out[16] = 24;
    for (int i = 0; i < width * height; ++i)
        out.append("\x20\x40\x80", 3); // B, G, R
    if (footer) {
        out.append(QByteArray(8, '\0')); // no extension or developer area
        out.append("TRUEVISION-XFILE.", 17);
        out.append('\0');
    }
    return out;
}

inline QByteArray hdrHeader(int width, int height) {
    return QStringLiteral(
               "#?RADIANCE\n# made by a test\nFORMAT=32-bit_rle_rgbe\nEXPOSURE=1.0\n\n-Y %1 +X %2\n")
               .arg(height)
               .arg(width)
               .toLatin1() +
           QByteArray(16, '\x01');
}

inline void exrAttribute(QByteArray& out, const char* name, const char* type, const QByteArray& value) {
    out.append(name);
    out.append('\0');
    out.append(type);
    out.append('\0');
    le32(out, static_cast<quint32>(value.size()));
    out.append(value);
}

// An OpenEXR header: a couple of attributes, the data window (x 10..10+width-1, y -2..-2+height-1).
inline QByteArray exrHeader(int width, int height) {
    QByteArray out("\x76\x2f\x31\x01", 4);
    le32(out, 2);
    exrAttribute(out, "compression", "compression", QByteArray(1, '\0'));
    QByteArray box;
    le32(box, 10);
    le32(box, static_cast<quint32>(-2));
    le32(box, static_cast<quint32>(10 + width - 1));
    le32(box, static_cast<quint32>(-2 + height - 1));
    exrAttribute(out, "displayWindow", "box2i", box);
    exrAttribute(out, "dataWindow", "box2i", box);
    out.append('\0'); // end of header
    return out;
}

inline QByteArray qoiHeader(quint32 width, quint32 height) {
    QByteArray out("qoif");
    be32(out, width);
    be32(out, height);
    out.append('\4');
    out.append('\0');
    out.append(QByteArray(8, '\0'));
    return out;
}

inline QByteArray box(const char* type, const QByteArray& payload) {
    QByteArray out;
    be32(out, static_cast<quint32>(8 + payload.size()));
    out.append(type, 4);
    out.append(payload);
    return out;
}

inline QByteArray ispe(quint32 width, quint32 height) {
    QByteArray payload(4, '\0');
    be32(payload, width);
    be32(payload, height);
    return box("ispe", payload);
}

// An AVIF header: ftyp, then meta with pitm (item 2), and iprp whose ipco holds a thumbnail-sized
// ispe first and the primary item's ispe second; ipma maps item 1 → property 1, item 2 → property 2.
inline QByteArray avifHeader(quint32 width, quint32 height) {
    QByteArray ftyp("avif");
    be32(ftyp, 0);
    ftyp.append("avifmif1miaf");
    QByteArray pitm(4, '\0');
    pitm.append("\0\2", 2);
    QByteArray ipma(4, '\0');
    be32(ipma, 2);
    ipma.append("\0\1\1\x81", 4); // item 1: one association, essential, property 1
    ipma.append("\0\2\1\x82", 4); // item 2: property 2
    const QByteArray iprp = box("iprp", box("ipco", ispe(16, 16) + ispe(width, height)) + box("ipma", ipma));
    QByteArray meta(4, '\0');
    meta.append(box("hdlr", QByteArray(4, '\0') + QByteArray(4, '\0') + "pict" + QByteArray(13, '\0')));
    meta.append(box("pitm", pitm));
    meta.append(iprp);
    return box("ftyp", ftyp) + box("meta", meta) + box("mdat", QByteArray(32, '\x55'));
}

inline QByteArray pamHeader(int width, int height) {
    return QStringLiteral("P7\nWIDTH %1\nHEIGHT %2\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n")
               .arg(width)
               .arg(height)
               .toLatin1() +
           QByteArray(width * height * 3, '\x7f');
}

// An ICO whose entries are PNGs, in the given order.
inline QByteArray ico(const QList<QImage>& images) {
    QByteArray out;
    le16(out, 0);
    le16(out, 1);
    le16(out, static_cast<quint16>(images.size()));
    QList<QByteArray> pngs;
    for (const QImage& image : images)
        pngs.append(encoded(image, "png"));
    quint32 offset = 6 + 16 * static_cast<quint32>(images.size());
    for (qsizetype i = 0; i < images.size(); ++i) {
        out.append(static_cast<char>(images[i].width() >= 256 ? 0 : images[i].width()));
        out.append(static_cast<char>(images[i].height() >= 256 ? 0 : images[i].height()));
        out.append('\0'); // palette size
        out.append('\0');
        le16(out, 1);  // planes
        le16(out, 32); // bits per pixel
        le32(out, static_cast<quint32>(pngs[i].size()));
        le32(out, offset);
        offset += static_cast<quint32>(pngs[i].size());
    }
    for (const QByteArray& png : pngs)
        out.append(png);
    return out;
}

} // namespace botwright::test
