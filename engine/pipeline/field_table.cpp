#include "engine/pipeline/field_table.h"

#include <cstdlib>

namespace botwright::pipeline::detail {

FieldTable::FieldTable(std::initializer_list<std::string_view> keys) {
    if (keys.size() > static_cast<std::size_t>(kMaxKeys))
        std::abort(); // a programming error, caught by the first test run
    m_slots.fill(-1);
    for (const std::string_view key : keys) {
        const auto index = static_cast<std::size_t>(m_count++);
        m_keys[index] = key;
        if (key.empty() || key.size() > 255)
            continue; // a placeholder keeping the numbering of a related table
        m_lengths[index] = static_cast<std::uint8_t>(key.size());
        m_prints[index] = fingerprint(key.data(), key.size());
        std::size_t slot = hash(m_prints[index], key.size());
        while (m_slots[slot] >= 0)
            slot = (slot + 1) & (kSlots - 1);
        m_slots[slot] = static_cast<std::int8_t>(index);
    }
}

} // namespace botwright::pipeline::detail
