#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

class QImage;

namespace botwright::imaging {

// Lossless WebP (what Botloader writes) through libwebp itself rather than Qt's plugin: Qt 6.4's
// writer runs lossless at a fixed high effort (about 0.8 s for a 512x512 photo on one core, most of
// a script's CPU budget); effort 25 / method 1 takes a fifteenth of that, with files of about the
// same size. Decoding stays with Qt's plugin.
class WebpWriter final {
public:
    static std::optional<QByteArray> encodeLossless(const QImage& image, QString* error);
};

} // namespace botwright::imaging
