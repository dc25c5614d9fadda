#pragma once

#include "engine/pipeline/pipeline_trace.h"

#include <QList>

#include <optional>
#include <vector>

namespace botwright::pipeline {

// The last N trace records, oldest overwritten first. Records keep their payloads as implicitly
// shared QByteArrays, so storing one copies no payload bytes.
class TraceRing final {
public:
    explicit TraceRing(int capacity = 1000);

    void put(const TraceRecord& record); // replaces the record with the same id if still held
    void put(TraceRecord&& record);
    TraceRecord* find(qint64 id);
    const TraceRecord* find(qint64 id) const;
    // The newest `count` records (or all), oldest first.
    QList<TraceRecord> recent(int count = -1) const;
    int size() const { return m_size; }
    int capacity() const { return static_cast<int>(m_slots.size()); }
    void setCapacity(int capacity); // keeps the newest records that fit
    void clear();

private:
    template <class R>
    void putImpl(R&& record);
    std::vector<TraceRecord> m_slots;
    int m_next = 0; // slot the next new record goes to
    int m_size = 0;
};

} // namespace botwright::pipeline
