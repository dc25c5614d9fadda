#include "engine/protocol/snowflake.h"

#include <algorithm>
#include <charconv>

namespace botwright::protocol {

QDateTime snowflakeTime(Snowflake id) {
    return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(id >> 22) + kDiscordEpochMs, Qt::UTC);
}

Snowflake snowflakeAt(std::int64_t msSinceUnixEpoch) {
    const std::int64_t rel = std::max<std::int64_t>(0, msSinceUnixEpoch - kDiscordEpochMs);
    return static_cast<Snowflake>(rel) << 22;
}

QString snowflakeToString(Snowflake id) {
    return QString::number(id);
}

std::optional<Snowflake> parseSnowflake(QStringView text) {
    if (text.isEmpty() || text.size() > 20)
        return std::nullopt;
    char buffer[24];
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c < u'0' || c > u'9')
            return std::nullopt;
        buffer[i] = static_cast<char>(c.unicode());
    }
    Snowflake value = 0;
    const auto [end, ec] = std::from_chars(buffer, buffer + text.size(), value);
    if (ec != std::errc() || end != buffer + text.size())
        return std::nullopt;
    return value;
}

SnowflakeGenerator::SnowflakeGenerator(unsigned worker, unsigned process)
    : m_worker(worker & 0x1F)
    , m_process(process & 0x1F) {}

Snowflake SnowflakeGenerator::next() {
    return nextAt(QDateTime::currentMSecsSinceEpoch());
}

Snowflake SnowflakeGenerator::nextAt(std::int64_t nowMs) {
    std::int64_t ms = std::max(nowMs, m_lastMs);
    if (ms == m_lastMs) {
        if (++m_increment > 0xFFF) {
            ++ms; // the increment is spent: borrow the next millisecond rather than spin
            m_increment = 0;
        }
    } else {
        m_increment = 0;
    }
    m_lastMs = ms;
    const auto rel = static_cast<Snowflake>(std::max<std::int64_t>(0, ms - kDiscordEpochMs));
    return (rel << 22) | (Snowflake{m_worker} << 17) | (Snowflake{m_process} << 12) | m_increment;
}

void SnowflakeGenerator::advancePast(Snowflake id) {
    const auto ms = static_cast<std::int64_t>(id >> 22) + kDiscordEpochMs;
    if (ms > m_lastMs) {
        m_lastMs = ms;
        m_increment = 0xFFF; // the next id moves on to the following millisecond
    } else if (ms == m_lastMs) {
        m_increment = std::max<unsigned>(m_increment, static_cast<unsigned>(id & 0xFFF));
    }
}

} // namespace botwright::protocol
