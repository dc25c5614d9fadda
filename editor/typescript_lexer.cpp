#include "editor/typescript_lexer.h"

namespace botwright::editor {

TypeScriptLexer::TypeScriptLexer(QObject* parent)
    : QsciLexerJavaScript(parent) {
    setHighlightBackQuotedStrings(true);
    setFoldComments(true);
    setFoldCompact(false);
    setFoldAtElse(true);
}

const char* TypeScriptLexer::language() const {
    return "TypeScript";
}

const char* TypeScriptLexer::keywords(int set) const {
    switch (set) {
    case 1:
        return "abstract accessor as asserts async await break case catch class const constructor continue "
               "debugger declare default delete do else enum export extends false finally for from function "
               "get if implements import in infer instanceof interface is keyof let module namespace new "
               "null "
               "of out override private protected public readonly return satisfies set static super switch "
               "this throw true try type typeof undefined unique using var void while with yield";
    case 2:
        return "any bigint boolean never number object string symbol unknown void "
               "Array ArrayBuffer BigInt Boolean Date Error Function JSON Map Math Number Object Promise "
               "Partial Pick Omit Readonly Record Required ReturnType Parameters Awaited NonNullable "
               "RegExp Set String Symbol Uint8Array WeakMap WeakSet Iterable AsyncIterable globalThis "
               "console script";
    default:
        return nullptr;
    }
}

} // namespace botwright::editor
