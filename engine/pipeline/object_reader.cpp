#include "engine/pipeline/object_reader.h"

#include "engine/pipeline/iso_timestamp.h"
#include "engine/protocol/json_writer.h"

#include <QStringList>

#include <bit>
#include <charconv>
#include <cmath>
#include <new>

namespace botwright::pipeline::detail {

using simdjson::dom::element_type;

ObjectReader::ObjectReader(TransformWriter& t, Element object, const FieldTable& table)
    : m_t(t)
    , m_table(table) {
    if (object.type() != element_type::OBJECT)
        t.failType({}, "an object", object);
    t.descend();
    // Iterators, not key_value_pair: building the pair made every field a store-forwarding stall.
    const simdjson::dom::object fields = objectOf(object);
    for (auto it = fields.begin(), end = fields.end(); it != end; ++it) {
        const std::string_view key = it.key();
        const int index = table.find(key);
        if (index >= 0) {
            new (&m_values[index].value) Element(it.value());
            m_present |= std::uint64_t{1} << index;
        } else if (t.tracing()) {
            t.traceDropped(key, it.value());
        }
    }
}

ObjectReader::~ObjectReader() {
    m_t.ascend();
    if (!m_t.tracing())
        return;
    for (std::uint64_t unused = m_present & ~m_consumed; unused; unused &= unused - 1) {
        const int index = std::countr_zero(unused);
        m_t.traceDropped(m_table.key(index), m_values[index].value);
    }
}

// ---- typed reads ----

std::optional<qint64> ObjectReader::integer(int i) const {
    if (!hasValue(i))
        return std::nullopt;
    int64_t value = 0;
    if (m_values[i].value.get_int64().get(value)) {
        double real = 0; // Discord never sends 3.0 for an integer, but JSON allows it
        if (m_values[i].value.get_double().get(real) || !(real >= -9.0e18 && real <= 9.0e18) ||
            real != std::trunc(real))
            m_t.failType(discordKey(i), "an integer", m_values[i].value);
        value = static_cast<qint64>(real);
    }
    return value;
}

// ---- field writers ----

void ObjectReader::failType(int i, const char* expected) const {
    m_t.failType(discordKey(i), expected, m_values[i].value);
}

void ObjectReader::traceKey(int i, SdkKey sdkKey) {
    if (has(i) && m_table.key(i) != sdkKey.view())
        m_t.traceRenamed(m_table.key(i), sdkKey.view());
}

bool ObjectReader::writeAbsentSlow(int i, SdkKey sdkKey, Absent absent) {
    switch (absent) {
    case Absent::Omit:
        return false;
    case Absent::Required:
        m_t.fail(discordKey(i), has(i) ? QStringLiteral("must not be null") : QStringLiteral("is missing"));
    case Absent::Null:
        break;
    }
    key(i, sdkKey);
    m_t.null();
    return true;
}

void ObjectReader::writeNumericId(int i, SdkKey sdkKey) {
    const Element value = m_values[i].value;
    uint64_t number = 0;
    if (value.get_uint64().get(number))
        m_t.failType(discordKey(i), "a snowflake string", value);
    key(i, sdkKey);
    const std::string digits = std::to_string(number);
    m_t.string(digits);
    if (m_t.tracing())
        m_t.traceConverted(discordKey(i), value, QLatin1Char('"') + QString::fromStdString(digits) + u'"');
}

void ObjectReader::writeNumber(int i, SdkKey sdkKey, Absent absent) {
    if (!hasValue(i)) {
        writeAbsent(i, sdkKey, absent);
        return;
    }
    const Element value = m_values[i].value;
    if (!value.is_number())
        m_t.failType(discordKey(i), "a number", value);
    key(i, sdkKey);
    m_t.number(value);
}

void ObjectReader::writeNumberOr(int i, SdkKey sdkKey, qint64 fallback) {
    if (hasValue(i)) {
        writeNumber(i, sdkKey, Absent::Null);
        return;
    }
    key(i, sdkKey);
    m_t.integer(fallback);
}

void ObjectReader::writeTime(int i, SdkKey sdkKey, Absent absent) {
    const auto text = string(i);
    if (!text) {
        writeAbsent(i, sdkKey, absent);
        return;
    }
    const std::optional<qint64> ms = parseIsoTimestampMs(*text);
    if (!ms)
        m_t.fail(discordKey(i),
                 QStringLiteral("is not an ISO-8601 time: \"%1\"")
                     .arg(QString::fromUtf8(text->data(), static_cast<qsizetype>(text->size()))));
    key(i, sdkKey);
    m_t.integer(*ms);
    if (m_t.tracing())
        m_t.traceConverted(discordKey(i), m_values[i].value, QString::number(*ms));
}

void ObjectReader::writeEnum(int i, SdkKey sdkKey, const EnumNames& names, Absent absent,
                             const char* unknownName) {
    const auto value = integer(i);
    if (!value) {
        writeAbsent(i, sdkKey, absent);
        return;
    }
    key(i, sdkKey);
    const char* name = names.nameOf(*value);
    if (name) {
        m_t.string(name);
        if (m_t.tracing())
            m_t.traceConverted(discordKey(i), m_values[i].value,
                               QLatin1Char('"') + QLatin1StringView(name) + u'"');
        return;
    }
    if (unknownName) {
        m_t.string(unknownName);
        if (m_t.tracing())
            m_t.traceConverted(discordKey(i), m_values[i].value,
                               QStringLiteral("\"%1\" (no %2 has this value)")
                                   .arg(QLatin1StringView(unknownName), QLatin1StringView(names.what)));
        return;
    }
    m_t.integer(*value);
    if (m_t.tracing())
        m_t.traceConverted(
            discordKey(i), m_values[i].value,
            QStringLiteral("%1 (kept: no %2 has this value)").arg(*value).arg(QLatin1StringView(names.what)));
}

namespace {
QByteArray flagObjectBytes(const FlagNames& names, std::uint64_t bits) {
    protocol::JsonWriter out;
    out.beginObject();
    for (int f = 0; f < names.count; ++f)
        out.fieldBool(names.entries[f].name, (bits & names.entries[f].bit) != 0);
    out.endObject();
    return out.take();
}
} // namespace

void writeFlagObject(TransformWriter& t, const FlagNames& names, std::uint64_t bits) {
    // Nearly every user and message has no flags: those objects are written once and copied.
    if (bits == 0) {
        static const QByteArray noUserFlags = flagObjectBytes(names::userFlags, 0);
        static const QByteArray noMessageFlags = flagObjectBytes(names::messageFlags, 0);
        if (&names == &names::userFlags) {
            t.raw(noUserFlags);
            return;
        }
        if (&names == &names::messageFlags) {
            t.raw(noMessageFlags);
            return;
        }
    }
    t.raw(flagObjectBytes(names, bits));
}

void ObjectReader::writeFlags(int i, SdkKey sdkKey, const FlagNames& names, Absent absent) {
    if (!hasValue(i)) {
        writeAbsent(i, sdkKey, absent);
        return;
    }
    const Element value = m_values[i].value;
    uint64_t bits = 0;
    if (value.get_uint64().get(bits)) {
        std::string_view text; // permissions-style bit fields arrive as strings
        if (value.get_string().get(text) ||
            std::from_chars(text.data(), text.data() + text.size(), bits).ec != std::errc())
            m_t.failType(discordKey(i), "a bit field number", value);
    }
    key(i, sdkKey);
    writeFlagObject(m_t, names, bits);
    if (!m_t.tracing())
        return;
    QStringList set;
    std::uint64_t known = 0;
    for (int f = 0; f < names.count; ++f) {
        known |= names.entries[f].bit;
        if (bits & names.entries[f].bit)
            set.append(QLatin1StringView(names.entries[f].name));
    }
    QString after =
        QStringLiteral("%1 {%2}").arg(QLatin1StringView(names.what), set.join(QStringLiteral(", ")));
    if (bits & ~known)
        after += QStringLiteral(" (bits without a name dropped: %1)").arg(bits & ~known);
    m_t.traceConverted(discordKey(i), value, after);
}

void ObjectReader::writeStringArray(int i, SdkKey sdkKey, Absent absent) {
    if (!hasValue(i) && absent != Absent::Null) {
        writeAbsent(i, sdkKey, absent);
        return;
    }
    key(i, sdkKey);
    if (!hasValue(i)) {
        m_t.emptyArray();
        return;
    }
    const Element value = m_values[i].value;
    if (value.type() != element_type::ARRAY)
        m_t.failType(discordKey(i), "an array", value);
    TransformWriter::Enter enter(m_t, discordKey(i));
    m_t.beginArray();
    std::size_t index = 0;
    for (const Element item : arrayOf(value)) {
        std::string_view text;
        if (item.get_string().get(text)) {
            TransformWriter::Enter at(m_t, index);
            m_t.failType({}, "a string", item);
        }
        m_t.string(text);
        ++index;
    }
    m_t.endArray();
}

void ObjectReader::writeObject(int i, SdkKey sdkKey, WriteFn fn, Absent absent) {
    if (!hasValue(i)) {
        writeAbsent(i, sdkKey, absent);
        return;
    }
    key(i, sdkKey);
    TransformWriter::Enter enter(m_t, discordKey(i));
    fn(m_t, m_values[i].value);
}

void writeEach(TransformWriter& t, Element array, WriteFn fn) {
    if (array.type() != element_type::ARRAY)
        t.failType({}, "an array", array);
    const simdjson::dom::array items = arrayOf(array);
    if (items.size() == 0) {
        t.emptyArray();
        return;
    }
    t.beginArray();
    std::size_t index = 0;
    for (const Element item : items) {
        TransformWriter::Enter at(t, index++);
        fn(t, item);
    }
    t.endArray();
}

void ObjectReader::writeArray(int i, SdkKey sdkKey, WriteFn fn, Absent absent) {
    if (!hasValue(i)) {
        if (absent == Absent::Omit || absent == Absent::Required) {
            writeAbsent(i, sdkKey, absent);
            return;
        }
        key(i, sdkKey);
        m_t.emptyArray();
        return;
    }
    key(i, sdkKey);
    TransformWriter::Enter enter(m_t, discordKey(i));
    writeEach(m_t, m_values[i].value, fn);
}

void ObjectReader::writeCopy(int i, SdkKey sdkKey, Absent absent, bool camelCaseKeys) {
    if (!hasValue(i)) {
        writeAbsent(i, sdkKey, absent);
        return;
    }
    key(i, sdkKey);
    m_t.copy(m_values[i].value, camelCaseKeys);
}

} // namespace botwright::pipeline::detail
