#include "editor/code_editor.h"
#include "editor/editor_theme.h"
#include "editor/find_replace_bar.h"
#include "editor/typescript_lexer.h"
#include "tests/support/qt_catch.h"

#include <QLineEdit>
#include <QTest>

using botwright::editor::CodeEditor;
using botwright::editor::FindOptions;

namespace {

QString selection(const CodeEditor& editor) {
    int lineFrom = 0;
    int indexFrom = 0;
    int lineTo = 0;
    int indexTo = 0;
    editor.getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
    return QStringLiteral("%1:%2-%3:%4").arg(lineFrom).arg(indexFrom).arg(lineTo).arg(indexTo);
}

} // namespace

TEST_CASE("the editor highlights TypeScript", "[editor]") {
    CodeEditor editor;
    REQUIRE(editor.lexer() != nullptr);
    CHECK(QString::fromLatin1(editor.lexer()->language()) == QStringLiteral("TypeScript"));
    const QString keywords = QString::fromLatin1(editor.lexer()->keywords(1));
    for (const char* word : {"interface", "type", "enum", "readonly", "async", "await", "satisfies"}) {
        CHECK(keywords.split(QLatin1Char(' ')).contains(QLatin1String(word)));
    }
    editor.setText(QStringLiteral("interface A { b: string }\n"));
    editor.SendScintilla(QsciScintillaBase::SCI_COLOURISE, 0, -1);
    const long styleOfInterface = editor.SendScintilla(QsciScintillaBase::SCI_GETSTYLEAT, 0);
    CHECK(styleOfInterface == QsciLexerCPP::Keyword);
    CHECK(editor.folding() == QsciScintilla::BoxedTreeFoldStyle);
    CHECK(editor.marginLineNumbers(0));
}

TEST_CASE("go to line clamps to the document", "[editor]") {
    CodeEditor editor;
    editor.setText(QStringLiteral("a\nb\nc\nd\n"));
    editor.goToLine(3);
    CHECK(editor.currentLineNumber() == 3);
    editor.goToLine(999);
    CHECK(editor.currentLineNumber() == editor.lines());
    editor.goToLine(-4);
    CHECK(editor.currentLineNumber() == 1);
}

TEST_CASE("find moves forward and backward with wrap-around and options", "[editor]") {
    CodeEditor editor;
    editor.setText(QStringLiteral("foo Foo food\nfoo\n"));
    editor.setCursorPosition(0, 0);
    FindOptions plain;
    REQUIRE(editor.findText(QStringLiteral("foo"), plain));
    CHECK(selection(editor) == QStringLiteral("0:0-0:3"));
    REQUIRE(editor.findText(QStringLiteral("foo"), plain));
    CHECK(selection(editor) == QStringLiteral("0:4-0:7")); // case-insensitive by default
    REQUIRE(editor.findText(QStringLiteral("foo"), plain, false));
    CHECK(selection(editor) == QStringLiteral("0:0-0:3"));
    REQUIRE(editor.findText(QStringLiteral("foo"), plain, false));
    CHECK(selection(editor) == QStringLiteral("1:0-1:3")); // wrapped to the end

    editor.setCursorPosition(0, 0);
    FindOptions exact{.caseSensitive = true, .wholeWord = true, .regularExpression = false};
    REQUIRE(editor.findText(QStringLiteral("foo"), exact));
    REQUIRE(editor.findText(QStringLiteral("foo"), exact));
    CHECK(selection(editor) == QStringLiteral("1:0-1:3")); // skips "Foo" and "food"
    CHECK(editor.countMatches(QStringLiteral("foo"), exact) == 2);
    CHECK(editor.countMatches(QStringLiteral("foo"), plain) == 4);

    FindOptions regex{.caseSensitive = false, .wholeWord = false, .regularExpression = true};
    editor.setCursorPosition(0, 0);
    REQUIRE(editor.findText(QStringLiteral("fo+d"), regex));
    CHECK(selection(editor) == QStringLiteral("0:8-0:12"));
    CHECK_FALSE(editor.findText(QStringLiteral("nothing here"), plain));
}

TEST_CASE("replace all is a single undo step", "[editor]") {
    CodeEditor editor;
    const QString original = QStringLiteral("let a = 1;\nlet b = a + a;\n");
    editor.setText(original);
    const int replaced = editor.replaceAllMatches(QStringLiteral("a"), QStringLiteral("alpha"),
                                                  FindOptions{.caseSensitive = true, .wholeWord = true});
    CHECK(replaced == 3);
    CHECK(editor.text() == QStringLiteral("let alpha = 1;\nlet b = alpha + alpha;\n"));
    editor.undo();
    CHECK(editor.text() == original);
    CHECK(editor.replaceAllMatches(QStringLiteral("^"), QStringLiteral("x"),
                                   FindOptions{.regularExpression = true}) == 0); // empty matches never loop
}

TEST_CASE("replace current replaces only a real match", "[editor]") {
    CodeEditor editor;
    editor.setText(QStringLiteral("one two one"));
    editor.setCursorPosition(0, 0);
    const FindOptions options;
    REQUIRE(editor.findText(QStringLiteral("one"), options));
    editor.replaceCurrent(QStringLiteral("one"), QStringLiteral("1"), options);
    CHECK(editor.text() == QStringLiteral("1 two one"));
    CHECK(editor.selectedText() == QStringLiteral("one"));
}

TEST_CASE("toggle comment comments and uncomments the selected lines", "[editor]") {
    CodeEditor editor;
    const QString original = QStringLiteral("function f() {\n    return 1;\n}\n");
    editor.setText(original);
    editor.setSelection(0, 0, 2, 1);
    editor.toggleLineComment();
    CHECK(editor.text() == QStringLiteral("// function f() {\n    // return 1;\n// }\n"));
    editor.setSelection(0, 0, 2, 1);
    editor.toggleLineComment();
    CHECK(editor.text() == original);
}

TEST_CASE("themes colour the editor", "[editor][theme]") {
    CodeEditor editor;
    const auto dark = botwright::editor::EditorTheme::load(botwright::editor::ThemeKind::Dark);
    editor.applyTheme(dark);
    CHECK(editor.lexer()->paper(QsciLexerCPP::Default) == dark.editorColor(QStringLiteral("paper")));
    CHECK(editor.lexer()->color(QsciLexerCPP::Keyword) == dark.syntaxColor(QStringLiteral("keyword")));
    CHECK(dark.palette().color(QPalette::Window).lightness() < 100);
    const auto light = botwright::editor::EditorTheme::load(botwright::editor::ThemeKind::Light);
    editor.applyTheme(light);
    CHECK(editor.lexer()->paper(QsciLexerCPP::Keyword) == light.editorColor(QStringLiteral("paper")));
    CHECK(light.palette().color(QPalette::Window).lightness() > 200);
}

TEST_CASE("the find bar answers Enter, Shift+Enter and Escape", "[editor][find]") {
    QWidget host;
    auto* editor = new CodeEditor(&host);
    auto* bar = new botwright::editor::FindReplaceBar(editor, &host);
    host.resize(600, 400);
    host.show();
    REQUIRE(QTest::qWaitForWindowExposed(&host));
    editor->setText(QStringLiteral("alpha beta alpha gamma alpha"));
    editor->setCursorPosition(0, 0);
    bar->showFind();
    CHECK(bar->isVisible());
    QTest::keyClicks(bar->findField(), QStringLiteral("alpha"));
    CHECK(selection(*editor) == QStringLiteral("0:0-0:5")); // incremental search while typing
    CHECK(bar->statusText() == QStringLiteral("3 match(es)"));
    QTest::keyClick(bar->findField(), Qt::Key_Return);
    CHECK(selection(*editor) == QStringLiteral("0:11-0:16"));
    QTest::keyClick(bar->findField(), Qt::Key_Return, Qt::ShiftModifier);
    CHECK(selection(*editor) == QStringLiteral("0:0-0:5"));
    bar->showReplace();
    bar->replaceField()->setText(QStringLiteral("A"));
    CHECK(bar->replaceAll() == 3);
    CHECK(editor->text() == QStringLiteral("A beta A gamma A"));
    QTest::keyClick(bar->findField(), Qt::Key_Escape);
    CHECK_FALSE(bar->isVisible());
}
