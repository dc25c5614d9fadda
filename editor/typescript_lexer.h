#pragma once

#include <Qsci/qscilexerjavascript.h>

namespace botwright::editor {

// Scintilla's C-family lexer with TypeScript's keyword sets: language keywords in set 1, type
// keywords and well-known global types in set 2. Template literals are highlighted as strings.
class TypeScriptLexer final : public QsciLexerJavaScript {
    Q_OBJECT
public:
    explicit TypeScriptLexer(QObject* parent = nullptr);

    const char* language() const override;
    const char* keywords(int set) const override;
};

} // namespace botwright::editor
