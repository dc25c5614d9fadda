#include "engine/protocol/json_writer.h"

namespace botwright::protocol {

void JsonWriter::separate() {
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back())
            m_out.append(',');
        m_first.back() = false;
    }
}

void JsonWriter::beginObject() {
    separate();
    m_out.append('{');
    m_first.push_back(true);
}

void JsonWriter::endObject() {
    m_out.append('}');
    m_first.pop_back();
}

void JsonWriter::beginArray() {
    separate();
    m_out.append('[');
    m_first.push_back(true);
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
    m_out.append('"');
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
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
            default:
                if (c < 0x20) {
                    const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                    m_out.append(escape, 6);
                } else {
                    m_out.append(static_cast<char>(c));
                }
            }
            continue;
        }
        // Non-ASCII: encode the run up to the next ASCII character in one go.
        qsizetype end = i;
        while (end < text.size() && text[end].unicode() >= 0x80)
            ++end;
        m_out.append(text.sliced(i, end - i).toUtf8());
        i = end - 1;
    }
    m_out.append('"');
}

void JsonWriter::number(qint64 value) {
    separate();
    m_out.append(QByteArray::number(value));
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
    m_out.append('"').append(QByteArray::number(id)).append('"');
}

} // namespace botwright::protocol
