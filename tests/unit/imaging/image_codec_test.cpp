// engine/imaging/image_codec: the SDK's image ops — properties for every decodable format (detected by
// content), transcoding and resizing to png/jpeg/gif/webp, Botloader's animation rule, and clear errors
// for garbage, formats only read by header, and sizes over the limits.
#include "engine/imaging/image_codec.h"
#include "tests/support/qt_catch.h"
#include "tests/unit/imaging/image_fixtures.h"

#include <QBuffer>
#include <QImageReader>

using botwright::imaging::ImageCodec;
using botwright::imaging::ImageProperties;
namespace fx = botwright::test;

namespace {

struct Props {
    QString format;
    qint64 width;
    qint64 height;
    QString error;
};

Props props(const QByteArray& data) {
    QString error;
    const std::optional<ImageProperties> p = ImageCodec().properties(data, &error);
    return p ? Props{p->formatName, p->width, p->height, {}} : Props{{}, 0, 0, error};
}

struct Transcoded {
    QByteArray data;
    QString error;
};

Transcoded transcode(const QByteArray& data, const QString& in, const QString& out,
                     std::optional<qint64> w = std::nullopt, std::optional<qint64> h = std::nullopt) {
    QString error;
    const std::optional<QByteArray> result = ImageCodec().transcode(data, in, out, w, h, &error);
    return Transcoded{result.value_or(QByteArray()), error};
}

QImage decode(const QByteArray& data, int index = 0) {
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    if (index > 0)
        reader.jumpToImage(index);
    return reader.read();
}

int frameCount(const QByteArray& data) {
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "gif");
    int frames = 0;
    QImage frame;
    while (reader.read(&frame))
        ++frames;
    return frames;
}

} // namespace

TEST_CASE("properties of every decodable format, by content", "[imaging]") {
    const QImage image = fx::quadrants(12, 7);
    struct Case {
        const char* name;
        QByteArray data;
        const char* format;
        qint64 width, height;
    };
    const Case cases[] = {
        {"png", fx::encoded(image, "png"), "png", 12, 7},
        {"jpeg", fx::encoded(image, "jpeg"), "jpeg", 12, 7},
        {"gif", fx::gif({image}), "gif", 12, 7},
        {"webp", fx::encoded(image, "webp"), "webp", 12, 7},
        {"ppm (P6)", fx::encoded(image, "ppm"), "pnm", 12, 7},
        {"pbm (P1)", QByteArray("P1\n# tiny\n3 2\n0 1 0\n1 0 1\n"), "pnm", 3, 2},
        {"pam (P7)", fx::pamHeader(5, 4), "pnm", 5, 4},
        {"tiff", fx::encoded(image, "tiff"), "tiff", 12, 7},
        {"tga with footer", fx::tga(6, 3, true), "tga", 6, 3},
        {"tga without footer", fx::tga(4, 9, false), "tga", 4, 9},
        {"bmp", fx::encoded(image, "bmp"), "bmp", 12, 7},
        {"ico (largest entry)",
         fx::ico({fx::quadrants(16, 16), fx::quadrants(48, 40), fx::quadrants(32, 32)}), "ico", 48, 40},
        {"hdr", fx::hdrHeader(640, 480), "hdr", 640, 480},
        {"openexr", fx::exrHeader(33, 17), "openexr", 33, 17},
        {"qoi", fx::qoiHeader(4000000000u, 3), "qoi", 4000000000ll, 3},
        {"avif (primary item's ispe)", fx::avifHeader(1920, 1080), "avif", 1920, 1080},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        REQUIRE(!c.data.isEmpty());
        const Props p = props(c.data);
        INFO(p.error.toStdString());
        CHECK(p.format == QLatin1StringView(c.format));
        CHECK(p.width == c.width);
        CHECK(p.height == c.height);
    }
}

TEST_CASE("the format comes from the bytes, not from a name", "[imaging]") {
    // A PNG that calls itself jpeg still transcodes as the PNG it is.
    const QByteArray png = fx::encoded(fx::quadrants(8, 8), "png");
    const Transcoded t = transcode(png, QStringLiteral("jpeg"), QStringLiteral("png"));
    INFO(t.error.toStdString());
    CHECK(props(t.data).format == QStringLiteral("png"));
    CHECK(transcode(png, QStringLiteral("psd"), QStringLiteral("png"))
              .error.contains(QStringLiteral("unknown input format")));
}

TEST_CASE("png transcodes to jpeg, webp (lossless) and gif, and resizes", "[imaging]") {
    const QByteArray png = fx::encoded(fx::quadrants(64, 32, true), "png");

    const Transcoded jpeg = transcode(png, QStringLiteral("png"), QStringLiteral("jpeg"));
    INFO(jpeg.error.toStdString());
    CHECK(jpeg.data.startsWith("\xff\xd8\xff"));
    CHECK(props(jpeg.data).width == 64);

    const Transcoded webp = transcode(png, QStringLiteral("png"), QStringLiteral("webp"));
    INFO(webp.error.toStdString());
    REQUIRE(props(webp.data).format == QStringLiteral("webp"));
    CHECK(webp.data.mid(12, 4) == "VP8L"); // lossless, as Botloader writes WebP
    const QImage webpBack = decode(webp.data).convertToFormat(QImage::Format_ARGB32);
    CHECK(webpBack.pixel(40, 5) == qRgb(0, 255, 0));
    CHECK(qAlpha(webpBack.pixel(3, 3)) == 0);

    const Transcoded gif = transcode(png, QStringLiteral("png"), QStringLiteral("gif"));
    INFO(gif.error.toStdString());
    REQUIRE(props(gif.data).format == QStringLiteral("gif"));
    const QImage gifBack = decode(gif.data).convertToFormat(QImage::Format_ARGB32);
    REQUIRE(gifBack.size() == QSize(64, 32));
    CHECK(gifBack.pixel(40, 5) == qRgb(0, 255, 0)); // few colours: kept exactly
    CHECK(gifBack.pixel(10, 20) == qRgb(0, 0, 255));
    CHECK(qAlpha(gifBack.pixel(3, 3)) == 0); // transparency kept

    const Transcoded small = transcode(png, QStringLiteral("png"), QStringLiteral("png"), 16, 8);
    INFO(small.error.toStdString());
    const Props p = props(small.data);
    CHECK(p.format == QStringLiteral("png"));
    CHECK(p.width == 16);
    CHECK(p.height == 8);
    const Transcoded stretched = transcode(png, QStringLiteral("png"), QStringLiteral("webp"), 100, 10);
    CHECK(props(stretched.data).width == 100); // exact size, not aspect-preserving (as Botloader)
    CHECK(props(stretched.data).height == 10);
}

TEST_CASE("many colours go through giflib's quantizer", "[imaging]") {
    const QImage source = fx::gradient(96, 64);
    const Transcoded gif =
        transcode(fx::encoded(source, "png"), QStringLiteral("png"), QStringLiteral("gif"));
    INFO(gif.error.toStdString());
    const QImage back = decode(gif.data).convertToFormat(QImage::Format_RGB32);
    REQUIRE(back.size() == source.size());
    int worst = 0;
    for (int y = 0; y < back.height(); y += 7)
        for (int x = 0; x < back.width(); x += 5) {
            const QRgb a = source.pixel(x, y);
            const QRgb b = back.pixel(x, y);
            worst = std::max({worst, std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                              std::abs(qBlue(a) - qBlue(b))});
        }
    CHECK(worst < 48);
}

TEST_CASE("gif animations keep their frames; other outputs refuse them, as Botloader does", "[imaging]") {
    const QByteArray animation =
        fx::gif({fx::quadrants(20, 20), fx::gradient(20, 20), fx::quadrants(20, 20, true)});
    REQUIRE(frameCount(animation) == 3);
    const Transcoded resized = transcode(animation, QStringLiteral("gif"), QStringLiteral("gif"), 10, 5);
    INFO(resized.error.toStdString());
    CHECK(frameCount(resized.data) == 3);
    CHECK(props(resized.data).width == 10);
    CHECK(props(resized.data).height == 5);

    const Transcoded toPng = transcode(animation, QStringLiteral("gif"), QStringLiteral("png"));
    CHECK(toPng.data.isEmpty());
    CHECK(toPng.error.contains(QStringLiteral("can only be written as gif")));
    // Even a single-frame GIF (Botloader reads every GIF as an animation).
    CHECK(!transcode(fx::gif({fx::quadrants(4, 4)}), QStringLiteral("gif"), QStringLiteral("jpeg"))
               .error.isEmpty());
}

TEST_CASE("formats decoded by Qt other than the encodable ones transcode to png", "[imaging]") {
    const QImage image = fx::quadrants(10, 6);
    for (const char* format : {"bmp", "tiff", "ppm", "jpeg"}) {
        INFO(format);
        const Transcoded t =
            transcode(fx::encoded(image, format), QStringLiteral("png"), QStringLiteral("png"));
        INFO(t.error.toStdString());
        CHECK(props(t.data).width == 10);
    }
    for (const bool footer : {true, false}) { // Qt reads only TGA 2.0; older files get the footer added
        const Transcoded fromTga =
            transcode(fx::tga(3, 2, footer), QStringLiteral("tga"), QStringLiteral("png"));
        INFO(fromTga.error.toStdString());
        CHECK(decode(fromTga.data).pixel(1, 1) == qRgb(0x80, 0x40, 0x20));
    }
    const Transcoded fromPbm =
        transcode(QByteArray("P1\n3 2\n0 1 0\n1 0 1\n"), QStringLiteral("pnm"), QStringLiteral("png"));
    INFO(fromPbm.error.toStdString());
    CHECK(decode(fromPbm.data).convertToFormat(QImage::Format_RGB32).pixel(1, 0) == qRgb(0, 0, 0));
    const Transcoded fromIco = transcode(fx::ico({fx::quadrants(16, 16), fx::quadrants(32, 24)}),
                                         QStringLiteral("ico"), QStringLiteral("png"));
    INFO(fromIco.error.toStdString());
    CHECK(props(fromIco.data).width == 32); // the largest entry
}

TEST_CASE("header-only formats report properties but refuse to transcode", "[imaging]") {
    for (const QByteArray& data : {fx::hdrHeader(8, 8), fx::exrHeader(8, 8), fx::qoiHeader(8, 8),
                                   fx::avifHeader(8, 8), fx::pamHeader(8, 8)}) {
        const Props p = props(data);
        REQUIRE(p.error.isEmpty());
        const Transcoded t = transcode(data, p.format, QStringLiteral("png"));
        CHECK(t.data.isEmpty());
        CHECK(t.error.startsWith(QStringLiteral("decoding %1 is not supported in the studio").arg(p.format)));
    }
}

TEST_CASE("garbage and truncated input are errors, not crashes", "[imaging]") {
    CHECK(props(QByteArray("hello, world")).error.startsWith(QStringLiteral("unrecognised image data")));
    CHECK(props(QByteArray()).error.startsWith(QStringLiteral("unrecognised image data")));
    const QByteArray png = fx::encoded(fx::gradient(40, 40), "png");
    CHECK(!props(png.left(20)).error.isEmpty()); // signature, no complete IHDR
    QByteArray broken = png;
    for (qsizetype i = 60; i < broken.size() - 20; ++i)
        broken[i] = static_cast<char>(i * 31);
    const Transcoded t = transcode(broken, QStringLiteral("png"), QStringLiteral("webp"));
    CHECK(t.data.isEmpty());
    CHECK(t.error.contains(QStringLiteral("png")));
    CHECK(t.error.contains(QStringLiteral("CRC error"))); // libpng's own words, kept off stderr
    // Broken headers of the formats read here.
    CHECK(!props(fx::hdrHeader(4, 4).left(20)).error.isEmpty());
    CHECK(!props(fx::exrHeader(4, 4).left(30)).error.isEmpty());
    CHECK(!props(fx::qoiHeader(4, 4).left(10)).error.isEmpty());
    CHECK(!props(fx::avifHeader(4, 4).left(40)).error.isEmpty());
    CHECK(!props(QByteArray("\0\0\1\0\x05\0", 6)).error.isEmpty()); // ICO with 5 entries and no directory
    // Every prefix of a valid file: an answer or an error, never a crash.
    for (const QByteArray& data : {fx::avifHeader(9, 9), fx::exrHeader(9, 9), fx::ico({fx::quadrants(8, 8)})})
        for (qsizetype n = 0; n <= data.size(); ++n)
            (void)props(data.left(n));
}

TEST_CASE("sizes over the limits are refused with a clear error", "[imaging]") {
    // Properties are only the header: a huge image still reports its size.
    const QByteArray huge = fx::pngClaiming(20000, 20000);
    CHECK(props(huge).width == 20000);
    const Transcoded tooWide = transcode(huge, QStringLiteral("png"), QStringLiteral("png"));
    CHECK(tooWide.data.isEmpty());
    CHECK(tooWide.error.contains(QStringLiteral("too large")));
    CHECK(tooWide.error.contains(QStringLiteral("8192")));
    // Within 8192 a side but more than 64 MiB of pixels.
    CHECK(transcode(fx::pngClaiming(8000, 8000), QStringLiteral("png"), QStringLiteral("png"))
              .error.contains(QStringLiteral("too large")));
    const QByteArray png = fx::encoded(fx::quadrants(4, 4), "png");
    CHECK(transcode(png, QStringLiteral("png"), QStringLiteral("png"), 9000, 9000)
              .error.contains(QStringLiteral("too large")));
    CHECK(transcode(png, QStringLiteral("png"), QStringLiteral("png"), 0, 10)
              .error.contains(QStringLiteral("at least 1")));
    CHECK(transcode(png, QStringLiteral("png"), QStringLiteral("png"), 10, std::nullopt)
              .error.contains(QStringLiteral("both a width and a height")));
    CHECK(transcode(png, QStringLiteral("png"), QStringLiteral("bmp"))
              .error.contains(QStringLiteral("png, jpeg, gif, webp")));
    const QByteArray animation =
        fx::gif({fx::quadrants(8, 8), fx::gradient(8, 8), fx::quadrants(8, 8, true)});
    QString tooLong;
    CHECK(!ImageCodec({.maxFrames = 2})
               .transcode(animation, u"gif", u"gif", std::nullopt, std::nullopt, &tooLong));
    CHECK(tooLong.contains(QStringLiteral("animation is too long")));
    ImageCodec small({.maxInputBytes = 10});
    QString error;
    CHECK(!small.transcode(png, QStringLiteral("png"), QStringLiteral("png"), std::nullopt, std::nullopt,
                           &error));
    CHECK(error.contains(QStringLiteral("too large")));
}
