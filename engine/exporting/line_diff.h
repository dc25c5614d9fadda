#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace botwright::exporting {

struct DiffLine {
    enum class Kind { Same, Added, Removed };
    Kind kind = Kind::Same;
    QString text;
    int oldLine = 0; // 1-based line in the old text; 0 for an added line
    int newLine = 0; // 1-based line in the new text; 0 for a removed line
};

struct DiffHunk {
    int oldStart = 0; // 1-based (0 when the old side is empty)
    int oldCount = 0;
    int newStart = 0;
    int newCount = 0;
    QList<DiffLine> lines;
    QString header() const; // "@@ -3,7 +3,8 @@"
};

// Lines of `text`, split at '\n'; a final newline does not start another line. '\r' stays part of
// a line, so a change of line endings shows.
QStringList splitLines(const QString& text);

// A shortest line diff (Myers' O(ND) algorithm, after trimming the common start and end). When
// more than `maxEdits` lines differ, the differing middle is shown as removed then added.
QList<DiffLine> diffLines(const QStringList& oldLines, const QStringList& newLines, int maxEdits = 4000);
QList<DiffLine> diffText(const QString& oldText, const QString& newText);

// Changed lines with `context` unchanged lines around them, grouped into hunks.
QList<DiffHunk> diffHunks(const QList<DiffLine>& lines, int context = 3);

// The diff as unified-diff text ("--- old", "+++ new", hunks); empty when the texts are equal.
QString unifiedDiff(const QString& oldText, const QString& newText, const QString& oldName,
                    const QString& newName, int context = 3);

struct DiffStats {
    int added = 0;
    int removed = 0;
};
DiffStats diffStats(const QList<DiffLine>& lines);

} // namespace botwright::exporting
