#include "engine/protocol/etf_codec.h"
#include "tests/support/qt_catch.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <cstdint>
#include <initializer_list>
#include <limits>

using botwright::protocol::etfDecode;
using botwright::protocol::EtfDecodeResult;
using botwright::protocol::etfEncode;
using botwright::protocol::kEtfMaxDepth;

namespace {

QByteArray bytes(std::initializer_list<int> values) {
    QByteArray out;
    for (const int value : values) {
        out.append(static_cast<char>(value));
    }
    return out;
}

QByteArray u32(quint32 value) {
    return bytes({static_cast<int>(value >> 24) & 0xff, static_cast<int>(value >> 16) & 0xff,
                  static_cast<int>(value >> 8) & 0xff, static_cast<int>(value) & 0xff});
}

QByteArray binary(const QByteArray& content) {
    return bytes({109}) + u32(static_cast<quint32>(content.size())) + content;
}

QByteArray smallAtomUtf8(const QByteArray& name) {
    return bytes({119, static_cast<int>(name.size())}) + name;
}

QJsonValue parseJson(const char* json) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    REQUIRE(error.error == QJsonParseError::NoError);
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
}

std::string json(const QJsonValue& value) {
    if (value.isObject()) {
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact).toStdString();
    }
    if (value.isArray()) {
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact).toStdString();
    }
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).toStdString();
}

EtfDecodeResult decodeOk(const QByteArray& data) {
    EtfDecodeResult result = etfDecode(data);
    INFO(result.error.toStdString());
    REQUIRE(result.ok);
    REQUIRE(result.error.isEmpty());
    return result;
}

// A READY dispatch as Discord sends it: snowflakes as strings, nested objects and arrays, nulls,
// booleans, floats.
QJsonObject readyFrame() {
    QJsonObject frame = parseJson(R"({
      "op": 0, "s": 1, "t": "READY",
      "d": {
        "v": 10,
        "user": {"id": "1000000000000000001", "username": "sandbox-bot", "discriminator": "0",
                 "global_name": null, "avatar": null, "bot": true, "verified": true, "mfa_enabled": false,
                 "flags": 0, "public_flags": 524288},
        "guilds": [{"id": "1000000000000000100", "unavailable": true},
                   {"id": "1000000000000000200", "unavailable": true}],
        "session_id": "0f4c5d1e2b3a49587766554433221100",
        "resume_gateway_url": "ws://127.0.0.1:53111",
        "shard": [0, 1],
        "application": {"id": "1000000000000000002", "flags": 8953856},
        "private_channels": [],
        "presences": [],
        "relationships": [],
        "guild_join_requests": [],
        "user_settings": {},
        "geo_ordered_rtc_regions": ["us-east", "us-central"],
        "_trace": ["[\"gateway-prd-us-east1-b-0q6r\",{\"micros\":123,\"calls\":[]}]"],
        "scores": [0.5, -1.25, 3.14159, 1e-300, 1.7976931348623157e308],
        "nested": [[1, 2, [3, [], [4, {"deep": [null, true, false]}]]], [-1, -129, 256, 70000, -2147483648]],
        "text": "héllo wörld — 👋 ✓"
      }
    })")
                            .toObject();
    return frame;
}

} // namespace

TEST_CASE("ETF: scalar encodings match the term format byte for byte", "[protocol][etf]") {
    CHECK(etfEncode(QJsonValue(0)) == bytes({131, 97, 0}));
    CHECK(etfEncode(QJsonValue(255)) == bytes({131, 97, 255}));
    CHECK(etfEncode(QJsonValue(256)) == bytes({131, 98, 0, 0, 1, 0}));
    CHECK(etfEncode(QJsonValue(-1)) == bytes({131, 98, 255, 255, 255, 255}));
    CHECK(etfEncode(QJsonValue(qint64{2147483648})) == bytes({131, 110, 4, 0, 0, 0, 0, 128}));
    CHECK(etfEncode(QJsonValue(qint64{-2147483649})) == bytes({131, 110, 4, 1, 1, 0, 0, 128}));
    CHECK(etfEncode(QJsonValue(std::numeric_limits<qint64>::min())) ==
          bytes({131, 110, 8, 1, 0, 0, 0, 0, 0, 0, 0, 128}));
    CHECK(etfEncode(QJsonValue(3.0)) == bytes({131, 97, 3})); // JSON numbers: integral means integer
    CHECK(etfEncode(QJsonValue(1.5)) == bytes({131, 70, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0}));
    CHECK(etfEncode(QJsonValue(true)) == bytes({131}) + smallAtomUtf8("true"));
    CHECK(etfEncode(QJsonValue(false)) == bytes({131}) + smallAtomUtf8("false"));
    CHECK(etfEncode(QJsonValue(QJsonValue::Null)) == bytes({131}) + smallAtomUtf8("nil"));
    CHECK(etfEncode(QJsonValue(QStringLiteral("a"))) == bytes({131, 109, 0, 0, 0, 1, 'a'}));
    CHECK(etfEncode(QJsonValue(QStringLiteral("é"))) == bytes({131, 109, 0, 0, 0, 2, 0xc3, 0xa9}));
    CHECK(etfEncode(QJsonArray()) == bytes({131, 106}));
    CHECK(etfEncode(QJsonArray{1, 2}) == bytes({131, 108, 0, 0, 0, 2, 97, 1, 97, 2, 106}));
    CHECK(etfEncode(QJsonObject()) == bytes({131, 116, 0, 0, 0, 0}));
    CHECK(etfEncode(QJsonObject{{QStringLiteral("op"), 1}}) ==
          bytes({131, 116, 0, 0, 0, 1, 109, 0, 0, 0, 2, 'o', 'p', 97, 1}));
}

TEST_CASE("ETF: a READY frame round-trips", "[protocol][etf]") {
    const QJsonObject frame = readyFrame();
    const QByteArray encoded = etfEncode(frame);
    REQUIRE(static_cast<quint8>(encoded.at(0)) == 131);
    REQUIRE(static_cast<quint8>(encoded.at(1)) == 116); // MAP_EXT
    const EtfDecodeResult result = decodeOk(encoded);
    CHECK_FALSE(result.hasAtomKeys);
    REQUIRE(result.value.isObject());
    CHECK(json(result.value) == json(frame));
    CHECK(result.value == QJsonValue(frame));

    const QJsonObject d = result.value[QStringLiteral("d")].toObject();
    CHECK(d[QStringLiteral("user")][QStringLiteral("id")] == QStringLiteral("1000000000000000001"));
    CHECK(d[QStringLiteral("user")][QStringLiteral("global_name")].isNull());
    CHECK(d[QStringLiteral("user")][QStringLiteral("bot")] == true);
    CHECK(d[QStringLiteral("user_settings")].toObject().isEmpty());
    CHECK(d[QStringLiteral("private_channels")].toArray().isEmpty());
    CHECK(d[QStringLiteral("scores")][2].toDouble() == 3.14159);
    CHECK(d[QStringLiteral("scores")][4].toDouble() == 1.7976931348623157e308);
    CHECK(d[QStringLiteral("text")] == QStringLiteral("héllo wörld — 👋 ✓"));
    // Re-encoding the decoded value gives the same bytes.
    CHECK(etfEncode(result.value) == encoded);
}

TEST_CASE("ETF: 64-bit integers become decimal strings beyond 2^53", "[protocol][etf]") {
    constexpr qint64 kSnowflake = 1234567890123456789;
    constexpr qint64 kMaxSafe = (qint64{1} << 53) - 1;
    QJsonObject frame{{QStringLiteral("id"), QJsonValue(kSnowflake)},
                      {QStringLiteral("negative"), QJsonValue(-kSnowflake)},
                      {QStringLiteral("safe"), QJsonValue(kMaxSafe)},
                      {QStringLiteral("unsafe"), QJsonValue(kMaxSafe + 1)},
                      {QStringLiteral("negative_safe"), QJsonValue(-kMaxSafe)},
                      {QStringLiteral("big_but_small"), QJsonValue(qint64{5000000000})},
                      {QStringLiteral("min"), QJsonValue(std::numeric_limits<qint64>::min())},
                      {QStringLiteral("max"), QJsonValue(std::numeric_limits<qint64>::max())}};
    const EtfDecodeResult result = decodeOk(etfEncode(frame));
    const QJsonObject decoded = result.value.toObject();
    CHECK(decoded[QStringLiteral("id")] == QStringLiteral("1234567890123456789"));
    CHECK(decoded[QStringLiteral("negative")] == QStringLiteral("-1234567890123456789"));
    CHECK(decoded[QStringLiteral("safe")].isDouble());
    CHECK(decoded[QStringLiteral("safe")].toInteger() == kMaxSafe);
    CHECK(decoded[QStringLiteral("unsafe")] == QStringLiteral("9007199254740992"));
    CHECK(decoded[QStringLiteral("negative_safe")].toInteger() == -kMaxSafe);
    CHECK(decoded[QStringLiteral("big_but_small")].toInteger() == 5000000000);
    CHECK(decoded[QStringLiteral("min")] == QStringLiteral("-9223372036854775808"));
    CHECK(decoded[QStringLiteral("max")] == QStringLiteral("9223372036854775807"));
}

TEST_CASE("ETF: the decoder accepts every term Discord and Erlang produce", "[protocol][etf]") {
    const auto decode = [](const QByteArray& term) { return decodeOk(bytes({131}) + term).value; };

    // Atoms in all four encodings.
    CHECK(decode(bytes({100, 0, 4, 't', 'r', 'u', 'e'})) == true);
    CHECK(decode(bytes({115, 5, 'f', 'a', 'l', 's', 'e'})) == false);
    CHECK(decode(bytes({118, 0, 3, 'n', 'i', 'l'})).isNull());
    CHECK(decode(smallAtomUtf8("null")).isNull());
    CHECK(decode(smallAtomUtf8("GUILD_CREATE")) == QStringLiteral("GUILD_CREATE"));
    CHECK(decode(bytes({100, 0, 2, 0xe9, 't'})) == QStringLiteral("ét")); // ATOM_EXT is Latin-1
    CHECK(decode(bytes({118, 0, 3, 0xc3, 0xa9, 't'})) == QStringLiteral("ét"));

    // Integers and floats.
    CHECK(decode(bytes({98, 0x80, 0, 0, 0})).toInteger() == std::numeric_limits<qint32>::min());
    CHECK(decode(bytes({70, 0xc0, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18})).toDouble() ==
          -3.141592653589793);
    QByteArray legacy("1.50000000000000000000e+00");
    legacy.resize(31, '\0');
    CHECK(decode(bytes({99}) + legacy).toDouble() == 1.5);

    // Tuples, lists, strings, nil.
    CHECK(decode(bytes({104, 2, 97, 1, 109, 0, 0, 0, 1, 'x'})) == QJsonArray{1, QStringLiteral("x")});
    CHECK(decode(bytes({105, 0, 0, 0, 1, 106})) == QJsonArray{QJsonValue(QJsonArray())});
    CHECK(decode(bytes({104, 0})) == QJsonArray());
    CHECK(decode(bytes({106})) == QJsonArray());
    CHECK(decode(bytes({108, 0, 0, 0, 1, 97, 7, 106})) == QJsonArray{7});
    // STRING_EXT is Erlang's list of small integers: decoded as an array of numbers.
    CHECK(decode(bytes({107, 0, 3, 1, 2, 255})) == QJsonArray{1, 2, 255});
    CHECK(decode(bytes({107, 0, 0})) == QJsonArray());

    // Big integers: SMALL_BIG_EXT and LARGE_BIG_EXT, leading zero bytes, magnitudes over 64 bits.
    CHECK(decode(bytes({110, 8, 0, 0x15, 0x81, 0xe9, 0x7d, 0xf4, 0x10, 0x22, 0x11})) ==
          QStringLiteral("1234567890123456789"));
    CHECK(decode(bytes({111, 0, 0, 0, 2, 1, 0x39, 0x30})).toInteger() == -12345);
    CHECK(decode(bytes({110, 10, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0})).toInteger() == 1);
    CHECK(decode(bytes({110, 0, 0})).toInteger() == 0);
    CHECK(decode(bytes({110, 0, 1})).toInteger() == 0);
    CHECK(decode(bytes({110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})) == QStringLiteral("18446744073709551616"));
    CHECK(decode(bytes({110, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1})) == QStringLiteral("-18446744073709551616"));
    QByteArray huge = bytes({111, 0, 0, 0, 128, 0});
    huge.append(QByteArray(128, '\xff')); // 2^1024 - 1
    const QString hugeText = decode(huge).toString();
    CHECK(hugeText.size() == 309);
    CHECK(hugeText.startsWith(
        QStringLiteral("179769313486231590772930519078902473361797697894230657273430081157732675")));
    CHECK(hugeText.endsWith(QStringLiteral("4137215")));

    // Maps with binary, integer and STRING_EXT keys; a repeated key keeps the last value.
    const QByteArray map = bytes({116, 0, 0, 0, 4}) + binary("a") + bytes({97, 1}) + bytes({97, 5}) +
                           binary("five") + bytes({107, 0, 2, 'o', 'k'}) + smallAtomUtf8("true") +
                           binary("a") + bytes({97, 2});
    const EtfDecodeResult mapResult = decodeOk(bytes({131}) + map);
    CHECK_FALSE(mapResult.hasAtomKeys);
    CHECK(mapResult.value == QJsonObject{{QStringLiteral("a"), 2},
                                         {QStringLiteral("5"), QStringLiteral("five")},
                                         {QStringLiteral("ok"), true}});
}

TEST_CASE("ETF: atom map keys are detected at any depth", "[protocol][etf]") {
    // {op: 1, d: nil} with atom keys, as an Erlang client would send it.
    const QByteArray atomKeys = bytes({131, 116, 0, 0, 0, 2}) + smallAtomUtf8("op") + bytes({97, 1}) +
                                bytes({100, 0, 1, 'd'}) + smallAtomUtf8("nil");
    const EtfDecodeResult result = decodeOk(atomKeys);
    CHECK(result.hasAtomKeys);
    CHECK(result.value == QJsonObject{{QStringLiteral("op"), 1}, {QStringLiteral("d"), QJsonValue::Null}});

    // Binary keys at the top, an atom key deep inside a list.
    const QByteArray nested = bytes({131, 116, 0, 0, 0, 1}) + binary("d") + bytes({108, 0, 0, 0, 1}) +
                              bytes({116, 0, 0, 0, 1}) + bytes({115, 1, 'x'}) + bytes({97, 9}) + bytes({106});
    const EtfDecodeResult nestedResult = decodeOk(nested);
    CHECK(nestedResult.hasAtomKeys);
    CHECK(json(nestedResult.value) == R"({"d":[{"x":9}]})");

    // Atoms as values are fine.
    const EtfDecodeResult values =
        decodeOk(bytes({131, 116, 0, 0, 0, 1}) + binary("t") + smallAtomUtf8("READY"));
    CHECK_FALSE(values.hasAtomKeys);
    CHECK_FALSE(decodeOk(etfEncode(readyFrame())).hasAtomKeys);
}

TEST_CASE("ETF: every truncation of a frame fails cleanly", "[protocol][etf]") {
    QJsonObject frame = readyFrame();
    frame.insert(QStringLiteral("big"), QJsonValue(qint64{1234567890123456789}));
    const QByteArray encoded = etfEncode(frame);
    REQUIRE(etfDecode(encoded).ok);
    for (qsizetype length = 0; length < encoded.size(); ++length) {
        const EtfDecodeResult result = etfDecode(encoded.first(length));
        INFO("prefix of " << length << " bytes");
        REQUIRE_FALSE(result.ok);
        REQUIRE_FALSE(result.error.isEmpty());
        REQUIRE(result.value.isNull());
    }
    CHECK(etfDecode({}).error == QStringLiteral("ETF: empty input"));
    CHECK(etfDecode(bytes({131})).error.contains(QStringLiteral("truncated input at offset 1")));
}

TEST_CASE("ETF: malformed and hostile input is rejected", "[protocol][etf]") {
    const auto error = [](const QByteArray& data) {
        const EtfDecodeResult result = etfDecode(data);
        REQUIRE_FALSE(result.ok);
        return result.error;
    };
    CHECK(error(bytes({130, 97, 1})).contains(QStringLiteral("expected version byte 131")));
    CHECK(error(bytes({131, 97, 1, 0})).contains(QStringLiteral("1 trailing bytes")));
    CHECK(error(bytes({131, 80, 0, 0, 0, 1, 0})).contains(QStringLiteral("unsupported term tag 80")));
    CHECK(error(bytes({131, 88})).contains(QStringLiteral("unsupported term tag 88"))); // NEW_PID_EXT
    // Lengths far beyond the input are refused before anything is allocated or looped over.
    CHECK(error(bytes({131, 108, 0xff, 0xff, 0xff, 0xff, 106})).contains(QStringLiteral("longer than")));
    CHECK(error(bytes({131, 105, 0xff, 0xff, 0xff, 0xff})).contains(QStringLiteral("longer than")));
    CHECK(error(bytes({131, 116, 0xff, 0xff, 0xff, 0xff, 97, 1})).contains(QStringLiteral("longer than")));
    CHECK(error(bytes({131, 109, 0xff, 0xff, 0xff, 0xff, 'a'})).contains(QStringLiteral("truncated")));
    CHECK(error(bytes({131, 111, 0xff, 0xff, 0xff, 0xff, 0})).contains(QStringLiteral("truncated")));
    CHECK(error(bytes({131, 100, 0xff, 0xff})).contains(QStringLiteral("truncated")));
    // Structural errors.
    CHECK(error(bytes({131, 108, 0, 0, 0, 1, 97, 1, 97, 2})).contains(QStringLiteral("improper list")));
    CHECK(error(bytes({131, 110, 1, 2, 5})).contains(QStringLiteral("invalid big integer sign")));
    CHECK(error(bytes({131, 70, 0x7f, 0xf0, 0, 0, 0, 0, 0, 0})).contains(QStringLiteral("non-finite")));
    CHECK(error(bytes({131, 99}) + QByteArray(31, 'x')).contains(QStringLiteral("malformed FLOAT_EXT")));
    CHECK(error(bytes({131, 116, 0, 0, 0, 1, 106, 97, 1})).contains(QStringLiteral("unsupported map key")));
    QByteArray tooBig = bytes({131, 111, 0, 0, 0, 129, 0});
    tooBig.append(QByteArray(129, '\x01'));
    CHECK(error(tooBig).contains(QStringLiteral("too large")));
}

TEST_CASE("ETF: nesting is bounded", "[protocol][etf]") {
    const auto nestedLists = [](int depth) {
        QByteArray data = bytes({131});
        for (int i = 0; i < depth; ++i) {
            data += bytes({108, 0, 0, 0, 1});
        }
        data += bytes({106});
        for (int i = 0; i < depth; ++i) {
            data += bytes({106});
        }
        return data;
    };
    CHECK(etfDecode(nestedLists(kEtfMaxDepth)).ok);
    const EtfDecodeResult tooDeep = etfDecode(nestedLists(kEtfMaxDepth + 1));
    REQUIRE_FALSE(tooDeep.ok);
    CHECK(tooDeep.error.contains(QStringLiteral("nesting deeper than 512")));

    // A hostile 1 MB frame of nested tuples and maps stops at the limit, without exhausting the stack.
    QByteArray hostile = bytes({131});
    for (int i = 0; i < 200000; ++i) {
        hostile += (i % 2 == 0) ? bytes({104, 1}) : bytes({116, 0, 0, 0, 1, 97, 1});
    }
    const EtfDecodeResult hostileResult = etfDecode(hostile);
    REQUIRE_FALSE(hostileResult.ok);
    CHECK(hostileResult.error.contains(QStringLiteral("nesting deeper")));
}

TEST_CASE("ETF: random corruption never crashes the decoder", "[protocol][etf]") {
    const QByteArray encoded = etfEncode(readyFrame());
    QRandomGenerator random(2024);
    int failures = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray corrupt = encoded;
        const int edits = 1 + static_cast<int>(random.bounded(4));
        for (int e = 0; e < edits; ++e) {
            const auto at = static_cast<qsizetype>(random.bounded(static_cast<quint32>(corrupt.size())));
            corrupt[at] = static_cast<char>(random.bounded(256));
        }
        const EtfDecodeResult result = etfDecode(corrupt);
        if (!result.ok) {
            ++failures;
            REQUIRE_FALSE(result.error.isEmpty());
        }
    }
    CHECK(failures > 0);
}

TEST_CASE("ETF: a large map decodes in linear time whatever its key order", "[protocol][etf]") {
    // Found while probing the fuzz target with inputs beyond its 4 KB: QJsonObject keeps its keys
    // sorted, so inserting a hostile map's keys in descending order moved every key already
    // inserted, each time: quadratic, 12 s for these 200 000 keys (2.7 MB), hours for a 64 MiB frame.
    // Keys are sorted before insertion now.
    constexpr int kKeys = 200000;
    QByteArray data = bytes({131, 116}) + u32(kKeys + 1);
    for (int i = kKeys; i > 0; --i) {
        data +=
            binary(QByteArray::number(i).rightJustified(7, '0')) + bytes({98}) + u32(static_cast<quint32>(i));
    }
    data += binary("0000007") + bytes({97, 1}); // a repeated key keeps its last value
    QElapsedTimer timer;
    timer.start();
    const EtfDecodeResult result = decodeOk(data);
    const qint64 elapsedMs = timer.elapsed();
    const QJsonObject object = result.value.toObject();
    CHECK(object.size() == kKeys);
    CHECK(object.constBegin().key() == QStringLiteral("0000001"));
    CHECK(object.value(QStringLiteral("0000002")).toInteger() == 2);
    CHECK(object.value(QStringLiteral("0200000")).toInteger() == kKeys);
    CHECK(object.value(QStringLiteral("0000007")).toInteger() == 1);
    CHECK(elapsedMs < 5000); // well under a second; 12 s before the fix
}
