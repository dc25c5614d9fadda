#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstdint>
#include <optional>

namespace botwright::protocol {

using Snowflake = std::uint64_t;

// Discord's epoch, 2015-01-01T00:00:00Z, in Unix milliseconds.
inline constexpr std::int64_t kDiscordEpochMs = 1420070400000;

// Creation time encoded in a snowflake.
QDateTime snowflakeTime(Snowflake id);
// The smallest snowflake at time `msSinceUnixEpoch` (a pagination cursor).
Snowflake snowflakeAt(std::int64_t msSinceUnixEpoch);
// Decimal text form, as snowflakes are serialised in JSON.
QString snowflakeToString(Snowflake id);
// Parses a decimal snowflake; nullopt for anything that is not a plain unsigned 64-bit number.
std::optional<Snowflake> parseSnowflake(QStringView text);

// Generates strictly increasing snowflakes for one (worker, process) pair. Time never goes
// backwards: a clock step back is clamped to the last millisecond used, and when the 12-bit
// increment would overflow within one millisecond the generator moves to the next millisecond.
class SnowflakeGenerator final {
public:
    explicit SnowflakeGenerator(unsigned worker = 1, unsigned process = 0);

    Snowflake next();
    // Same as next() but with `nowMs` (Unix ms) as the clock reading; used by next() and tests.
    Snowflake nextAt(std::int64_t nowMs);
    // Makes every later id greater than `id` (used after loading a world with explicit ids).
    void advancePast(Snowflake id);

private:
    unsigned m_worker;
    unsigned m_process;
    std::int64_t m_lastMs = 0;
    unsigned m_increment = 0;
};

} // namespace botwright::protocol
