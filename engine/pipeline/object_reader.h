#pragma once

#include "engine/pipeline/discord_enums.h"
#include "engine/pipeline/field_table.h"
#include "engine/pipeline/transform_writer.h"

#include <bit>
#include <optional>

namespace botwright::pipeline::detail {

// What a field writer does when the Discord field is absent (or null, for non-nullable fields).
enum class Absent {
    Null,     // write null
    Omit,     // write nothing (optional `x?` fields)
    Required, // fail the transformation: "`author.id` is missing"
};

// A field mask: bits(kA, kB) has the bits of fields kA and kB.
template <class... Index>
constexpr std::uint64_t bits(Index... index) {
    return ((std::uint64_t{1} << index) | ...);
}

// Writes one value of a model (an object, usually) at the writer's current position.
using WriteFn = void (*)(TransformWriter&, Element);

// One Discord object being turned into an SDK object: its fields are looked up once through a
// FieldTable (keys the table lacks are dropped, and traced), then written in the SDK's order and
// naming by the field writers below, which record renames and conversions when tracing.
class ObjectReader final {
public:
    // Fails when `object` is not a JSON object.
    ObjectReader(TransformWriter& t, Element object, const FieldTable& table);
    // When tracing, records the fields that were read but never written as dropped.
    ~ObjectReader();
    ObjectReader(const ObjectReader&) = delete;
    ObjectReader& operator=(const ObjectReader&) = delete;

    bool has(int i) const { return (m_present >> i) & 1; }
    // True when any field of `mask` (bits by field index) is present and not null.
    bool anyValue(std::uint64_t mask) const {
        for (std::uint64_t present = m_present & mask; present; present &= present - 1)
            if (!m_values[std::countr_zero(present)].value.is_null())
                return true;
        return false;
    }
    // Writes a run of fields that all have their absent value as one literal
    // (`"a":null,"b":null`), when none of `mask` has a value and no trace is kept (a traced run
    // goes field by field, so renames of present nulls are recorded). False when not written.
    template <std::size_t N>
    bool writeAbsentRun(std::uint64_t mask, const char (&fields)[N]) {
        if (m_t.tracing() || anyValue(mask))
            return false;
        consumeAll(mask);
        m_t.fields(fields, N - 1);
        return true;
    }
    bool hasValue(int i) const { return has(i) && !m_values[i].value.is_null(); }
    Element operator[](int i) const { return m_values[i].value; }
    std::string_view discordKey(int i) const { return m_table.key(i); }
    TransformWriter& writer() { return m_t; }

    // ---- typed reads (fail with the path on a type mismatch) ----
    std::optional<std::string_view> string(int i) const {
        if (!hasValue(i))
            return std::nullopt;
        std::string_view text;
        if (m_values[i].value.get_string().get(text))
            failType(i, "a string");
        return text;
    }
    std::optional<qint64> integer(int i) const;
    std::optional<bool> boolean(int i) const {
        if (!hasValue(i))
            return std::nullopt;
        bool value = false;
        if (m_values[i].value.get_bool().get(value))
            failType(i, "a boolean");
        return value;
    }

    // ---- field writers: `sdkKey` and the converted value of field i ----
    // Writes the key and traces a rename when the field is present under another name.
    void key(int i, SdkKey sdkKey) {
        m_t.key(sdkKey);
        m_consumed |= std::uint64_t{1} << i;
        if (m_t.tracing())
            traceKey(i, sdkKey);
    }
    // Marks field i as used without writing it (so it is not traced as dropped).
    void consume(int i) { m_consumed |= std::uint64_t{1} << i; }
    void consumeAll(std::uint64_t mask) { m_consumed |= mask; }
    // Snowflakes stay decimal strings (numbers are accepted and written as strings).
    void writeId(int i, SdkKey sdkKey, Absent absent) {
        if (!hasValue(i)) {
            writeAbsent(i, sdkKey, absent);
            return;
        }
        std::string_view text;
        if (m_values[i].value.get_string().get(text)) {
            writeNumericId(i, sdkKey);
            return;
        }
        key(i, sdkKey);
        m_t.string(text);
    }
    void writeString(int i, SdkKey sdkKey, Absent absent) {
        if (!hasValue(i)) {
            writeAbsent(i, sdkKey, absent);
            return;
        }
        std::string_view text;
        if (m_values[i].value.get_string().get(text))
            failType(i, "a string");
        key(i, sdkKey);
        m_t.string(text);
    }
    void writeStringOr(int i, SdkKey sdkKey, std::string_view fallback) {
        const auto text = string(i);
        key(i, sdkKey);
        m_t.string(text ? *text : fallback);
    }
    void writeBool(int i, SdkKey sdkKey, bool fallback) {
        const auto value = boolean(i);
        key(i, sdkKey);
        m_t.boolean(value.value_or(fallback));
    }
    void writeBool(int i, SdkKey sdkKey, Absent absent) {
        if (const auto value = boolean(i)) {
            key(i, sdkKey);
            m_t.boolean(*value);
        } else {
            writeAbsent(i, sdkKey, absent);
        }
    }
    void writeNumber(int i, SdkKey sdkKey, Absent absent);
    void writeNumberOr(int i, SdkKey sdkKey, qint64 fallback);
    // ISO-8601 text → Unix ms.
    void writeTime(int i, SdkKey sdkKey, Absent absent);
    // Number → name; a number without a name is written as it is (or as `unknownName`).
    void writeEnum(int i, SdkKey sdkKey, const EnumNames& names, Absent absent,
                   const char* unknownName = nullptr);
    // Bit field → {flag: bool, …} with every named flag.
    void writeFlags(int i, SdkKey sdkKey, const FlagNames& names, Absent absent);
    // Array of strings (snowflakes, feature names); absent or null → [] (nothing with Absent::Omit).
    void writeStringArray(int i, SdkKey sdkKey, Absent absent = Absent::Null);
    // Nested value through `fn`; null stays null.
    void writeObject(int i, SdkKey sdkKey, WriteFn fn, Absent absent);
    // Array through `fn` per item; absent or null → [] (nothing with Absent::Omit, a failure with
    // Absent::Required).
    void writeArray(int i, SdkKey sdkKey, WriteFn fn, Absent absent = Absent::Null);
    // The value as it is, keys turned to camelCase when asked.
    void writeCopy(int i, SdkKey sdkKey, Absent absent, bool camelCaseKeys = false);

    // Writes the fallback for an absent field; false when nothing was written (Omit).
    bool writeAbsent(int i, SdkKey sdkKey, Absent absent) {
        if (absent != Absent::Null)
            return writeAbsentSlow(i, sdkKey, absent);
        key(i, sdkKey);
        m_t.null();
        return true;
    }

private:
    void traceKey(int i, SdkKey sdkKey);
    void writeNumericId(int i, SdkKey sdkKey);
    bool writeAbsentSlow(int i, SdkKey sdkKey, Absent absent);
    [[noreturn]] void failType(int i, const char* expected) const;

    // A slot that is only constructed when its field is present (no per-object initialisation).
    union Slot {
        Slot() {}
        Element value;
    };

    TransformWriter& m_t;
    const FieldTable& m_table;
    std::uint64_t m_present = 0;
    std::uint64_t m_consumed = 0;
    Slot m_values[FieldTable::kMaxKeys];
};

// Writes a flag object for `bits` (used by writeFlags and by shapes built from several fields).
void writeFlagObject(TransformWriter& t, const FlagNames& names, std::uint64_t bits);
// Writes `array` (the value at the writer's current path) through `fn` per item, entering [index].
void writeEach(TransformWriter& t, Element array, WriteFn fn);

} // namespace botwright::pipeline::detail
