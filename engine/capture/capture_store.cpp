#include "engine/capture/capture_store.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <thread>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace botwright::capture {

namespace {

constexpr quint64 kChunkBytes = quint64(1) << CaptureStore::kChunkShift;
constexpr quint64 kChunkMask = kChunkBytes - 1;

template <class T>
T clampTo(qint64 v) {
    return static_cast<T>(
        std::clamp<qint64>(v, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
}

constexpr std::array<unsigned char, 256> makeFoldTable() {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[static_cast<size_t>(c)] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return t;
}
constexpr std::array<unsigned char, 256> kFold = makeFoldTable();

unsigned char fold(char c) {
    return kFold[static_cast<unsigned char>(c)];
}

// Case-insensitive (ASCII) substring search that never lower-cases or copies the haystack. With
// SSE2 it compares the needle's first and last bytes at 16 positions at once (folding A-Z in
// registers) and checks the middle only where both match; elsewhere, and for the last few bytes,
// it runs Boyer-Moore-Horspool with a skip table that gives both cases of a letter the same shift.
class FoldedSearcher final {
public:
    explicit FoldedSearcher(const QString& text) {
        for (const char c : text.toUtf8())
            m_needle.push_back(static_cast<char>(fold(c)));
        const qsizetype m = m_needle.size();
        m_skip.fill(m);
        for (qsizetype i = 0; i + 1 < m; ++i) {
            const auto c = static_cast<unsigned char>(m_needle[i]);
            const qsizetype shift = m - 1 - i;
            m_skip[c] = shift;
            if (c >= 'a' && c <= 'z')
                m_skip[c - 32u] = shift;
        }
    }

    bool isEmpty() const { return m_needle.isEmpty(); }

    bool contains(const char* hay, qsizetype n) const {
        const qsizetype m = m_needle.size();
        if (m == 0)
            return true;
        if (n < m)
            return false;
        qsizetype i = 0;
#if defined(__SSE2__)
        const __m128i first = _mm_set1_epi8(m_needle[0]);
        const __m128i last = _mm_set1_epi8(m_needle[m - 1]);
        for (; i + m - 1 + 16 <= n; i += 16) {
            const __m128i a = foldBlock(_mm_loadu_si128(reinterpret_cast<const __m128i*>(hay + i)));
            const __m128i b = foldBlock(_mm_loadu_si128(reinterpret_cast<const __m128i*>(hay + i + m - 1)));
            auto mask = static_cast<unsigned>(
                _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
            while (mask) {
                const int bit = __builtin_ctz(mask);
                if (m <= 2 || equalFolded(hay + i + bit + 1, 1, m - 2))
                    return true;
                mask &= mask - 1;
            }
        }
#endif
        return horspool(hay, n, i);
    }

private:
#if defined(__SSE2__)
    static __m128i foldBlock(__m128i x) {
        const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
                                            _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
        return _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
    }
#endif
    // hay[0, len) against needle[from, from + len), folding hay.
    bool equalFolded(const char* hay, qsizetype from, qsizetype len) const {
        for (qsizetype k = 0; k < len; ++k)
            if (fold(hay[k]) != static_cast<unsigned char>(m_needle[from + k]))
                return false;
        return true;
    }

    bool horspool(const char* hay, qsizetype n, qsizetype i) const {
        const qsizetype m = m_needle.size();
        const auto last = static_cast<unsigned char>(m_needle[m - 1]);
        while (i <= n - m) {
            const char tail = hay[i + m - 1];
            if (fold(tail) == last && equalFolded(hay + i, 0, m - 1))
                return true;
            i += m_skip[static_cast<unsigned char>(tail)];
        }
        return false;
    }

    QByteArray m_needle;
    std::array<qsizetype, 256> m_skip{};
};

// A 64 Ki-entry membership table for a 16-bit column; empty when the criterion is not set.
std::vector<quint8> makeMask(const std::optional<std::vector<int>>& values) {
    std::vector<quint8> mask;
    if (!values)
        return mask;
    mask.assign(0x10000, 0);
    for (const int v : *values)
        if (v >= std::numeric_limits<qint16>::min() && v <= std::numeric_limits<quint16>::max())
            mask[static_cast<quint16>(v)] = 1; // op is int16, shard uint16: both index by 16 bits
    return mask;
}

} // namespace

CaptureStore::CaptureStore() {
    resetData();
}

CaptureStore::~CaptureStore() = default;

void CaptureStore::resetData() {
    auto d = std::make_unique<Data>();
    d->segments = std::make_unique<std::unique_ptr<Segment>[]>(kMaxSegments);
    d->chunks = std::make_unique<std::unique_ptr<char[]>[]>(kMaxChunks);
    d->nameBlocks[0] = std::make_unique<NameBlock>();
    d->nameCount.store(1, std::memory_order_release); // index 0: ""
    d->allocatedBytes = sizeof(Data) + sizeof(NameBlock) + kMaxSegments * sizeof(std::unique_ptr<Segment>) +
                        kMaxChunks * sizeof(std::unique_ptr<char[]>);
    m_d = std::move(d);
}

void CaptureStore::clear() {
    resetData();
}

void CaptureStore::swap(CaptureStore& other) noexcept {
    std::swap(m_d, other.m_d);
    std::swap(m_redactor, other.m_redactor);
}

quint16 CaptureStore::internEventName(const QString& name) {
    if (name.isEmpty())
        return kNoEvent;
    Data& d = *m_d;
    const auto it = d.nameIndex.constFind(name);
    if (it != d.nameIndex.cend())
        return it.value();
    const quint32 index = d.nameCount.load(std::memory_order_relaxed);
    if (index >= kOtherEvent)
        return kOtherEvent;
    auto& block = d.nameBlocks[index / kNamesPerBlock];
    if (!block) {
        block = std::make_unique<NameBlock>();
        d.allocatedBytes += sizeof(NameBlock);
    }
    // Names are redacted too: an event name is free text a peer chose.
    block->names[index % kNamesPerBlock] = QString::fromUtf8(m_redactor.redactSecrets(name.toUtf8()));
    d.allocatedBytes += static_cast<quint64>(name.size()) * 2 + 64; // string data + hash node
    d.nameIndex.insert(name, static_cast<quint16>(index));
    d.nameCount.store(index + 1, std::memory_order_release);
    return static_cast<quint16>(index);
}

QString CaptureStore::eventNameAt(quint16 index) const {
    if (index == kOtherEvent)
        return QStringLiteral("(other)");
    if (index >= m_d->nameCount.load(std::memory_order_acquire))
        return {};
    return m_d->nameBlocks[index / kNamesPerBlock]->names[index % kNamesPerBlock];
}

bool CaptureStore::storePayload(const QByteArray& bytes, quint64* offset) {
    Data& d = *m_d;
    const auto len = static_cast<quint64>(bytes.size());
    if (len == 0) {
        *offset = d.arenaEnd;
        return true;
    }
    quint64 slot = d.arenaEnd >> kChunkShift;
    quint64 within = d.arenaEnd & kChunkMask;
    if (len > kChunkBytes) {
        // An oversized payload gets its own allocation, starting at a fresh slot and owning the
        // slots it spans (those stay empty), so offsets keep mapping to slot = offset >> shift.
        if (within != 0 || d.chunks[slot])
            ++slot;
        const quint64 spans = (len + kChunkBytes - 1) / kChunkBytes;
        if (slot + spans > kMaxChunks)
            return false;
        d.chunks[slot] = std::make_unique_for_overwrite<char[]>(len);
        d.allocatedBytes += len;
        std::memcpy(d.chunks[slot].get(), bytes.constData(), len);
        *offset = slot << kChunkShift;
        d.arenaEnd = (slot + spans) << kChunkShift;
        return true;
    }
    if (within + len > kChunkBytes) {
        ++slot;
        within = 0;
    }
    if (slot >= kMaxChunks)
        return false;
    if (!d.chunks[slot]) {
        d.chunks[slot] = std::make_unique_for_overwrite<char[]>(kChunkBytes);
        d.allocatedBytes += kChunkBytes;
    }
    std::memcpy(d.chunks[slot].get() + within, bytes.constData(), len);
    *offset = (slot << kChunkShift) | within;
    d.arenaEnd = *offset + len;
    return true;
}

bool CaptureStore::append(const gateway::FrameEvent& frame) {
    Data& d = *m_d;
    const quint32 i = d.size.load(std::memory_order_relaxed);
    const quint32 segIndex = i / kSegmentRows;
    if (segIndex >= kMaxSegments)
        return false;
    const QByteArray payload = m_redactor.redact(frame.payload);
    if (payload.size() > std::numeric_limits<quint32>::max())
        return false;
    quint64 offset = 0;
    if (!storePayload(payload, &offset))
        return false;
    auto& segment = d.segments[segIndex];
    if (!segment) {
        segment = std::make_unique_for_overwrite<Segment>();
        d.allocatedBytes += sizeof(Segment);
    }
    const quint32 r = i % kSegmentRows;
    Segment& s = *segment;
    s.time[r] = frame.timeMs;
    s.offset[r] = offset;
    s.length[r] = static_cast<quint32>(payload.size());
    s.wire[r] = clampTo<quint32>(frame.wireBytes);
    s.decoded[r] = clampTo<quint32>(frame.decodedBytes);
    s.seq[r] = frame.seq < 0 ? -1 : frame.seq;
    s.rtt[r] = frame.heartbeatRttMs < 0 ? -1 : frame.heartbeatRttMs;
    s.op[r] = clampTo<qint16>(frame.op);
    s.shard[r] = clampTo<quint16>(frame.shardId);
    s.event[r] = internEventName(frame.type);
    s.dir[r] = static_cast<quint8>(frame.direction);
    d.payloadBytes += static_cast<quint64>(payload.size());
    d.size.store(i + 1, std::memory_order_release);
    return true;
}

QByteArrayView CaptureStore::payloadView(quint32 i) const {
    const Segment& s = seg(i);
    const quint32 r = i % kSegmentRows;
    const quint32 len = s.length[r];
    if (len == 0)
        return {};
    const quint64 off = s.offset[r];
    return QByteArrayView(m_d->chunks[off >> kChunkShift].get() + (off & kChunkMask), len);
}

gateway::FrameEvent CaptureStore::frame(quint32 i) const {
    gateway::FrameEvent f;
    f.timeMs = time(i);
    f.shardId = shard(i);
    f.direction = direction(i);
    f.op = op(i);
    f.type = eventName(i);
    f.seq = seq(i);
    f.wireBytes = wireBytes(i);
    f.decodedBytes = decodedBytes(i);
    f.payload = payload(i);
    f.heartbeatRttMs = heartbeatRtt(i);
    return f;
}

std::vector<quint32> CaptureStore::filter(const CaptureFilter& f, quint32 from, quint32 to) const {
    to = std::min(to, size());
    std::vector<quint32> rows;
    if (from >= to)
        return rows;

    const std::vector<quint8> opMask = makeMask(f.ops);
    const std::vector<quint8> shardMask = makeMask(f.shards);
    std::vector<quint8> eventMask;
    if (f.eventNames) {
        eventMask.assign(0x10000, 0);
        const int names = eventNameCount();
        for (int k = 0; k < names; ++k)
            if (f.eventNames->contains(eventNameAt(static_cast<quint16>(k))))
                eventMask[static_cast<size_t>(k)] = 1;
        if (f.eventNames->contains(eventNameAt(kOtherEvent)))
            eventMask[kOtherEvent] = 1;
    }
    const bool anyColumn = f.direction || !opMask.empty() || !shardMask.empty() || !eventMask.empty();
    const auto dir = static_cast<quint8>(f.direction.value_or(gateway::Direction::Received));

    // Column pass, one segment at a time (each column is a contiguous array there).
    if (!anyColumn) {
        rows.resize(to - from);
        for (quint32 i = from; i < to; ++i)
            rows[i - from] = i;
    } else {
        for (quint32 i = from; i < to;) {
            const Segment& s = seg(i);
            const quint32 base = i - i % kSegmentRows;
            const quint32 end = std::min(to, base + kSegmentRows);
            for (; i < end; ++i) {
                const quint32 r = i - base;
                if ((f.direction && s.dir[r] != dir) ||
                    (!opMask.empty() && !opMask[static_cast<quint16>(s.op[r])]) ||
                    (!shardMask.empty() && !shardMask[s.shard[r]]) ||
                    (!eventMask.empty() && !eventMask[s.event[r]]))
                    continue;
                rows.push_back(i);
            }
        }
    }

    const FoldedSearcher searcher(f.text);
    if (searcher.isEmpty() || rows.empty())
        return rows;

    // Text pass over the survivors, split into contiguous parts searched in parallel.
    const auto searchPart = [&](size_t begin, size_t end, std::vector<quint32>* out) {
        for (size_t k = begin; k < end; ++k) {
            const QByteArrayView p = payloadView(rows[k]);
            if (searcher.contains(p.data(), p.size()))
                out->push_back(rows[k]);
        }
    };
    const size_t threads =
        rows.size() < 20000 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
    std::vector<std::vector<quint32>> parts(threads);
    std::vector<std::thread> workers;
    const size_t step = (rows.size() + threads - 1) / threads;
    for (size_t t = 1; t < threads; ++t)
        workers.emplace_back(searchPart, std::min(rows.size(), t * step),
                             std::min(rows.size(), (t + 1) * step), &parts[t]);
    searchPart(0, std::min(rows.size(), step), &parts[0]);
    for (std::thread& w : workers)
        w.join();
    std::vector<quint32> matches;
    size_t total = 0;
    for (const auto& p : parts)
        total += p.size();
    matches.reserve(total);
    for (const auto& p : parts)
        matches.insert(matches.end(), p.begin(), p.end());
    return matches;
}

} // namespace botwright::capture
