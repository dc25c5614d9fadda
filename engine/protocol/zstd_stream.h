#pragma once
// Gateway transport compression `zstd-stream` (discord-protocol.md 1.9): one zstd stream per
// connection. Each WebSocket message is exactly one gateway payload, flushed but never ending the
// zstd frame, so later payloads can refer back to earlier ones.

#include "engine/protocol/zlib_stream.h" // DecompressResult, kDefaultMaxPayloadSize

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

struct ZSTD_CCtx_s; // <zstd.h>
struct ZSTD_DCtx_s;

namespace botwright::protocol {

// Server side: one compression context, one never-ending frame per connection.
class ZstdStreamCompressor final {
public:
    // `level` is a zstd compression level; 0 means zstd's default (3).
    explicit ZstdStreamCompressor(int level = 0);
    ~ZstdStreamCompressor();
    ZstdStreamCompressor(const ZstdStreamCompressor&) = delete;
    ZstdStreamCompressor& operator=(const ZstdStreamCompressor&) = delete;

    // Compresses `payload` with ZSTD_e_flush: the result is one WebSocket message the peer can
    // decompress completely on its own, while the frame stays open. An empty payload gives an empty
    // message (nothing to send). On failure the result is empty and ok() turns false.
    QByteArray compress(QByteArrayView payload);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

private:
    void fail(const QString& message);

    ZSTD_CCtx_s* m_context = nullptr;
    QByteArray m_out; // reused output buffer
    QString m_error;
};

// Client side: one decompression context per connection.
class ZstdStreamDecompressor final {
public:
    // `maxPayloadSize` bounds one decompressed payload; it is clamped to 1 GiB.
    explicit ZstdStreamDecompressor(qsizetype maxPayloadSize = kDefaultMaxPayloadSize);
    ~ZstdStreamDecompressor();
    ZstdStreamDecompressor(const ZstdStreamDecompressor&) = delete;
    ZstdStreamDecompressor& operator=(const ZstdStreamDecompressor&) = delete;

    // Decompresses one WebSocket message (one payload) through the long-lived context until the
    // input is consumed. Complete with the payload when the message produced output; NeedMore when
    // it produced none (e.g. a message carrying only the frame header, or an empty message). A
    // corrupt stream, a payload over the limit or any input after a failure is an Error, and the
    // decompressor stays failed.
    DecompressResult feed(QByteArrayView message);

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    qsizetype maxPayloadSize() const { return m_maxPayloadSize; }

private:
    DecompressResult fail(const QString& message);

    ZSTD_DCtx_s* m_context = nullptr;
    qsizetype m_maxPayloadSize;
    QByteArray m_out; // reused output buffer
    QString m_error;
};

} // namespace botwright::protocol
