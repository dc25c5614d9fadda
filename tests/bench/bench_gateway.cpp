// Gateway client figures (issue 4): frames decoded per second on one core — zlib-stream JSON
// MESSAGE_CREATE (~600 B) inflated through one long-lived context, validated and its envelope read
// (op, s, t and the raw text of d), as Shard::onMessage does — and the same for zstd-stream.
#include "engine/protocol/frame_envelope.h"
#include "engine/protocol/zlib_stream.h"
#include "engine/protocol/zstd_stream.h"
#include "tests/bench/bench_payloads.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <vector>

namespace {

template <class Compressor, class Decompressor>
void measure(const char* name) {
    constexpr int kFrames = 200000;
    Compressor compressor;
    std::vector<QByteArray> wire;
    wire.reserve(kFrames);
    qsizetype plain = 0;
    for (int i = 0; i < kFrames; ++i) {
        const QByteArray frame = botwright::bench::messageCreateFrame(i);
        plain += frame.size();
        wire.push_back(compressor.compress(frame));
    }
    Decompressor decompressor;
    botwright::protocol::FrameEnvelopeParser envelopes;
    QElapsedTimer timer;
    timer.start();
    qint64 sequenceSum = 0;
    for (const QByteArray& message : wire) {
        const botwright::protocol::DecompressResult r = decompressor.feed(message);
        const botwright::protocol::FrameEnvelope frame = envelopes.parse(r.payload);
        sequenceSum += frame.seq + (frame.data.size() > 0 ? 0 : -1);
    }
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    std::printf("%s_payload_bytes %.0f bytes\n", name, static_cast<double>(plain) / kFrames);
    std::printf("%s_decoded %.0f frames/s\n", name, kFrames / seconds);
    if (sequenceSum == 0)
        std::printf("%s_error nothing decoded\n", name);
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    using namespace botwright::protocol;
    measure<ZlibStreamDeflater, ZlibStreamInflater>("shard_zlib_json");
    measure<ZstdStreamCompressor, ZstdStreamDecompressor>("shard_zstd_json");
    return 0;
}
