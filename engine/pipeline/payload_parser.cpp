#include "engine/pipeline/payload_parser.h"

#include <algorithm>
#include <cstring>

namespace botwright::pipeline::detail {

PayloadParser& PayloadParser::forThread() {
    thread_local PayloadParser parser;
    return parser;
}

simdjson::error_code PayloadParser::parse(const QByteArray& json, simdjson::dom::element& root) {
    const auto length = static_cast<std::size_t>(json.size());
    if (m_cached && length == m_length && std::memcmp(m_buffer.get(), json.constData(), length) == 0) {
        root = m_root;
        return m_error;
    }
    return parseFresh(json, root);
}

simdjson::error_code PayloadParser::parseFresh(const QByteArray& json, simdjson::dom::element& root) {
    const auto length = static_cast<std::size_t>(json.size());
    const std::size_t need = length + simdjson::SIMDJSON_PADDING;
    if (need > m_capacity) {
        m_capacity = std::max<std::size_t>(need, 2 * m_capacity);
        m_buffer = std::make_unique<char[]>(m_capacity);
    }
    std::memcpy(m_buffer.get(), json.constData(), length);
    std::memset(m_buffer.get() + length, 0, simdjson::SIMDJSON_PADDING);
    m_length = length;
    m_error = m_parser.parse(m_buffer.get(), length, false).get(m_root);
    m_cached = true;
    root = m_root;
    return m_error;
}

} // namespace botwright::pipeline::detail
