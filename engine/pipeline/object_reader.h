#pragma once

#include "engine/pipeline/discord_enums.h"
#include "engine/pipeline/field_table.h"
#include "engine/pipeline/transform_writer.h"

#include <optional>

namespace botwright::pipeline::detail {

// What a field writer does when the Discord field is absent (or null, for non-nullable fields).
enum class Absent {
    Null,     // write null
    Omit,     // write nothing (optional `x?` fields)
    Required, // fail the transformation: "`author.id` is missing"
};

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
    bool hasValue(int i) const { return has(i) && !m_values[i].value.is_null(); }
    Element operator[](int i) const { return m_values[i].value; }
    std::string_view discordKey(int i) const { return m_table.key(i); }
    TransformWriter& writer() { return m_t; }

    // ---- typed reads (fail with the path on a type mismatch) ----
    std::optional<std::string_view> string(int i) const;
    std::optional<qint64> integer(int i) const;
    std::optional<bool> boolean(int i) const;
    // An id field as a number (0 when absent or null).
    quint64 snowflake(int i) const;

    // ---- field writers: `sdkKey` and the converted value of field i ----
    // Writes the key and traces a rename when the field is present under another name.
    void key(int i, SdkKey sdkKey);
    // Marks field i as used without writing it (so it is not traced as dropped).
    void consume(int i) { m_consumed |= std::uint64_t{1} << i; }
    // Snowflakes stay decimal strings (numbers are accepted and written as strings).
    void writeId(int i, SdkKey sdkKey, Absent absent);
    void writeString(int i, SdkKey sdkKey, Absent absent);
    void writeStringOr(int i, SdkKey sdkKey, std::string_view fallback);
    void writeBool(int i, SdkKey sdkKey, bool fallback);
    void writeBool(int i, SdkKey sdkKey, Absent absent);
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
    bool writeAbsent(int i, SdkKey sdkKey, Absent absent);

private:
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
