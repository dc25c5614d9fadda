// protocol::FrameEnvelopeParser: op, s, t and the raw text of d, with the whole frame validated.
#include "engine/protocol/frame_envelope.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>

using botwright::protocol::FrameEnvelope;
using botwright::protocol::FrameEnvelopeParser;
using botwright::protocol::parseFrameEnvelope;

TEST_CASE("a dispatch keeps d as its exact JSON text", "[protocol][envelope]") {
    const QByteArray frame =
        R"({"t":"MESSAGE_CREATE","s":42,"op":0,"d":{"id":"1","content":"h\u00e9 \"q\"","n":[1,2,{"x":null}]}})";
    const FrameEnvelope e = parseFrameEnvelope(frame);
    REQUIRE(e.ok);
    CHECK(e.op == 0);
    CHECK(e.seq == 42);
    CHECK(e.type == "MESSAGE_CREATE");
    CHECK(e.data == R"({"id":"1","content":"h\u00e9 \"q\"","n":[1,2,{"x":null}]})");
    const QJsonObject d = QJsonDocument::fromJson(e.data).object();
    CHECK(d.value(QStringLiteral("content")).toString() == QStringLiteral("hé \"q\""));
}

TEST_CASE("scalar and absent d, null s and t", "[protocol][envelope]") {
    FrameEnvelopeParser parser;
    FrameEnvelope e = parser.parse(R"({"op":9,"d":false,"s":null,"t":null})");
    REQUIRE(e.ok);
    CHECK(e.op == 9);
    CHECK(e.seq == -1);
    CHECK(e.type.isEmpty());
    CHECK(e.data == "false");

    e = parser.parse(R"({"op":1, "d" : 1234 })");
    REQUIRE(e.ok);
    CHECK(e.data == "1234");

    e = parser.parse(R"({"op":11})");
    REQUIRE(e.ok);
    CHECK(e.op == 11);
    CHECK(e.data == "null");

    e = parser.parse(R"({"op":0,"d":[1, [2]],"s":7})");
    REQUIRE(e.ok);
    CHECK(e.data == "[1, [2]]");

    // A key written with escapes is the same key.
    e = parser.parse(R"({"op":1,"\u0064":5})");
    REQUIRE(e.ok);
    CHECK(e.data == "5");
}

TEST_CASE("a parser reuses its buffer across frames of any size", "[protocol][envelope]") {
    FrameEnvelopeParser parser;
    for (int size : {10, 5000, 20, 100000, 3}) {
        const QByteArray content(size, 'a');
        const QByteArray frame = R"({"op":0,"s":1,"t":"X","d":{"c":")" + content + R"("}})";
        const FrameEnvelope e = parser.parse(frame);
        REQUIRE(e.ok);
        CHECK(e.data.size() == size + 8);
    }
}

TEST_CASE("bad frames are refused with a reason", "[protocol][envelope]") {
    FrameEnvelopeParser parser;
    for (const QByteArray& bad :
         {QByteArray(""), QByteArray("{"), QByteArray("[1,2]"), QByteArray(R"({"d":{}})"),
          QByteArray(R"({"op":"0"})"), QByteArray(R"({"op":-1})"), QByteArray(R"({"op":0,"s":"5"})"),
          QByteArray(R"({"op":0,"t":5})"),
          // invalid inside d, a part a lazy reader would have skipped
          QByteArray(R"({"op":0,"d":{"a":tru,"b":[1,,2]}})"), QByteArray("{\"op\":0,\"d\":\"\xff\xfe\"}"),
          QByteArray(R"({"op":0} trailing)")}) {
        const FrameEnvelope e = parser.parse(bad);
        INFO(bad.constData());
        CHECK_FALSE(e.ok);
        CHECK_FALSE(e.error.isEmpty());
    }
    // The parser is still usable after refusals.
    CHECK(parser.parse(R"({"op":11})").ok);
}
