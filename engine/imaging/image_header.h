#pragma once

#include "engine/imaging/image_format.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace botwright::imaging {

// Width and height as a header states them (up to 2^32 - 1 in some formats).
struct ImageDimensions {
    qint64 width = 0;
    qint64 height = 0;
};

// What image bytes are, from their first bytes (magic numbers; TGA, which has none, from its footer
// or a strict check of its header), and the size stated in headers Qt cannot read here. Never reads
// past the data; never trusts a length field without checking it.
class ImageHeader final {
public:
    static std::optional<ImageFormat> detect(QByteArrayView data);

    // The size from the header, for formats whose size is read without Qt: hdr, openexr, qoi, avif
    // (see AvifHeader), ico (the largest entry), tga and pnm's P7 (PAM). nullopt with `error` set when the
    // header is malformed, or when the format is not one of those.
    static std::optional<ImageDimensions> dimensions(ImageFormat format, QByteArrayView data, QString* error);

    // A PNG with an acTL chunk before its first IDAT (an animated PNG).
    static bool isAnimatedPng(QByteArrayView data);
    // A WebP whose extended header (VP8X) has the animation flag.
    static bool isAnimatedWebP(QByteArrayView data);
    // The ICO directory entry with the most pixels (the one Botloader's decoder picks), or -1.
    static int largestIcoEntry(QByteArrayView data);
    // A P7 (PAM) file, which Qt's pnm plugin cannot read.
    static bool isPam(QByteArrayView data);
    // A TGA 2.0 file (with the "TRUEVISION-XFILE" footer); Qt's plugin reads only those.
    static bool hasTgaFooter(QByteArrayView data);

private:
    static std::optional<ImageDimensions> hdr(QByteArrayView data, QString* error);
    static std::optional<ImageDimensions> openExr(QByteArrayView data, QString* error);
    static std::optional<ImageDimensions> qoi(QByteArrayView data, QString* error);
    static std::optional<ImageDimensions> ico(QByteArrayView data, QString* error);
    static std::optional<ImageDimensions> pam(QByteArrayView data, QString* error);
    static std::optional<ImageDimensions> tga(QByteArrayView data, QString* error);
    static bool looksLikeTga(QByteArrayView data);
};

} // namespace botwright::imaging
