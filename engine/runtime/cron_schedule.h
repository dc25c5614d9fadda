#pragma once

#include <QDateTime>
#include <QString>

#include <bitset>
#include <optional>

namespace botwright::runtime {

// A Botloader interval written as cron (botloader-sdk.md §6.1): five fields — minute, hour, day of
// month, month, day of week — and an optional sixth, the year. Times are UTC. Day of week runs
// 1–7 with Sunday = 1 (names SUN–SAT accepted); months 1–12 (JAN–DEC). Each field takes `*`, a
// number, a range `a-b`, a list `a,b`, and a step `*/n` or `a-b/n`. As in cron, when both day
// fields are restricted a day matching either one fires.
class CronSchedule final {
public:
    // Parses `text`; false with `error` saying which field is wrong and why.
    static bool parse(const QString& text, CronSchedule* out, QString* error);
    // The first fire strictly after `after` (UTC, whole minutes), or nothing within ~5 years.
    std::optional<QDateTime> next(const QDateTime& after) const;
    QString text() const { return m_text; }

private:
    QString m_text;
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_days;    // 1..31
    std::bitset<13> m_months;  // 1..12
    std::bitset<8> m_weekdays; // 1..7, Sunday = 1
    bool m_daysRestricted = false;
    bool m_weekdaysRestricted = false;
    int m_yearFrom = 0, m_yearTo = 0; // 0: any year
};

} // namespace botwright::runtime
