// The host ↔ worker framing: frames split anywhere across reads, read in place, refused when bad.
#include "engine/runtime/vm_protocol.h"
#include "tests/support/qt_catch.h"

#include <cstring>

using namespace botwright;
using runtime::VmFrame;
using runtime::VmFrameReader;
using runtime::VmMessage;

namespace {

QByteArray stream(int frames) {
    QByteArray all;
    for (int i = 0; i < frames; ++i)
        all += runtime::encodeVmFrame(VmMessage::Event, QByteArray::number(i) + " MESSAGE_CREATE\n{}");
    return all;
}

} // namespace

TEST_CASE("frames come out whole and in order however the bytes are split") {
    const QByteArray all = stream(200);
    for (const qsizetype piece : {qsizetype(1), qsizetype(7), qsizetype(4096), all.size()}) {
        VmFrameReader reader;
        QList<QByteArray> bodies;
        for (qsizetype at = 0; at < all.size(); at += piece) {
            const qsizetype n = std::min(piece, all.size() - at);
            if (piece % 2 == 1) {
                reader.append(all.constData() + at, n);
            } else {
                // Read in place, as the worker's reader thread does: more room than arrives.
                char* room = reader.prepareAppend(n + 100);
                std::memcpy(room, all.constData() + at, static_cast<std::size_t>(n));
                reader.commitAppend(n + 100, n);
            }
            VmFrame frame;
            while (reader.next(&frame, nullptr)) {
                CHECK(frame.kind == VmMessage::Event);
                bodies << frame.body;
            }
        }
        REQUIRE(bodies.size() == 200);
        for (int i = 0; i < 200; ++i)
            CHECK(bodies[i] == QByteArray::number(i) + " MESSAGE_CREATE\n{}");
        CHECK(reader.buffered() == 0);
    }
}

TEST_CASE("a failed read keeps nothing of the room it was given") {
    VmFrameReader reader;
    const QByteArray one = stream(1);
    reader.append(one.constData(), 3); // a partial length prefix
    reader.prepareAppend(1024);
    reader.commitAppend(1024, -1); // read() failed
    CHECK(reader.buffered() == 3);
    reader.append(one.constData() + 3, one.size() - 3);
    VmFrame frame;
    REQUIRE(reader.next(&frame, nullptr));
    CHECK(frame.body == "0 MESSAGE_CREATE\n{}");
}

TEST_CASE("a frame with a zero or oversized length is an error") {
    for (const quint32 length : {0u, runtime::kVmMaxFrameBytes + 1}) {
        VmFrameReader reader;
        char header[5] = {};
        std::memcpy(header, &length, 4); // little-endian on every platform we build for
        reader.append(header, 5);
        VmFrame frame;
        QString error;
        CHECK_FALSE(reader.next(&frame, &error));
        CHECK(error.startsWith(QStringLiteral("bad frame length")));
    }
}
