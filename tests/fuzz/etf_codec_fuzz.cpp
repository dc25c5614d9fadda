// libFuzzer target: etfDecode, the Erlang term format reader for `encoding=etf` frames.
// The input is the term itself (version byte first). Whatever decodes must survive etfEncode and
// decode again to the same value (see expectedAfterRoundTrip), and a second round trip must change
// nothing.

#include "engine/protocol/etf_codec.h"
#include "tests/fuzz/fuzz_input.h"

#include <QJsonArray>
#include <QJsonObject>

using botwright::protocol::etfDecode;
using botwright::protocol::EtfDecodeResult;
using botwright::protocol::etfEncode;

namespace {

// The one change a round trip makes by design: an integral number beyond 2^53 - 1 (a float, say
// 1e17) is encoded as an integer term, which decodes as decimal text, as snowflakes do.
QJsonValue expectedAfterRoundTrip(const QJsonValue& value) {
    constexpr qint64 kMaxSafeInteger = (qint64{1} << 53) - 1;
    switch (value.type()) {
    case QJsonValue::Double: {
        const qint64 integer = value.toInteger(0);
        const bool integral = integer != 0 || value.toInteger(1) == 0;
        if (integral && (integer > kMaxSafeInteger || integer < -kMaxSafeInteger)) {
            return QString::number(integer);
        }
        return value;
    }
    case QJsonValue::Array: {
        QJsonArray array;
        for (const QJsonValue& element : value.toArray()) {
            array.append(expectedAfterRoundTrip(element));
        }
        return array;
    }
    case QJsonValue::Object: {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            it.value() = expectedAfterRoundTrip(it.value());
        }
        return object;
    }
    default:
        return value;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A view into libFuzzer's exact-size buffer: reading one byte past the end is caught.
    const EtfDecodeResult result = etfDecode(QByteArrayView(data, static_cast<qsizetype>(size)));
    if (!result.ok) {
        BOTWRIGHT_FUZZ_CHECK(result.error.startsWith(QLatin1String("ETF: ")), "a failure says why");
        return 0;
    }
    BOTWRIGHT_FUZZ_CHECK(result.error.isEmpty(), "success has no error");

    const QByteArray encoded = etfEncode(result.value);
    const EtfDecodeResult again = etfDecode(encoded);
    BOTWRIGHT_FUZZ_CHECK(again.ok, "the encoder's output decodes");
    BOTWRIGHT_FUZZ_CHECK(!again.hasAtomKeys, "the encoder writes binary map keys");
    BOTWRIGHT_FUZZ_CHECK(again.value == expectedAfterRoundTrip(result.value),
                         "decode(encode(value)) == value");
    const EtfDecodeResult third = etfDecode(etfEncode(again.value));
    BOTWRIGHT_FUZZ_CHECK(third.ok && third.value == again.value, "one round trip reaches a fixed point");
    return 0;
}
