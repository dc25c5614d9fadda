#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>

namespace botwright::pipeline::detail {

// The Discord keys one transformer reads from an object, numbered in the order given. A lookup
// takes the key's first and last eight bytes (overlapping; fewer for short keys) as a fingerprint,
// hashes it into an open-addressed slot table and compares fingerprints, so most keys are found
// without touching the key text: reading a 30-key MESSAGE_CREATE costs a few hundred nanoseconds.
// At most 64 keys (a presence bitmask); an empty key is a placeholder that keeps the numbering of
// a related table and never matches.
class FieldTable final {
public:
    FieldTable(std::initializer_list<std::string_view> keys);

    // Index of `key`, or -1 when the transformer does not read it (the key is dropped).
    int find(std::string_view key) const {
        const std::size_t n = key.size();
        if (n == 0)
            return -1;
        const Fingerprint fp = fingerprint(key.data(), n);
        for (std::size_t slot = hash(fp, n);; slot = (slot + 1) & (kSlots - 1)) {
            const int index = m_slots[slot];
            if (index < 0)
                return -1;
            const auto i = static_cast<std::size_t>(index);
            if (m_lengths[i] == n && m_prints[i].head == fp.head && m_prints[i].tail == fp.tail &&
                (n <= 16 || std::memcmp(m_keys[i].data() + 8, key.data() + 8, n - 16) == 0))
                return index;
        }
    }
    std::string_view key(int index) const { return m_keys[static_cast<std::size_t>(index)]; }
    int size() const { return m_count; }

    static constexpr int kMaxKeys = 64;

private:
    static constexpr std::size_t kSlots = 256;
    struct Fingerprint {
        std::uint64_t head = 0;
        std::uint64_t tail = 0;
    };
    // All bytes of keys up to 16 long; the first and last eight of longer ones.
    static Fingerprint fingerprint(const char* text, std::size_t n) {
        Fingerprint fp;
        if (n >= 8) {
            std::memcpy(&fp.head, text, 8);
            std::memcpy(&fp.tail, text + n - 8, 8);
        } else if (n >= 4) {
            std::uint32_t first, last;
            std::memcpy(&first, text, 4);
            std::memcpy(&last, text + n - 4, 4);
            fp.head = first | (std::uint64_t{last} << 32);
        } else {
            for (std::size_t i = 0; i < n; ++i)
                fp.head |= std::uint64_t{static_cast<unsigned char>(text[i])} << (8 * i);
        }
        return fp;
    }
    static std::size_t hash(const Fingerprint& fp, std::size_t n) {
        const std::uint64_t mixed = (fp.head ^ (fp.tail * 0x9E3779B97F4A7C15ull) ^ n) * 0xFF51AFD7ED558CCDull;
        return static_cast<std::size_t>(mixed >> 56) & (kSlots - 1);
    }

    std::array<std::string_view, kMaxKeys> m_keys{};
    std::array<Fingerprint, kMaxKeys> m_prints{};
    std::array<std::uint8_t, kMaxKeys> m_lengths{};
    int m_count = 0;
    std::array<std::int8_t, kSlots> m_slots;
};

} // namespace botwright::pipeline::detail
