// libFuzzer target: ZstdStreamDecompressor, the client side of `compress=zstd-stream`.
// Decode mode feeds arbitrary WebSocket messages through one long-lived decompressor; round-trip
// mode compresses fuzzer-chosen payloads with ZstdStreamCompressor and requires them back byte for
// byte, also when a message arrives in two fragments. Input layout: tests/fuzz/fuzz_input.h.

#include "engine/protocol/zstd_stream.h"
#include "tests/fuzz/fuzz_input.h"

using botwright::fuzz::FuzzInput;
using botwright::protocol::DecompressResult;
using botwright::protocol::DecompressStatus;
using botwright::protocol::ZstdStreamCompressor;
using botwright::protocol::ZstdStreamDecompressor;

namespace {

void checkResult(const ZstdStreamDecompressor& decompressor, const DecompressResult& result) {
    switch (result.status) {
    case DecompressStatus::NeedMore:
        BOTWRIGHT_FUZZ_CHECK(result.payload.isEmpty() && result.error.isEmpty(), "NeedMore carries nothing");
        break;
    case DecompressStatus::Complete:
        BOTWRIGHT_FUZZ_CHECK(result.error.isEmpty() && !result.payload.isEmpty(),
                             "Complete carries a payload and no error");
        BOTWRIGHT_FUZZ_CHECK(result.payload.size() <= decompressor.maxPayloadSize(),
                             "payload within the limit");
        break;
    case DecompressStatus::Error:
        BOTWRIGHT_FUZZ_CHECK(result.payload.isEmpty() && !result.error.isEmpty(), "Error says why");
        BOTWRIGHT_FUZZ_CHECK(decompressor.failed(), "Error fails the decompressor");
        break;
    }
}

void decode(FuzzInput& input, qsizetype limit) {
    ZstdStreamDecompressor decompressor(limit);
    while (!input.atEnd()) {
        const QByteArrayView message = input.take(input.u16());
        const DecompressResult result = decompressor.feed(message);
        checkResult(decompressor, result);
        if (result.status == DecompressStatus::Error) {
            const DecompressResult again = decompressor.feed(message);
            BOTWRIGHT_FUZZ_CHECK(again.status == DecompressStatus::Error,
                                 "a failed decompressor stays failed");
            return;
        }
    }
}

void roundTrip(FuzzInput& input) {
    const int level = static_cast<int>(input.byte() % 8) - 2; // -2 .. 5 (0 is zstd's default)
    ZstdStreamCompressor compressor(level);
    ZstdStreamDecompressor decompressor;
    BOTWRIGHT_FUZZ_CHECK(compressor.ok(), "compressor created");
    QByteArray sent;
    QByteArray received;
    while (!input.atEnd()) {
        const qsizetype length = input.u16();
        const std::uint8_t split = input.byte();
        const QByteArrayView payload = input.take(static_cast<std::size_t>(length));
        sent.append(payload);
        const QByteArray message = compressor.compress(payload);
        BOTWRIGHT_FUZZ_CHECK(compressor.ok(), "compression succeeds");
        // A fragment decompresses to a part of the payload; compare the concatenation after each
        // whole message.
        const qsizetype cut = split == 0 || message.isEmpty() ? 0 : split % message.size();
        for (const QByteArrayView part :
             {QByteArrayView(message).first(cut), QByteArrayView(message).sliced(cut)}) {
            const DecompressResult result = decompressor.feed(part);
            checkResult(decompressor, result);
            BOTWRIGHT_FUZZ_CHECK(result.status != DecompressStatus::Error, "our own stream decompresses");
            received.append(result.payload);
        }
        BOTWRIGHT_FUZZ_CHECK(received == sent, "round trip gives back every payload byte for byte");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzInput input(data, size);
    const std::uint8_t mode = input.byte();
    if ((mode & botwright::fuzz::kModeRoundTrip) != 0) {
        roundTrip(input);
    } else {
        decode(input, botwright::fuzz::streamLimit(mode));
    }
    return 0;
}
