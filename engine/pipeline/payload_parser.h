#pragma once

#include <QByteArray>

#include <cstddef>
#include <memory>
#include <simdjson.h>

namespace botwright::pipeline::detail {

// A simdjson DOM parser (full validation) with a padded copy of its input, one per thread and
// shared by route() and the transformer: a dispatch is routed and then transformed on the same
// thread, so the document route() parsed is reused when the transformer gets the same bytes
// (compared in full, so a different or changed payload is always parsed again).
class PayloadParser final {
public:
    // The parser of the calling thread.
    static PayloadParser& forThread();

    // Parses `json` unless it is the document parsed last; `root` stays valid until the next call.
    simdjson::error_code parse(const QByteArray& json, simdjson::dom::element& root);

private:
    simdjson::error_code parseFresh(const QByteArray& json, simdjson::dom::element& root);

    simdjson::dom::parser m_parser;
    std::unique_ptr<char[]> m_buffer; // the last input + SIMDJSON_PADDING
    std::size_t m_capacity = 0;
    std::size_t m_length = 0;
    bool m_cached = false; // m_root is the parsed m_buffer
    simdjson::error_code m_error = simdjson::SUCCESS;
    simdjson::dom::element m_root;
};

} // namespace botwright::pipeline::detail
