#pragma once

#include <QByteArray>
#include <QString>

namespace botwright::gateway {

enum class Direction : quint8 { Received = 0, Sent = 1 };

// One gateway frame as a Shard saw it, before capture stores it. `payload` is the decoded JSON
// text (after decompression / ETF decoding) and may still hold secrets (the token in Identify and
// Resume): capture redacts before storing anything.
struct FrameEvent {
    qint64 timeMs = 0; // wall clock, ms since the Unix epoch
    int shardId = 0;
    Direction direction = Direction::Received;
    int op = -1;
    QString type;         // `t` (dispatches only)
    int seq = -1;         // `s`, -1 when null
    qint64 wireBytes = 0; // bytes on the socket (compressed size for zlib/zstd-stream)
    qint64 decodedBytes = 0;
    QByteArray payload;      // the decoded JSON frame
    int heartbeatRttMs = -1; // set on a heartbeat ACK: time since the heartbeat it answers
};

} // namespace botwright::gateway
