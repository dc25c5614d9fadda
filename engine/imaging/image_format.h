#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>

namespace botwright::imaging {

// The image formats of the SDK's `Image` (botloader-sdk.md §7.3), named as `properties.formatName`
// reports them. All are recognised by content; Qt decodes the first nine, the last four only have
// their headers read (size and format, no pixels).
enum class ImageFormat {
    Png,
    Jpeg,
    Gif,
    WebP,
    Pnm,
    Tiff,
    Tga,
    Bmp,
    Ico,
    Hdr,
    OpenExr,
    Qoi,
    Avif,
};

// "png", "jpeg", "gif", "webp", "pnm", "tiff", "tga", "bmp", "ico", "hdr", "openexr", "qoi", "avif".
QString formatName(ImageFormat format);
std::optional<ImageFormat> formatFromName(QStringView name);
// png, jpeg, gif and webp: what `transcode` can write.
bool isEncodable(ImageFormat format);
// The Qt image plugin that reads the format, or empty when Qt cannot decode it here.
QByteArray qtReaderFormat(ImageFormat format);
// "png, jpeg, …" for error messages.
QString decodableFormatList();
QString encodableFormatList();

} // namespace botwright::imaging
