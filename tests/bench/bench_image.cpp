// Image op figures (the SDK's Image, engine/imaging/image_codec), on a 512x512 PNG with a photo-like
// mix of gradients and noise, as a script's transcode()/resize() would run them in botwright-vm:
//   image_png512_to_webp_ms       transcode to WebP (lossless, as Botloader writes it), median per op
//   image_png512_resize128_ms     resize to 128x128, still PNG, median per op
//   image_png512_to_webp128_ms    transcode to WebP resized to 128x128 in one op, median per op
//   image_png512_to_gif_ms        transcode to GIF (giflib's quantizer: many colours), median per op
//   image_png512_properties_us    properties (header only), median per op
#include "engine/imaging/image_codec.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QImageWriter>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <vector>

using botwright::imaging::ImageCodec;

namespace {

[[noreturn]] void fail(const QString& what) {
    std::fprintf(stderr, "bench_image: %s\n", qPrintable(what));
    std::exit(1);
}

QByteArray samplePng() {
    QImage image(512, 512, QImage::Format_RGB32);
    std::mt19937 random(7);
    std::uniform_int_distribution<int> noise(-12, 12);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const auto channel = [&](int base) { return std::clamp(base + noise(random), 0, 255); };
            image.setPixel(x, y, qRgb(channel(x / 2), channel(y / 2), channel((x + y) / 4 + 64)));
        }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!QImageWriter(&buffer, "png").write(image))
        fail(QStringLiteral("cannot write the sample PNG"));
    return png;
}

// The median time of `runs` calls of `op`, in the unit `scale` (1e-6: ms, 1e-3: µs).
double median(int runs, double scale, const std::function<void()>& op) {
    op(); // warm-up: plugins load, caches fill
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        op();
        times.push_back(static_cast<double>(timer.nsecsElapsed()) * scale);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv); // as in botwright-vm: no QGuiApplication
    const QByteArray png = samplePng();
    const ImageCodec codec;
    const auto transcode = [&](const char* out, std::optional<qint64> w, std::optional<qint64> h) {
        QString error;
        if (!codec.transcode(png, u"png", QString::fromLatin1(out), w, h, &error))
            fail(error);
    };
    std::printf("image_png512_to_webp_ms %.2f ms\n", median(15, 1e-6, [&] { transcode("webp", {}, {}); }));
    std::printf("image_png512_resize128_ms %.2f ms\n", median(40, 1e-6, [&] { transcode("png", 128, 128); }));
    std::printf("image_png512_to_webp128_ms %.2f ms\n",
                median(40, 1e-6, [&] { transcode("webp", 128, 128); }));
    std::printf("image_png512_to_gif_ms %.2f ms\n", median(15, 1e-6, [&] { transcode("gif", {}, {}); }));
    std::printf("image_png512_properties_us %.1f us\n", median(200, 1e-3, [&] {
                    QString error;
                    if (!codec.properties(png, &error))
                        fail(error);
                }));
    return 0;
}
