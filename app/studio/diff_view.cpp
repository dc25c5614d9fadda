#include "app/studio/diff_view.h"

#include "engine/exporting/line_diff.h"

#include <QFontDatabase>
#include <QTextBlock>

namespace botwright::studio {

namespace {

bool isDark(const QWidget* widget) {
    return widget->palette().color(QPalette::Base).lightness() < 128;
}

} // namespace

DiffView::DiffView(QWidget* parent)
    : QPlainTextEdit(parent) {
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setObjectName(QStringLiteral("diffView"));
}

void DiffView::showMessage(const QString& message) {
    setExtraSelections({});
    setPlainText(message);
    m_added = m_removed = 0;
}

void DiffView::showText(const QString& text) {
    setExtraSelections({});
    const QStringList lines = exporting::splitLines(text);
    QString out;
    for (int i = 0; i < lines.size(); ++i)
        out += QStringLiteral("%1  %2\n").arg(i + 1, 5).arg(lines[i]);
    setPlainText(out);
    m_added = m_removed = 0;
}

void DiffView::showDiff(const QString& oldText, const QString& newText, int context) {
    using Kind = exporting::DiffLine::Kind;
    const QList<exporting::DiffLine> lines = exporting::diffText(oldText, newText);
    const exporting::DiffStats stats = exporting::diffStats(lines);
    m_added = stats.added;
    m_removed = stats.removed;
    if (stats.added == 0 && stats.removed == 0) {
        showMessage(oldText.isEmpty() ? tr("(empty)") : tr("No differences."));
        return;
    }
    QString out;
    QList<Kind> kinds; // per output line; Same also for hunk headers
    QList<bool> header;
    for (const exporting::DiffHunk& hunk : exporting::diffHunks(lines, context)) {
        out += hunk.header() + u'\n';
        kinds.append(Kind::Same);
        header.append(true);
        for (const exporting::DiffLine& line : hunk.lines) {
            const QString oldNo = line.oldLine > 0 ? QString::number(line.oldLine) : QString();
            const QString newNo = line.newLine > 0 ? QString::number(line.newLine) : QString();
            const QChar mark = line.kind == Kind::Added ? u'+' : line.kind == Kind::Removed ? u'-' : u' ';
            out += QStringLiteral("%1 %2 %3 %4\n").arg(oldNo, 5).arg(newNo, 5).arg(mark).arg(line.text);
            kinds.append(line.kind);
            header.append(false);
        }
    }
    setPlainText(out);
    const bool dark = isDark(this);
    const QColor added = dark ? QColor(0x23, 0x4d, 0x2c) : QColor(0xe6, 0xff, 0xec);
    const QColor removed = dark ? QColor(0x5c, 0x25, 0x28) : QColor(0xff, 0xeb, 0xe9);
    const QColor hunk = dark ? QColor(0x2a, 0x35, 0x4a) : QColor(0xdd, 0xf4, 0xff);
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = document()->firstBlock();
    for (int i = 0; i < kinds.size() && block.isValid(); ++i, block = block.next()) {
        QColor color;
        if (header[i])
            color = hunk;
        else if (kinds[i] == Kind::Added)
            color = added;
        else if (kinds[i] == Kind::Removed)
            color = removed;
        else
            continue;
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(color);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = QTextCursor(block);
        selections.append(selection);
    }
    setExtraSelections(selections);
}

} // namespace botwright::studio
