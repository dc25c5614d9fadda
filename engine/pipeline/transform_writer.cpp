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

TransformWriter::TransformWriter(const TransformContext& context, TransformTrace* trace, bool trackPath,
                                 std::size_t sizeHint)
    : m_context(context)
    , m_trace(trace)
    , m_trackPath(trackPath || trace) {
    growTo(std::max<std::size_t>(sizeHint, 64));
}

void TransformWriter::growTo(std::size_t needed) {
    // QByteArray::resize keeps the bytes written so far and leaves the new ones uninitialised.
    const std::size_t capacity = std::max(needed, 2 * m_buffer.capacity);
    if (m_bytes.isNull())
        m_bytes = QByteArray(static_cast<qsizetype>(capacity), Qt::Uninitialized);
    else
        m_bytes.resize(static_cast<qsizetype>(capacity));
    m_buffer.data = m_bytes.data();
    m_buffer.capacity = capacity;
}

void TransformWriter::dynamicKey(std::string_view utf8) {
    char* out = room(6 * utf8.size() + 4);
    if (m_needComma)
        *out++ = ',';
    *out++ = '"';
    out = escapeTo(out, utf8);
    *out++ = '"';
    *out++ = ':';
    finish(out);
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

namespace {
// True when one of the 8 bytes of `word` is a control character, '"' or '\\' (SWAR: no byte
// loop for the long plain runs that make up nearly all text).
inline bool wordNeedsEscape(std::uint64_t word) {
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const std::uint64_t below20 = (word - ones * 0x20) & ~word & highs;
    const std::uint64_t quote = word ^ (ones * '"');
    const std::uint64_t backslash = word ^ (ones * '\\');
    const std::uint64_t isQuote = (quote - ones) & ~quote & highs;
    const std::uint64_t isBackslash = (backslash - ones) & ~backslash & highs;
    return (below20 | isQuote | isBackslash) != 0;
}

} // namespace

char* TransformWriter::escapeTo(char* out, std::string_view utf8) {
    static const char hex[] = "0123456789abcdef";
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        // Plain runs, 8 bytes at a time (UTF-8 sequences pass through: simdjson validated them).
        while (end - p >= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            if (wordNeedsEscape(word))
                break;
            std::memcpy(out, &word, 8);
            out += 8;
            p += 8;
        }
        if (p == end)
            break;
        // A short tail of a longer string: the last 8 bytes, overlapping what was copied.
        if (end - p < 8 && utf8.size() >= 8) {
            std::uint64_t last;
            std::memcpy(&last, end - 8, 8);
            if (!wordNeedsEscape(last)) {
                std::memcpy(out + (end - p) - 8, &last, 8);
                out += end - p;
                break;
            }
        }
        const auto c = static_cast<unsigned char>(*p++);
        if (!kNeedsEscape[c]) {
            *out++ = static_cast<char>(c);
            continue;
        }
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
    return out;
}

void TransformWriter::string(std::string_view utf8) {
    // Worst case: every byte becomes \u00XX.
    char* out = valueStart(6 * utf8.size() + 2);
    *out++ = '"';
    out = escapeTo(out, utf8);
    *out++ = '"';
    finish(out);
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
        descend();
        beginObject();
        for (const simdjson::dom::key_value_pair field : objectOf(value)) {
            if (camelCaseKeys)
                dynamicKey(camelCase(field.key));
            else
                dynamicKey(field.key);
            copy(field.value, camelCaseKeys);
        }
        endObject();
        ascend();
        return;
    case simdjson::dom::element_type::ARRAY:
        descend();
        beginArray();
        for (const Element item : arrayOf(value))
            copy(item, camelCaseKeys);
        endArray();
        ascend();
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
