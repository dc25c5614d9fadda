#include "engine/typescript/source_map.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace botwright::typescript {

namespace {

int base64Digit(char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

// One base64 VLQ number starting at `*at`; false on malformed input.
bool readVlq(const QByteArray& text, qsizetype* at, int* value) {
    int result = 0;
    int shift = 0;
    for (;;) {
        if (*at >= text.size() || shift > 30)
            return false;
        const int digit = base64Digit(text.at((*at)++));
        if (digit < 0)
            return false;
        result |= (digit & 31) << shift;
        shift += 5;
        if ((digit & 32) == 0)
            break;
    }
    *value = (result & 1) ? -(result >> 1) : (result >> 1);
    return true;
}

} // namespace

bool SourceMap::parse(const QByteArray& json, QString* error) {
    const auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        m_lines.clear();
        return false;
    };
    const QJsonObject map = QJsonDocument::fromJson(json).object();
    if (map.value(QStringLiteral("version")).toInt() != 3)
        return fail(QStringLiteral("not a version 3 source map"));
    m_sources.clear();
    for (const QJsonValue& s : map.value(QStringLiteral("sources")).toArray())
        m_sources.append(s.toString());
    const QByteArray mappings = map.value(QStringLiteral("mappings")).toString().toLatin1();
    m_lines.assign(1, {});
    int source = 0;
    int line = 0;
    int column = 0;
    int name = 0;
    int generatedColumn = 0;
    qsizetype at = 0;
    while (at < mappings.size()) {
        const char c = mappings.at(at);
        if (c == ';') {
            m_lines.emplace_back();
            generatedColumn = 0;
            ++at;
            continue;
        }
        if (c == ',') {
            ++at;
            continue;
        }
        int fields[5] = {0, 0, 0, 0, 0};
        int count = 0;
        while (at < mappings.size() && mappings.at(at) != ',' && mappings.at(at) != ';') {
            if (count == 5 || !readVlq(mappings, &at, &fields[count]))
                return fail(QStringLiteral("malformed mappings at offset %1").arg(at));
            ++count;
        }
        generatedColumn += fields[0];
        if (count >= 4) {
            source += fields[1];
            line += fields[2];
            column += fields[3];
            if (count == 5)
                name += fields[4];
            m_lines.back().push_back(Segment{generatedColumn, source, line, column});
        }
    }
    for (auto& segments : m_lines)
        std::stable_sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) {
            return a.generatedColumn < b.generatedColumn;
        });
    return true;
}

SourceMap::Position SourceMap::lookup(int line, int column) const {
    if (line < 1 || line > static_cast<int>(m_lines.size()))
        return {};
    const auto& segments = m_lines[static_cast<std::size_t>(line - 1)];
    if (segments.empty())
        return {};
    const int wanted = std::max(0, column - 1);
    auto it = std::upper_bound(segments.begin(), segments.end(), wanted,
                               [](int col, const Segment& s) { return col < s.generatedColumn; });
    if (it == segments.begin())
        return Position{true, it->source, it->line + 1, it->column + 1}; // before the first mapping
    const Segment& s = *(it - 1);
    // Type stripping keeps the text of a mapped run as it was: step into it by the same amount.
    return Position{true, s.source, s.line + 1, s.column + 1 + (wanted - s.generatedColumn)};
}

} // namespace botwright::typescript
