#include "engine/exporting/line_diff.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace botwright::exporting {

namespace {

using Kind = DiffLine::Kind;

// Myers' greedy algorithm over line ids, keeping each round's V for the walk back. Returns false
// when the edit distance exceeds `maxEdits`.
bool myers(const std::vector<int>& a, const std::vector<int>& b, int maxEdits, std::vector<Kind>* script) {
    const int n = static_cast<int>(a.size());
    const int m = static_cast<int>(b.size());
    const int max = std::min(n + m, maxEdits);
    std::vector<int> v(2 * static_cast<size_t>(max) + 3, 0);
    const int offset = max + 1;
    std::vector<std::vector<int>> trace;
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                                   : v[offset + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && a[x] == b[y]) {
                ++x;
                ++y;
            }
            v[offset + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
        if (found < 0)
            trace.emplace_back(v.begin() + offset - d, v.begin() + offset + d + 1);
    }
    if (found < 0)
        return false;
    int x = n;
    int y = m;
    std::vector<Kind> reversed;
    for (int d = found; d > 0; --d) {
        const std::vector<int>& prev = trace[static_cast<size_t>(d - 1)]; // k from -(d-1) to d-1
        const auto at = [&](int k) { return prev[static_cast<size_t>(k + d - 1)]; };
        const int k = x - y;
        const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
        const int prevK = down ? k + 1 : k - 1;
        const int prevX = at(prevK);
        const int prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
            reversed.push_back(Kind::Same);
            --x;
            --y;
        }
        reversed.push_back(down ? Kind::Added : Kind::Removed);
        if (down)
            --y;
        else
            --x;
    }
    while (x > 0 && y > 0) {
        reversed.push_back(Kind::Same);
        --x;
        --y;
    }
    script->assign(reversed.rbegin(), reversed.rend());
    return true;
}

} // namespace

QString DiffHunk::header() const {
    return QStringLiteral("@@ -%1,%2 +%3,%4 @@").arg(oldStart).arg(oldCount).arg(newStart).arg(newCount);
}

QStringList splitLines(const QString& text) {
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(u'\n');
    if (text.endsWith(u'\n'))
        lines.removeLast();
    return lines;
}

QList<DiffLine> diffLines(const QStringList& oldLines, const QStringList& newLines, int maxEdits) {
    const int n = static_cast<int>(oldLines.size());
    const int m = static_cast<int>(newLines.size());
    int prefix = 0;
    while (prefix < n && prefix < m && oldLines[prefix] == newLines[prefix])
        ++prefix;
    int suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && oldLines[n - 1 - suffix] == newLines[m - 1 - suffix])
        ++suffix;

    // Lines as small integers, so the inner loop compares ints.
    QHash<QString, int> ids;
    const auto idsOf = [&ids](const QStringList& lines, int from, int to) {
        std::vector<int> out;
        out.reserve(static_cast<size_t>(std::max(0, to - from)));
        for (int i = from; i < to; ++i) {
            auto it = ids.constFind(lines[i]);
            if (it == ids.cend())
                it = ids.insert(lines[i], static_cast<int>(ids.size()));
            out.push_back(*it);
        }
        return out;
    };
    const std::vector<int> a = idsOf(oldLines, prefix, n - suffix);
    const std::vector<int> b = idsOf(newLines, prefix, m - suffix);
    std::vector<Kind> middle;
    if (!myers(a, b, maxEdits, &middle)) {
        middle.assign(a.size(), Kind::Removed);
        middle.insert(middle.end(), b.size(), Kind::Added);
    }

    QList<DiffLine> out;
    out.reserve(prefix + static_cast<int>(middle.size()) + suffix);
    int oldAt = 0;
    int newAt = 0;
    const auto put = [&](Kind kind) {
        DiffLine line;
        line.kind = kind;
        if (kind == Kind::Added) {
            line.text = newLines[newAt];
            line.newLine = ++newAt;
        } else {
            line.text = oldLines[oldAt];
            line.oldLine = ++oldAt;
            if (kind == Kind::Same)
                line.newLine = ++newAt;
        }
        out.append(std::move(line));
    };
    for (int i = 0; i < prefix; ++i)
        put(Kind::Same);
    for (const Kind kind : middle)
        put(kind);
    for (int i = 0; i < suffix; ++i)
        put(Kind::Same);
    return out;
}

QList<DiffLine> diffText(const QString& oldText, const QString& newText) {
    return diffLines(splitLines(oldText), splitLines(newText));
}

QList<DiffHunk> diffHunks(const QList<DiffLine>& lines, int context) {
    QList<DiffHunk> hunks;
    const int count = static_cast<int>(lines.size());
    int i = 0;
    while (i < count) {
        while (i < count && lines[i].kind == Kind::Same)
            ++i;
        if (i >= count)
            break;
        // A hunk runs from `context` lines before the first change to `context` lines after the
        // last change that is no more than 2 * context unchanged lines from the previous one.
        const int start = std::max(0, i - context);
        int end = i;
        int lastChange = i;
        while (end < count) {
            if (lines[end].kind != Kind::Same)
                lastChange = end;
            else if (end - lastChange > 2 * context)
                break;
            ++end;
        }
        end = std::min(count, lastChange + context + 1);
        DiffHunk hunk;
        for (int j = start; j < end; ++j) {
            const DiffLine& line = lines[j];
            hunk.lines.append(line);
            if (line.kind != Kind::Added) {
                ++hunk.oldCount;
                if (hunk.oldStart == 0)
                    hunk.oldStart = line.oldLine;
            }
            if (line.kind != Kind::Removed) {
                ++hunk.newCount;
                if (hunk.newStart == 0)
                    hunk.newStart = line.newLine;
            }
        }
        // An empty side starts at the line before the hunk, as in unified diffs.
        if (hunk.oldCount == 0)
            hunk.oldStart = start > 0 ? lines[start - 1].oldLine : 0;
        if (hunk.newCount == 0)
            hunk.newStart = start > 0 ? lines[start - 1].newLine : 0;
        hunks.append(std::move(hunk));
        i = end;
    }
    return hunks;
}

QString unifiedDiff(const QString& oldText, const QString& newText, const QString& oldName,
                    const QString& newName, int context) {
    if (oldText == newText)
        return {};
    QString out = QStringLiteral("--- %1\n+++ %2\n").arg(oldName, newName);
    for (const DiffHunk& hunk : diffHunks(diffText(oldText, newText), context)) {
        out += hunk.header() + u'\n';
        for (const DiffLine& line : hunk.lines) {
            out += line.kind == Kind::Added ? u'+' : line.kind == Kind::Removed ? u'-' : u' ';
            out += line.text;
            out += u'\n';
        }
    }
    return out;
}

DiffStats diffStats(const QList<DiffLine>& lines) {
    DiffStats stats;
    for (const DiffLine& line : lines) {
        stats.added += line.kind == Kind::Added ? 1 : 0;
        stats.removed += line.kind == Kind::Removed ? 1 : 0;
    }
    return stats;
}

} // namespace botwright::exporting
