#include "engine/protocol/zstd_stream.h"
#include "tests/support/protocol_samples.h"
#include "tests/support/qt_catch.h"

#include <QRandomGenerator>

#include <zstd.h>

using botwright::protocol::DecompressResult;
using botwright::protocol::DecompressStatus;
using botwright::protocol::ZstdStreamCompressor;
using botwright::protocol::ZstdStreamDecompressor;

using protocol_samples::gatewayPayload;
using protocol_samples::randomBytes;

namespace {

// Compresses with the plain zstd streaming API, independently of ZstdStreamCompressor.
class ReferenceCompressor {
public:
    ReferenceCompressor()
        : m_context(ZSTD_createCCtx()) {
        REQUIRE(m_context != nullptr);
        REQUIRE_FALSE(ZSTD_isError(ZSTD_CCtx_setParameter(m_context, ZSTD_c_compressionLevel, 7)));
        REQUIRE_FALSE(ZSTD_isError(ZSTD_CCtx_setParameter(m_context, ZSTD_c_checksumFlag, 1)));
    }
    ~ReferenceCompressor() { ZSTD_freeCCtx(m_context); }
    ReferenceCompressor(const ReferenceCompressor&) = delete;
    ReferenceCompressor& operator=(const ReferenceCompressor&) = delete;

    QByteArray compress(const QByteArray& payload, ZSTD_EndDirective directive = ZSTD_e_flush) {
        QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(static_cast<std::size_t>(payload.size()))) +
                           64,
                       Qt::Uninitialized);
        ZSTD_inBuffer input{payload.constData(), static_cast<std::size_t>(payload.size()), 0};
        ZSTD_outBuffer output{out.data(), static_cast<std::size_t>(out.size()), 0};
        const std::size_t remaining = ZSTD_compressStream2(m_context, &output, &input, directive);
        REQUIRE_FALSE(ZSTD_isError(remaining));
        REQUIRE(remaining == 0);
        out.resize(static_cast<qsizetype>(output.pos));
        return out;
    }

private:
    ZSTD_CCtx* m_context;
};

} // namespace

TEST_CASE("zstd-stream: many payloads round-trip, fed one message at a time", "[protocol][zstd]") {
    ZstdStreamCompressor compressor;
    ZstdStreamDecompressor decompressor;
    REQUIRE(compressor.ok());
    for (int i = 0; i < 500; ++i) {
        const QByteArray payload = gatewayPayload(i);
        const QByteArray message = compressor.compress(payload);
        REQUIRE_FALSE(message.isEmpty());
        if (i == 0) {
            CHECK(message.startsWith("\x28\xb5\x2f\xfd")); // zstd frame magic
        } else {
            CHECK_FALSE(message.contains("\x28\xb5\x2f\xfd")); // the frame is never restarted
        }
        const DecompressResult result = decompressor.feed(message);
        REQUIRE(result.status == DecompressStatus::Complete);
        REQUIRE(result.error.isEmpty());
        REQUIRE(result.payload == payload);
    }
    CHECK_FALSE(decompressor.failed());
}

TEST_CASE("zstd-stream: the shared stream makes a repeated payload much smaller", "[protocol][zstd]") {
    ZstdStreamCompressor compressor;
    ZstdStreamDecompressor decompressor;
    const QByteArray payload = gatewayPayload(11);
    const QByteArray first = compressor.compress(payload);
    const QByteArray second = compressor.compress(payload);
    INFO("first " << first.size() << " bytes, second " << second.size() << " bytes");
    CHECK(second.size() * 4 < first.size());
    CHECK(decompressor.feed(first).payload == payload);
    CHECK(decompressor.feed(second).payload == payload);
}

TEST_CASE("zstd-stream: large payloads and compression levels", "[protocol][zstd]") {
    QByteArray large;
    for (int i = 0; i < 2000; ++i) {
        large += gatewayPayload(i);
    }
    REQUIRE(large.size() > 1024 * 1024);
    const QByteArray noise = randomBytes(300 * 1024, 5); // incompressible, larger than the buffers
    for (const int level : {1, 3, 9, 19, -5}) {
        ZstdStreamCompressor compressor(level);
        ZstdStreamDecompressor decompressor;
        REQUIRE(compressor.ok());
        for (const QByteArray& payload : {large, noise, gatewayPayload(1)}) {
            const DecompressResult result = decompressor.feed(compressor.compress(payload));
            REQUIRE(result.status == DecompressStatus::Complete);
            REQUIRE(result.payload == payload);
        }
    }
    ZstdStreamCompressor invalid(1000);
    CHECK_FALSE(invalid.ok());
    CHECK(invalid.error().contains(QStringLiteral("level 1000")));
    CHECK(invalid.compress("x").isEmpty());
}

TEST_CASE("zstd-stream: a stream from the plain zstd API is decompressed", "[protocol][zstd]") {
    ReferenceCompressor reference;
    ZstdStreamDecompressor decompressor;
    for (int i = 0; i < 100; ++i) {
        const QByteArray payload = gatewayPayload(i * 7);
        const DecompressResult result = decompressor.feed(reference.compress(payload));
        REQUIRE(result.status == DecompressStatus::Complete);
        REQUIRE(result.payload == payload);
    }
    // A server that ends the frame after a payload: the next message starts a new frame.
    const QByteArray last = gatewayPayload(1000);
    REQUIRE(decompressor.feed(reference.compress(last, ZSTD_e_end)).payload == last);
    const QByteArray next = gatewayPayload(1001);
    REQUIRE(decompressor.feed(reference.compress(next)).payload == next);
    // A one-shot frame too.
    QByteArray oneShot(static_cast<qsizetype>(ZSTD_compressBound(static_cast<std::size_t>(last.size()))),
                       Qt::Uninitialized);
    const std::size_t size = ZSTD_compress(oneShot.data(), static_cast<std::size_t>(oneShot.size()),
                                           last.constData(), static_cast<std::size_t>(last.size()), 3);
    REQUIRE_FALSE(ZSTD_isError(size));
    oneShot.resize(static_cast<qsizetype>(size));
    ZstdStreamDecompressor fresh;
    REQUIRE(fresh.feed(oneShot).payload == last);
}

TEST_CASE("zstd-stream: an empty payload", "[protocol][zstd]") {
    ZstdStreamCompressor compressor;
    ZstdStreamDecompressor decompressor;
    const QByteArray payload = gatewayPayload(9);
    REQUIRE(decompressor.feed(compressor.compress(payload)).payload == payload);
    const QByteArray empty = compressor.compress({});
    REQUIRE(compressor.ok());
    const DecompressResult result = decompressor.feed(empty);
    CHECK(result.status == DecompressStatus::NeedMore); // no output: nothing to dispatch
    CHECK(result.payload.isEmpty());
    REQUIRE(decompressor.feed(compressor.compress(payload)).payload == payload);
}

TEST_CASE("zstd-stream: messages without output ask for more", "[protocol][zstd]") {
    ZstdStreamCompressor compressor;
    ZstdStreamDecompressor decompressor;
    CHECK(decompressor.feed({}).status == DecompressStatus::NeedMore);
    const QByteArray payload = gatewayPayload(5);
    const QByteArray message = compressor.compress(payload);
    // The frame header alone produces no data yet.
    const DecompressResult header = decompressor.feed(message.first(4));
    CHECK(header.status == DecompressStatus::NeedMore);
    const DecompressResult rest = decompressor.feed(message.sliced(4));
    REQUIRE(rest.status == DecompressStatus::Complete);
    CHECK(rest.payload == payload);
}

TEST_CASE("zstd-stream: corrupt input is an error and the decompressor stays failed", "[protocol][zstd]") {
    SECTION("a bad magic number") {
        ZstdStreamDecompressor decompressor;
        const DecompressResult result = decompressor.feed(QByteArray("not zstd at all"));
        REQUIRE(result.status == DecompressStatus::Error);
        CHECK(result.error.startsWith(QStringLiteral("zstd-stream: corrupt data")));
        CHECK(result.error.contains(QStringLiteral("Unknown frame descriptor")));
        CHECK(decompressor.failed());
        ZstdStreamCompressor compressor;
        const DecompressResult after = decompressor.feed(compressor.compress("hello"));
        CHECK(after.status == DecompressStatus::Error);
        CHECK(after.error.contains(QStringLiteral("failed earlier")));
    }
    SECTION("random garbage after a valid header and random bit flips never crash") {
        ZstdStreamCompressor compressor;
        const QByteArray first = compressor.compress(gatewayPayload(1));
        const QByteArray second = compressor.compress(gatewayPayload(2));
        for (quint32 seed = 1; seed <= 300; ++seed) {
            ZstdStreamDecompressor decompressor(1024 * 1024);
            REQUIRE(decompressor.feed(first).status == DecompressStatus::Complete);
            const DecompressResult result = decompressor.feed(randomBytes(1 + seed % 200, seed));
            if (result.status == DecompressStatus::Error) {
                CHECK_FALSE(result.error.isEmpty());
            }
        }
        QRandomGenerator random(7);
        for (qsizetype i = 0; i < second.size(); ++i) {
            ZstdStreamDecompressor decompressor(1024 * 1024);
            REQUIRE(decompressor.feed(first).status == DecompressStatus::Complete);
            QByteArray corrupt = second;
            corrupt[i] = static_cast<char>(corrupt[i] ^ (1 << random.bounded(8)));
            const DecompressResult result = decompressor.feed(corrupt);
            if (result.status == DecompressStatus::Error) {
                CHECK_FALSE(result.error.isEmpty());
                CHECK(decompressor.failed());
            }
        }
    }
}

TEST_CASE("zstd-stream: the payload size guard stops decompression bombs", "[protocol][zstd]") {
    const QByteArray bomb(8 * 1024 * 1024, 'z');
    ZstdStreamCompressor compressor(19);
    const QByteArray message = compressor.compress(bomb);
    REQUIRE(message.size() < 16 * 1024);

    SECTION("over the limit") {
        ZstdStreamDecompressor decompressor(1024 * 1024);
        CHECK(decompressor.maxPayloadSize() == 1024 * 1024);
        const DecompressResult result = decompressor.feed(message);
        REQUIRE(result.status == DecompressStatus::Error);
        CHECK(result.error.contains(QStringLiteral("exceeds the limit of 1048576 bytes")));
        CHECK(decompressor.failed());
    }
    SECTION("exactly at the limit") {
        ZstdStreamDecompressor decompressor(bomb.size());
        const DecompressResult result = decompressor.feed(message);
        REQUIRE(result.status == DecompressStatus::Complete);
        CHECK(result.payload == bomb);
    }
    SECTION("the default limit is 64 MiB") {
        ZstdStreamDecompressor decompressor;
        CHECK(decompressor.maxPayloadSize() == 64 * 1024 * 1024);
        CHECK(decompressor.feed(message).payload.size() == bomb.size());
    }
}
