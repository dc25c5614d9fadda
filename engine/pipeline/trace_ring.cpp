#include "engine/pipeline/trace_ring.h"

#include <algorithm>

namespace botwright::pipeline {

TraceRing::TraceRing(int capacity)
    : m_slots(static_cast<std::size_t>(std::max(1, capacity))) {}

// Ids only grow, and a record is first put when its id is given, so the ring is sorted by id from
// its oldest slot on: a binary search finds a record.
TraceRecord* TraceRing::find(qint64 id) {
    const int cap = capacity();
    if (m_size == 0)
        return nullptr;
    // Most lookups are for the newest record (the event just handed to the VM).
    TraceRecord& newest = m_slots[static_cast<std::size_t>((m_next - 1 + cap) % cap)];
    if (newest.id == id)
        return &newest;
    const int oldest = (m_next - m_size + cap) % cap;
    int lo = 0;
    int hi = m_size - 1;
    while (lo <= hi) {
        const int mid = (lo + hi) / 2;
        TraceRecord& r = m_slots[static_cast<std::size_t>((oldest + mid) % cap)];
        if (r.id == id)
            return &r;
        if (r.id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return nullptr;
}

const TraceRecord* TraceRing::find(qint64 id) const {
    return const_cast<TraceRing*>(this)->find(id);
}

void TraceRing::put(const TraceRecord& record) {
    putImpl(record);
}

void TraceRing::put(TraceRecord&& record) {
    putImpl(std::move(record));
}

template <class R>
void TraceRing::putImpl(R&& record) {
    const int cap = capacity();
    const bool newest =
        m_size == 0 || record.id > m_slots[static_cast<std::size_t>((m_next - 1 + cap) % cap)].id;
    if (!newest) { // an update of a record still held, or of one already overwritten (nothing to do)
        if (TraceRecord* held = find(record.id))
            *held = std::forward<R>(record);
        return;
    }
    m_slots[static_cast<std::size_t>(m_next)] = std::forward<R>(record);
    m_next = (m_next + 1) % cap;
    m_size = std::min(m_size + 1, cap);
}

QList<TraceRecord> TraceRing::recent(int count) const {
    const int n = count < 0 ? m_size : std::min(count, m_size);
    const int cap = capacity();
    QList<TraceRecord> out;
    out.reserve(n);
    for (int i = n; i >= 1; --i)
        out.append(m_slots[static_cast<std::size_t>((m_next - i + cap) % cap)]);
    return out;
}

void TraceRing::setCapacity(int capacity) {
    const QList<TraceRecord> keep = recent(std::max(1, capacity));
    m_slots.assign(static_cast<std::size_t>(std::max(1, capacity)), TraceRecord{});
    m_next = 0;
    m_size = 0;
    for (const TraceRecord& r : keep)
        put(r);
}

void TraceRing::clear() {
    std::fill(m_slots.begin(), m_slots.end(), TraceRecord{});
    m_next = 0;
    m_size = 0;
}

} // namespace botwright::pipeline
