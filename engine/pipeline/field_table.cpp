#include "engine/pipeline/field_table.h"

#include <cstdlib>

namespace botwright::pipeline::detail {

FieldTable::FieldTable(std::initializer_list<std::string_view> keys)
    : m_keys(keys) {
    if (m_keys.size() > static_cast<std::size_t>(kMaxKeys))
        std::abort(); // a programming error, caught by the first test run
    m_slots.fill(-1);
    for (std::size_t i = 0; i < m_keys.size(); ++i) {
        if (m_keys[i].empty())
            continue; // a placeholder keeping the numbering of a related table
        std::size_t slot = hash(m_keys[i]);
        while (m_slots[slot] >= 0)
            slot = (slot + 1) & (kSlots - 1);
        m_slots[slot] = static_cast<std::int8_t>(i);
    }
}

} // namespace botwright::pipeline::detail
