#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <deque>

namespace botwright::runtime {

// The host ↔ botwright-vm protocol (docs/vm-protocol.md). Each message is one frame on the
// worker's stdin (host → VM) or stdout (VM → host):
//   u32 little-endian length of what follows | u8 kind | body (UTF-8 JSON)
// The first frame in each direction is Hello with the protocol version; a mismatch ends the worker.
inline constexpr int kVmProtocolVersion = 2; // 2: Clock
inline constexpr quint32 kVmMaxFrameBytes = 64u * 1024u * 1024u;

enum class VmMessage : quint8 {
    // host → VM
    Hello = 1,    // {"version", "guildId", "botUser", "cpuBudgetMs", "startupBudgetMs", "heapLimitMb"}
    Load = 2,     // {"scripts":[{"name","url","js"}]}: evaluates every script as a module, in order
    Event = 3,    // {"id", "name", "data"}: dispatches one SDK event
    OpResult = 4, // {"call", "ok", "value"} or {"call", "ok":false, "errorClass", "message"}
    Shutdown = 5, // {}: finish and exit 0
    Trace = 6,    // {"on": bool}: report each event's timing and listeners in EventDone
    Clock = 7,    // {"nowMs", "rate"}: Date.now() follows the sandbox clock from here
    // VM → host
    Ready = 16,  // {"version", "v8"}
    Loaded = 17, // {"ok", "scripts":[names evaluated], "ms"}
    Log = 18,    // {"level":"log|warn|error", "message", "url", "line", "column", "event"?}
    Op = 19,     // {"call", "op", "args", "event"?}
    // {"upTo": id, "events"?: [[id, startNs, endNs, listeners, ok], …]}: events up to and
    // including id were dispatched; "events" (while tracing) times each one on CLOCK_MONOTONIC.
    EventDone = 20,
    ScriptMeta = 21, // the ScriptMeta object a script sent with script.run()
    Fatal = 22,      // {"reason": "heap|protocol|internal", "message"}: the worker exits next
};

QByteArray encodeVmFrame(VmMessage kind, QByteArrayView body);
// Appends one Event frame, "<id> <name>\n<data>", to `out`: one copy of the payload.
void appendVmEventFrame(QByteArray& out, qint64 id, QByteArrayView name, QByteArrayView data);

struct VmFrame {
    VmMessage kind = VmMessage::Hello;
    QByteArray body;
};

// Splits a byte stream into frames. Bytes may arrive in any pieces.
class VmFrameReader final {
public:
    void append(const char* data, qsizetype size);
    // Room for `size` more bytes at the end, to read into directly; then commitAppend() keeps the
    // `written` of them that arrived.
    char* prepareAppend(qsizetype size);
    void commitAppend(qsizetype prepared, qsizetype written);
    // The next whole frame, or false. A frame longer than kVmMaxFrameBytes is an error.
    bool next(VmFrame* frame, QString* error);
    qsizetype buffered() const { return m_buffer.size() - m_offset; }

private:
    QByteArray m_buffer;
    qsizetype m_offset = 0;
};

} // namespace botwright::runtime
