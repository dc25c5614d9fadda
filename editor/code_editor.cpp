#include "editor/code_editor.h"

#include "editor/editor_theme.h"
#include "editor/typescript_lexer.h"

#include <QFontDatabase>
#include <QRegularExpression>

#include <algorithm>

namespace botwright::editor {

namespace {

constexpr int kLineNumberMargin = 0;
constexpr int kFoldMargin = 2;

QRegularExpression matcherFor(const QString& text, const FindOptions& options) {
    QString pattern = options.regularExpression ? text : QRegularExpression::escape(text);
    if (options.wholeWord) {
        pattern = QStringLiteral("\\b(?:%1)\\b").arg(pattern);
    }
    return QRegularExpression(pattern, options.caseSensitive ? QRegularExpression::NoPatternOption
                                                             : QRegularExpression::CaseInsensitiveOption);
}

} // namespace

CodeEditor::CodeEditor(QWidget* parent)
    : QsciScintilla(parent)
    , m_lexer(new TypeScriptLexer(this)) {
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSize(std::max(font.pointSize(), 10));
    m_lexer->setDefaultFont(font);
    m_lexer->setFont(font, -1);
    setLexer(m_lexer);
    setFont(font);
    setMarginsFont(font);

    setUtf8(true);
    setEolMode(EolUnix);
    setIndentationsUseTabs(false);
    setTabWidth(4);
    setIndentationWidth(4);
    setAutoIndent(true);
    setBackspaceUnindents(true);
    setIndentationGuides(true);
    setCaretLineVisible(true);
    setCaretWidth(2);
    setBraceMatching(SloppyBraceMatch);
    setFolding(BoxedTreeFoldStyle, kFoldMargin);
    setMarginLineNumbers(kLineNumberMargin, true);
    setMarginWidth(1, 4);
    setScrollWidthTracking(true);
    setScrollWidth(1);
    setWrapMode(WrapNone);
    setAutoCompletionSource(AcsNone);

    connect(this, &QsciScintilla::linesChanged, this, &CodeEditor::updateLineNumberMargin);
    updateLineNumberMargin();
}

void CodeEditor::applyTheme(const EditorTheme& theme) {
    theme.applyTo(this);
    updateLineNumberMargin();
}

void CodeEditor::updateLineNumberMargin() {
    const int digits = std::max(3, static_cast<int>(QString::number(lines()).size()));
    setMarginWidth(kLineNumberMargin, QString(digits + 1, QLatin1Char('9')));
}

void CodeEditor::goToLine(int line) {
    const int target = std::clamp(line, 1, std::max(1, lines())) - 1;
    setCursorPosition(target, 0);
    ensureLineVisible(target);
    setFocus();
}

int CodeEditor::currentLineNumber() const {
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    return line + 1;
}

bool CodeEditor::findText(const QString& text, const FindOptions& options, bool forward) {
    if (text.isEmpty()) {
        return false;
    }
    int line = -1;
    int index = -1;
    if (!forward && hasSelectedText()) {
        // Search backwards from the start of the current match, not from its end.
        int lineTo = 0;
        int indexTo = 0;
        getSelection(&line, &index, &lineTo, &indexTo);
    }
    const bool regex = options.regularExpression;
    return findFirst(text, regex, options.caseSensitive, options.wholeWord, true, forward, line, index, true,
                     false, regex);
}

bool CodeEditor::selectionMatches(const QString& text, const FindOptions& options) const {
    if (!hasSelectedText()) {
        return false;
    }
    const QRegularExpressionMatch match = matcherFor(text, options).match(selectedText());
    return match.hasMatch() && match.capturedLength() == selectedText().size();
}

bool CodeEditor::replaceCurrent(const QString& text, const QString& replacement, const FindOptions& options) {
    if (selectionMatches(text, options)) {
        replaceSelectedText(replacement);
    }
    return findText(text, options, true);
}

int CodeEditor::replaceAllMatches(const QString& text, const QString& replacement,
                                  const FindOptions& options) {
    if (text.isEmpty()) {
        return 0;
    }
    const QRegularExpression matcher = matcherFor(text, options);
    if (!matcher.isValid()) {
        return 0;
    }
    const QString before = this->text();
    QString after;
    int count = 0;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = matcher.globalMatch(before);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedLength() == 0) {
            continue; // never replace empty matches (e.g. `^`): they would not make progress
        }
        after += QStringView(before).mid(last, match.capturedStart() - last);
        after += replacement;
        last = match.capturedEnd();
        ++count;
    }
    if (count == 0) {
        return 0;
    }
    after += QStringView(before).mid(last);
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    replaceWholeText(after);
    setCursorPosition(std::min(line, lines() - 1), index);
    return count;
}

void CodeEditor::replaceWholeText(const QString& text) {
    beginUndoAction();
    selectAll();
    replaceSelectedText(text);
    endUndoAction();
}

int CodeEditor::countMatches(const QString& text, const FindOptions& options) const {
    if (text.isEmpty()) {
        return 0;
    }
    const QRegularExpression matcher = matcherFor(text, options);
    if (!matcher.isValid()) {
        return 0;
    }
    int count = 0;
    QRegularExpressionMatchIterator it = matcher.globalMatch(this->text());
    while (it.hasNext()) {
        if (it.next().capturedLength() > 0) {
            ++count;
        }
    }
    return count;
}

void CodeEditor::toggleLineComment() {
    int lineFrom = 0;
    int indexFrom = 0;
    int lineTo = 0;
    int indexTo = 0;
    if (hasSelectedText()) {
        getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        if (indexTo == 0 && lineTo > lineFrom) {
            --lineTo; // a selection ending at column 0 does not include that line
        }
    } else {
        getCursorPosition(&lineFrom, &indexFrom);
        lineTo = lineFrom;
    }
    static const QRegularExpression commented(QStringLiteral("^(\\s*)// ?"));
    bool allCommented = true;
    for (int l = lineFrom; l <= lineTo; ++l) {
        const QString t = text(l);
        if (!t.trimmed().isEmpty() && !commented.match(t).hasMatch()) {
            allCommented = false;
        }
    }
    beginUndoAction();
    for (int l = lineFrom; l <= lineTo; ++l) {
        const QString t = text(l);
        if (t.trimmed().isEmpty()) {
            continue;
        }
        if (allCommented) {
            const QRegularExpressionMatch m = commented.match(t);
            setSelection(l, m.capturedLength(1), l, m.capturedEnd());
            removeSelectedText();
        } else {
            insertAt(QStringLiteral("// "), l, indentation(l));
        }
    }
    endUndoAction();
}

} // namespace botwright::editor
