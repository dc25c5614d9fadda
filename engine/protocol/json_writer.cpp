#include "engine/protocol/json_writer.h"

#include <charconv>

namespace botwright::protocol {

void JsonWriter::separate() {
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        char& first = m_first.back();
        if (!first)
            m_out.append(',');
        first = 0;
    }
}

void JsonWriter::beginObject() {
    separate();
    m_out.append('{');
    m_first.push_back(1);
}

void JsonWriter::endObject() {
    m_out.append('}');
    m_first.pop_back();
}

void JsonWriter::beginArray() {
    separate();
    m_out.append('[');
    m_first.push_back(1);
}

void JsonWriter::endArray() {
    m_out.append(']');
    m_first.pop_back();
}

void JsonWriter::key(const char* asciiKey) {
    separate();
    m_out.append('"').append(asciiKey).append("\":");
    m_afterKey = true;
}

void JsonWriter::string(QStringView text) {
    separate();
    static const char hex[] = "0123456789abcdef";
    // Plain ASCII goes through a small stack buffer and is appended in runs; escapes and non-ASCII
    // text are written as they come.
    char run[256];
    int used = 0;
    const auto flush = [&] {
        m_out.append(run, used);
        used = 0;
    };
    m_out.append('"');
    const char16_t* chars = reinterpret_cast<const char16_t*>(text.utf16());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = chars[i];
        if (c >= 0x20 && c < 0x80 && c != u'"' && c != u'\\') {
            run[used++] = static_cast<char>(c);
            if (used == sizeof run)
                flush();
            continue;
        }
        flush();
        if (c < 0x80) {
            switch (c) {
            case u'"':
                m_out.append("\\\"");
                break;
            case u'\\':
                m_out.append("\\\\");
                break;
            case u'\n':
                m_out.append("\\n");
                break;
            case u'\r':
                m_out.append("\\r");
                break;
            case u'\t':
                m_out.append("\\t");
                break;
            case u'\b':
                m_out.append("\\b");
                break;
            case u'\f':
                m_out.append("\\f");
                break;
            default: {
                const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                m_out.append(escape, 6);
            }
            }
            continue;
        }
        // Non-ASCII: encode the run up to the next ASCII character in one go.
        qsizetype end = i;
        while (end < text.size() && chars[end] >= 0x80)
            ++end;
        m_out.append(text.sliced(i, end - i).toUtf8());
        i = end - 1;
    }
    flush();
    m_out.append('"');
}

void JsonWriter::number(qint64 value) {
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_out.append(digits, end - digits);
}

void JsonWriter::boolean(bool value) {
    separate();
    m_out.append(value ? "true" : "false");
}

void JsonWriter::null() {
    separate();
    m_out.append("null");
}

void JsonWriter::raw(const QByteArray& json) {
    separate();
    m_out.append(json);
}

void JsonWriter::fieldId(const char* k, quint64 id, bool nullIfZero) {
    key(k);
    if (nullIfZero && id == 0) {
        null();
        return;
    }
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, id).ptr;
    m_out.append('"').append(digits, end - digits).append('"');
}

} // namespace botwright::protocol
