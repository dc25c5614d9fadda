#include "engine/runtime/cron_schedule.h"

#include <QStringList>

namespace botwright::runtime {

namespace {

const char* const kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
const char* const kDayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

// A number, or a name from `names` (1-based).
bool value(const QString& text, const char* const* names, int nameCount, int* out) {
    bool ok = false;
    *out = text.toInt(&ok);
    if (ok)
        return true;
    for (int i = 0; i < nameCount; ++i) {
        if (text.compare(QLatin1String(names[i]), Qt::CaseInsensitive) == 0) {
            *out = i + 1;
            return true;
        }
    }
    return false;
}

// Sets the bits of one field; `restricted` is false for a plain `*`.
template <std::size_t N>
bool field(const QString& text, int lo, int hi, const char* const* names, int nameCount, std::bitset<N>* bits,
           bool* restricted, QString* why) {
    *restricted = text != QLatin1String("*");
    for (const QString& part : text.split(QLatin1Char(','))) {
        QString range = part;
        int step = 1;
        if (const qsizetype slash = part.indexOf(QLatin1Char('/')); slash >= 0) {
            bool ok = false;
            step = part.mid(slash + 1).toInt(&ok);
            if (!ok || step <= 0) {
                *why = QStringLiteral("\"%1\" has a bad step").arg(part);
                return false;
            }
            range = part.left(slash);
        }
        int from = lo;
        int to = hi;
        if (range != QLatin1String("*")) {
            const QStringList ends = range.split(QLatin1Char('-'));
            if (ends.size() > 2 || !value(ends[0], names, nameCount, &from) ||
                (ends.size() == 2 && !value(ends[1], names, nameCount, &to))) {
                *why = QStringLiteral("\"%1\" is not a number, range or name").arg(part);
                return false;
            }
            if (ends.size() == 1)
                to = part.contains(QLatin1Char('/')) ? hi : from;
        }
        if (from < lo || to > hi || from > to) {
            *why = QStringLiteral("\"%1\" is outside %2–%3").arg(part).arg(lo).arg(hi);
            return false;
        }
        for (int v = from; v <= to; v += step)
            bits->set(static_cast<std::size_t>(v));
    }
    return true;
}

} // namespace

bool CronSchedule::parse(const QString& text, CronSchedule* out, QString* error) {
    const QStringList fields = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (fields.size() != 5 && fields.size() != 6) {
        *error = QStringLiteral("a cron interval has 5 fields (minute hour day-of-month month day-of-week) "
                                "and an optional year; \"%1\" has %2")
                     .arg(text)
                     .arg(fields.size());
        return false;
    }
    CronSchedule c;
    c.m_text = text.simplified();
    bool unused = false;
    QString why;
    const char* const names[] = {"minute", "hour", "day of month", "month", "day of week"};
    int bad = -1;
    if (!field(fields[0], 0, 59, nullptr, 0, &c.m_minutes, &unused, &why))
        bad = 0;
    else if (!field(fields[1], 0, 23, nullptr, 0, &c.m_hours, &unused, &why))
        bad = 1;
    else if (!field(fields[2], 1, 31, nullptr, 0, &c.m_days, &c.m_daysRestricted, &why))
        bad = 2;
    else if (!field(fields[3], 1, 12, kMonthNames, 12, &c.m_months, &unused, &why))
        bad = 3;
    else if (!field(fields[4], 1, 7, kDayNames, 7, &c.m_weekdays, &c.m_weekdaysRestricted, &why))
        bad = 4;
    if (bad >= 0) {
        *error = QStringLiteral("cron \"%1\": the %2 field: %3").arg(text, QLatin1String(names[bad]), why);
        return false;
    }
    if (fields.size() == 6) {
        const QStringList years = fields[5].split(QLatin1Char('-'));
        bool a = false;
        bool b = true;
        if (fields[5] != QLatin1String("*")) {
            c.m_yearFrom = years[0].toInt(&a);
            c.m_yearTo = years.size() == 2 ? years[1].toInt(&b) : c.m_yearFrom;
            if (!a || !b || years.size() > 2 || c.m_yearFrom > c.m_yearTo) {
                *error =
                    QStringLiteral("cron \"%1\": the year field must be * , a year or a range").arg(text);
                return false;
            }
        }
    }
    *out = c;
    return true;
}

std::optional<QDateTime> CronSchedule::next(const QDateTime& after) const {
    QDateTime t = after.toUTC();
    t.setTime(QTime(t.time().hour(), t.time().minute()));
    t = t.addSecs(60);
    const QDateTime limit = t.addYears(5);
    while (t < limit) {
        const QDate d = t.date();
        if (m_yearFrom != 0 && (d.year() < m_yearFrom || d.year() > m_yearTo)) {
            if (d.year() > m_yearTo)
                return std::nullopt;
            t = QDateTime(QDate(m_yearFrom, 1, 1), QTime(0, 0), Qt::UTC);
            continue;
        }
        if (!m_months.test(static_cast<std::size_t>(d.month()))) {
            t = QDateTime(QDate(d.year(), d.month(), 1).addMonths(1), QTime(0, 0), Qt::UTC);
            continue;
        }
        const bool dayOk = m_days.test(static_cast<std::size_t>(d.day()));
        const bool weekdayOk = m_weekdays.test(static_cast<std::size_t>(d.dayOfWeek() % 7 + 1)); // Sun = 1
        const bool dayMatches = m_daysRestricted && m_weekdaysRestricted ? (dayOk || weekdayOk)
                                : m_daysRestricted                       ? dayOk
                                                                         : weekdayOk;
        if (!dayMatches) {
            t = QDateTime(d.addDays(1), QTime(0, 0), Qt::UTC);
            continue;
        }
        if (!m_hours.test(static_cast<std::size_t>(t.time().hour()))) {
            t = QDateTime(d, QTime(t.time().hour(), 0), Qt::UTC).addSecs(3600);
            continue;
        }
        if (!m_minutes.test(static_cast<std::size_t>(t.time().minute()))) {
            t = t.addSecs(60);
            continue;
        }
        return t;
    }
    return std::nullopt;
}

} // namespace botwright::runtime
