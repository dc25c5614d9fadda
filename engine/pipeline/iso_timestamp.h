#pragma once

#include <QtGlobal>

#include <optional>
#include <string_view>

namespace botwright::pipeline {

// Discord writes times as ISO-8601 / RFC 3339 text ("2024-01-01T12:00:00.000000+00:00"); the SDK
// wants Unix milliseconds. Accepted: `YYYY-MM-DD`, then `T`, `t` or a space and `HH:MM[:SS[.f…]]`,
// then `Z`, `z`, `±HH:MM`, `±HHMM`, `±HH` or nothing (UTC). Any number of fraction digits; the
// fraction is truncated to milliseconds. Out-of-range fields (month 13, 30 February, 24:00) and any
// other text give nullopt. A date alone means midnight UTC.
std::optional<qint64> parseIsoTimestampMs(std::string_view text);

// Days since 1970-01-01 of a proleptic Gregorian date (month 1–12); no range checks.
qint64 daysFromCivil(qint64 year, int month, int day);

} // namespace botwright::pipeline
