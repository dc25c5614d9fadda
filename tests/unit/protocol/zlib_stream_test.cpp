#include "engine/protocol/zlib_stream.h"
#include "tests/support/protocol_samples.h"
#include "tests/support/qt_catch.h"

#include <QRandomGenerator>

#include <algorithm>
#include <vector>
#include <zlib.h>

using botwright::protocol::DecompressResult;
using botwright::protocol::DecompressStatus;
using botwright::protocol::kZlibSyncFlushSuffix;
using botwright::protocol::ZlibStreamDeflater;
using botwright::protocol::ZlibStreamInflater;

using protocol_samples::gatewayPayload;
using protocol_samples::randomBytes;

namespace {

// Deflates with plain zlib, independently of ZlibStreamDeflater.
class ReferenceDeflater {
public:
    ReferenceDeflater() { REQUIRE(deflateInit(&m_stream, 9) == Z_OK); }
    ~ReferenceDeflater() { deflateEnd(&m_stream); }
    ReferenceDeflater(const ReferenceDeflater&) = delete;
    ReferenceDeflater& operator=(const ReferenceDeflater&) = delete;

    QByteArray compress(const QByteArray& payload) {
        QByteArray input = payload;
        QByteArray out(static_cast<qsizetype>(deflateBound(&m_stream, static_cast<uLong>(input.size()))) + 64,
                       Qt::Uninitialized);
        m_stream.next_in = reinterpret_cast<Bytef*>(input.data());
        m_stream.avail_in = static_cast<uInt>(input.size());
        m_stream.next_out = reinterpret_cast<Bytef*>(out.data());
        m_stream.avail_out = static_cast<uInt>(out.size());
        REQUIRE(deflate(&m_stream, Z_SYNC_FLUSH) == Z_OK);
        REQUIRE(m_stream.avail_in == 0);
        REQUIRE(m_stream.avail_out > 0);
        out.resize(out.size() - static_cast<qsizetype>(m_stream.avail_out));
        return out;
    }

private:
    z_stream m_stream{};
};

// Inflates with plain zlib, independently of ZlibStreamInflater.
class ReferenceInflater {
public:
    ReferenceInflater() { REQUIRE(inflateInit(&m_stream) == Z_OK); }
    ~ReferenceInflater() { inflateEnd(&m_stream); }
    ReferenceInflater(const ReferenceInflater&) = delete;
    ReferenceInflater& operator=(const ReferenceInflater&) = delete;

    QByteArray inflateMessage(const QByteArray& message, qsizetype expectedSize) {
        QByteArray input = message;
        QByteArray out(expectedSize + 1, Qt::Uninitialized);
        m_stream.next_in = reinterpret_cast<Bytef*>(input.data());
        m_stream.avail_in = static_cast<uInt>(input.size());
        m_stream.next_out = reinterpret_cast<Bytef*>(out.data());
        m_stream.avail_out = static_cast<uInt>(out.size());
        const int rc = inflate(&m_stream, Z_SYNC_FLUSH);
        REQUIRE(rc == Z_OK);
        REQUIRE(m_stream.avail_in == 0);
        out.resize(out.size() - static_cast<qsizetype>(m_stream.avail_out));
        return out;
    }

private:
    z_stream m_stream{};
};

} // namespace

TEST_CASE("zlib-stream: many payloads round-trip through one context pair", "[protocol][zlib]") {
    ZlibStreamDeflater deflater;
    ZlibStreamInflater inflater;
    REQUIRE(deflater.ok());
    for (int i = 0; i < 500; ++i) {
        const QByteArray payload = gatewayPayload(i);
        const QByteArray message = deflater.compress(payload);
        REQUIRE(message.endsWith(kZlibSyncFlushSuffix));
        if (i == 0) {
            CHECK(message.startsWith("\x78\x9c")); // zlib header, default level
        }
        const DecompressResult result = inflater.feed(message);
        REQUIRE(result.status == DecompressStatus::Complete);
        REQUIRE(result.error.isEmpty());
        REQUIRE(result.payload == payload);
    }
    CHECK(inflater.bufferedSize() == 0);
    CHECK_FALSE(inflater.failed());
}

TEST_CASE("zlib-stream: the shared window makes a repeated payload much smaller", "[protocol][zlib]") {
    ZlibStreamDeflater deflater;
    ZlibStreamInflater inflater;
    const QByteArray payload = gatewayPayload(7);
    const QByteArray first = deflater.compress(payload);
    const QByteArray second = deflater.compress(payload);
    INFO("first " << first.size() << " bytes, second " << second.size() << " bytes");
    CHECK(second.size() * 4 < first.size());
    CHECK(second.size() < 40);
    CHECK(inflater.feed(first).payload == payload);
    CHECK(inflater.feed(second).payload == payload);
}

TEST_CASE("zlib-stream: compression levels and the empty payload", "[protocol][zlib]") {
    const QByteArray payload = gatewayPayload(3).repeated(20);
    for (const int level : {0, 1, 6, 9, -1}) {
        ZlibStreamDeflater deflater(level);
        ZlibStreamInflater inflater;
        REQUIRE(deflater.ok());
        for (int round = 0; round < 3; ++round) {
            const QByteArray message = deflater.compress(payload);
            REQUIRE(message.endsWith(kZlibSyncFlushSuffix));
            REQUIRE(inflater.feed(message).payload == payload);
            // An empty payload still yields a message ending in the suffix, also after a flush.
            const QByteArray empty = deflater.compress({});
            REQUIRE(empty.endsWith(kZlibSyncFlushSuffix));
            const DecompressResult result = inflater.feed(empty);
            REQUIRE(result.status == DecompressStatus::Complete);
            REQUIRE(result.payload.isEmpty());
        }
    }
    ZlibStreamDeflater invalid(42);
    CHECK_FALSE(invalid.ok());
    CHECK(invalid.error().contains(QStringLiteral("level 42")));
    CHECK(invalid.compress("x").isEmpty());
}

TEST_CASE("zlib-stream: a payload split across several messages is reassembled", "[protocol][zlib]") {
    ZlibStreamDeflater deflater;
    ZlibStreamInflater inflater;
    QRandomGenerator random(1234);
    for (int i = 0; i < 200; ++i) {
        // Larger payloads now and then, so that splits are not always tiny.
        const QByteArray payload = (i % 5 == 0) ? gatewayPayload(i).repeated(30) : gatewayPayload(i);
        const QByteArray compressed = deflater.compress(payload);
        REQUIRE(compressed.size() >= 10);
        const int parts = 2 + i % 4; // 2..5 messages

        // Random cut points; only the last part may end with the flush suffix.
        std::vector<qsizetype> cuts;
        for (int attempt = 0; cuts.size() + 1 < static_cast<std::size_t>(parts) && attempt < 1000;
             ++attempt) {
            const qsizetype cut = 1 + random.bounded(static_cast<int>(compressed.size() - 1));
            const bool taken = std::find(cuts.begin(), cuts.end(), cut) != cuts.end();
            if (!taken && !compressed.first(cut).endsWith(kZlibSyncFlushSuffix)) {
                cuts.push_back(cut);
            }
        }
        std::sort(cuts.begin(), cuts.end());
        cuts.push_back(compressed.size());

        qsizetype start = 0;
        for (std::size_t part = 0; part < cuts.size(); ++part) {
            const QByteArray message = compressed.sliced(start, cuts[part] - start);
            start = cuts[part];
            const DecompressResult result = inflater.feed(message);
            if (part + 1 < cuts.size()) {
                REQUIRE(result.status == DecompressStatus::NeedMore);
                REQUIRE(result.payload.isEmpty());
                REQUIRE(inflater.bufferedSize() == start);
            } else {
                REQUIRE(result.status == DecompressStatus::Complete);
                REQUIRE(result.payload == payload);
                REQUIRE(inflater.bufferedSize() == 0);
            }
        }
    }
}

TEST_CASE("zlib-stream: a stream from an independent zlib deflate is inflated", "[protocol][zlib]") {
    ReferenceDeflater reference;
    ZlibStreamInflater inflater;
    for (int i = 0; i < 100; ++i) {
        const QByteArray payload = gatewayPayload(i * 13);
        const QByteArray message = reference.compress(payload);
        REQUIRE(message.endsWith(kZlibSyncFlushSuffix));
        const DecompressResult result = inflater.feed(message);
        REQUIRE(result.status == DecompressStatus::Complete);
        REQUIRE(result.payload == payload);
    }
}

TEST_CASE("zlib-stream: our deflate output is a valid stream for plain zlib", "[protocol][zlib]") {
    ZlibStreamDeflater deflater(9);
    ReferenceInflater reference;
    for (int i = 0; i < 100; ++i) {
        const QByteArray payload = gatewayPayload(i);
        REQUIRE(reference.inflateMessage(deflater.compress(payload), payload.size()) == payload);
    }
    REQUIRE(reference.inflateMessage(deflater.compress({}), 0).isEmpty());
}

TEST_CASE("zlib-stream: corrupt input is an error and the inflater stays failed", "[protocol][zlib]") {
    SECTION("garbage instead of a zlib header") {
        ZlibStreamInflater inflater;
        const DecompressResult result = inflater.feed(QByteArray("\xff\xff\x12\x34\x00\x00\xff\xff", 8));
        REQUIRE(result.status == DecompressStatus::Error);
        CHECK(result.error.startsWith(QStringLiteral("zlib-stream: corrupt data")));
        CHECK(result.payload.isEmpty());
        CHECK(inflater.failed());
        CHECK(inflater.error() == result.error);
        // A valid message afterwards is still refused: the context is unusable.
        ZlibStreamDeflater deflater;
        const DecompressResult after = inflater.feed(deflater.compress("hello"));
        CHECK(after.status == DecompressStatus::Error);
        CHECK(after.error.contains(QStringLiteral("failed earlier")));
    }
    SECTION("an invalid block type in the middle of the stream") {
        ZlibStreamDeflater deflater;
        ZlibStreamInflater inflater;
        REQUIRE(inflater.feed(deflater.compress(gatewayPayload(1))).status == DecompressStatus::Complete);
        // 0x07: BFINAL=1, BTYPE=11 (reserved).
        const DecompressResult result = inflater.feed(QByteArray("\x07\x00\x00\xff\xff", 5));
        REQUIRE(result.status == DecompressStatus::Error);
        CHECK(result.error.contains(QStringLiteral("invalid block type")));
    }
    SECTION("random garbage and random bit flips never crash") {
        for (quint32 seed = 1; seed <= 300; ++seed) {
            ZlibStreamInflater inflater(1024 * 1024);
            const QByteArray garbage = randomBytes(1 + seed % 200, seed) + kZlibSyncFlushSuffix.toByteArray();
            const DecompressResult result = inflater.feed(garbage);
            CHECK(result.status != DecompressStatus::NeedMore);
        }
        ZlibStreamDeflater deflater;
        const QByteArray first = deflater.compress(gatewayPayload(1));
        const QByteArray second = deflater.compress(gatewayPayload(2));
        QRandomGenerator random(99);
        for (qsizetype i = 0; i < second.size() - 4; ++i) {
            ZlibStreamInflater inflater(1024 * 1024);
            REQUIRE(inflater.feed(first).status == DecompressStatus::Complete);
            QByteArray corrupt = second;
            corrupt[i] = static_cast<char>(corrupt[i] ^ (1 << random.bounded(8)));
            const DecompressResult result = inflater.feed(corrupt);
            // Deflate has no per-block checksum: a flip may decode to other bytes, but never crashes.
            CHECK((result.status == DecompressStatus::Error || result.status == DecompressStatus::Complete ||
                   result.status == DecompressStatus::NeedMore));
            if (result.status == DecompressStatus::Error) {
                CHECK_FALSE(result.error.isEmpty());
            }
        }
    }
}

TEST_CASE("zlib-stream: the payload size guard stops decompression bombs", "[protocol][zlib]") {
    const QByteArray bomb(8 * 1024 * 1024, 'a');
    ZlibStreamDeflater deflater(9);
    const QByteArray message = deflater.compress(bomb);
    REQUIRE(message.size() < 16 * 1024);

    SECTION("over the limit") {
        ZlibStreamInflater inflater(1024 * 1024);
        CHECK(inflater.maxPayloadSize() == 1024 * 1024);
        const DecompressResult result = inflater.feed(message);
        REQUIRE(result.status == DecompressStatus::Error);
        CHECK(result.error.contains(QStringLiteral("exceeds the limit of 1048576 bytes")));
        CHECK(inflater.failed());
    }
    SECTION("exactly at the limit") {
        ZlibStreamInflater inflater(bomb.size());
        const DecompressResult result = inflater.feed(message);
        REQUIRE(result.status == DecompressStatus::Complete);
        CHECK(result.payload == bomb);
    }
    SECTION("the default limit is 64 MiB") {
        ZlibStreamInflater inflater;
        CHECK(inflater.maxPayloadSize() == 64 * 1024 * 1024);
        CHECK(inflater.feed(message).payload.size() == bomb.size());
    }
    SECTION("buffered input without a suffix is bounded too") {
        ZlibStreamInflater inflater(1000);
        CHECK(inflater.feed(QByteArray(1000, 'x')).status == DecompressStatus::NeedMore);
        const DecompressResult result = inflater.feed(QByteArray(5000, 'x'));
        REQUIRE(result.status == DecompressStatus::Error);
        CHECK(result.error.contains(QStringLiteral("without a flush marker")));
        CHECK(inflater.bufferedSize() == 0);
    }
}

TEST_CASE("zlib-stream: data after the end of the zlib stream is an error", "[protocol][zlib]") {
    // A peer that (wrongly) ends the stream with Z_FINISH and keeps sending.
    const QByteArray finished = qCompress(QByteArray("final payload")).mid(4); // strip Qt's size prefix
    ZlibStreamInflater inflater;
    QByteArray message = finished + QByteArray("\x00\x00\xff\xff", 4);
    const DecompressResult result = inflater.feed(message);
    CHECK(result.status == DecompressStatus::Error);
    CHECK(result.error.contains(QStringLiteral("trailing data")));
}
