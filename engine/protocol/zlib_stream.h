#pragma once
// Gateway transport compression `zlib-stream` (discord-protocol.md 1.9): one zlib stream per
// connection, never reset. The server deflates each payload with Z_SYNC_FLUSH so it ends in
// 00 00 FF FF; the client buffers binary messages until that suffix and inflates the buffer through
// its single long-lived context.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

struct z_stream_s; // <zlib.h>

namespace botwright::protocol {

// Outcome of feeding one WebSocket message to a stream decompressor (zlib-stream or zstd-stream).
enum class DecompressStatus {
    NeedMore, // input buffered, no complete payload yet
    Complete, // `payload` holds one complete gateway payload
    Error,    // `error` says why; the decompressor is now failed and rejects further input
};

struct DecompressResult {
    DecompressStatus status = DecompressStatus::NeedMore;
    QByteArray payload;
    QString error;
};

// Decompressed payloads larger than this are rejected (decompression-bomb guard).
inline constexpr qsizetype kDefaultMaxPayloadSize = qsizetype{64} * 1024 * 1024;

// The four bytes every Z_SYNC_FLUSH-terminated zlib-stream payload ends with.
inline constexpr QByteArrayView kZlibSyncFlushSuffix{"\x00\x00\xff\xff", 4};

// Server side: one deflate context for a connection's whole life.
class ZlibStreamDeflater final {
public:
    // `level` is a zlib compression level, 0..9, or -1 (Z_DEFAULT_COMPRESSION, i.e. 6).
    explicit ZlibStreamDeflater(int level = -1);
    ~ZlibStreamDeflater();
    ZlibStreamDeflater(const ZlibStreamDeflater&) = delete;
    ZlibStreamDeflater& operator=(const ZlibStreamDeflater&) = delete;

    // Deflates `payload` into the stream and flushes it with Z_SYNC_FLUSH: the result is one
    // WebSocket message ending in 00 00 FF FF (the first one also carries the zlib header). An
    // empty payload yields an empty stored block, so it too ends with the suffix. Returns an empty
    // array only when the deflater has failed (see ok()/error()).
    QByteArray compress(QByteArrayView payload);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

private:
    void fail(const QString& message);

    std::unique_ptr<z_stream_s> m_stream;
    bool m_initialized = false;
    QByteArray m_out; // reused output buffer
    QString m_error;
};

// Client side: one inflate context for a connection's whole life.
class ZlibStreamInflater final {
public:
    // `maxPayloadSize` bounds one decompressed payload (and the buffered compressed input); it is
    // clamped to 1 GiB.
    explicit ZlibStreamInflater(qsizetype maxPayloadSize = kDefaultMaxPayloadSize);
    ~ZlibStreamInflater();
    ZlibStreamInflater(const ZlibStreamInflater&) = delete;
    ZlibStreamInflater& operator=(const ZlibStreamInflater&) = delete;

    // Appends one binary WebSocket message. While the buffered data does not end with
    // 00 00 FF FF the result is NeedMore; once it does, the buffer is inflated and the result is
    // Complete with the payload. Corrupt data, an oversized payload or any input after a failure
    // is an Error, and the inflater stays failed.
    DecompressResult feed(QByteArrayView message);

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    qsizetype maxPayloadSize() const { return m_maxPayloadSize; }
    // Bytes buffered while waiting for the suffix.
    qsizetype bufferedSize() const { return m_pending.size(); }

private:
    DecompressResult inflateBuffer(QByteArrayView input);
    DecompressResult fail(const QString& message);

    std::unique_ptr<z_stream_s> m_stream;
    bool m_initialized = false;
    bool m_ended = false; // the peer finished the zlib stream (Z_STREAM_END)
    qsizetype m_maxPayloadSize;
    QByteArray m_pending; // compressed messages waiting for the suffix
    QByteArray m_out;     // reused output buffer
    QString m_error;
};

} // namespace botwright::protocol
