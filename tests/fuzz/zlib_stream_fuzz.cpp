// libFuzzer target: ZlibStreamInflater, the client side of `compress=zlib-stream`.
// Decode mode feeds arbitrary WebSocket messages through one long-lived inflater; round-trip mode
// deflates fuzzer-chosen payloads with ZlibStreamDeflater and requires them back byte for byte,
// also when a message arrives in two fragments. Input layout: tests/fuzz/fuzz_input.h.

#include "engine/protocol/zlib_stream.h"
#include "tests/fuzz/fuzz_input.h"

using botwright::fuzz::FuzzInput;
using botwright::protocol::DecompressResult;
using botwright::protocol::DecompressStatus;
using botwright::protocol::ZlibStreamDeflater;
using botwright::protocol::ZlibStreamInflater;

namespace {

void checkResult(const ZlibStreamInflater& inflater, const DecompressResult& result) {
    switch (result.status) {
    case DecompressStatus::NeedMore:
        BOTWRIGHT_FUZZ_CHECK(result.payload.isEmpty() && result.error.isEmpty(), "NeedMore carries nothing");
        break;
    case DecompressStatus::Complete:
        BOTWRIGHT_FUZZ_CHECK(result.error.isEmpty(), "Complete has no error");
        BOTWRIGHT_FUZZ_CHECK(result.payload.size() <= inflater.maxPayloadSize(), "payload within the limit");
        BOTWRIGHT_FUZZ_CHECK(inflater.bufferedSize() == 0, "Complete leaves nothing buffered");
        break;
    case DecompressStatus::Error:
        BOTWRIGHT_FUZZ_CHECK(result.payload.isEmpty() && !result.error.isEmpty(), "Error says why");
        BOTWRIGHT_FUZZ_CHECK(inflater.failed(), "Error fails the inflater");
        break;
    }
}

void decode(FuzzInput& input, qsizetype limit) {
    ZlibStreamInflater inflater(limit);
    while (!input.atEnd()) {
        const QByteArrayView message = input.take(input.u16());
        const DecompressResult result = inflater.feed(message);
        checkResult(inflater, result);
        if (result.status == DecompressStatus::Error) {
            const DecompressResult again = inflater.feed(message);
            BOTWRIGHT_FUZZ_CHECK(again.status == DecompressStatus::Error, "a failed inflater stays failed");
            return;
        }
    }
}

void roundTrip(FuzzInput& input) {
    const int level = static_cast<int>(input.byte() % 11) - 1; // -1 (default) .. 9
    ZlibStreamDeflater deflater(level);
    ZlibStreamInflater inflater;
    BOTWRIGHT_FUZZ_CHECK(deflater.ok(), "deflater created");
    QByteArray sent;
    QByteArray received;
    while (!input.atEnd()) {
        const qsizetype length = input.u16();
        const std::uint8_t split = input.byte();
        const QByteArrayView payload = input.take(static_cast<std::size_t>(length));
        sent.append(payload);
        const QByteArray message = deflater.compress(payload);
        BOTWRIGHT_FUZZ_CHECK(deflater.ok() && message.endsWith(botwright::protocol::kZlibSyncFlushSuffix),
                             "every deflated message ends with the sync-flush marker");
        // A first fragment that happens to end with 00 00 FF FF is inflated early: the bytes still
        // arrive, in two payloads, so compare the concatenation after each whole message.
        const qsizetype cut = split == 0 ? 0 : split % message.size();
        for (const QByteArrayView part :
             {QByteArrayView(message).first(cut), QByteArrayView(message).sliced(cut)}) {
            if (part.isEmpty()) {
                continue;
            }
            const DecompressResult result = inflater.feed(part);
            checkResult(inflater, result);
            BOTWRIGHT_FUZZ_CHECK(result.status != DecompressStatus::Error, "our own stream inflates");
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
