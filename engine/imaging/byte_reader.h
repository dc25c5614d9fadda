#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <optional>

namespace botwright::imaging {

// Bounds-checked reads of fixed-size integers and NUL-terminated strings from untrusted bytes:
// every read outside the data is nullopt, never a read past the end.
class ByteReader final {
public:
    explicit ByteReader(QByteArrayView data)
        : m_data(data) {}

    std::optional<quint8> u8(qsizetype at) const {
        if (!has(at, 1))
            return std::nullopt;
        return byte(at);
    }
    std::optional<quint16> le16(qsizetype at) const {
        if (!has(at, 2))
            return std::nullopt;
        return static_cast<quint16>(byte(at) | (byte(at + 1) << 8));
    }
    std::optional<quint16> be16(qsizetype at) const {
        if (!has(at, 2))
            return std::nullopt;
        return static_cast<quint16>((byte(at) << 8) | byte(at + 1));
    }
    std::optional<quint32> le32(qsizetype at) const {
        if (!has(at, 4))
            return std::nullopt;
        return byte(at) | (byte(at + 1) << 8) | (byte(at + 2) << 16) | (byte(at + 3) << 24);
    }
    std::optional<quint32> be32(qsizetype at) const {
        if (!has(at, 4))
            return std::nullopt;
        return (byte(at) << 24) | (byte(at + 1) << 16) | (byte(at + 2) << 8) | byte(at + 3);
    }
    std::optional<quint64> be64(qsizetype at) const {
        const std::optional<quint32> high = be32(at);
        const std::optional<quint32> low = be32(at + 4);
        if (!high || !low)
            return std::nullopt;
        return (static_cast<quint64>(*high) << 32) | *low;
    }
    // The text from `at` up to (not including) the next NUL, at most `maxLength` bytes long.
    std::optional<QByteArrayView> cString(qsizetype at, qsizetype maxLength) const {
        if (at < 0 || at >= m_data.size())
            return std::nullopt;
        const qsizetype end = m_data.indexOf('\0', at);
        if (end < 0 || end - at > maxLength)
            return std::nullopt;
        return m_data.sliced(at, end - at);
    }
    bool has(qsizetype at, qsizetype length) const {
        return at >= 0 && length >= 0 && at <= m_data.size() && length <= m_data.size() - at;
    }

private:
    quint32 byte(qsizetype at) const { return static_cast<quint8>(m_data[at]); }

    QByteArrayView m_data;
};

} // namespace botwright::imaging
