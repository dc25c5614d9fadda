// Drives the real main window under QT_QPA_PLATFORM=offscreen, in a private home (see gui_test_env).
#include "app/studio/console_dock.h"
#include "app/studio/console_model.h"
#include "app/studio/editor_tabs.h"
#include "app/studio/main_window.h"
#include "app/studio/project_tree_dock.h"
#include "app/studio/script_runtime_host.h"
#include "editor/code_editor.h"
#include "editor/editor_page.h"
#include "engine/capture/capture_store.h"
#include "engine/gateway/gateway_host.h"
#include "engine/project/recovery_store.h"
#include "engine/sandbox/sandbox_host.h"
#include "tests/support/gui_test_env.h"
#include "tests/support/qt_catch.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using botwright::studio::MainWindow;

namespace {

QByteArray readDisk(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeDisk(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

void resetSettings() {
    QSettings().clear();
    QSettings().sync();
    QDir(QFileInfo(MainWindow::exampleCopyPath()).path()).removeRecursively();
    QDir(botwright::project::RecoveryStore::defaultDirectory()).removeRecursively();
}

// A window opened the way the studio starts: restore, then show.
struct Studio {
    MainWindow window;
    QStringList errors;
    Studio() {
        window.setErrorReporter([this](const QString&, const QString& message) { errors.append(message); });
        window.restoreSession();
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
    }
};

} // namespace

TEST_CASE("first start opens the example project; editing and saving reaches the disk", "[gui][studio]") {
    resetSettings();
    Studio studio;
    MainWindow& window = studio.window;
    REQUIRE(window.project() != nullptr);
    CHECK(window.project()->rootPath() == QFileInfo(MainWindow::exampleCopyPath()).canonicalFilePath());
    CHECK(window.projectDock()->listedScripts() ==
          QStringList{QStringLiteral("hello.ts"), QStringLiteral("ping.ts")});
    REQUIRE(window.tabs()->count() == 1);

    const QString pingPath = window.project()->scriptPath(QStringLiteral("ping"));
    QString error;
    auto* page = window.tabs()->openFile(pingPath, &error);
    REQUIRE(page != nullptr);
    CHECK(window.tabs()->count() == 2);
    CHECK(window.tabs()->tabText(window.tabs()->currentIndex()) == QStringLiteral("ping.ts"));

    // Type at the end of line 1 as a person would.
    page->editor()->setFocus();
    page->editor()->setCursorPosition(0, page->editor()->text(0).size() - 1);
    QTest::keyClicks(page->editor(), QStringLiteral(" // edited in the test"));
    CHECK(page->isModified());
    const int column = page->editor()->text(0).size(); // 1-based column after the last typed character
    const auto* cursorLabel = window.findChild<QLabel*>(QStringLiteral("cursorPosition"));
    const QString expected = QStringLiteral("Ln 1, Col %1").arg(column);
    CHECK(QTest::qWaitFor([&] { return cursorLabel->text() == expected; },
                          2000)); // updated when the editor repaints
    CHECK(cursorLabel->text() == expected);
    CHECK(window.tabs()->tabText(window.tabs()->currentIndex()) == QStringLiteral("ping.ts ●"));
    CHECK(window.isWindowModified());
    CHECK_FALSE(readDisk(pingPath).contains("edited in the test"));

    botwright::testing::saveScreenshot(&window, QStringLiteral("main_window_light_unsaved"));

    // Ctrl+S through the window's shortcut.
    QTest::keyClick(page->editor(), Qt::Key_S, Qt::ControlModifier);
    const QByteArray onDisk = readDisk(pingPath);
    CHECK(onDisk.startsWith("import { Discord } from \"botloader\"; // edited in the test\n"));
    CHECK(onDisk.contains("script.on(\"MESSAGE_CREATE\""));
    CHECK_FALSE(page->isModified());
    CHECK(window.tabs()->tabText(window.tabs()->currentIndex()) == QStringLiteral("ping.ts"));
    CHECK_FALSE(window.isWindowModified());
    QStringList files = QDir(window.project()->rootPath()).entryList(QDir::Files | QDir::Hidden);
    files.removeAll(QStringLiteral("tsconfig.json")); // written for other editors (editor intelligence)
    CHECK(files.size() == 2);                         // no temp files left
    CHECK(studio.errors.isEmpty());

    window.setTheme(botwright::editor::ThemeKind::Dark);
    const auto dark = botwright::editor::EditorTheme::load(botwright::editor::ThemeKind::Dark);
    CHECK(window.palette().color(QPalette::Window) == dark.palette().color(QPalette::Window));
    CHECK(window.projectDock()->tree()->palette().color(QPalette::Base) ==
          dark.palette().color(QPalette::Base));
    const QString shot = botwright::testing::saveScreenshot(&window, QStringLiteral("main_window_dark"));
    CHECK(QFileInfo(shot).size() > 10000);
    window.close();
}

TEST_CASE("closing with unsaved edits asks; Cancel keeps the window and the edits", "[gui][studio]") {
    resetSettings();
    Studio studio;
    MainWindow& window = studio.window;
    auto* page = window.tabs()->currentPage();
    REQUIRE(page != nullptr);
    const QByteArray before = readDisk(page->filePath());
    page->editor()->insertAt(QStringLiteral("// unsaved\n"), 0, 0);
    REQUIRE(page->isModified());

    QStringList asked;
    window.tabs()->setUnsavedPrompt([&asked](const QStringList& files) {
        asked = files;
        return QMessageBox::Cancel;
    });
    CHECK_FALSE(window.close());
    CHECK(window.isVisible());
    CHECK(asked == QStringList{page->fileName()});
    CHECK(page->editor()->text().startsWith(QStringLiteral("// unsaved\n")));

    window.tabs()->setUnsavedPrompt([](const QStringList&) { return QMessageBox::Discard; });
    CHECK(window.close());
    CHECK(readDisk(page->filePath()) == before);
}

TEST_CASE("closing a single modified tab can save it", "[gui][studio]") {
    resetSettings();
    Studio studio;
    MainWindow& window = studio.window;
    auto* page = window.tabs()->currentPage();
    REQUIRE(page != nullptr);
    const QString path = page->filePath();
    page->editor()->append(QStringLiteral("\n// saved on close\n"));
    window.tabs()->setUnsavedPrompt([](const QStringList&) { return QMessageBox::Save; });
    CHECK(window.tabs()->closePage(window.tabs()->currentIndex()));
    CHECK(readDisk(path).endsWith("// saved on close\n"));
    CHECK(window.tabs()->count() == 0);
    window.close();
}

TEST_CASE("layout, project, open files and theme come back on the next start", "[gui][studio]") {
    resetSettings();
    QString projectPath;
    QString helloPath;
    {
        Studio first;
        MainWindow& window = first.window;
        projectPath = window.project()->rootPath();
        helloPath = window.project()->scriptPath(QStringLiteral("hello"));
        QString error;
        REQUIRE(window.tabs()->openFile(window.project()->scriptPath(QStringLiteral("ping")), &error));
        REQUIRE(window.tabs()->openFile(helloPath, &error));
        window.setTheme(botwright::editor::ThemeKind::Dark);
        window.resize(1111, 777);
        REQUIRE(window.close());
    }
    Studio second;
    MainWindow& window = second.window;
    REQUIRE(window.project() != nullptr);
    CHECK(window.project()->rootPath() == projectPath);
    CHECK(window.tabs()->count() == 2);
    REQUIRE(window.tabs()->currentPage() != nullptr);
    CHECK(window.tabs()->currentPage()->filePath() == helloPath);
    CHECK(window.theme() == botwright::editor::ThemeKind::Dark);
    CHECK(window.action(QStringLiteral("theme.dark"))->isChecked());
    CHECK(window.size() == QSize(1111, 777));
    window.close();
}

TEST_CASE("a failed save keeps the edits and says why", "[gui][studio]") {
    resetSettings();
    Studio studio;
    MainWindow& window = studio.window;
    auto* page = window.tabs()->currentPage();
    REQUIRE(page != nullptr);
    page->editor()->append(QStringLiteral("\n// precious edit\n"));
    // Replace the file with a directory: the atomic rename cannot succeed.
    const QString path = page->filePath();
    REQUIRE(QFile::remove(path));
    REQUIRE(QDir().mkdir(path));
    CHECK_FALSE(window.tabs()->saveCurrent());
    REQUIRE(studio.errors.size() == 1);
    CHECK(studio.errors.first().contains(QFileInfo(path).fileName()));
    CHECK(studio.errors.first().contains(QStringLiteral("edits are still in the editor")));
    CHECK(page->isModified());
    CHECK(page->editor()->text().contains(QStringLiteral("// precious edit")));
    REQUIRE(QDir().rmdir(path));
    CHECK(window.tabs()->saveCurrent());
    CHECK(readDisk(path).contains("// precious edit"));
    window.close();
}

TEST_CASE("a file changed on disk reloads when clean and never overwrites unsaved edits", "[gui][studio]") {
    resetSettings();
    Studio studio;
    MainWindow& window = studio.window;
    auto* page = window.tabs()->currentPage();
    REQUIRE(page != nullptr);
    writeDisk(page->filePath(), "// changed by another program\n");
    CHECK(QTest::qWaitFor(
        [&] { return page->editor()->text() == QStringLiteral("// changed by another program\n"); }, 5000));
    CHECK_FALSE(page->isModified());

    page->editor()->append(QStringLiteral("// mine\n"));
    writeDisk(page->filePath(), "// changed again\n");
    QTest::qWait(500);
    CHECK(page->editor()->text().contains(QStringLiteral("// mine")));
    CHECK(page->isModified());
    window.tabs()->setUnsavedPrompt([](const QStringList&) { return QMessageBox::Discard; });
    window.close();
}

TEST_CASE("new scripts get Botloader names and appear in the project tree", "[gui][studio]") {
    resetSettings();
    Studio studio;
    MainWindow& window = studio.window;
    CHECK(window.createScript(QStringLiteral("welcome")));
    CHECK(window.projectDock()->listedScripts().contains(QStringLiteral("welcome.ts")));
    CHECK(window.tabs()->currentPage()->fileName() == QStringLiteral("welcome.ts"));
    CHECK_FALSE(window.createScript(QStringLiteral("bad name")));
    REQUIRE(studio.errors.size() == 1);
    CHECK(studio.errors.first().contains(QStringLiteral("not a valid script name")));
    window.close();
}

TEST_CASE("unsaved edits survive a crash and come back marked unsaved", "[gui][studio][recovery]") {
    resetSettings();
    QString path;
    QByteArray onDisk;
    {
        Studio first;
        auto* page = first.window.tabs()->currentPage();
        REQUIRE(page != nullptr);
        path = page->filePath();
        onDisk = readDisk(path);
        page->editor()->insertAt(QStringLiteral("// typed just before the crash\n"), 0, 0);
        first.window.saveSession();
        // The recovery copy is written shortly after typing; wait for it as a person's session would.
        REQUIRE(
            QTest::qWaitFor([] { return !botwright::project::RecoveryStore().entries().isEmpty(); }, 5000));
        // No close event: the window is destroyed as if the process had died.
    }
    CHECK(readDisk(path) == onDisk);
    Studio second;
    auto* page = second.window.tabs()->pageFor(path);
    REQUIRE(page != nullptr);
    CHECK(page->editor()->text().startsWith(QStringLiteral("// typed just before the crash\n")));
    CHECK(page->isModified());
    CHECK(second.window.isWindowModified());
    CHECK(second.window.tabs()->saveCurrent());
    CHECK(readDisk(path).startsWith("// typed just before the crash\n"));
    CHECK(botwright::project::RecoveryStore().entries().isEmpty());
    second.window.close();
}

TEST_CASE("discarding edits on close also discards their recovery copy", "[gui][studio][recovery]") {
    resetSettings();
    {
        Studio first;
        auto* page = first.window.tabs()->currentPage();
        REQUIRE(page != nullptr);
        page->editor()->insertAt(QStringLiteral("// throw me away\n"), 0, 0);
        first.window.tabs()->writeRecoveryNow();
        REQUIRE(botwright::project::RecoveryStore().entries().size() == 1);
        first.window.tabs()->setUnsavedPrompt([](const QStringList&) { return QMessageBox::Discard; });
        REQUIRE(first.window.close());
    }
    CHECK(botwright::project::RecoveryStore().entries().isEmpty());
    Studio second;
    CHECK_FALSE(second.window.tabs()->hasUnsavedChanges());
    second.window.close();
}

TEST_CASE("the shown studio starts the sandbox and connects its own bot to it, capturing the traffic",
          "[gui][studio]") {
    MainWindow window;
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(QTest::qWaitFor([&] { return window.sandboxHost()->isRunning(); }, 10000));
    const botwright::capture::CaptureStore& store = window.gatewayHost()->capture();
    REQUIRE(
        QTest::qWaitFor([&] { return store.size() >= 4; }, 10000)); // hello, identify, READY, GUILD_CREATE
    bool ready = false;
    for (quint32 i = 0; i < store.size(); ++i)
        ready |= store.eventName(i) == QStringLiteral("READY");
    CHECK(ready);
    // Live Traffic shows the same frames.
    window.resize(1280, 800);
    window.action(QStringLiteral("view.liveTraffic"))->trigger();
    window.action(QStringLiteral("view.sandbox"))->trigger();
    QTest::qWait(400);
    botwright::testing::saveScreenshot(&window, QStringLiteral("studio_live_traffic"));
    window.action(QStringLiteral("view.gateway"))->trigger();
    QTest::qWait(1200);
    botwright::testing::saveScreenshot(&window, QStringLiteral("studio_gateway"));
}

TEST_CASE("the open project's scripts run live: status, Console output, reload on save, click to source",
          "[gui][studio][scripts]") {
    resetSettings();
    Studio studio; // first start: the example project
    MainWindow& window = studio.window;
    window.resize(1280, 800);
    REQUIRE(window.project() != nullptr);
    auto* status = window.findChild<QLabel*>(QStringLiteral("vmStatus"));
    REQUIRE(status != nullptr);
    // The VM starts (the example's scripts may use SDK calls this VM lacks: then the Console says so).
    const bool started = QTest::qWaitFor(
        [&] {
            return status->text().startsWith(QStringLiteral("Scripts: running")) ||
                   status->text().startsWith(QStringLiteral("Scripts: failed"));
        },
        20000);
    const botwright::studio::ConsoleModel* console = window.consoleDock()->model();
    for (int r = 0; r < console->rowCount(); ++r)
        UNSCOPED_INFO(console->entryAt(r).level.toStdString() + ": " +
                      console->entryAt(r).message.toStdString());
    INFO(status->text().toStdString());
    REQUIRE(started);
    if (!status->text().startsWith(QStringLiteral("Scripts: running")))
        CHECK(console->rowCount() > 0);

    // A save reloads the scripts; what they print reaches the Console with its .ts position.
    QString error;
    const QString helloPath = window.project()->scriptPath(QStringLiteral("hello"));
    auto* page = window.tabs()->openFile(helloPath, &error);
    REQUIRE(page != nullptr);
    page->editor()->setText(
        QStringLiteral("// the test's own script\n  console.warn(\"hello from the test\");\n"));
    const int logLine = 2;
    REQUIRE(window.tabs()->saveCurrent());
    int row = -1;
    REQUIRE(QTest::qWaitFor(
        [&] {
            for (int r = 0; r < console->rowCount(); ++r)
                if (console->entryAt(r).message == QStringLiteral("hello from the test"))
                    row = r;
            return row >= 0;
        },
        20000));
    CHECK(console->entryAt(row).level == QStringLiteral("warn"));
    CHECK(console->entryAt(row).script == QStringLiteral("hello"));
    CHECK(console->entryAt(row).line == logLine);
    REQUIRE(QTest::qWaitFor([&] { return status->text().contains(QStringLiteral("reloaded in")); }, 20000));
    CHECK(status->text().startsWith(QStringLiteral("Scripts: running")));

    // Clicking the entry opens the script at that position.
    window.tabs()->openFile(window.project()->scriptPath(QStringLiteral("ping")), &error);
    QSignalSpy activated(window.consoleDock(), &botwright::studio::ConsoleDock::positionActivated);
    window.action(QStringLiteral("view.console"))->trigger();
    REQUIRE(window.consoleDock()->isVisible());
    QTest::qWait(200);
    QTableView* table = window.consoleDock()->table();
    table->scrollTo(console->index(row, 0));
    QTest::mouseClick(
        table->viewport(), Qt::LeftButton, {},
        table->visualRect(console->index(row, botwright::studio::ConsoleModel::MessageColumn)).center());
    REQUIRE(activated.size() == 1);
    REQUIRE(window.tabs()->currentPage() != nullptr);
    CHECK(window.tabs()->currentPage()->filePath() == helloPath);
    int line = 0;
    int index = 0;
    window.tabs()->currentPage()->editor()->getCursorPosition(&line, &index);
    CHECK(line + 1 == logLine);
    CHECK(index + 1 == console->entryAt(row).column);
    QTest::qWait(300);
    botwright::testing::saveScreenshot(&window, QStringLiteral("studio_console"));

    // Scripts ▸ Clock ▸ Fast-forward 1 hour: the example's hourly "ping report" runs now.
    auto* clock = window.findChild<QMenu*>(QStringLiteral("clockMenu"));
    REQUIRE(clock != nullptr);
    // … and its plan choice sets the task-operation pace for this and later runtimes.
    CHECK(window.findChild<botwright::studio::ScriptRuntimeHost*>()->taskRate() == 1);
    auto* premium = clock->findChild<QAction*>(QStringLiteral("tasks.rate.premium"));
    REQUIRE(premium != nullptr);
    premium->trigger();
    CHECK(premium->isChecked());
    CHECK(window.findChild<botwright::studio::ScriptRuntimeHost*>()->taskRate() == 10);
    auto* hour = clock->findChild<QAction*>(QStringLiteral("clock.advance.hour"));
    REQUIRE(hour != nullptr);
    hour->trigger();
    REQUIRE(QTest::qWaitFor(
        [&] {
            for (int r = 0; r < console->rowCount(); ++r)
                if (console->entryAt(r).message.startsWith(QStringLiteral("ping report: ")))
                    return true;
            return false;
        },
        20000));
    window.close();
}
