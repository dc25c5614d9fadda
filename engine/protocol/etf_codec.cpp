#include "engine/protocol/etf_codec.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace botwright::protocol {

namespace {

enum EtfTag : quint8 {
    kNewFloat = 70,
    kSmallInteger = 97,
    kInteger = 98,
    kFloat = 99,
    kAtom = 100,
    kSmallTuple = 104,
    kLargeTuple = 105,
    kNil = 106,
    kString = 107,
    kList = 108,
    kBinary = 109,
    kSmallBig = 110,
    kLargeBig = 111,
    kSmallAtom = 115,
    kMap = 116,
    kAtomUtf8 = 118,
    kSmallAtomUtf8 = 119,
};

// Largest big-integer magnitude decoded (bytes); 128 bytes is about 308 decimal digits.
constexpr qsizetype kMaxBigBytes = 128;
// Largest integer a JavaScript number holds exactly (Number.MAX_SAFE_INTEGER).
constexpr std::uint64_t kMaxSafeInteger = (std::uint64_t{1} << 53) - 1;
// FLOAT_EXT: a 31-byte, NUL-padded "%.20e" string.
constexpr qsizetype kLegacyFloatBytes = 31;

// ---------------------------------------------------------------------------------------------
// Encoding

class Encoder {
public:
    explicit Encoder(QByteArray& out)
        : m_out(out) {}

    void encode(const QJsonValue& value) {
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            encodeAtom("nil");
            break;
        case QJsonValue::Bool:
            encodeAtom(value.toBool() ? "true" : "false");
            break;
        case QJsonValue::Double:
            encodeNumber(value);
            break;
        case QJsonValue::String:
            encodeBinary(value.toString());
            break;
        case QJsonValue::Array:
            encodeArray(value.toArray());
            break;
        case QJsonValue::Object:
            encodeObject(value.toObject());
            break;
        }
    }

private:
    void u8(quint8 v) { m_out.append(static_cast<char>(v)); }

    void u32(quint32 v) {
        const std::array<char, 4> bytes{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                                        static_cast<char>(v >> 8), static_cast<char>(v)};
        m_out.append(bytes.data(), 4);
    }

    void encodeAtom(QByteArrayView name) {
        u8(kSmallAtomUtf8);
        u8(static_cast<quint8>(name.size()));
        m_out.append(name);
    }

    void encodeBinary(const QString& text) {
        const QByteArray utf8 = text.toUtf8();
        u8(kBinary);
        u32(static_cast<quint32>(utf8.size()));
        m_out.append(utf8);
    }

    void encodeNumber(const QJsonValue& value) {
        // Integral values (stored as integers, or doubles without a fraction within the 64-bit
        // range) become integer terms; toInteger() answers its default for anything else.
        const qint64 asInteger = value.toInteger(0);
        if (asInteger != 0 || value.toInteger(1) == 0) {
            encodeInteger(asInteger);
            return;
        }
        u8(kNewFloat);
        const auto bits = std::bit_cast<std::uint64_t>(value.toDouble());
        u32(static_cast<quint32>(bits >> 32));
        u32(static_cast<quint32>(bits));
    }

    void encodeInteger(qint64 value) {
        if (value >= 0 && value <= 255) {
            u8(kSmallInteger);
            u8(static_cast<quint8>(value));
            return;
        }
        if (value >= std::numeric_limits<qint32>::min() && value <= std::numeric_limits<qint32>::max()) {
            u8(kInteger);
            u32(static_cast<quint32>(static_cast<qint32>(value)));
            return;
        }
        const bool negative = value < 0;
        std::uint64_t magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(value)
                                           : static_cast<std::uint64_t>(value);
        std::array<char, 8> digits{};
        quint8 count = 0;
        while (magnitude != 0) {
            digits[count++] = static_cast<char>(magnitude & 0xff);
            magnitude >>= 8;
        }
        u8(kSmallBig);
        u8(count);
        u8(negative ? 1 : 0);
        m_out.append(digits.data(), count);
    }

    void encodeArray(const QJsonArray& array) {
        if (array.isEmpty()) {
            u8(kNil);
            return;
        }
        u8(kList);
        u32(static_cast<quint32>(array.size()));
        for (const QJsonValue& element : array) {
            encode(element);
        }
        u8(kNil);
    }

    void encodeObject(const QJsonObject& object) {
        u8(kMap);
        u32(static_cast<quint32>(object.size()));
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            encodeBinary(it.key());
            encode(it.value());
        }
    }

    QByteArray& m_out;
};

// ---------------------------------------------------------------------------------------------
// Decoding

// Decimal text of a little-endian magnitude of any length (up to kMaxBigBytes).
QString decimalFromLittleEndian(const quint8* bytes, qsizetype count) {
    std::vector<std::uint32_t> limbs(static_cast<std::size_t>((count + 3) / 4), 0); // little-endian
    for (qsizetype i = 0; i < count; ++i) {
        limbs[static_cast<std::size_t>(i / 4)] |= std::uint32_t{bytes[i]} << (8 * (i % 4));
    }
    std::vector<std::uint32_t> chunks; // base 10^9, least significant first
    constexpr std::uint64_t kChunk = 1000000000;
    while (!limbs.empty()) {
        std::uint64_t remainder = 0;
        for (auto it = limbs.rbegin(); it != limbs.rend(); ++it) {
            const std::uint64_t current = (remainder << 32) | *it;
            *it = static_cast<std::uint32_t>(current / kChunk);
            remainder = current % kChunk;
        }
        chunks.push_back(static_cast<std::uint32_t>(remainder));
        while (!limbs.empty() && limbs.back() == 0) {
            limbs.pop_back();
        }
    }
    if (chunks.empty()) {
        return QStringLiteral("0");
    }
    QString text = QString::number(chunks.back());
    for (auto it = chunks.rbegin() + 1; it != chunks.rend(); ++it) {
        text += QStringLiteral("%1").arg(*it, 9, 10, QLatin1Char('0'));
    }
    return text;
}

class Decoder {
public:
    explicit Decoder(QByteArrayView data)
        : m_data(reinterpret_cast<const quint8*>(data.data()))
        , m_size(data.size()) {}

    bool document(QJsonValue& out) {
        if (m_size == 0) {
            return fail(QStringLiteral("ETF: empty input"));
        }
        const quint8 version = m_data[m_pos++];
        if (version != kEtfVersion) {
            return fail(QStringLiteral("ETF: expected version byte %1 at offset 0, got %2")
                            .arg(kEtfVersion)
                            .arg(version));
        }
        if (!term(out, 0)) {
            return false;
        }
        if (m_pos != m_size) {
            return fail(QStringLiteral("ETF: %1 trailing bytes after the term at offset %2")
                            .arg(m_size - m_pos)
                            .arg(m_pos));
        }
        return true;
    }

    const QString& error() const { return m_error; }
    bool hasAtomKeys() const { return m_atomKeys; }

private:
    enum class AtomEncoding { Latin1, Utf8 };

    bool fail(const QString& message) {
        if (m_error.isEmpty()) {
            m_error = message;
        }
        return false;
    }

    qsizetype remaining() const { return m_size - m_pos; }

    bool need(qsizetype count, const char* what) {
        if (count <= remaining()) {
            return true;
        }
        return fail(QStringLiteral("ETF: truncated input at offset %1: %2 needs %3 bytes, %4 left")
                        .arg(m_pos)
                        .arg(QLatin1String(what))
                        .arg(count)
                        .arg(remaining()));
    }

    // Unchecked reads; callers call need() first.
    quint8 u8() { return m_data[m_pos++]; }
    quint16 u16() {
        const auto value = static_cast<quint16>((quint16{m_data[m_pos]} << 8) | m_data[m_pos + 1]);
        m_pos += 2;
        return value;
    }
    quint32 u32() {
        const quint32 value = (quint32{m_data[m_pos]} << 24) | (quint32{m_data[m_pos + 1]} << 16) |
                              (quint32{m_data[m_pos + 2]} << 8) | quint32{m_data[m_pos + 3]};
        m_pos += 4;
        return value;
    }
    std::uint64_t u64() {
        const std::uint64_t high = u32();
        return (high << 32) | u32();
    }

    // A length-prefixed byte run (the prefix already read into `length`).
    bool bytes(qsizetype length, const char* what, QByteArrayView& out) {
        if (!need(length, what)) {
            return false;
        }
        out = QByteArrayView(m_data + m_pos, length);
        m_pos += length;
        return true;
    }

    bool enter(int depth, qsizetype offset) {
        if (depth >= kEtfMaxDepth) {
            return fail(
                QStringLiteral("ETF: nesting deeper than %1 at offset %2").arg(kEtfMaxDepth).arg(offset));
        }
        return true;
    }

    // Reads an atom's name; the tag has been consumed.
    bool atomName(quint8 tag, QByteArrayView& name, AtomEncoding& encoding) {
        const bool small = tag == kSmallAtom || tag == kSmallAtomUtf8;
        encoding = (tag == kAtom || tag == kSmallAtom) ? AtomEncoding::Latin1 : AtomEncoding::Utf8;
        if (!need(small ? 1 : 2, "an atom length")) {
            return false;
        }
        const qsizetype length = small ? u8() : u16();
        return bytes(length, "an atom", name);
    }

    static QString text(QByteArrayView bytes, AtomEncoding encoding) {
        return encoding == AtomEncoding::Latin1 ? QString::fromLatin1(bytes) : QString::fromUtf8(bytes);
    }

    static QJsonValue atomValue(QByteArrayView name, AtomEncoding encoding) {
        if (name == "true") {
            return true;
        }
        if (name == "false") {
            return false;
        }
        if (name == "nil" || name == "null") {
            return QJsonValue(QJsonValue::Null);
        }
        return text(name, encoding);
    }

    static bool isAtomTag(quint8 tag) {
        return tag == kAtom || tag == kSmallAtom || tag == kAtomUtf8 || tag == kSmallAtomUtf8;
    }

    bool term(QJsonValue& out, int depth) {
        if (!need(1, "a term tag")) {
            return false;
        }
        const qsizetype offset = m_pos;
        const quint8 tag = u8();
        switch (tag) {
        case kSmallInteger:
            if (!need(1, "SMALL_INTEGER_EXT")) {
                return false;
            }
            out = QJsonValue(static_cast<qint64>(u8()));
            return true;
        case kInteger:
            if (!need(4, "INTEGER_EXT")) {
                return false;
            }
            out = QJsonValue(static_cast<qint64>(static_cast<qint32>(u32())));
            return true;
        case kNewFloat: {
            if (!need(8, "NEW_FLOAT_EXT")) {
                return false;
            }
            const auto value = std::bit_cast<double>(u64());
            if (!std::isfinite(value)) {
                return fail(QStringLiteral("ETF: non-finite float at offset %1").arg(offset));
            }
            out = value;
            return true;
        }
        case kFloat:
            return legacyFloat(out, offset);
        case kAtom:
        case kSmallAtom:
        case kAtomUtf8:
        case kSmallAtomUtf8: {
            QByteArrayView name;
            AtomEncoding encoding{};
            if (!atomName(tag, name, encoding)) {
                return false;
            }
            out = atomValue(name, encoding);
            return true;
        }
        case kSmallTuple:
        case kLargeTuple: {
            if (!enter(depth, offset) || !need(tag == kSmallTuple ? 1 : 4, "a tuple arity")) {
                return false;
            }
            const qsizetype arity = tag == kSmallTuple ? u8() : u32();
            return sequence(out, arity, depth, "tuple");
        }
        case kNil:
            out = QJsonArray();
            return true;
        case kString: {
            if (!need(2, "a STRING_EXT length")) {
                return false;
            }
            QByteArrayView content;
            if (!bytes(u16(), "STRING_EXT", content)) {
                return false;
            }
            QJsonArray array;
            for (const char c : content) {
                array.append(static_cast<qint64>(static_cast<quint8>(c)));
            }
            out = array;
            return true;
        }
        case kList: {
            if (!enter(depth, offset) || !need(4, "a list length")) {
                return false;
            }
            const qsizetype length = u32();
            if (!sequence(out, length, depth, "list")) {
                return false;
            }
            if (!need(1, "a list tail")) {
                return false;
            }
            if (m_data[m_pos] != kNil) {
                return fail(QStringLiteral("ETF: improper list (tail tag %1) at offset %2")
                                .arg(m_data[m_pos])
                                .arg(m_pos));
            }
            ++m_pos;
            return true;
        }
        case kBinary: {
            if (!need(4, "a binary length")) {
                return false;
            }
            QByteArrayView content;
            if (!bytes(u32(), "BINARY_EXT", content)) {
                return false;
            }
            out = QString::fromUtf8(content);
            return true;
        }
        case kSmallBig:
        case kLargeBig: {
            if (!need(tag == kSmallBig ? 2 : 5, "a big integer header")) {
                return false;
            }
            const qsizetype length = tag == kSmallBig ? u8() : u32();
            return bigInteger(out, length, offset);
        }
        case kMap:
            return map(out, depth, offset);
        default:
            return fail(QStringLiteral("ETF: unsupported term tag %1 at offset %2").arg(tag).arg(offset));
        }
    }

    bool legacyFloat(QJsonValue& out, qsizetype offset) {
        QByteArrayView content;
        if (!bytes(kLegacyFloatBytes, "FLOAT_EXT", content)) {
            return false;
        }
        const qsizetype end = content.indexOf('\0');
        bool ok = false;
        const double value = content.first(end < 0 ? content.size() : end).trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(value)) {
            return fail(QStringLiteral("ETF: malformed FLOAT_EXT at offset %1").arg(offset));
        }
        out = value;
        return true;
    }

    // `count` terms into an array (tuple elements or list elements without the tail).
    bool sequence(QJsonValue& out, qsizetype count, int depth, const char* what) {
        // Every term takes at least one byte: refuse impossible counts before looping.
        if (count > remaining()) {
            return fail(QStringLiteral("ETF: %1 of %2 elements at offset %3 is longer than the %4 bytes left")
                            .arg(QLatin1String(what))
                            .arg(count)
                            .arg(m_pos)
                            .arg(remaining()));
        }
        QJsonArray array;
        for (qsizetype i = 0; i < count; ++i) {
            QJsonValue element;
            if (!term(element, depth + 1)) {
                return false;
            }
            array.append(element);
        }
        out = array;
        return true;
    }

    bool bigInteger(QJsonValue& out, qsizetype length, qsizetype offset) {
        const quint8 sign = u8();
        QByteArrayView content;
        if (!bytes(length, "a big integer", content)) {
            return false;
        }
        if (sign > 1) {
            return fail(
                QStringLiteral("ETF: invalid big integer sign %1 at offset %2").arg(sign).arg(offset));
        }
        const auto* digits = reinterpret_cast<const quint8*>(content.data());
        qsizetype significant = length;
        while (significant > 0 && digits[significant - 1] == 0) {
            --significant;
        }
        if (significant > kMaxBigBytes) {
            return fail(QStringLiteral("ETF: big integer of %1 bytes at offset %2 is too large (limit %3)")
                            .arg(significant)
                            .arg(offset)
                            .arg(kMaxBigBytes));
        }
        const bool negative = sign == 1;
        if (significant <= 8) {
            std::uint64_t magnitude = 0;
            for (qsizetype i = significant; i > 0; --i) {
                magnitude = (magnitude << 8) | digits[i - 1];
            }
            if (magnitude <= kMaxSafeInteger) {
                const auto value = static_cast<qint64>(magnitude);
                out = QJsonValue(negative ? -value : value);
            } else {
                out = (negative ? QStringLiteral("-") : QString()) + QString::number(magnitude);
            }
            return true;
        }
        out = (negative ? QStringLiteral("-") : QString()) + decimalFromLittleEndian(digits, significant);
        return true;
    }

    bool map(QJsonValue& out, int depth, qsizetype offset) {
        if (!enter(depth, offset) || !need(4, "a map arity")) {
            return false;
        }
        const qsizetype arity = u32();
        if (arity > remaining() / 2) { // each key and value takes at least one byte
            return fail(QStringLiteral("ETF: map of %1 pairs at offset %2 is longer than the %3 bytes left")
                            .arg(arity)
                            .arg(offset)
                            .arg(remaining()));
        }
        std::vector<std::pair<QString, QJsonValue>> pairs;
        for (qsizetype i = 0; i < arity; ++i) {
            QString key;
            QJsonValue value;
            if (!mapKey(key, depth + 1) || !term(value, depth + 1)) {
                return false;
            }
            pairs.emplace_back(std::move(key), std::move(value));
        }
        // QJsonObject keeps its keys sorted: inserting in wire order moves every greater key on each
        // insert, quadratic for a hostile map. In key order each insert appends. The sort is stable,
        // so a repeated key still keeps its last value.
        std::stable_sort(pairs.begin(), pairs.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        QJsonObject object;
        for (const auto& [key, value] : pairs) {
            object.insert(key, value);
        }
        out = object;
        return true;
    }

    bool mapKey(QString& key, int depth) {
        if (!need(1, "a map key")) {
            return false;
        }
        const qsizetype offset = m_pos;
        const quint8 tag = m_data[m_pos];
        if (isAtomTag(tag)) {
            ++m_pos;
            QByteArrayView name;
            AtomEncoding encoding{};
            if (!atomName(tag, name, encoding)) {
                return false;
            }
            m_atomKeys = true;
            key = text(name, encoding);
            return true;
        }
        switch (tag) {
        case kBinary: {
            ++m_pos;
            if (!need(4, "a binary length")) {
                return false;
            }
            QByteArrayView content;
            if (!bytes(u32(), "BINARY_EXT", content)) {
                return false;
            }
            key = QString::fromUtf8(content);
            return true;
        }
        case kString: {
            ++m_pos;
            if (!need(2, "a STRING_EXT length")) {
                return false;
            }
            QByteArrayView content;
            if (!bytes(u16(), "STRING_EXT", content)) {
                return false;
            }
            key = QString::fromLatin1(content);
            return true;
        }
        case kSmallInteger:
        case kInteger:
        case kSmallBig:
        case kLargeBig: {
            QJsonValue number;
            if (!term(number, depth)) {
                return false;
            }
            key = number.isString() ? number.toString() : QString::number(number.toInteger());
            return true;
        }
        default:
            return fail(
                QStringLiteral("ETF: unsupported map key (tag %1) at offset %2").arg(tag).arg(offset));
        }
    }

    const quint8* m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    QString m_error;
    bool m_atomKeys = false;
};

} // namespace

QByteArray etfEncode(const QJsonValue& value) {
    QByteArray out;
    out.reserve(256);
    out.append(static_cast<char>(kEtfVersion));
    Encoder(out).encode(value);
    return out;
}

EtfDecodeResult etfDecode(QByteArrayView data) {
    Decoder decoder(data);
    EtfDecodeResult result;
    QJsonValue value;
    result.ok = decoder.document(value);
    result.hasAtomKeys = decoder.hasAtomKeys();
    if (result.ok) {
        result.value = std::move(value);
    } else {
        result.error = decoder.error();
    }
    return result;
}

} // namespace botwright::protocol
