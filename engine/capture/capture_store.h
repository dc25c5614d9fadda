#pragma once

#include "engine/capture/redaction.h"
#include "engine/gateway/frame_event.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace botwright::capture {

// Which rows filter() returns. Every criterion that is set must hold; unset ones match anything.
struct CaptureFilter {
    std::optional<std::vector<int>> ops;
    std::optional<QStringList> eventNames; // `t`; "" matches frames without one (non-dispatches)
    std::optional<std::vector<int>> shards;
    std::optional<gateway::Direction> direction;
    // Case-insensitive substring of the stored (redacted) payload bytes. ASCII letters are folded;
    // other bytes must match exactly. The payload is JSON text, so a quote in it is `\"`. Empty: any.
    QString text;
};

// Every gateway frame of a session, redacted, in a compact append-only column store built for
// millions of rows: per frame about 43 bytes of columns (time, shard, direction, op, seq, event
// name index into a small string table, wire/decoded sizes, heartbeat RTT, payload offset and
// length) plus the payload bytes in one chunked arena (4 MiB chunks), never a QByteArray per frame.
//
// Threads: exactly one thread appends (the gateway thread). Appending never moves existing data:
// rows live in fixed-size segments and payloads in fixed chunks, found through directories that
// are allocated once. So any number of reader threads may read rows [0, size()) while the writer
// appends: take `const quint32 n = store.size();` once and read rows below n (size() is an
// acquire load; append publishes a row with a release store only after writing all of it).
// clear(), swap() and the redactor must only be used while no reader is looking.
class CaptureStore final {
public:
    static constexpr quint32 kSegmentRows = 1u << 14;
    static constexpr quint32 kMaxSegments = 1u << 14; // 268 million frames
    static constexpr int kChunkShift = 22;            // 4 MiB payload chunks
    static constexpr quint32 kMaxChunks = 1u << 14;   // 64 GiB of payload
    static constexpr quint16 kNoEvent = 0;            // event index of frames without `t`
    static constexpr quint16 kOtherEvent = 0xFFFF;    // event index once the name table is full

    CaptureStore();
    ~CaptureStore();
    CaptureStore(const CaptureStore&) = delete;
    CaptureStore& operator=(const CaptureStore&) = delete;

    // Applied to every payload and event name before it is stored. Register the bot token here.
    Redactor& redactor() { return m_redactor; }
    const Redactor& redactor() const { return m_redactor; }

    // Redacts and stores one frame. Returns false (and stores nothing) only when the store is full.
    bool append(const gateway::FrameEvent& frame);
    quint32 size() const { return m_d->size.load(std::memory_order_acquire); }
    bool isEmpty() const { return size() == 0; }
    void clear();
    void swap(CaptureStore& other) noexcept;

    // Row accessors; i < size().
    qint64 time(quint32 i) const { return seg(i).time[i % kSegmentRows]; }
    int shard(quint32 i) const { return seg(i).shard[i % kSegmentRows]; }
    gateway::Direction direction(quint32 i) const {
        return static_cast<gateway::Direction>(seg(i).dir[i % kSegmentRows]);
    }
    int op(quint32 i) const { return seg(i).op[i % kSegmentRows]; }
    int seq(quint32 i) const { return seg(i).seq[i % kSegmentRows]; } // -1: null
    quint16 eventIndex(quint32 i) const { return seg(i).event[i % kSegmentRows]; }
    QString eventName(quint32 i) const { return eventNameAt(eventIndex(i)); }
    quint32 wireBytes(quint32 i) const { return seg(i).wire[i % kSegmentRows]; }
    quint32 decodedBytes(quint32 i) const { return seg(i).decoded[i % kSegmentRows]; }
    int heartbeatRtt(quint32 i) const { return seg(i).rtt[i % kSegmentRows]; } // -1: none
    // The redacted payload; the view stays valid until clear() (appends never move it).
    QByteArrayView payloadView(quint32 i) const;
    QByteArray payload(quint32 i) const { return payloadView(i).toByteArray(); }
    // The whole row as a FrameEvent (redacted payload).
    gateway::FrameEvent frame(quint32 i) const;

    // The interned event names: index 0 is "" (no `t`).
    int eventNameCount() const { return static_cast<int>(m_d->nameCount.load(std::memory_order_acquire)); }
    QString eventNameAt(quint16 index) const;

    // Rows in [from, min(to, size())) that match, ascending. Column criteria are checked first; the
    // free-text search then runs on the survivors, split across threads for large ranges.
    std::vector<quint32> filter(const CaptureFilter& filter, quint32 from = 0,
                                quint32 to = 0xFFFFFFFFu) const;

    // Bytes of stored (redacted) payloads, and bytes the store has allocated in all (columns,
    // arena chunks, directories, name table). Writer thread, or while appends are paused.
    quint64 payloadBytes() const { return m_d->payloadBytes; }
    quint64 allocatedBytes() const { return m_d->allocatedBytes; }

private:
    struct Segment {
        qint64 time[kSegmentRows];
        quint64 offset[kSegmentRows]; // into the arena: chunk << kChunkShift | offset in chunk
        quint32 length[kSegmentRows];
        quint32 wire[kSegmentRows];
        quint32 decoded[kSegmentRows];
        qint32 seq[kSegmentRows];
        qint32 rtt[kSegmentRows];
        qint16 op[kSegmentRows];
        quint16 shard[kSegmentRows];
        quint16 event[kSegmentRows];
        quint8 dir[kSegmentRows];
    };
    static constexpr int kNamesPerBlock = 256;
    static constexpr int kNameBlocks = 256;
    struct NameBlock {
        QString names[kNamesPerBlock];
    };
    struct Data {
        std::atomic<quint32> size{0};
        std::atomic<quint32> nameCount{0};
        std::unique_ptr<std::unique_ptr<Segment>[]> segments;
        std::unique_ptr<std::unique_ptr<char[]>[]> chunks;
        std::unique_ptr<NameBlock> nameBlocks[kNameBlocks];
        QHash<QString, quint16> nameIndex; // writer only
        quint64 arenaEnd = 0;
        quint64 payloadBytes = 0;
        quint64 allocatedBytes = 0;
    };

    const Segment& seg(quint32 i) const { return *m_d->segments[i / kSegmentRows]; }
    quint16 internEventName(const QString& name);
    bool storePayload(const QByteArray& bytes, quint64* offset);
    void resetData();

    std::unique_ptr<Data> m_d;
    Redactor m_redactor;
};

} // namespace botwright::capture
