// Gateway transport codec figures for a ~600-byte MESSAGE_CREATE dispatch: zlib-stream and
// zstd-stream compression/decompression throughput through one long-lived context (as on one
// connection), and ETF encode/decode rates (with JSON parsing of the same frames for reference). MB is 10^6
// bytes of uncompressed payload.
#include "engine/protocol/etf_codec.h"
#include "engine/protocol/zlib_stream.h"
#include "engine/protocol/zstd_stream.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QRandomGenerator>

#include <cstdio>

using namespace botwright::protocol;

namespace {

constexpr qint64 kBudgetNs = 1'000'000'000; // per measured loop
constexpr int kBatch = 64;                  // messages between clock reads

QList<QByteArray> makePayloads(int count) {
    // Message text: words from a small vocabulary plus a random tag, so that payloads are similar
    // (as real traffic is) without repeating exactly.
    static const char* const kWords[] = {"deploy", "ready", "ping",    "pong",  "ticket",
                                         "queue",  "role",  "welcome", "music", "vote",
                                         "poll",   "emoji", "thread",  "reply", "sandbox"};
    QRandomGenerator random(600);
    QList<QByteArray> payloads;
    payloads.reserve(count);
    for (int n = 0; n < count; ++n) {
        QString content;
        for (int w = 0; w < 4 + n % 5; ++w) {
            content += QLatin1String(kWords[random.bounded(15)]) + QLatin1Char(' ');
        }
        for (int c = 0; c < 12; ++c) {
            content += QLatin1Char(static_cast<char>('a' + random.bounded(26)));
        }
        payloads.append(
            QStringLiteral(
                R"({"t":"MESSAGE_CREATE","s":%1,"op":0,"d":{"type":0,"timestamp":"2024-05-01T12:%2:%3.%4+00:00",)"
                R"("pinned":false,"nonce":"%5","mentions":[],"mention_roles":[],)"
                R"("mention_everyone":false,"member":{"roles":["1000000000000000300"],"nick":null,"flags":0},)"
                R"("id":"%6","flags":0,"embeds":[],)"
                R"("content":"%7","components":[],"channel_id":"11000000000000%8","author":{"username":"user%9",)"
                R"("public_flags":0,"id":"10000000000%10","global_name":"User %11","discriminator":"0","avatar":null},)"
                R"("attachments":[],"guild_id":"1000000000000000100"}})")
                .arg(n + 1)
                .arg(n / 60 % 60, 2, 10, QLatin1Char('0'))
                .arg(n % 60, 2, 10, QLatin1Char('0'))
                .arg(random.bounded(1000000), 6, 10, QLatin1Char('0'))
                .arg(random.bounded(qint64{1000000000000000000}, qint64{1300000000000000000}))
                .arg(qint64{1240000000000000000} + qint64{n} * 4194304 + random.bounded(4194304))
                .arg(content)
                .arg(random.bounded(100000), 5, 10, QLatin1Char('0'))
                .arg(random.bounded(200))
                .arg(random.bounded(100000000), 8, 10, QLatin1Char('0'))
                .arg(random.bounded(200))
                .toUtf8());
    }
    return payloads;
}

struct Rate {
    double messagesPerSecond = 0;
    double megabytesPerSecond = 0;
};

Rate rate(qint64 messages, qint64 bytes, qint64 ns) {
    const double seconds = static_cast<double>(ns) / 1e9;
    return {static_cast<double>(messages) / seconds, static_cast<double>(bytes) / 1e6 / seconds};
}

void print(const char* name, const Rate& r) {
    std::printf("%s %.1f MB/s\n", name, r.megabytesPerSecond);
    std::printf("%s_rate %.0f messages/s\n", name, r.messagesPerSecond);
}

// Compresses payloads round-robin through one compressor until the time budget is used.
template <typename Compressor>
Rate benchCompress(const QList<QByteArray>& payloads, qint64* compressedBytes, qint64* compressedMessages) {
    Compressor compressor;
    qint64 messages = 0;
    qint64 bytes = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.nsecsElapsed() < kBudgetNs) {
        for (int i = 0; i < kBatch; ++i) {
            const QByteArray& payload = payloads[messages % payloads.size()];
            *compressedBytes += compressor.compress(payload).size();
            bytes += payload.size();
            ++messages;
        }
    }
    *compressedMessages = messages;
    return rate(messages, bytes, timer.nsecsElapsed());
}

// Decompresses one connection's worth of messages with a fresh context per pass.
template <typename Compressor, typename Decompressor>
Rate benchDecompress(const QList<QByteArray>& payloads, bool* ok) {
    Compressor compressor;
    QList<QByteArray> messages;
    messages.reserve(payloads.size());
    for (const QByteArray& payload : payloads) {
        messages.append(compressor.compress(payload));
    }
    qint64 count = 0;
    qint64 bytes = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.nsecsElapsed() < kBudgetNs) {
        Decompressor decompressor;
        for (qsizetype i = 0; i < messages.size(); ++i) {
            const DecompressResult result = decompressor.feed(messages[i]);
            if (result.status != DecompressStatus::Complete || result.payload.size() != payloads[i].size()) {
                std::fprintf(stderr, "decompression failed: %s\n", qPrintable(result.error));
                *ok = false;
                return {};
            }
            bytes += result.payload.size();
            ++count;
        }
    }
    return rate(count, bytes, timer.nsecsElapsed());
}

template <typename Compressor, typename Decompressor>
bool benchStream(const char* prefix, const char* decompressName, const QList<QByteArray>& payloads) {
    qint64 compressedBytes = 0;
    qint64 compressedMessages = 0;
    const Rate compress = benchCompress<Compressor>(payloads, &compressedBytes, &compressedMessages);
    bool ok = true;
    const Rate decompress = benchDecompress<Compressor, Decompressor>(payloads, &ok);
    if (!ok) {
        return false;
    }
    print(QByteArray(prefix).append("_compress").constData(), compress);
    print(QByteArray(prefix).append(decompressName).constData(), decompress);
    std::printf("%s_compressed_size %.1f bytes/message\n", prefix,
                static_cast<double>(compressedBytes) / static_cast<double>(compressedMessages));
    return true;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const QList<QByteArray> payloads = makePayloads(4096);
    qint64 totalSize = 0;
    for (const QByteArray& payload : payloads) {
        totalSize += payload.size();
    }
    std::printf("payload_size %.1f bytes\n",
                static_cast<double>(totalSize) / static_cast<double>(payloads.size()));

    if (!benchStream<ZlibStreamDeflater, ZlibStreamInflater>("zlib_stream", "_inflate", payloads) ||
        !benchStream<ZstdStreamCompressor, ZstdStreamDecompressor>("zstd_stream", "_decompress", payloads)) {
        return 1;
    }

    QList<QJsonValue> frames;
    for (const QByteArray& payload : payloads) {
        frames.append(QJsonDocument::fromJson(payload).object());
    }
    QList<QByteArray> encoded;
    for (const QJsonValue& frame : frames) {
        encoded.append(etfEncode(frame));
    }
    qint64 count = 0;
    qint64 bytes = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.nsecsElapsed() < kBudgetNs) {
        for (int i = 0; i < kBatch; ++i) {
            bytes += etfEncode(frames[count % frames.size()]).size();
            ++count;
        }
    }
    const Rate encode = rate(count, bytes, timer.nsecsElapsed());
    std::printf("etf_encode %.0f messages/s\n", encode.messagesPerSecond);
    std::printf("etf_size %.1f bytes/message\n", static_cast<double>(bytes) / static_cast<double>(count));

    count = 0;
    timer.restart();
    while (timer.nsecsElapsed() < kBudgetNs) {
        for (int i = 0; i < kBatch; ++i) {
            const EtfDecodeResult result = etfDecode(encoded[count % encoded.size()]);
            if (!result.ok) {
                std::fprintf(stderr, "ETF decode failed: %s\n", qPrintable(result.error));
                return 1;
            }
            ++count;
        }
    }
    std::printf("etf_decode %.0f messages/s\n", rate(count, 0, timer.nsecsElapsed()).messagesPerSecond);

    // Reference point for the ETF figures: parsing the same frames from JSON text.
    count = 0;
    timer.restart();
    while (timer.nsecsElapsed() < kBudgetNs) {
        for (int i = 0; i < kBatch; ++i) {
            if (QJsonDocument::fromJson(payloads[count % payloads.size()]).isNull()) {
                return 1;
            }
            ++count;
        }
    }
    std::printf("json_parse %.0f messages/s\n", rate(count, 0, timer.nsecsElapsed()).messagesPerSecond);
    return 0;
}
