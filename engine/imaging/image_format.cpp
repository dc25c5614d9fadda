#include "engine/imaging/image_format.h"

#include <QStringList>

#include <array>

namespace botwright::imaging {

namespace {

struct FormatEntry {
    ImageFormat format;
    const char* name;
    const char* qtReader; // "" when Qt does not decode it
    bool encodable;
};

constexpr std::array<FormatEntry, 13> kFormats{{
    {ImageFormat::Png, "png", "png", true},
    {ImageFormat::Jpeg, "jpeg", "jpeg", true},
    {ImageFormat::Gif, "gif", "gif", true},
    {ImageFormat::WebP, "webp", "webp", true},
    {ImageFormat::Pnm, "pnm", "ppm", false}, // Qt's ppm plugin reads P1–P6 (not P7, PAM)
    {ImageFormat::Tiff, "tiff", "tiff", false},
    {ImageFormat::Tga, "tga", "tga", false},
    {ImageFormat::Bmp, "bmp", "bmp", false},
    {ImageFormat::Ico, "ico", "ico", false},
    {ImageFormat::Hdr, "hdr", "", false},
    {ImageFormat::OpenExr, "openexr", "", false},
    {ImageFormat::Qoi, "qoi", "", false},
    {ImageFormat::Avif, "avif", "", false},
}};

const FormatEntry& entry(ImageFormat format) {
    return kFormats[static_cast<std::size_t>(format)];
}

} // namespace

QString formatName(ImageFormat format) {
    return QString::fromLatin1(entry(format).name);
}

std::optional<ImageFormat> formatFromName(QStringView name) {
    for (const FormatEntry& e : kFormats)
        if (name == QLatin1StringView(e.name))
            return e.format;
    return std::nullopt;
}

bool isEncodable(ImageFormat format) {
    return entry(format).encodable;
}

QByteArray qtReaderFormat(ImageFormat format) {
    return QByteArray(entry(format).qtReader);
}

QString decodableFormatList() {
    QStringList names;
    for (const FormatEntry& e : kFormats)
        names.append(QString::fromLatin1(e.name));
    return names.join(QStringLiteral(", "));
}

QString encodableFormatList() {
    QStringList names;
    for (const FormatEntry& e : kFormats)
        if (e.encodable)
            names.append(QString::fromLatin1(e.name));
    return names.join(QStringLiteral(", "));
}

} // namespace botwright::imaging
