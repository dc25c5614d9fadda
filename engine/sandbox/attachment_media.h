#pragma once

#include <QByteArrayView>
#include <QSize>
#include <QString>

#include <optional>

namespace botwright::sandbox {

// What the sandbox says about an uploaded file, as Discord's attachment object does: its content
// type and, for PNG, JPEG, GIF and WebP images, its size in pixels (read from the header only; no
// decoding, no Qt Gui).
class AttachmentMedia final {
public:
    // The part's declared type unless it is absent or application/octet-stream; then the type the
    // first bytes show (PNG, JPEG, GIF, WebP, PDF); then the type of the file name's extension.
    // Text types get "; charset=utf-8" when the data is valid UTF-8 and no charset was declared.
    static QString contentType(const QString& filename, QByteArrayView declared,
                               QByteArrayView declaredParameters, QByteArrayView data);
    // Width and height from a PNG, JPEG, GIF or WebP header; nullopt for anything else or a
    // malformed header.
    static std::optional<QSize> imageSize(QByteArrayView data);

private:
    static QByteArray sniff(QByteArrayView data);
    static std::optional<QSize> pngSize(QByteArrayView data);
    static std::optional<QSize> gifSize(QByteArrayView data);
    static std::optional<QSize> jpegSize(QByteArrayView data);
    static std::optional<QSize> webpSize(QByteArrayView data);
};

} // namespace botwright::sandbox
