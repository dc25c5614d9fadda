#pragma once

#include <QByteArray>
#include <QStringView>

#include <vector>

namespace botwright::protocol {

// Writes compact JSON straight into bytes, for the gateway's hot payloads (a MESSAGE_CREATE is
// written in about a microsecond; building a QJsonObject and serialising it takes ten). Commas are
// placed automatically; keys are ASCII literals. Strings are escaped as RFC 8259 requires.
class JsonWriter final {
public:
    JsonWriter() { m_out.reserve(1024); }

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(const char* asciiKey);
    void string(QStringView text);
    void number(qint64 value);
    void boolean(bool value);
    void null();
    // An already-serialised JSON value (e.g. an embed array kept as QJsonArray, serialised).
    void raw(const QByteArray& json);

    // key + value shorthands
    void field(const char* k, QStringView text) {
        key(k);
        string(text);
    }
    void field(const char* k, qint64 value) {
        key(k);
        number(value);
    }
    void fieldBool(const char* k, bool value) {
        key(k);
        boolean(value);
    }
    void fieldNull(const char* k) {
        key(k);
        null();
    }
    // A snowflake as a decimal string; 0 writes null when `nullIfZero`.
    void fieldId(const char* k, quint64 id, bool nullIfZero = false);
    void fieldStringOrNull(const char* k, QStringView text) {
        if (text.isEmpty())
            fieldNull(k);
        else
            field(k, text);
    }

    const QByteArray& bytes() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    void separate();

    QByteArray m_out;
    std::vector<char> m_first; // per open container: 1 while no element has been written
    bool m_afterKey = false;
};

} // namespace botwright::protocol
