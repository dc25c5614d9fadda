#pragma once

#include <QPlainTextEdit>

namespace botwright::studio {

// A read-only line diff (engine/exporting/line_diff): unchanged, removed and added lines with both
// line numbers in a gutter column and green/red backgrounds that suit the light and dark themes.
// Long unchanged stretches are folded to a few lines of context.
class DiffView final : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit DiffView(QWidget* parent = nullptr);

    // Shows the diff from `oldText` to `newText`; `context` unchanged lines around each change.
    void showDiff(const QString& oldText, const QString& newText, int context = 3);
    // Shows one text as it is (no diff), e.g. a side of a conflict.
    void showText(const QString& text);
    void showMessage(const QString& message);

    int addedLines() const { return m_added; }
    int removedLines() const { return m_removed; }

private:
    int m_added = 0;
    int m_removed = 0;
};

} // namespace botwright::studio
