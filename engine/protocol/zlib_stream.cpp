#include "engine/protocol/zlib_stream.h"

#define ZLIB_CONST
#include <algorithm>
#include <limits>
#include <zlib.h>

namespace botwright::protocol {

namespace {

// The output buffers start small and grow by doubling; anything above kKeepBufferBytes is released
// once the payload has been copied out, so one large payload does not pin memory for the
// connection's whole life.
constexpr qsizetype kInitialOutBytes = 16 * 1024;
constexpr qsizetype kKeepBufferBytes = 1024 * 1024;
// zlib counts in uInt; limits keep every buffer handed to it far below 4 GiB.
constexpr qsizetype kMaxChunkBytes = qsizetype{1} << 30;
constexpr qsizetype kMaxPayloadLimit = qsizetype{1} << 30;

// An empty, non-final stored block on a byte boundary (which Z_SYNC_FLUSH guarantees): header bits
// 000 padded to a byte, LEN 0000, NLEN FFFF.
constexpr char kEmptyStoredBlock[] = {'\x00', '\x00', '\x00', '\xff', '\xff'};

QString zlibMessage(const z_stream& stream, int rc) {
    if (stream.msg != nullptr) {
        return QString::fromLatin1(stream.msg);
    }
    return QString::fromLatin1(zError(rc));
}

} // namespace

// ---------------------------------------------------------------------------------------------
// ZlibStreamDeflater

ZlibStreamDeflater::ZlibStreamDeflater(int level)
    : m_stream(std::make_unique<z_stream>()) {
    const int rc = deflateInit(m_stream.get(), level);
    if (rc != Z_OK) {
        m_error = QStringLiteral("zlib-stream: cannot create the deflate context (level %1): %2")
                      .arg(level)
                      .arg(zlibMessage(*m_stream, rc));
        return;
    }
    m_initialized = true;
    m_out.resize(kInitialOutBytes);
}

ZlibStreamDeflater::~ZlibStreamDeflater() {
    if (m_initialized) {
        deflateEnd(m_stream.get());
    }
}

void ZlibStreamDeflater::fail(const QString& message) {
    m_error = message;
    m_out = QByteArray();
}

QByteArray ZlibStreamDeflater::compress(QByteArrayView payload) {
    if (!ok()) {
        return {};
    }
    z_stream& stream = *m_stream;
    const auto* input = reinterpret_cast<const Bytef*>(payload.data());
    qsizetype remaining = payload.size();
    stream.next_in = input;
    stream.avail_in = 0;

    QByteArray result;
    for (;;) {
        if (stream.avail_in == 0 && remaining > 0) {
            const qsizetype chunk = std::min(remaining, kMaxChunkBytes);
            stream.avail_in = static_cast<uInt>(chunk);
            remaining -= chunk;
        }
        const int flush = remaining > 0 ? Z_NO_FLUSH : Z_SYNC_FLUSH;
        stream.next_out = reinterpret_cast<Bytef*>(m_out.data());
        stream.avail_out = static_cast<uInt>(m_out.size());
        const int rc = deflate(&stream, flush);
        if (rc != Z_OK && rc != Z_BUF_ERROR) { // Z_BUF_ERROR: nothing left to do, not fatal
            fail(QStringLiteral("zlib-stream: deflate failed: %1").arg(zlibMessage(stream, rc)));
            return {};
        }
        const qsizetype produced = m_out.size() - static_cast<qsizetype>(stream.avail_out);
        if (result.isEmpty()) {
            result = QByteArray(m_out.constData(), produced);
        } else {
            result.append(m_out.constData(), produced);
        }
        // With Z_SYNC_FLUSH everything is out once deflate leaves room in the output buffer.
        if (flush == Z_SYNC_FLUSH && stream.avail_in == 0 && stream.avail_out != 0) {
            break;
        }
    }
    stream.next_in = nullptr;
    if (result.isEmpty()) {
        // An empty payload after an earlier flush: zlib has nothing to emit, but every message must
        // end with the suffix, so add an empty stored block (the stream is byte-aligned here).
        result = QByteArray(kEmptyStoredBlock, sizeof kEmptyStoredBlock);
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// ZlibStreamInflater

ZlibStreamInflater::ZlibStreamInflater(qsizetype maxPayloadSize)
    : m_stream(std::make_unique<z_stream>())
    , m_maxPayloadSize(std::clamp<qsizetype>(maxPayloadSize, 0, kMaxPayloadLimit)) {
    const int rc = inflateInit(m_stream.get());
    if (rc != Z_OK) {
        m_error = QStringLiteral("zlib-stream: cannot create the inflate context: %1")
                      .arg(zlibMessage(*m_stream, rc));
        return;
    }
    m_initialized = true;
}

ZlibStreamInflater::~ZlibStreamInflater() {
    if (m_initialized) {
        inflateEnd(m_stream.get());
    }
}

DecompressResult ZlibStreamInflater::fail(const QString& message) {
    m_error = message;
    m_pending = QByteArray();
    m_out = QByteArray();
    return {DecompressStatus::Error, {}, message};
}

DecompressResult ZlibStreamInflater::feed(QByteArrayView message) {
    if (failed()) {
        return {DecompressStatus::Error,
                {},
                QStringLiteral("zlib-stream: the inflater has failed earlier: %1").arg(m_error)};
    }
    // Compressed input can exceed its payload by a few bytes per stored block; allow some slack
    // over the payload limit before calling the buffered input oversized.
    const qsizetype maxPending = m_maxPayloadSize + m_maxPayloadSize / 8 + 4096;
    if (message.size() > maxPending - m_pending.size()) {
        return fail(QStringLiteral("zlib-stream: more than %1 bytes of compressed data without a "
                                   "flush marker (limit for payloads of %2 bytes)")
                        .arg(maxPending)
                        .arg(m_maxPayloadSize));
    }
    if (m_pending.isEmpty() && message.endsWith(kZlibSyncFlushSuffix)) {
        return inflateBuffer(message); // common case: one message, one payload, no copy
    }
    m_pending.append(message);
    if (!m_pending.endsWith(kZlibSyncFlushSuffix)) {
        return {DecompressStatus::NeedMore, {}, {}};
    }
    DecompressResult result = inflateBuffer(m_pending);
    m_pending.clear();
    return result;
}

DecompressResult ZlibStreamInflater::inflateBuffer(QByteArrayView input) {
    if (m_ended) {
        return fail(QStringLiteral("zlib-stream: data received after the end of the zlib stream"));
    }
    z_stream& stream = *m_stream;
    stream.next_in = reinterpret_cast<const Bytef*>(input.data());
    stream.avail_in = static_cast<uInt>(input.size()); // bounded by maxPending, far below 4 GiB

    // One byte over the limit is enough to detect an oversized payload.
    const qsizetype outLimit = m_maxPayloadSize + 1;
    if (m_out.size() < std::min(kInitialOutBytes, outLimit)) {
        m_out.resize(std::min(kInitialOutBytes, outLimit));
    }
    qsizetype produced = 0;
    for (;;) {
        if (produced == m_out.size()) {
            if (produced >= outLimit) {
                return fail(QStringLiteral("zlib-stream: decompressed payload exceeds the limit of %1 bytes")
                                .arg(m_maxPayloadSize));
            }
            m_out.resize(std::min(m_out.size() * 2, outLimit));
        }
        stream.next_out = reinterpret_cast<Bytef*>(m_out.data() + produced);
        stream.avail_out = static_cast<uInt>(m_out.size() - produced);
        const int rc = inflate(&stream, Z_SYNC_FLUSH);
        produced = m_out.size() - static_cast<qsizetype>(stream.avail_out);
        switch (rc) {
        case Z_OK:
        case Z_BUF_ERROR: // no progress possible: input used up or output full
            break;
        case Z_STREAM_END:
            // The server is not supposed to finish the stream; accept this payload, reject more.
            m_ended = true;
            if (stream.avail_in != 0) {
                return fail(QStringLiteral("zlib-stream: %1 bytes of trailing data after the end of the "
                                           "zlib stream")
                                .arg(stream.avail_in));
            }
            break;
        case Z_NEED_DICT:
            return fail(QStringLiteral("zlib-stream: corrupt data: the stream asks for a preset dictionary"));
        case Z_DATA_ERROR:
            return fail(QStringLiteral("zlib-stream: corrupt data: %1").arg(zlibMessage(stream, rc)));
        case Z_MEM_ERROR:
            return fail(QStringLiteral("zlib-stream: out of memory while inflating"));
        default:
            return fail(QStringLiteral("zlib-stream: inflate failed: %1").arg(zlibMessage(stream, rc)));
        }
        if (rc == Z_STREAM_END || (stream.avail_in == 0 && stream.avail_out != 0)) {
            break; // all input consumed and all output flushed
        }
        if (rc == Z_BUF_ERROR && stream.avail_out != 0) {
            return fail(QStringLiteral("zlib-stream: inflate made no progress"));
        }
    }
    stream.next_in = nullptr;
    stream.next_out = nullptr;
    if (produced > m_maxPayloadSize) {
        return fail(QStringLiteral("zlib-stream: decompressed payload exceeds the limit of %1 bytes")
                        .arg(m_maxPayloadSize));
    }

    DecompressResult result{DecompressStatus::Complete, QByteArray(m_out.constData(), produced), {}};
    if (m_out.size() > kKeepBufferBytes) {
        m_out = QByteArray();
    }
    return result;
}

} // namespace botwright::protocol
