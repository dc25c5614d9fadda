#pragma once
// Bytes for upload tests: image headers the sandbox reads sizes from, and multipart request bodies.

#include <QByteArray>
#include <QtEndian>

namespace upload_fixtures {

inline QByteArray be32(quint32 v) {
    QByteArray out(4, '\0');
    qToBigEndian(v, out.data());
    return out;
}
inline QByteArray le16(quint16 v) {
    QByteArray out(2, '\0');
    qToLittleEndian(v, out.data());
    return out;
}
inline QByteArray le24(quint32 v) {
    return QByteArray(1, static_cast<char>(v & 0xff)) + static_cast<char>((v >> 8) & 0xff) +
           static_cast<char>((v >> 16) & 0xff);
}

// A PNG signature and IHDR chunk (the pixels are not needed to read the size).
inline QByteArray pngHeader(quint32 width, quint32 height) {
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(width) + be32(height) +
           QByteArray("\x08\x06\x00\x00\x00", 5) + be32(0);
}

inline QByteArray gifHeader(quint16 width, quint16 height) {
    return QByteArray("GIF89a") + le16(width) + le16(height) + QByteArray("\x00\x00\x00", 3);
}

// SOI, an APP0 segment, then SOF0 with the size (height first).
inline QByteArray jpegHeader(quint16 width, quint16 height) {
    QByteArray out("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
    out += QByteArray("\xff\xc0\x00\x11\x08", 5);
    out += static_cast<char>(height >> 8);
    out += static_cast<char>(height & 0xff);
    out += static_cast<char>(width >> 8);
    out += static_cast<char>(width & 0xff);
    out += QByteArray("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
    return out;
}

// An extended WebP (VP8X) header: the canvas size minus one in 24 bits each.
inline QByteArray webpHeader(quint32 width, quint32 height) {
    QByteArray chunk = QByteArray("\x00\x00\x00\x00", 4) + le24(width - 1) + le24(height - 1);
    QByteArray out = "RIFF" + QByteArray(4, '\0') + "WEBPVP8X" + QByteArray("\x0a\x00\x00\x00", 4) + chunk;
    return out + QByteArray(8, '\0');
}

} // namespace upload_fixtures
