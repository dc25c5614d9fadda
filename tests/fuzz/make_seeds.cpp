// Writes the binary seed corpora of the fuzz targets, at build time, from the JSON gateway frames in
// tests/fuzz/corpus/frame_envelope (which are themselves the JSON target's seeds):
//   zlib_stream/, zstd_stream/   the frames compressed through one stream context (decode mode),
//                                also split across messages, streams a peer finished (zlib: then
//                                the marker; zstd: two whole frames), and round-trip inputs
//   etf_codec/                   the frames as ETF, plus hand-written terms for the tags the encoder
//                                never writes (atoms, tuples, STRING_EXT, big integers, FLOAT_EXT)
// Usage: make_seeds <frames dir> <output dir>

#include "engine/protocol/etf_codec.h"
#include "engine/protocol/zlib_stream.h"
#include "engine/protocol/zstd_stream.h"
#include "tests/fuzz/fuzz_input.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#include <cstdio>
#include <initializer_list>
#include <zlib.h>
#include <zstd.h>

namespace {

using botwright::fuzz::appendU16;

struct Frame {
    QString name;
    QByteArray json;
};

bool writeSeed(const QString& directory, const QString& name, const QByteArray& bytes) {
    if (!QDir().mkpath(directory)) {
        std::fprintf(stderr, "make_seeds: cannot create %s\n", qPrintable(directory));
        return false;
    }
    QFile file(directory + QLatin1Char('/') + name);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "make_seeds: cannot write %s\n", qPrintable(file.fileName()));
        return false;
    }
    return true;
}

// Decode-mode records, one per message.
QByteArray decodeSeed(const QList<QByteArray>& messages) {
    QByteArray seed(1, '\0'); // mode: decode, the largest payload limit
    for (const QByteArray& message : messages) {
        appendU16(seed, message.size());
        seed.append(message);
    }
    return seed;
}

// Round-trip records, one per payload; `split` cuts each compressed message in two.
QByteArray roundTripSeed(char level, const QList<Frame>& frames, char split) {
    QByteArray seed;
    seed.append(static_cast<char>(botwright::fuzz::kModeRoundTrip));
    seed.append(level);
    for (const Frame& frame : frames) {
        appendU16(seed, frame.json.size());
        seed.append(split);
        seed.append(frame.json);
    }
    return seed;
}

// A whole zlib stream (final block and checksum) of `payload`, followed by the sync-flush marker.
QByteArray finishedZlibStream(const QByteArray& payload) {
    QByteArray out(static_cast<qsizetype>(compressBound(static_cast<uLong>(payload.size()))), '\0');
    auto size = static_cast<uLongf>(out.size());
    if (compress(reinterpret_cast<Bytef*>(out.data()), &size,
                 reinterpret_cast<const Bytef*>(payload.constData()),
                 static_cast<uLong>(payload.size())) != Z_OK) {
        return {};
    }
    out.resize(static_cast<qsizetype>(size));
    return out + botwright::protocol::kZlibSyncFlushSuffix.toByteArray();
}

// A whole zstd frame (ended, with its content size) of `payload`.
QByteArray finishedZstdFrame(const QByteArray& payload) {
    QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(static_cast<std::size_t>(payload.size()))),
                   '\0');
    const std::size_t size = ZSTD_compress(out.data(), static_cast<std::size_t>(out.size()),
                                           payload.constData(), static_cast<std::size_t>(payload.size()), 1);
    if (ZSTD_isError(size)) {
        return {};
    }
    out.resize(static_cast<qsizetype>(size));
    return out;
}

// Every frame through one compressor; the first message also in two halves.
template <typename Compress>
bool streamSeeds(const QString& directory, const QList<Frame>& frames, Compress compress) {
    QList<QByteArray> messages;
    for (const Frame& frame : frames) {
        messages.append(compress(frame.json));
    }
    QList<QByteArray> split = messages;
    const QByteArray first = split.takeFirst();
    split.prepend(first.sliced(first.size() / 2));
    split.prepend(first.first(first.size() / 2));
    return writeSeed(directory, QStringLiteral("decode_frames"), decodeSeed(messages)) &&
           writeSeed(directory, QStringLiteral("decode_split"), decodeSeed(split)) &&
           writeSeed(directory, QStringLiteral("roundtrip_frames"), roundTripSeed(0, frames, 0)) &&
           writeSeed(directory, QStringLiteral("roundtrip_split"), roundTripSeed(3, frames, 7));
}

QByteArray bytes(std::initializer_list<int> values) {
    QByteArray out;
    for (const int value : values) {
        out.append(static_cast<char>(value));
    }
    return out;
}

bool etfSeeds(const QString& directory, const QList<Frame>& frames) {
    for (const Frame& frame : frames) {
        const QByteArray term = botwright::protocol::etfEncode(QJsonDocument::fromJson(frame.json).object());
        if (!writeSeed(directory, frame.name, term)) {
            return false;
        }
    }
    QByteArray floatText("1.50000000000000000000e+00"); // FLOAT_EXT: 31 bytes, NUL-padded
    floatText.append(QByteArray(31 - floatText.size(), '\0'));
    const QList<std::pair<const char*, QByteArray>> terms = {
        // {nil, true, false, ok} with all four atom tags
        {"atoms", bytes({131, 104, 4, 100, 0,   3,   'n', 'i', 'l', 115, 4, 't', 'r', 'u',
                         'e', 118, 0, 5,   'f', 'a', 'l', 's', 'e', 119, 2, 'o', 'k'})},
        // #{op => 10, 256 => <<"x">>, "ab" => []}: atom, integer and STRING_EXT keys
        {"map_keys", bytes({131, 116, 0,   0, 0, 3, 119, 2,   'o', 'p', 97, 10,  98,  0,  0,
                            1,   0,   109, 0, 0, 0, 1,   'x', 107, 0,   2,  'a', 'b', 106})},
        // ["\1\2\3", 2^64 - 1, a negative 9-byte LARGE_BIG]
        {"list_big", bytes({131, 108, 0,   0,   0, 3, 107, 0, 3, 1, 2, 3, 110, 8, 0, 255, 255, 255, 255, 255,
                            255, 255, 255, 111, 0, 0, 0,   9, 1, 1, 2, 3, 4,   5, 6, 7,   8,   9,   106})},
        // {1.5} as a LARGE_TUPLE of a FLOAT_EXT
        {"legacy_float", bytes({131, 105, 0, 0, 0, 1, 99}) + floatText},
        // -2.5 as NEW_FLOAT_EXT
        {"new_float", bytes({131, 70, 0xc0, 0x04, 0, 0, 0, 0, 0, 0})},
    };
    for (const auto& [name, term] : terms) {
        if (!writeSeed(directory, QString::fromLatin1(name), term)) {
            return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: make_seeds <frames dir> <output dir>\n");
        return 2;
    }
    const QDir framesDir(QString::fromLocal8Bit(argv[1]));
    const QString out = QString::fromLocal8Bit(argv[2]);
    QList<Frame> frames;
    const QStringList names = framesDir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& name : names) {
        QFile file(framesDir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "make_seeds: cannot read %s\n", qPrintable(file.fileName()));
            return 1;
        }
        frames.append({name.chopped(5), file.readAll()});
    }
    if (frames.isEmpty()) {
        std::fprintf(stderr, "make_seeds: no *.json frames in %s\n", argv[1]);
        return 1;
    }

    botwright::protocol::ZlibStreamDeflater deflater;
    botwright::protocol::ZstdStreamCompressor compressor;
    const QByteArray& first = frames.first().json;
    const QByteArray& last = frames.last().json;
    const bool ok = streamSeeds(out + QStringLiteral("/zlib_stream"), frames,
                                [&](const QByteArray& payload) { return deflater.compress(payload); }) &&
                    streamSeeds(out + QStringLiteral("/zstd_stream"), frames,
                                [&](const QByteArray& payload) { return compressor.compress(payload); }) &&
                    writeSeed(out + QStringLiteral("/zlib_stream"), QStringLiteral("decode_finished"),
                              decodeSeed({finishedZlibStream(first), finishedZlibStream(last)})) &&
                    writeSeed(out + QStringLiteral("/zstd_stream"), QStringLiteral("decode_finished"),
                              decodeSeed({finishedZstdFrame(first) + finishedZstdFrame(last),
                                          finishedZstdFrame(last)})) &&
                    etfSeeds(out + QStringLiteral("/etf_codec"), frames) && deflater.ok() && compressor.ok();
    return ok ? 0 : 1;
}
