#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace botwright::pipeline::detail {

// The Discord keys one transformer reads from an object, numbered in the order given. Looking a
// key up costs a hash of its length and two characters plus one comparison, which keeps a
// 30-key MESSAGE_CREATE under a few hundred nanoseconds. At most 64 keys (a presence bitmask); an
// empty key is a placeholder that keeps the numbering of a related table and never matches.
class FieldTable final {
public:
    FieldTable(std::initializer_list<std::string_view> keys);

    // Index of `key`, or -1 when the transformer does not read it (the key is dropped).
    int find(std::string_view key) const {
        if (key.empty())
            return -1;
        for (std::size_t slot = hash(key);; slot = (slot + 1) & (kSlots - 1)) {
            const int index = m_slots[slot];
            if (index < 0)
                return -1;
            if (m_keys[static_cast<std::size_t>(index)] == key)
                return index;
        }
    }
    std::string_view key(int index) const { return m_keys[static_cast<std::size_t>(index)]; }
    int size() const { return static_cast<int>(m_keys.size()); }

    static constexpr int kMaxKeys = 64;

private:
    static constexpr std::size_t kSlots = 256;
    static std::size_t hash(std::string_view key) {
        const auto first = static_cast<unsigned char>(key.front());
        const auto last = static_cast<unsigned char>(key.back());
        const auto middle = static_cast<unsigned char>(key[key.size() / 2]);
        return (key.size() * 31u + first * 7u + middle * 3u + last) & (kSlots - 1);
    }

    std::vector<std::string_view> m_keys;
    std::array<std::int8_t, kSlots> m_slots;
};

} // namespace botwright::pipeline::detail
