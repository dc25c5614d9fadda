#include "engine/pipeline/iso_timestamp.h"

#include <algorithm>
#include <cstring>

namespace botwright::pipeline {

namespace {

class Cursor {
public:
    explicit Cursor(std::string_view text)
        : m_at(text.data())
        , m_end(text.data() + text.size()) {}

    bool atEnd() const { return m_at == m_end; }
    char peek() const { return m_at < m_end ? *m_at : '\0'; }
    bool take(char c) {
        if (m_at < m_end && *m_at == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    // Exactly `count` decimal digits.
    bool digits(int count, int& out) {
        if (m_end - m_at < count)
            return false;
        int value = 0;
        for (int i = 0; i < count; ++i) {
            const char c = m_at[i];
            if (c < '0' || c > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        m_at += count;
        out = value;
        return true;
    }
    // One or more digits; the first three make milliseconds, the rest are read and ignored.
    bool fraction(int& millis) {
        int value = 0, used = 0;
        while (m_at < m_end && *m_at >= '0' && *m_at <= '9') {
            if (used < 3) {
                value = value * 10 + (*m_at - '0');
                ++used;
            } else if (used == 3) {
                ++used; // further digits only need to be digits
            }
            ++m_at;
        }
        if (used == 0)
            return false;
        for (int i = std::min(used, 3); i < 3; ++i)
            value *= 10;
        millis = value;
        return true;
    }

private:
    const char* m_at;
    const char* m_end;
};

bool leapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leapYear(year) ? 29 : days[month - 1];
}

} // namespace

qint64 daysFromCivil(qint64 year, int month, int day) {
    // Howard Hinnant's days_from_civil: eras of 400 years starting in March.
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const qint64 yearOfEra = year - era * 400;
    const qint64 dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

namespace {

inline bool digit(char c) {
    return static_cast<unsigned char>(c - '0') < 10;
}
inline int two(const char* p) {
    return (p[0] - '0') * 10 + (p[1] - '0');
}

// The shape Discord always writes: "YYYY-MM-DDTHH:MM:SS" + ".ffffff" (any digits) + "+00:00".
// Returns false (not nullopt) when the text needs the general parser.
bool parseCanonical(std::string_view text, qint64& ms) {
    const char* p = text.data();
    const std::size_t n = text.size();
    if (n < 25 || p[4] != '-' || p[7] != '-' || p[10] != 'T' || p[13] != ':' || p[16] != ':')
        return false;
    const bool digits = digit(p[0]) & digit(p[1]) & digit(p[2]) & digit(p[3]) & digit(p[5]) & digit(p[6]) &
                        digit(p[8]) & digit(p[9]) & digit(p[11]) & digit(p[12]) & digit(p[14]) &
                        digit(p[15]) & digit(p[17]) & digit(p[18]);
    if (!digits)
        return false;
    const int hour = two(p + 11), minute = two(p + 14), second = two(p + 17);
    std::size_t at = 19;
    int millis = 0;
    if (p[at] == '.') {
        ++at;
        int used = 0;
        while (at < n && digit(p[at])) {
            if (used < 3) {
                millis = millis * 10 + (p[at] - '0');
                ++used;
            }
            ++at;
        }
        if (used == 0)
            return false;
        for (; used < 3; ++used)
            millis *= 10;
    }
    // Only a +00:00 offset here; others go the general way.
    if (n - at != 6 || std::memcmp(p + at, "+00:00", 6) != 0 || hour > 23 || minute > 59 || second > 60)
        return false;

    const int year = two(p) * 100 + two(p + 2), month = two(p + 5), day = two(p + 8);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return false;
    const qint64 days = daysFromCivil(year, month, day);
    ms = (((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + millis;
    return true;
}

// Any other accepted shape (offsets, no seconds, a date alone, …).
[[gnu::noinline]] std::optional<qint64> parseGeneral(std::string_view text) {
    Cursor in(text);
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    if (!in.digits(4, year) || !in.take('-') || !in.digits(2, month) || !in.take('-') || !in.digits(2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    qint64 offsetMinutes = 0;
    if (!in.atEnd()) {
        if (!in.take('T') && !in.take('t') && !in.take(' '))
            return std::nullopt;
        if (!in.digits(2, hour) || !in.take(':') || !in.digits(2, minute))
            return std::nullopt;
        if (in.take(':')) {
            if (!in.digits(2, second))
                return std::nullopt;
            if ((in.take('.') || in.take(',')) && !in.fraction(millis))
                return std::nullopt;
        }
        // A leap second (:60) is accepted and lands on the next minute's first second.
        if (hour > 23 || minute > 59 || second > 60)
            return std::nullopt;
        const char sign = in.peek();
        if (in.take('Z') || in.take('z')) {
            // UTC
        } else if (in.take('+') || in.take('-')) {
            int offsetHours = 0, offsetMins = 0;
            if (!in.digits(2, offsetHours))
                return std::nullopt;
            if (!in.atEnd()) {
                in.take(':');
                if (!in.digits(2, offsetMins))
                    return std::nullopt;
            }
            if (offsetHours > 23 || offsetMins > 59)
                return std::nullopt;
            offsetMinutes = (sign == '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
        }
        if (!in.atEnd())
            return std::nullopt;
    }
    const qint64 days = daysFromCivil(year, month, day);
    const qint64 seconds = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second;
    return seconds * 1000 + millis;
}

} // namespace

std::optional<qint64> parseIsoTimestampMs(std::string_view text) {
    qint64 fast = 0;
    if (parseCanonical(text, fast))
        return fast;
    return parseGeneral(text);
}

} // namespace botwright::pipeline
