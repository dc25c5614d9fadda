#pragma once

#include "engine/pipeline/transformer.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstring>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <vector>

namespace botwright::pipeline::detail {

using Element = simdjson::dom::element;

// The object or array inside an element already known to be one (copied out of the result, so
// range-for loops never iterate a temporary).
inline simdjson::dom::object objectOf(Element value) {
    simdjson::dom::object object;
    if (value.get_object().get(object))
        return {};
    return object;
}
inline simdjson::dom::array arrayOf(Element value) {
    simdjson::dom::array array;
    if (value.get_array().get(array))
        return {};
    return array;
}

// Thrown inside the transformer when a payload cannot be turned into its SDK shape; the public
// functions catch it and answer ok=false. Never leaves the pipeline.
struct TransformFailure {
    QString message;
};

// Copies a few bytes without a call into memcpy (keys, short strings): overlapping 8- or 4-byte
// moves for 4..16 bytes, a loop otherwise.
inline void copyBytes(char* to, const char* from, std::size_t n) {
    if (n >= 8 && n <= 16) {
        std::uint64_t head, tail;
        std::memcpy(&head, from, 8);
        std::memcpy(&tail, from + n - 8, 8);
        std::memcpy(to, &head, 8);
        std::memcpy(to + n - 8, &tail, 8);
    } else if (n >= 4 && n < 8) {
        std::uint32_t head, tail;
        std::memcpy(&head, from, 4);
        std::memcpy(&tail, from + n - 4, 4);
        std::memcpy(to, &head, 4);
        std::memcpy(to + n - 4, &tail, 4);
    } else if (n < 4) {
        for (std::size_t i = 0; i < n; ++i)
            to[i] = from[i];
    } else {
        std::memcpy(to, from, n);
    }
}

// An SDK key literal ("channelId") with its length known at compile time.
struct SdkKey {
    template <std::size_t N>
    constexpr SdkKey(const char (&literal)[N])
        : text(literal)
        , length(N - 1) {}
    std::string_view view() const { return {text, length}; }

    const char* text;
    std::size_t length;
};

// The output side of one transformation: a compact JSON writer for UTF-8 input, the optional
// trace, the path of the Discord value being read (tracked only when tracing or when describing an
// error) and the value writers every model shares (strings, numbers, raw copies).
//
// Why not protocol::JsonWriter: it takes UTF-16 text (simdjson hands out UTF-8) and each call is a
// QByteArray append of 100+ instructions; an SDK Message has ~80 keys, so it alone cost more than
// the whole 1.5 µs budget. This writer appends with inline pointer writes straight into the
// QByteArray it returns; the escaping rules are JsonWriter's (RFC 8259, non-ASCII passed through).
class TransformWriter final {
public:
    // `sizeHint`: the expected output size (the buffer grows when it is exceeded).
    TransformWriter(const TransformContext& context, TransformTrace* trace, bool trackPath,
                    std::size_t sizeHint = 4096);

    // The finished JSON (the writer is empty afterwards).
    QByteArray take() {
        m_bytes.truncate(static_cast<qsizetype>(m_length));
        m_length = 0;
        m_buffer = {};
        return std::move(m_bytes);
    }
    const TransformContext& context() const { return m_context; }
    bool tracing() const { return m_trace != nullptr; }

    // ---- path of the Discord value being read ----
    // RAII: enters a key or an array index for the lifetime of the guard.
    class Enter final {
    public:
        Enter(TransformWriter& t, std::string_view key)
            : m_t(t)
            , m_active(t.m_trackPath) {
            if (m_active)
                t.pushKey(key);
        }
        Enter(TransformWriter& t, std::size_t index)
            : m_t(t)
            , m_active(t.m_trackPath) {
            if (m_active)
                t.pushIndex(index);
        }
        ~Enter() {
            if (m_active)
                m_t.pop();
        }
        Enter(const Enter&) = delete;
        Enter& operator=(const Enter&) = delete;

    private:
        TransformWriter& m_t;
        bool m_active;
    };
    // The current path with `key` appended ("author.id"); "" at the top.
    QString pathTo(std::string_view key) const;

    // Nesting of the objects being read; deeper than kMaxDepth fails (a hostile payload must not
    // exhaust the stack: each level holds an ObjectReader).
    static constexpr int kMaxDepth = 64;
    void descend() {
        if (++m_depth > kMaxDepth)
            fail({}, QStringLiteral("nests deeper than %1 levels").arg(kMaxDepth));
    }
    void ascend() { --m_depth; }

    // Fails the whole transformation: "`<path>.<key>` <problem>".
    [[noreturn]] void fail(std::string_view key, const QString& problem) const;
    [[noreturn]] void failType(std::string_view key, const char* expected, Element got) const;

    // ---- trace (call only when tracing()) ----
    void traceRenamed(std::string_view from, std::string_view to);
    void traceConverted(std::string_view key, Element before, const QString& after);
    void traceDropped(std::string_view key, Element value);
    void traceAdded(std::string_view sdkKey, const QString& value);

    // ---- structure ----
    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // An object key: ASCII without characters that need escaping (the SDK's key literals).
    void key(SdkKey k) {
        char* out = room(k.length + 4);
        if (m_needComma)
            *out++ = ',';
        *out++ = '"';
        copyBytes(out, k.text, k.length);
        out += k.length;
        *out++ = '"';
        *out++ = ':';
        finish(out);
        m_afterKey = true;
    }
    // A run of complete `"key":value` pairs, already JSON, inside the current object.
    void fields(const char* json, std::size_t length) {
        char* out = room(length + 1);
        if (m_needComma)
            *out++ = ',';
        std::memcpy(out, json, length);
        finish(out + length);
        m_needComma = true;
    }
    // Any UTF-8 text as a key, escaped as needed (record keys, copied objects).
    void dynamicKey(std::string_view utf8);

    // ---- values ----
    void string(std::string_view utf8);
    void stringOrNull(std::string_view utf8) {
        if (utf8.empty())
            null();
        else
            string(utf8);
    }
    void null() { scalar("null", 4); }
    void boolean(bool value) { value ? scalar("true", 4) : scalar("false", 5); }
    void integer(qint64 value);
    // A JSON number as it came (int64, uint64 or double).
    void number(Element value);
    // Any JSON value, copied; with `camelCaseKeys` every object key is turned from snake_case.
    void copy(Element value, bool camelCaseKeys);
    // Bytes that are already one JSON value.
    void raw(const QByteArray& json) { scalar(json.constData(), static_cast<std::size_t>(json.size())); }
    void emptyArray() { scalar("[]", 2); }

    // key + value shorthands
    void fieldNull(SdkKey k) {
        key(k);
        null();
    }
    void fieldBool(SdkKey k, bool value) {
        key(k);
        boolean(value);
    }
    void field(SdkKey k, qint64 value) {
        key(k);
        integer(value);
    }
    void field(SdkKey k, const char* asciiText) {
        key(k);
        string(asciiText);
    }

    static QString describe(Element value, int maxLength = 120);
    static std::string camelCase(std::string_view snake);
    static const char* typeName(Element value);

private:
    // The output bytes, written in place in the QByteArray that take() hands out.
    struct Buffer {
        char* data = nullptr;
        std::size_t capacity = 0;
    };

    void pushKey(std::string_view key);
    void pushIndex(std::size_t index);
    void pop();
    // Room for `extra` more bytes at the end; returns where they go (the caller sets m_length).
    char* room(std::size_t extra) {
        if (m_length + extra > m_buffer.capacity)
            growTo(m_length + extra);
        return m_buffer.data + m_length;
    }
    void growTo(std::size_t needed);
    // Where the next value goes, with room for `extra` bytes and the comma written when the value
    // neither follows a key nor opens its container. Writers work on a local pointer and store
    // m_length once: bytes written through a char pointer may alias any member, so per-byte
    // `m_length++` would reload and store it around every byte.
    char* valueStart(std::size_t extra) {
        char* out = room(extra + 1);
        if (m_afterKey)
            m_afterKey = false;
        else if (m_needComma)
            *out++ = ',';
        m_needComma = true;
        return out;
    }
    void finish(char* end) { m_length = static_cast<std::size_t>(end - m_buffer.data); }
    void scalar(const char* json, std::size_t length) {
        char* out = valueStart(length);
        copyBytes(out, json, length);
        finish(out + length);
    }
    void open(char bracket) {
        char* out = valueStart(1);
        *out++ = bracket;
        finish(out);
        m_needComma = false;
    }
    void close(char bracket) {
        char* out = room(1);
        *out++ = bracket;
        finish(out);
        m_needComma = true;
    }
    // Writes `utf8` escaped at `out` (room for 6 bytes per input byte); returns the end.
    static char* escapeTo(char* out, std::string_view utf8);

    const TransformContext& m_context;
    TransformTrace* m_trace;
    bool m_trackPath;
    QByteArray m_bytes;
    Buffer m_buffer;
    std::size_t m_length = 0;
    bool m_needComma = false; // the current container already holds a value
    bool m_afterKey = false;  // a key was written; its value comes next
    int m_depth = 0;
    std::string m_path;
    std::vector<std::size_t> m_marks;
};

} // namespace botwright::pipeline::detail
