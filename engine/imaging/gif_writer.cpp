#include "engine/imaging/gif_writer.h"

#include <algorithm>
#include <gif_lib.h>
#include <memory>
#include <unordered_map>
#include <vector>

namespace botwright::imaging {

namespace {

struct MapDeleter {
    void operator()(ColorMapObject* map) const { GifFreeMapObject(map); }
};

GifColorType color(QRgb rgb) {
    return GifColorType{static_cast<GifByteType>(qRed(rgb)), static_cast<GifByteType>(qGreen(rgb)),
                        static_cast<GifByteType>(qBlue(rgb))};
}

constexpr int kOpaqueAlpha = 128; // alpha from here on is drawn, below it is transparent

// One frame as palette indices: `palette` holds the opaque colours; transparent pixels get the index
// right after them.
struct IndexedFrame {
    std::vector<GifByteType> indices;
    std::vector<GifColorType> palette;
    bool transparent = false;
};

// Exact colours when there are few enough; false otherwise.
bool indexExactly(const QImage& argb, IndexedFrame* out) {
    std::unordered_map<QRgb, GifByteType> seen;
    const int width = argb.width();
    bool transparent = false;
    for (int y = 0; y < argb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(argb.constScanLine(y));
        for (int x = 0; x < width; ++x) {
            if (qAlpha(line[x]) < kOpaqueAlpha) {
                transparent = true;
                continue;
            }
            const QRgb rgb = line[x] | 0xff000000u;
            if (seen.size() < 257 && !seen.contains(rgb))
                seen.emplace(rgb, static_cast<GifByteType>(seen.size()));
        }
    }
    if (seen.size() + (transparent ? 1 : 0) > 256)
        return false;
    out->transparent = transparent;
    out->palette.resize(seen.size());
    for (const auto& [rgb, index] : seen)
        out->palette[index] = color(rgb);
    const auto transparentIndex = static_cast<GifByteType>(seen.size());
    out->indices.resize(static_cast<size_t>(width) * static_cast<size_t>(argb.height()));
    GifByteType* at = out->indices.data();
    for (int y = 0; y < argb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(argb.constScanLine(y));
        for (int x = 0; x < width; ++x)
            *at++ = qAlpha(line[x]) < kOpaqueAlpha ? transparentIndex : seen.at(line[x] | 0xff000000u);
    }
    return true;
}

// Median cut through giflib. Transparent pixels take an opaque pixel's colour first, so they do not
// pull the palette towards whatever colour they happen to hold.
bool quantize(const QImage& argb, IndexedFrame* out) {
    const auto count = static_cast<size_t>(argb.width()) * static_cast<size_t>(argb.height());
    std::vector<GifByteType> red(count), green(count), blue(count);
    std::vector<bool> clear(count);
    QRgb fill = 0;
    bool haveFill = false;
    size_t i = 0;
    for (int y = 0; y < argb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x, ++i) {
            clear[i] = qAlpha(line[x]) < kOpaqueAlpha;
            if (!clear[i] && !haveFill) {
                fill = line[x];
                haveFill = true;
            }
        }
    }
    i = 0;
    for (int y = 0; y < argb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x, ++i) {
            const QRgb rgb = clear[i] ? fill : line[x];
            red[i] = static_cast<GifByteType>(qRed(rgb));
            green[i] = static_cast<GifByteType>(qGreen(rgb));
            blue[i] = static_cast<GifByteType>(qBlue(rgb));
        }
    }
    out->transparent = std::find(clear.begin(), clear.end(), true) != clear.end();
    int mapSize = out->transparent ? 255 : 256;
    std::vector<GifColorType> map(256);
    out->indices.resize(count);
    if (GifQuantizeBuffer(static_cast<unsigned>(argb.width()), static_cast<unsigned>(argb.height()), &mapSize,
                          red.data(), green.data(), blue.data(), out->indices.data(),
                          map.data()) == GIF_ERROR)
        return false;
    out->palette.assign(map.begin(), map.begin() + std::clamp(mapSize, 1, 256));
    const auto transparentIndex = static_cast<GifByteType>(out->palette.size());
    for (i = 0; i < count; ++i)
        if (clear[i])
            out->indices[i] = transparentIndex;
    return true;
}

} // namespace

GifWriter::GifWriter(QSize size, bool animated)
    : m_size(size)
    , m_animated(animated) {}

GifWriter::~GifWriter() {
    if (m_gif != nullptr) {
        int code = 0;
        EGifCloseFile(m_gif, &code);
    }
}

int GifWriter::write(GifFileType* gif, const unsigned char* bytes, int length) {
    static_cast<GifWriter*>(gif->UserData)->m_out.append(reinterpret_cast<const char*>(bytes), length);
    return length;
}

bool GifWriter::fail(const QString& what, int code) {
    const char* reason = GifErrorString(code);
    m_error = QStringLiteral("GIF encoding failed while %1: %2")
                  .arg(what, reason != nullptr ? QString::fromUtf8(reason) : QString::number(code));
    return false;
}

bool GifWriter::open() {
    int code = 0;
    m_gif = EGifOpen(this, &GifWriter::write, &code);
    if (m_gif == nullptr)
        return fail(QStringLiteral("starting"), code);
    EGifSetGifVersion(m_gif, true); // GIF89a: frame delays, transparency, looping
    if (EGifPutScreenDesc(m_gif, m_size.width(), m_size.height(), 8, 0, nullptr) == GIF_ERROR)
        return fail(QStringLiteral("writing the screen descriptor"), m_gif->Error);
    if (m_animated) {
        static const unsigned char kApplication[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
        static const unsigned char kLoopForever[] = {1, 0, 0};
        if (EGifPutExtensionLeader(m_gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
            EGifPutExtensionBlock(m_gif, sizeof kApplication, kApplication) == GIF_ERROR ||
            EGifPutExtensionBlock(m_gif, sizeof kLoopForever, kLoopForever) == GIF_ERROR ||
            EGifPutExtensionTrailer(m_gif) == GIF_ERROR)
            return fail(QStringLiteral("writing the loop extension"), m_gif->Error);
    }
    return true;
}

bool GifWriter::addFrame(const QImage& frame, int delayMs) {
    if (frame.size() != m_size) {
        m_error = QStringLiteral("GIF frames must all be %1x%2").arg(m_size.width()).arg(m_size.height());
        return false;
    }
    if (m_gif == nullptr && !open())
        return false;
    const QImage argb = frame.convertToFormat(QImage::Format_ARGB32);
    IndexedFrame indexed;
    if (!indexExactly(argb, &indexed) && !quantize(argb, &indexed)) {
        m_error = QStringLiteral("GIF encoding failed: the colours could not be reduced to a palette");
        return false;
    }
    const int used = static_cast<int>(indexed.palette.size()) + (indexed.transparent ? 1 : 0);
    const int mapCount = std::max(2, 1 << GifBitSize(std::max(used, 1)));
    std::vector<GifColorType> colors(static_cast<size_t>(mapCount), GifColorType{0, 0, 0});
    std::copy(indexed.palette.begin(), indexed.palette.end(), colors.begin());
    const std::unique_ptr<ColorMapObject, MapDeleter> map(GifMakeMapObject(mapCount, colors.data()));
    if (!map)
        return fail(QStringLiteral("making the palette"), E_GIF_ERR_NOT_ENOUGH_MEM);
    if (m_animated || indexed.transparent) {
        GraphicsControlBlock control{};
        control.DisposalMode = indexed.transparent ? DISPOSE_BACKGROUND : DISPOSE_DO_NOT;
        control.UserInputFlag = false;
        control.DelayTime = std::clamp(delayMs / 10, 0, 65535);
        control.TransparentColor =
            indexed.transparent ? static_cast<int>(indexed.palette.size()) : NO_TRANSPARENT_COLOR;
        GifByteType extension[4];
        const size_t length = EGifGCBToExtension(&control, extension);
        if (EGifPutExtension(m_gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length), extension) == GIF_ERROR)
            return fail(QStringLiteral("writing a frame's control block"), m_gif->Error);
    }
    if (EGifPutImageDesc(m_gif, 0, 0, m_size.width(), m_size.height(), false, map.get()) == GIF_ERROR)
        return fail(QStringLiteral("writing a frame's descriptor"), m_gif->Error);
    for (int y = 0; y < m_size.height(); ++y)
        if (EGifPutLine(m_gif,
                        indexed.indices.data() + static_cast<size_t>(y) * static_cast<size_t>(m_size.width()),
                        m_size.width()) == GIF_ERROR)
            return fail(QStringLiteral("writing pixels"), m_gif->Error);
    return true;
}

bool GifWriter::finish() {
    if (m_gif == nullptr) {
        m_error = QStringLiteral("GIF encoding failed: no frames");
        return false;
    }
    int code = 0;
    const int result = EGifCloseFile(m_gif, &code); // frees the handle either way
    m_gif = nullptr;
    if (result == GIF_ERROR)
        return fail(QStringLiteral("finishing the file"), code);
    return true;
}

} // namespace botwright::imaging
