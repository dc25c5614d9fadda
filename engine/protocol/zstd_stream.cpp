#include "engine/protocol/zstd_stream.h"

#include <algorithm>
#include <zstd.h>

namespace botwright::protocol {

namespace {

constexpr qsizetype kCompressOutBytes = 32 * 1024;
constexpr qsizetype kInitialOutBytes = 16 * 1024;
constexpr qsizetype kKeepBufferBytes = 1024 * 1024;
constexpr qsizetype kMaxPayloadLimit = qsizetype{1} << 30;

QString zstdMessage(std::size_t code) {
    return QString::fromLatin1(ZSTD_getErrorName(code));
}

} // namespace

// ---------------------------------------------------------------------------------------------
// ZstdStreamCompressor

ZstdStreamCompressor::ZstdStreamCompressor(int level)
    : m_context(ZSTD_createCCtx()) {
    if (m_context == nullptr) {
        m_error = QStringLiteral("zstd-stream: cannot create the compression context");
        return;
    }
    // zstd clamps out-of-range levels silently; a wrong level is a configuration error here.
    if (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel()) {
        m_error = QStringLiteral("zstd-stream: invalid compression level %1 (valid: %2..%3)")
                      .arg(level)
                      .arg(ZSTD_minCLevel())
                      .arg(ZSTD_maxCLevel());
        return;
    }
    const std::size_t rc = ZSTD_CCtx_setParameter(m_context, ZSTD_c_compressionLevel, level);
    if (ZSTD_isError(rc)) {
        m_error =
            QStringLiteral("zstd-stream: invalid compression level %1: %2").arg(level).arg(zstdMessage(rc));
        return;
    }
    m_out.resize(kCompressOutBytes);
}

ZstdStreamCompressor::~ZstdStreamCompressor() {
    ZSTD_freeCCtx(m_context);
}

void ZstdStreamCompressor::fail(const QString& message) {
    m_error = message;
    m_out = QByteArray();
}

QByteArray ZstdStreamCompressor::compress(QByteArrayView payload) {
    if (!ok()) {
        return {};
    }
    ZSTD_inBuffer input{payload.data(), static_cast<std::size_t>(payload.size()), 0};
    QByteArray result;
    for (;;) {
        ZSTD_outBuffer output{m_out.data(), static_cast<std::size_t>(m_out.size()), 0};
        const std::size_t remaining = ZSTD_compressStream2(m_context, &output, &input, ZSTD_e_flush);
        if (ZSTD_isError(remaining)) {
            fail(QStringLiteral("zstd-stream: compression failed: %1").arg(zstdMessage(remaining)));
            return {};
        }
        const auto produced = static_cast<qsizetype>(output.pos);
        if (result.isEmpty()) {
            result = QByteArray(m_out.constData(), produced);
        } else {
            result.append(m_out.constData(), produced);
        }
        if (remaining == 0 && input.pos == input.size) {
            break; // everything consumed and flushed; the frame stays open
        }
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// ZstdStreamDecompressor

ZstdStreamDecompressor::ZstdStreamDecompressor(qsizetype maxPayloadSize)
    : m_context(ZSTD_createDCtx())
    , m_maxPayloadSize(std::clamp<qsizetype>(maxPayloadSize, 0, kMaxPayloadLimit)) {
    if (m_context == nullptr) {
        m_error = QStringLiteral("zstd-stream: cannot create the decompression context");
    }
}

ZstdStreamDecompressor::~ZstdStreamDecompressor() {
    ZSTD_freeDCtx(m_context);
}

DecompressResult ZstdStreamDecompressor::fail(const QString& message) {
    m_error = message;
    m_out = QByteArray();
    return {DecompressStatus::Error, {}, message};
}

DecompressResult ZstdStreamDecompressor::feed(QByteArrayView message) {
    if (failed()) {
        return {DecompressStatus::Error,
                {},
                QStringLiteral("zstd-stream: the decompressor has failed earlier: %1").arg(m_error)};
    }
    if (message.isEmpty()) {
        return {DecompressStatus::NeedMore, {}, {}};
    }
    ZSTD_inBuffer input{message.data(), static_cast<std::size_t>(message.size()), 0};
    // One byte over the limit is enough to detect an oversized payload.
    const qsizetype outLimit = m_maxPayloadSize + 1;
    if (m_out.size() < std::min(kInitialOutBytes, outLimit)) {
        m_out.resize(std::min(kInitialOutBytes, outLimit));
    }
    std::size_t produced = 0;
    for (;;) {
        if (static_cast<qsizetype>(produced) == m_out.size()) {
            if (m_out.size() >= outLimit) {
                return fail(QStringLiteral("zstd-stream: decompressed payload exceeds the limit of %1 bytes")
                                .arg(m_maxPayloadSize));
            }
            m_out.resize(std::min(m_out.size() * 2, outLimit));
        }
        ZSTD_outBuffer output{m_out.data(), static_cast<std::size_t>(m_out.size()), produced};
        const std::size_t consumedBefore = input.pos;
        const std::size_t rc = ZSTD_decompressStream(m_context, &output, &input);
        if (ZSTD_isError(rc)) {
            return fail(QStringLiteral("zstd-stream: corrupt data: %1").arg(zstdMessage(rc)));
        }
        const bool progressed = input.pos != consumedBefore || output.pos != produced;
        produced = output.pos;
        if (output.pos < output.size) {
            // Room left in the output: the decoder flushed all it could from this input.
            if (input.pos == input.size) {
                break;
            }
            if (!progressed) {
                return fail(QStringLiteral("zstd-stream: decompression made no progress"));
            }
        }
    }
    if (produced == 0) {
        return {DecompressStatus::NeedMore, {}, {}};
    }
    DecompressResult result{
        DecompressStatus::Complete, QByteArray(m_out.constData(), static_cast<qsizetype>(produced)), {}};
    if (m_out.size() > kKeepBufferBytes) {
        m_out = QByteArray();
    }
    return result;
}

} // namespace botwright::protocol
