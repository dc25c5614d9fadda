#include "engine/exporting/line_diff.h"
#include "tests/support/qt_catch.h"

using namespace botwright::exporting;
using Kind = DiffLine::Kind;

namespace {

QString render(const QList<DiffLine>& lines) {
    QString out;
    for (const DiffLine& l : lines)
        out += (l.kind == Kind::Added ? u'+' : l.kind == Kind::Removed ? u'-' : u' ') + l.text + u'\n';
    return out;
}

// Applying the diff to the old text gives the new text, and dropping additions gives the old one.
void checkConsistent(const QStringList& a, const QStringList& b, const QList<DiffLine>& lines) {
    QStringList oldSide;
    QStringList newSide;
    for (const DiffLine& l : lines) {
        if (l.kind != Kind::Added)
            oldSide.append(l.text);
        if (l.kind != Kind::Removed)
            newSide.append(l.text);
    }
    CHECK(oldSide == a);
    CHECK(newSide == b);
}

} // namespace

TEST_CASE("splitLines keeps the lines and ignores one final newline", "[line_diff]") {
    CHECK(splitLines(QString()).isEmpty());
    CHECK(splitLines(QStringLiteral("a\nb\n")) == QStringList{QStringLiteral("a"), QStringLiteral("b")});
    CHECK(splitLines(QStringLiteral("a\nb")) == QStringList{QStringLiteral("a"), QStringLiteral("b")});
    CHECK(splitLines(QStringLiteral("a\r\n")) == QStringList{QStringLiteral("a\r")});
}

TEST_CASE("diffLines finds a shortest edit script", "[line_diff]") {
    const QStringList a = splitLines(QStringLiteral("a\nb\nc\na\nb\nb\na\n"));
    const QStringList b = splitLines(QStringLiteral("c\nb\na\nb\na\nc\n"));
    const QList<DiffLine> lines = diffLines(a, b);
    checkConsistent(a, b, lines);
    const DiffStats stats = diffStats(lines);
    CHECK(stats.added + stats.removed == 5); // Myers' classic example: D = 5

    const QList<DiffLine> same = diffText(QStringLiteral("x\ny\n"), QStringLiteral("x\ny\n"));
    CHECK(diffStats(same).added == 0);
    CHECK(diffStats(same).removed == 0);
    CHECK(same.size() == 2);
    CHECK(same[1].oldLine == 2);
    CHECK(same[1].newLine == 2);

    const QList<DiffLine> fromEmpty = diffText(QString(), QStringLiteral("one\ntwo\n"));
    CHECK(render(fromEmpty) == QStringLiteral("+one\n+two\n"));
    const QList<DiffLine> toEmpty = diffText(QStringLiteral("one\n"), QString());
    CHECK(render(toEmpty) == QStringLiteral("-one\n"));
}

TEST_CASE("diffLines numbers lines on both sides", "[line_diff]") {
    const QList<DiffLine> lines =
        diffText(QStringLiteral("keep\nold\nkeep2\n"), QStringLiteral("keep\nnew\nkeep2\nadded\n"));
    REQUIRE(render(lines) == QStringLiteral(" keep\n-old\n+new\n keep2\n+added\n"));
    CHECK(lines[1].oldLine == 2);
    CHECK(lines[1].newLine == 0);
    CHECK(lines[2].oldLine == 0);
    CHECK(lines[2].newLine == 2);
    CHECK(lines[4].newLine == 4);
}

TEST_CASE("a diff beyond maxEdits falls back to remove-then-add of the middle", "[line_diff]") {
    QStringList a;
    QStringList b;
    for (int i = 0; i < 50; ++i) {
        a.append(QStringLiteral("a%1").arg(i));
        b.append(QStringLiteral("b%1").arg(i));
    }
    a.prepend(QStringLiteral("same"));
    b.prepend(QStringLiteral("same"));
    const QList<DiffLine> lines = diffLines(a, b, 10);
    checkConsistent(a, b, lines);
    CHECK(lines[0].kind == Kind::Same);
    CHECK(lines[1].kind == Kind::Removed);
    CHECK(lines[51].kind == Kind::Added);
}

TEST_CASE("large similar files diff quickly and correctly", "[line_diff]") {
    QStringList a;
    for (int i = 0; i < 3000; ++i)
        a.append(QStringLiteral("line %1").arg(i));
    QStringList b = a;
    b[10] = QStringLiteral("changed");
    b.removeAt(1500);
    b.insert(2500, QStringLiteral("inserted"));
    const QList<DiffLine> lines = diffLines(a, b);
    checkConsistent(a, b, lines);
    const DiffStats stats = diffStats(lines);
    CHECK(stats.added == 2);
    CHECK(stats.removed == 2);
}

TEST_CASE("hunks carry context and unified text has the usual headers", "[line_diff]") {
    QString a;
    for (int i = 1; i <= 20; ++i)
        a += QStringLiteral("l%1\n").arg(i);
    QString b = a;
    b.replace(QStringLiteral("l3\n"), QStringLiteral("L3\n"));
    b.replace(QStringLiteral("l18\n"), QStringLiteral("L18\n"));
    const QList<DiffHunk> hunks = diffHunks(diffText(a, b), 2);
    REQUIRE(hunks.size() == 2);
    CHECK(hunks[0].header() == QStringLiteral("@@ -1,5 +1,5 @@"));
    CHECK(hunks[1].header() == QStringLiteral("@@ -16,5 +16,5 @@"));
    // Close changes merge into one hunk.
    CHECK(diffHunks(diffText(a, b), 10).size() == 1);

    const QString unified = unifiedDiff(a, b, QStringLiteral("server/x.ts"), QStringLiteral("local/x.ts"), 1);
    CHECK(unified.startsWith(
        QStringLiteral("--- server/x.ts\n+++ local/x.ts\n@@ -2,3 +2,3 @@\n l2\n-l3\n+L3\n l4\n")));
    CHECK(unifiedDiff(a, a, QStringLiteral("a"), QStringLiteral("b")).isEmpty());
    // Adding to an empty file: the old side starts at 0.
    CHECK(unifiedDiff(QString(), QStringLiteral("x\n"), QStringLiteral("a"), QStringLiteral("b"))
              .contains(QStringLiteral("@@ -0,0 +1,1 @@")));
}
