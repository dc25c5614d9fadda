#pragma once
// Shared by the fuzz targets and the seed generator: how a fuzz input is cut into fields, and the
// check that turns a broken invariant into a crash libFuzzer records.
//
// The stream targets (zlib_stream, zstd_stream) read their input as:
//   byte 0          mode: bit 0 clear = decode, set = round trip; bits 1-2 pick a payload limit
//   decode          records [u16 length, big-endian][length bytes]: one WebSocket message each
//   round trip      byte 1 = compression level selector, then records
//                   [u16 length][u8 split][length bytes]: one payload each, compressed and fed whole
//                   (split 0) or as two fragments cut at split % size
// A length longer than the rest of the input takes the rest.

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace botwright::fuzz {

// Not an assert: it stays on in every build type, and libFuzzer saves the input that aborted.
#define BOTWRIGHT_FUZZ_CHECK(condition, what)                                                                \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            std::fprintf(stderr, "fuzz invariant broken: %s (%s) at %s:%d\n", what, #condition, __FILE__,    \
                         __LINE__);                                                                          \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (false)

inline constexpr std::uint8_t kModeRoundTrip = 1;

// Payload limits the decode mode picks from (bits 1-2 of byte 0). Small limits reach the
// decompression-bomb guard with inputs of a few kilobytes.
inline constexpr qsizetype kStreamLimits[4] = {qsizetype{1} << 20, qsizetype{64} << 10, 1024, 0};

inline qsizetype streamLimit(std::uint8_t mode) {
    return kStreamLimits[(mode >> 1) & 3];
}

// Reads fields front to back; past the end every read yields zeros / empty views.
class FuzzInput {
public:
    FuzzInput(const std::uint8_t* data, std::size_t size)
        : m_data(data)
        , m_size(size) {}

    bool atEnd() const { return m_pos >= m_size; }

    std::uint8_t byte() { return atEnd() ? 0 : m_data[m_pos++]; }

    std::uint16_t u16() {
        const auto high = static_cast<std::uint16_t>(byte());
        return static_cast<std::uint16_t>((high << 8) | byte());
    }

    // Up to `count` bytes, without copying: the view points into libFuzzer's buffer, which ends
    // exactly at the input's end, so an over-read is caught by AddressSanitizer.
    QByteArrayView take(std::size_t count) {
        const std::size_t available = m_size - m_pos;
        const std::size_t length = count < available ? count : available;
        const QByteArrayView view(m_data + m_pos, static_cast<qsizetype>(length));
        m_pos += length;
        return view;
    }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

// The seed generator's side of the same format.
inline void appendU16(QByteArray& out, qsizetype value) {
    out.append(static_cast<char>((value >> 8) & 0xff));
    out.append(static_cast<char>(value & 0xff));
}

} // namespace botwright::fuzz
