#include "engine/pipeline/transform_writer.h"

#include <array>
#include <charconv>
#include <cstring>

namespace botwright::pipeline::detail {

namespace {

QString fromUtf8(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

TransformWriter::Buffer& TransformWriter::threadBuffer() {
    struct Owned {
        Buffer buffer;
        ~Owned() { delete[] buffer.data; }
    };
    thread_local Owned owned;
    return owned.buffer;
}

TransformWriter::TransformWriter(const TransformContext& context, TransformTrace* trace, bool trackPath)
    : m_context(context)
    , m_trace(trace)
    , m_trackPath(trackPath || trace)
    , m_buffer(threadBuffer()) {
    if (m_buffer.capacity < 4096)
        growTo(4096);
}

void TransformWriter::growTo(std::size_t needed) {
    const std::size_t capacity = std::max(needed, 2 * m_buffer.capacity);
    char* bigger = new char[capacity];
    if (m_length)
        std::memcpy(bigger, m_buffer.data, m_length);
    delete[] m_buffer.data;
    m_buffer.data = bigger;
    m_buffer.capacity = capacity;
}

void TransformWriter::dynamicKey(std::string_view utf8) {
    room(1);
    if (m_needComma)
        m_buffer.data[m_length++] = ',';
    room(1);
    m_buffer.data[m_length++] = '"';
    escapeInto(utf8);
    room(2);
    m_buffer.data[m_length++] = '"';
    m_buffer.data[m_length++] = ':';
    m_afterKey = true;
}

// ---- path ----

void TransformWriter::pushKey(std::string_view key) {
    m_marks.push_back(m_path.size());
    if (!m_path.empty())
        m_path += '.';
    m_path.append(key);
}

void TransformWriter::pushIndex(std::size_t index) {
    m_marks.push_back(m_path.size());
    m_path += '[';
    m_path += std::to_string(index);
    m_path += ']';
}

void TransformWriter::pop() {
    m_path.resize(m_marks.back());
    m_marks.pop_back();
}

QString TransformWriter::pathTo(std::string_view key) const {
    if (key.empty())
        return fromUtf8(m_path);
    if (m_path.empty())
        return fromUtf8(key);
    return fromUtf8(m_path) + u'.' + fromUtf8(key);
}

void TransformWriter::fail(std::string_view key, const QString& problem) const {
    const QString where = pathTo(key);
    throw TransformFailure{where.isEmpty() ? QStringLiteral("the payload %1").arg(problem)
                                           : QStringLiteral("`%1` %2").arg(where, problem)};
}

void TransformWriter::failType(std::string_view key, const char* expected, Element got) const {
    fail(key, QStringLiteral("must be %1, not %2")
                  .arg(QLatin1StringView(expected), QLatin1StringView(typeName(got))));
}

// ---- trace ----

void TransformWriter::traceRenamed(std::string_view from, std::string_view to) {
    m_trace->record(TransformTrace::Kind::Renamed, pathTo(from), fromUtf8(from), fromUtf8(to));
}

void TransformWriter::traceConverted(std::string_view key, Element before, const QString& after) {
    m_trace->record(TransformTrace::Kind::Converted, pathTo(key), describe(before), after);
}

void TransformWriter::traceDropped(std::string_view key, Element value) {
    m_trace->record(TransformTrace::Kind::Dropped, pathTo(key), describe(value), QString());
}

void TransformWriter::traceAdded(std::string_view sdkKey, const QString& value) {
    m_trace->record(TransformTrace::Kind::Added, pathTo(sdkKey), QString(), value);
}

// ---- values ----

namespace {
// 1 for the bytes a JSON string cannot hold as they are: controls, '"' and '\\'.
constexpr std::array<bool, 256> kNeedsEscape = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c)
        table[static_cast<std::size_t>(c)] = true;
    table['"'] = true;
    table['\\'] = true;
    return table;
}();
} // namespace

void TransformWriter::escapeInto(std::string_view utf8) {
    static const char hex[] = "0123456789abcdef";
    // Worst case: every byte becomes \u00XX.
    char* out = room(6 * utf8.size());
    const char* run = utf8.data();
    const char* end = run + utf8.size();
    for (const char* p = run; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (!kNeedsEscape[c])
            continue; // plain ASCII and UTF-8 sequences (already validated by simdjson) pass through
        std::memcpy(out, run, static_cast<std::size_t>(p - run));
        out += p - run;
        run = p + 1;
        *out++ = '\\';
        switch (c) {
        case '"':
            *out++ = '"';
            break;
        case '\\':
            *out++ = '\\';
            break;
        case '\n':
            *out++ = 'n';
            break;
        case '\r':
            *out++ = 'r';
            break;
        case '\t':
            *out++ = 't';
            break;
        case '\b':
            *out++ = 'b';
            break;
        case '\f':
            *out++ = 'f';
            break;
        default:
            *out++ = 'u';
            *out++ = '0';
            *out++ = '0';
            *out++ = hex[c >> 4];
            *out++ = hex[c & 0xF];
        }
    }
    std::memcpy(out, run, static_cast<std::size_t>(end - run));
    out += end - run;
    m_length = static_cast<std::size_t>(out - m_buffer.data);
}

void TransformWriter::string(std::string_view utf8) {
    room(1);
    separate();
    m_buffer.data[m_length++] = '"';
    escapeInto(utf8);
    room(1);
    m_buffer.data[m_length++] = '"';
}

void TransformWriter::integer(qint64 value) {
    char digits[24];
    const char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    scalar(digits, static_cast<std::size_t>(end - digits));
}

void TransformWriter::number(Element value) {
    char digits[32];
    char* end = digits;
    switch (value.type()) {
    case simdjson::dom::element_type::INT64:
        end = std::to_chars(digits, digits + sizeof digits, value.get_int64().value_unsafe()).ptr;
        break;
    case simdjson::dom::element_type::UINT64:
        end = std::to_chars(digits, digits + sizeof digits, value.get_uint64().value_unsafe()).ptr;
        break;
    case simdjson::dom::element_type::DOUBLE:
        end = std::to_chars(digits, digits + sizeof digits, value.get_double().value_unsafe()).ptr;
        break;
    default:
        null();
        return;
    }
    scalar(digits, static_cast<std::size_t>(end - digits));
}

void TransformWriter::copy(Element value, bool camelCaseKeys) {
    switch (value.type()) {
    case simdjson::dom::element_type::OBJECT:
        beginObject();
        for (const simdjson::dom::key_value_pair field : objectOf(value)) {
            if (camelCaseKeys)
                dynamicKey(camelCase(field.key));
            else
                dynamicKey(field.key);
            copy(field.value, camelCaseKeys);
        }
        endObject();
        return;
    case simdjson::dom::element_type::ARRAY:
        beginArray();
        for (const Element item : arrayOf(value))
            copy(item, camelCaseKeys);
        endArray();
        return;
    case simdjson::dom::element_type::STRING:
        string(value.get_string().value_unsafe());
        return;
    case simdjson::dom::element_type::BOOL:
        boolean(value.get_bool().value_unsafe());
        return;
    case simdjson::dom::element_type::NULL_VALUE:
        null();
        return;
    default:
        number(value);
        return;
    }
}

QString TransformWriter::describe(Element value, int maxLength) {
    const std::string text = simdjson::minify(value);
    QString described = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    if (described.size() > maxLength)
        described = described.left(maxLength - 1) + QChar(0x2026);
    return described;
}

std::string TransformWriter::camelCase(std::string_view snake) {
    std::string out;
    out.reserve(snake.size());
    bool upper = false;
    for (const char c : snake) {
        if (c == '_' && !out.empty()) {
            upper = true;
            continue;
        }
        out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    return out;
}

const char* TransformWriter::typeName(Element value) {
    switch (value.type()) {
    case simdjson::dom::element_type::OBJECT:
        return "an object";
    case simdjson::dom::element_type::ARRAY:
        return "an array";
    case simdjson::dom::element_type::STRING:
        return "a string";
    case simdjson::dom::element_type::BOOL:
        return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE:
        return "null";
    default:
        return "a number";
    }
}

} // namespace botwright::pipeline::detail
