// libFuzzer target: parseFrameEnvelope, the simdjson reader of `encoding=json` gateway frames.
// The input is one frame. A long-lived FrameEnvelopeParser (buffers reused across inputs, as in a
// Shard) must agree with a fresh one; an accepted frame's `d` must be a piece of the input and
// valid JSON on its own, and Qt's parser must agree on the frame, its `op` and its `d`.

#include "engine/protocol/frame_envelope.h"
#include "tests/fuzz/fuzz_input.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <simdjson.h>

using botwright::protocol::FrameEnvelope;
using botwright::protocol::FrameEnvelopeParser;
using botwright::protocol::parseFrameEnvelope;

namespace {

FrameEnvelopeParser& sharedParser() {
    static FrameEnvelopeParser parser;
    return parser;
}

simdjson::dom::parser& dataParser() {
    static simdjson::dom::parser parser;
    return parser;
}

bool sameEnvelope(const FrameEnvelope& a, const FrameEnvelope& b) {
    return a.ok == b.ok && a.error == b.error && a.op == b.op && a.seq == b.seq && a.type == b.type &&
           a.data == b.data;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // No copy and no terminating NUL: the parser must not rely on either.
    const QByteArray frame =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const FrameEnvelope envelope = sharedParser().parse(frame);
    BOTWRIGHT_FUZZ_CHECK(sameEnvelope(envelope, parseFrameEnvelope(frame)),
                         "a reused parser agrees with a fresh one");
    if (!envelope.ok) {
        BOTWRIGHT_FUZZ_CHECK(!envelope.error.isEmpty(), "a refused frame says why");
        return 0;
    }
    BOTWRIGHT_FUZZ_CHECK(envelope.error.isEmpty(), "an accepted frame has no error");
    BOTWRIGHT_FUZZ_CHECK(envelope.op >= 0 && envelope.op <= 0xFFFF, "op is a small non-negative integer");
    BOTWRIGHT_FUZZ_CHECK(envelope.seq >= -1, "s is -1 or a sequence number");
    BOTWRIGHT_FUZZ_CHECK(!envelope.data.isEmpty(), "d is JSON text, \"null\" when absent");
    BOTWRIGHT_FUZZ_CHECK(envelope.data == "null" || frame.contains(envelope.data),
                         "d is a piece of the frame (nothing read past its end)");

    // `d` on its own, read by simdjson again (and copied, so no padding is shared with the frame).
    simdjson::dom::element value;
    BOTWRIGHT_FUZZ_CHECK(
        !dataParser()
             .parse(envelope.data.constData(), static_cast<std::size_t>(envelope.data.size()))
             .get(value),
        "d is one valid JSON value");

    // Qt's parser as a second opinion. It refuses numbers beyond a double's range, 1e-400 included,
    // which simdjson reads as 0: only that difference is allowed.
    QJsonParseError error{};
    const QJsonDocument frameDocument = QJsonDocument::fromJson(frame, &error);
    if (error.error == QJsonParseError::IllegalNumber) {
        return 0;
    }
    BOTWRIGHT_FUZZ_CHECK(error.error == QJsonParseError::NoError && frameDocument.isObject(),
                         "an accepted frame is a JSON object for Qt too");
    BOTWRIGHT_FUZZ_CHECK(frameDocument.object().value(QLatin1String("op")).toInteger(-1) == envelope.op,
                         "op matches Qt's reading");
    // Wrapped in an array, any JSON value (scalars too) is a document for Qt.
    const QJsonDocument dataDocument = QJsonDocument::fromJson("[" + envelope.data + "]", &error);
    BOTWRIGHT_FUZZ_CHECK(error.error == QJsonParseError::NoError && dataDocument.array().size() == 1,
                         "Qt reads d as one valid JSON value");
    return 0;
}
