#pragma once

#include "engine/typescript/language_service.h"

#include <Qsci/qsciscintilla.h>

#include <algorithm>

namespace botwright::editor {

// Scintilla counts UTF-8 bytes; the language service counts lines and UTF-16 units.
inline typescript::LsPosition lsPositionAt(const QsciScintilla* editor, long bytePosition) {
    const long line = editor->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, bytePosition);
    const long lineStart = editor->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, line);
    const long units = editor->SendScintilla(QsciScintillaBase::SCI_COUNTCODEUNITS, lineStart, bytePosition);
    return typescript::LsPosition{static_cast<int>(line), static_cast<int>(units)};
}

inline long bytePositionOf(const QsciScintilla* editor, typescript::LsPosition position) {
    const long lines = editor->SendScintilla(QsciScintillaBase::SCI_GETLINECOUNT);
    if (position.line >= lines)
        return editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
    const long lineStart =
        editor->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, std::max(0, position.line));
    const long lineEnd =
        editor->SendScintilla(QsciScintillaBase::SCI_GETLINEENDPOSITION, std::max(0, position.line));
    const long at = editor->SendScintilla(QsciScintillaBase::SCI_POSITIONRELATIVECODEUNITS, lineStart,
                                          static_cast<long>(std::max(0, position.character)));
    return at < lineStart ? lineEnd : std::min(at, lineEnd);
}

inline long currentBytePosition(const QsciScintilla* editor) {
    return editor->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS);
}

} // namespace botwright::editor
