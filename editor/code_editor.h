#pragma once

#include <Qsci/qsciscintilla.h>

namespace botwright::editor {

class EditorTheme;
class TypeScriptLexer;

struct FindOptions {
    bool caseSensitive = false;
    bool wholeWord = false;
    bool regularExpression = false;
};

// The studio's TypeScript editor: QScintilla with TypeScript highlighting, line numbers, folding,
// brace matching, auto-indent, find/replace and go-to-line.
class CodeEditor final : public QsciScintilla {
    Q_OBJECT
public:
    explicit CodeEditor(QWidget* parent = nullptr);

    void applyTheme(const EditorTheme& theme);

    // Moves the caret to the start of a 1-based line (clamped to the document) and shows it.
    void goToLine(int line);
    int currentLineNumber() const; // 1-based

    // Selects the next (or previous) match after the caret, wrapping around. Returns false if none.
    bool findText(const QString& text, const FindOptions& options, bool forward = true);
    // Replaces the current selection if it is a match, then selects the next match.
    bool replaceCurrent(const QString& text, const QString& replacement, const FindOptions& options);
    // Replaces every match in one undo step and returns how many were replaced.
    int replaceAllMatches(const QString& text, const QString& replacement, const FindOptions& options);
    int countMatches(const QString& text, const FindOptions& options) const;
    // Replaces the whole document in one undo step (unlike setText, which clears the undo history).
    void replaceWholeText(const QString& text);

    // Comments or uncomments the selected lines (or the caret line) with `//`.
    void toggleLineComment();

private:
    void updateLineNumberMargin();
    bool selectionMatches(const QString& text, const FindOptions& options) const;

    TypeScriptLexer* m_lexer;
};

} // namespace botwright::editor
