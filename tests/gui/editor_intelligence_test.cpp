// Editor intelligence in the real main window (QT_QPA_PLATFORM=offscreen, private home): completion
// as you type, the selected entry's detail, signature help, diagnostics in the editor, the Problems
// dock and the project tree, go to definition, and the tsconfig.json written into the project.
#include "app/studio/editor_tabs.h"
#include "app/studio/main_window.h"
#include "app/studio/problems_dock.h"
#include "app/studio/project_tree_dock.h"
#include "editor/code_editor.h"
#include "editor/completion_controller.h"
#include "editor/diagnostics_display.h"
#include "editor/editor_page.h"
#include "editor/language_client.h"
#include "editor/ls_position.h"
#include "editor/problems_model.h"
#include "editor/signature_help.h"
#include "tests/support/gui_test_env.h"
#include "tests/support/qt_catch.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QPainter>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using botwright::editor::CodeEditor;
using botwright::editor::LanguageClient;
using botwright::editor::LanguageDocument;
using botwright::studio::MainWindow;

namespace {

constexpr int kReadyTimeoutMs = 180000;
constexpr int kAnswerTimeoutMs = 60000;

void writeFile(const QString& path, const QByteArray& text) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
}

// The window with every visible popup (completion list, detail panel) painted where it is on screen.
QString screenshotWithPopups(QWidget* window, const QString& name) {
    QPixmap shot = window->grab();
    QPainter painter(&shot);
    const QPoint origin = window->mapToGlobal(QPoint(0, 0));
    for (QWidget* top : QApplication::topLevelWidgets()) {
        if (top == window || !top->isVisible())
            continue;
        painter.drawPixmap(top->mapToGlobal(QPoint(0, 0)) - origin, top->grab());
    }
    for (QListWidget* list : window->findChildren<QListWidget*>())
        if (list->isVisible() && list->isWindow())
            painter.drawPixmap(list->mapToGlobal(QPoint(0, 0)) - origin, list->grab());
    painter.end();
    const QString dir = QStringLiteral(BOTWRIGHT_TEST_ARTIFACTS);
    QDir().mkpath(dir);
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    CHECK(shot.save(path));
    return path;
}

void placeCaret(CodeEditor* editor, const QString& marker, int offset = 0) {
    const qsizetype at = editor->text().indexOf(marker);
    REQUIRE(at >= 0);
    const QByteArray before = editor->text().left(at + offset).toUtf8();
    editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, static_cast<long>(before.size()));
}

struct Studio {
    QTemporaryDir dir;
    MainWindow window;
    QStringList errors;
    CodeEditor* editor = nullptr;
    LanguageDocument* document = nullptr;

    Studio() {
        QSettings().clear();
        writeFile(dir.filePath(QStringLiteral("main.ts")), "import { Discord } from \"botloader\";\n"
                                                           "import { greet } from \"lib\";\n"
                                                           "\n"
                                                           "script.on(\"MESSAGE_CREATE\", async (msg) => {\n"
                                                           "    \n"
                                                           "});\n");
        writeFile(dir.filePath(QStringLiteral("lib.ts")), "/** A greeting for someone. */\n"
                                                          "export function greet(name: string): string {\n"
                                                          "    return `hello ${name}`;\n"
                                                          "}\n");
        window.setErrorReporter([this](const QString&, const QString& message) { errors.append(message); });
        window.resize(1200, 800);
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        REQUIRE(window.openProject(dir.path()));
        QString error;
        botwright::editor::EditorPage* page =
            window.tabs()->openFile(dir.filePath(QStringLiteral("main.ts")), &error);
        REQUIRE(page != nullptr);
        editor = page->editor();
        document = window.languageClient()->documentFor(editor);
        REQUIRE(document != nullptr);
    }

    void waitUntilReady() {
        REQUIRE(QTest::qWaitFor([&] { return window.languageClient()->isReady(); }, kReadyTimeoutMs));
    }
};

} // namespace

TEST_CASE("typing msg. in a MESSAGE_CREATE handler lists Message's members", "[gui][intelligence]") {
    Studio studio;
    CodeEditor* editor = studio.editor;
    // The editor is usable before the service is ready: typing never waits for it.
    placeCaret(editor, QStringLiteral("    \n});"), 4);
    editor->setFocus();
    QTest::keyClicks(editor, QStringLiteral("const x = 1;"));
    CHECK(editor->text().contains(QStringLiteral("const x = 1;")));
    studio.waitUntilReady();
    QTest::keyClick(editor, Qt::Key_Return); // auto-indent keeps the handler's indentation
    QTest::keyClicks(editor, QStringLiteral("msg."));

    botwright::editor::CompletionController* completion = studio.document->completion();
    REQUIRE(QTest::qWaitFor([&] { return completion->isActive(); }, kAnswerTimeoutMs));
    QStringList shown = completion->shownNames();
    for (const char* member : {"content", "reply", "author", "channelId", "pin", "hyperlink"})
        CHECK(shown.contains(QLatin1String(member)));
    CHECK_FALSE(shown.contains(QStringLiteral("Discord"))); // members only
    // The selected entry's detail (its type and doc comment) appears beside the list.
    REQUIRE(QTest::qWaitFor([&] { return !completion->detailText().isEmpty(); }, kAnswerTimeoutMs));
    const QString path = screenshotWithPopups(&studio.window, QStringLiteral("completion_popup"));
    INFO(path.toStdString());

    // The list filters as you keep typing; choosing inserts the entry.
    QTest::keyClicks(editor, QStringLiteral("rep"));
    REQUIRE(QTest::qWaitFor([&] { return completion->shownNames().value(0) == QStringLiteral("reply"); },
                            kAnswerTimeoutMs));
    shown = completion->shownNames();
    CHECK_FALSE(shown.contains(QStringLiteral("content")));
    REQUIRE(QTest::qWaitFor([&] { return completion->detailText().contains(QStringLiteral("reply")); },
                            kAnswerTimeoutMs));
    screenshotWithPopups(&studio.window, QStringLiteral("completion_filtered"));
    QTest::keyClick(editor, Qt::Key_Return);
    CHECK(editor->text().contains(QStringLiteral("    msg.reply\n")));
    CHECK_FALSE(completion->isActive());

    // Signature help when typing "(", the parameter highlighted.
    QTest::keyClicks(editor, QStringLiteral("("));
    botwright::editor::SignatureHelp* help = studio.document->signatureHelp();
    REQUIRE(QTest::qWaitFor(
        [&] { return help->showing() == botwright::editor::SignatureHelp::Showing::Signature; },
        kAnswerTimeoutMs));
    CHECK(help->shownText().startsWith(QStringLiteral("reply(fields:")));
    screenshotWithPopups(&studio.window, QStringLiteral("signature_help"));

    // A stale answer is never shown: the text changes (without a keystroke that asks again) before the
    // answer for the old text can arrive.
    QTest::keyClick(editor, Qt::Key_Escape);
    const long caret = botwright::editor::currentBytePosition(editor);
    completion->request();
    editor->insert(QStringLiteral(" ")); // after the caret, which stays
    QTest::qWait(1500);
    CHECK_FALSE(completion->isActive());
    editor->SendScintilla(QsciScintillaBase::SCI_DELETERANGE, caret, 1L);

    // Ctrl+Space in an argument: the project's own import is offered.
    QTest::keyClicks(editor, QStringLiteral("gr"));
    REQUIRE(QTest::qWaitFor([&] { return completion->isActive(); }, kAnswerTimeoutMs));
    CHECK(completion->shownNames().contains(QStringLiteral("greet")));
    QTest::keyClick(editor, Qt::Key_Escape);
    QTest::keyClick(editor, Qt::Key_Space, Qt::ControlModifier);
    REQUIRE(QTest::qWaitFor([&] { return completion->isActive(); }, kAnswerTimeoutMs));
    CHECK(completion->shownNames().contains(QStringLiteral("greet")));
    QTest::keyClick(editor, Qt::Key_Escape);
}

TEST_CASE("a type error shows in the editor, the Problems dock and the project tree, then goes",
          "[gui][intelligence]") {
    Studio studio;
    studio.waitUntilReady();
    CodeEditor* editor = studio.editor;
    MainWindow& window = studio.window;
    botwright::editor::ProblemsModel* problems = window.languageClient()->problems();
    window.action(QStringLiteral("view.problems"))->trigger();
    REQUIRE(window.problemsDock()->isVisible());
    CHECK(problems->rowCount() == 0);

    placeCaret(editor, QStringLiteral("    \n});"), 4);
    editor->setFocus();
    QTest::keyClicks(editor, QStringLiteral("const n: number = msg.author;"));
    REQUIRE(QTest::qWaitFor([&] { return problems->errorCount() == 1; }, kAnswerTimeoutMs));
    const botwright::editor::ProblemsModel::Problem& problem = problems->problem(0);
    CHECK(problem.path == studio.dir.filePath(QStringLiteral("main.ts")));
    CHECK(problem.diagnostic.code == 2322);
    CHECK(problem.diagnostic.message.contains(QStringLiteral("not assignable to type 'number'")));
    CHECK(problem.diagnostic.range.start == botwright::typescript::LsPosition{4, 10});
    // Squiggled in the editor, marked in the project tree.
    const long errorAt = botwright::editor::bytePositionOf(editor, problem.diagnostic.range.start);
    CHECK(studio.document->diagnostics()->indicatorAt(errorAt) ==
          botwright::editor::DiagnosticsDisplay::kErrorIndicator);
    CHECK(window.projectDock()->errorCountShown(QStringLiteral("main.ts")) == 1);
    CHECK(window.projectDock()->errorCountShown(QStringLiteral("lib.ts")) == 0);
    CHECK(window.problemsDock()->windowTitle() == QStringLiteral("Problems (1 error, 0 warnings)"));
    botwright::testing::saveScreenshot(&window, QStringLiteral("problems_dock"));

    // Clicking the problem jumps to it.
    editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, 0L);
    QTreeView* view = window.problemsDock()->view();
    const QModelIndex first = problems->index(0, botwright::editor::ProblemsModel::MessageColumn);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(first).center());
    CHECK(botwright::editor::lsPositionAt(editor, botwright::editor::currentBytePosition(editor)) ==
          botwright::typescript::LsPosition{4, 10});

    // Fix it: the problem goes everywhere.
    placeCaret(editor, QStringLiteral("msg.author;"), 10);
    QTest::keyClick(editor, Qt::Key_Escape);
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClicks(editor, QStringLiteral("content.length"));
    CHECK(editor->text().contains(QStringLiteral("const n: number = msg.content.length;")));
    REQUIRE(QTest::qWaitFor([&] { return problems->rowCount() == 0; }, kAnswerTimeoutMs));
    CHECK(studio.document->diagnostics()->indicatorAt(errorAt) == 0);
    CHECK(window.projectDock()->errorCountShown(QStringLiteral("main.ts")) == 0);
    botwright::testing::saveScreenshot(&window, QStringLiteral("problems_dock_fixed"));

    // An error in another script through an import: lib.ts changes greet's parameter type.
    QTest::keyClick(editor, Qt::Key_End);
    QTest::keyClicks(editor, QStringLiteral(" greet(msg.author.username);"));
    QString error;
    botwright::editor::EditorPage* lib =
        window.tabs()->openFile(studio.dir.filePath(QStringLiteral("lib.ts")), &error);
    REQUIRE(lib != nullptr);
    lib->editor()->replaceWholeText(
        lib->editor()->text().replace(QStringLiteral("name: string"), QStringLiteral("name: number")));
    REQUIRE(QTest::qWaitFor([&] { return problems->errorCount() == 1; }, kAnswerTimeoutMs));
    CHECK(problems->problem(0).path == studio.dir.filePath(QStringLiteral("main.ts")));
}

TEST_CASE("F12 goes to definitions in project scripts and in the SDK declarations", "[gui][intelligence]") {
    Studio studio;
    studio.waitUntilReady();
    MainWindow& window = studio.window;
    CodeEditor* editor = studio.editor;

    // Hover: the type and the doc comment of what is under the mouse.
    botwright::editor::SignatureHelp* help = studio.document->signatureHelp();
    const long greetAt =
        editor->text().left(editor->text().indexOf(QStringLiteral("greet }"))).toUtf8().size();
    help->requestHover(greetAt + 1);
    REQUIRE(
        QTest::qWaitFor([&] { return help->showing() == botwright::editor::SignatureHelp::Showing::Hover; },
                        kAnswerTimeoutMs));
    CHECK(help->shownText().contains(QStringLiteral("greet(name: string): string")));
    CHECK(help->shownText().contains(QStringLiteral("A greeting for someone.")));
    help->cancel();

    // A project script: lib.ts at greet.
    placeCaret(editor, QStringLiteral("greet }"), 1);
    window.action(QStringLiteral("edit.goToDefinition"))->trigger();
    REQUIRE(
        QTest::qWaitFor([&] { return window.tabs()->currentPage()->fileName() == QStringLiteral("lib.ts"); },
                        kAnswerTimeoutMs));
    CodeEditor* lib = window.tabs()->currentPage()->editor();
    CHECK(botwright::editor::lsPositionAt(lib, botwright::editor::currentBytePosition(lib)) ==
          botwright::typescript::LsPosition{1, 16});
    CHECK_FALSE(lib->isReadOnly());

    // The SDK: a read-only tab on its declaration file.
    window.tabs()->setCurrentWidget(window.tabs()->pageFor(studio.dir.filePath(QStringLiteral("main.ts"))));
    placeCaret(editor, QStringLiteral("script.on"), 8);
    window.action(QStringLiteral("edit.goToDefinition"))->trigger();
    REQUIRE(QTest::qWaitFor(
        [&] { return window.tabs()->currentPage()->fileName() == QStringLiteral("script.d.ts"); },
        kAnswerTimeoutMs));
    CodeEditor* sdk = window.tabs()->currentPage()->editor();
    CHECK(sdk->isReadOnly());
    CHECK(window.tabs()->tabText(window.tabs()->currentIndex()) == QStringLiteral("script.d.ts (read-only)"));
    const int line = botwright::editor::lsPositionAt(sdk, botwright::editor::currentBytePosition(sdk)).line;
    CHECK(sdk->text(line).contains(QStringLiteral("on<K extends keyof EventTypes>")));
    // Inside the SDK file F12 keeps working (EventTypes → events.d.ts).
    placeCaret(sdk, QStringLiteral("keyof EventTypes"), 7);
    window.action(QStringLiteral("edit.goToDefinition"))->trigger();
    REQUIRE(QTest::qWaitFor(
        [&] { return window.tabs()->currentPage()->fileName() == QStringLiteral("events.d.ts"); },
        kAnswerTimeoutMs));
    CHECK(studio.errors.isEmpty());
}

TEST_CASE("opening a project writes tsconfig.json and the SDK declarations for other editors",
          "[gui][intelligence]") {
    Studio studio;
    const QDir dir(studio.dir.path());
    QFile tsconfig(dir.filePath(QStringLiteral("tsconfig.json")));
    REQUIRE(tsconfig.open(QIODevice::ReadOnly));
    const QByteArray text = tsconfig.readAll();
    CHECK(text.contains("\"botloader\": [\"./.botwright/types/index.d.ts\"]"));
    CHECK(text.contains("\"strict\": true"));
    CHECK(QFileInfo::exists(dir.filePath(QStringLiteral(".botwright/types/index.d.ts"))));
    CHECK(QFileInfo::exists(dir.filePath(QStringLiteral(".botwright/types/discord_models.d.ts"))));
    // Neither is a script of the project.
    CHECK(studio.window.projectDock()->listedScripts() ==
          QStringList{QStringLiteral("lib.ts"), QStringLiteral("main.ts")});
    // An existing tsconfig.json is the user's: never overwritten.
    tsconfig.close();
    writeFile(dir.filePath(QStringLiteral("tsconfig.json")), "{}\n");
    REQUIRE(studio.window.openProject(dir.path()));
    QFile again(dir.filePath(QStringLiteral("tsconfig.json")));
    REQUIRE(again.open(QIODevice::ReadOnly));
    CHECK(again.readAll() == QByteArray("{}\n"));
}
