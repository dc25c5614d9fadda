#pragma once

#include "engine/pipeline/transformer.h"

#include <QByteArray>
#include <QString>

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
// the whole 1.5 µs budget. This writer appends into one reused thread-local buffer with inline
// pointer writes; the escaping rules are JsonWriter's (RFC 8259, non-ASCII passed through).
class TransformWriter final {
public:
    TransformWriter(const TransformContext& context, TransformTrace* trace, bool trackPath);

    // The finished JSON.
    QByteArray take() const { return QByteArray(m_buffer.data, static_cast<qsizetype>(m_length)); }
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
        std::memcpy(out, k.text, k.length);
        out += k.length;
        *out++ = '"';
        *out++ = ':';
        m_length = static_cast<std::size_t>(out - m_buffer.data);
        m_afterKey = true;
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
    void emptyObject() { scalar("{}", 2); }

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
    // The output bytes: one buffer per thread, reused (a transformation never nests another).
    struct Buffer {
        char* data = nullptr;
        std::size_t capacity = 0;
    };
    static Buffer& threadBuffer();

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
    // A comma unless the value follows a key or opens its container.
    void separate() {
        if (m_afterKey)
            m_afterKey = false;
        else if (m_needComma)
            m_buffer.data[m_length++] = ',';
        m_needComma = true;
    }
    void scalar(const char* json, std::size_t length) {
        room(length + 1);
        separate();
        std::memcpy(m_buffer.data + m_length, json, length);
        m_length += length;
    }
    void open(char bracket) {
        room(2);
        separate();
        m_buffer.data[m_length++] = bracket;
        m_needComma = false;
    }
    void close(char bracket) {
        room(1);
        m_buffer.data[m_length++] = bracket;
        m_needComma = true;
    }
    void escapeInto(std::string_view utf8);

    const TransformContext& m_context;
    TransformTrace* m_trace;
    bool m_trackPath;
    Buffer& m_buffer;
    std::size_t m_length = 0;
    bool m_needComma = false; // the current container already holds a value
    bool m_afterKey = false;  // a key was written; its value comes next
    std::string m_path;
    std::vector<std::size_t> m_marks;
};

} // namespace botwright::pipeline::detail
