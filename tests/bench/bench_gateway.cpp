// Gateway client figures (issue 4): frames decoded per second on one core — zlib-stream JSON
// MESSAGE_CREATE (~600 B) inflated through one long-lived context, validated and its envelope read
// (op, s, t and the raw text of d), as Shard::onMessage does — and the same for zstd-stream.
#include "engine/protocol/frame_envelope.h"
#include "engine/protocol/zlib_stream.h"
#include "engine/protocol/zstd_stream.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <vector>

namespace {

QByteArray messageCreate(int n) {
    return QStringLiteral(
               R"({"op":0,"s":%1,"t":"MESSAGE_CREATE","d":{"id":"12%2","channel_id":"1113768910127104000",)"
               R"("guild_id":"1113768905932800000","author":{"id":"948142551859331072","username":"alice",)"
               R"("discriminator":"0","global_name":"Alice","avatar":null,"public_flags":0},"content":"message %1 )"
               R"(says hello to the bot","timestamp":"2026-11-22T04:00:00.000000+00:00","edited_timestamp":null,)"
               R"("tts":false,"mention_everyone":false,"mentions":[],"mention_roles":[],"attachments":[],"embeds":[],)"
               R"("components":[],"pinned":false,"type":0,"flags":0,"member":{"roles":[],"joined_at":)"
               R"("2023-06-01T10:00:00.000000+00:00","deaf":false,"mute":false,"flags":0,"pending":false},)"
               R"("channel_type":0}})")
        .arg(n)
        .arg(1573909431194877952LL + n)
        .toUtf8();
}

template <class Compressor, class Decompressor>
void measure(const char* name) {
    constexpr int kFrames = 200000;
    Compressor compressor;
    std::vector<QByteArray> wire;
    wire.reserve(kFrames);
    qsizetype plain = 0;
    for (int i = 0; i < kFrames; ++i) {
        const QByteArray frame = messageCreate(i);
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
