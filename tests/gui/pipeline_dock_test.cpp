// The Pipeline dock in the real studio: a real sandbox, the studio's own bot, the project's scripts
// in botwright-vm, breakpoints, the waiting queue, payload edits, stepping, replay after an edit and
// the Live Traffic context menu. Screenshots go to build/test-artifacts/pipeline_*.png.
#include "app/studio/breakpoint_dialog.h"
#include "app/studio/console_dock.h"
#include "app/studio/console_model.h"
#include "app/studio/editor_tabs.h"
#include "app/studio/json_tree_model.h"
#include "app/studio/main_window.h"
#include "app/studio/payload_edit_dialog.h"
#include "app/studio/pipeline_dock.h"
#include "app/studio/pipeline_event_model.h"
#include "app/studio/pipeline_outcome_view.h"
#include "app/studio/pipeline_stage_view.h"
#include "app/studio/traffic_dock.h"
#include "app/studio/traffic_model.h"
#include "editor/code_editor.h"
#include "editor/editor_page.h"
#include "engine/gateway/gateway_host.h"
#include "engine/sandbox/sandbox_host.h"
#include "engine/sandbox/sandbox_server.h"
#include "engine/sandbox/world.h"
#include "tests/support/gui_test_env.h"
#include "tests/support/qt_catch.h"
#include "tests/support/widget_lookup.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using botwright::pipeline::Stage;
using botwright::pipeline::TraceRecord;
using botwright::studio::MainWindow;
using botwright::studio::PipelineDock;
using botwright::studio::PipelineEventModel;

namespace {

constexpr botwright::sandbox::Snowflake kGeneral = 1113768910127104000ULL;
constexpr botwright::sandbox::Snowflake kAlice = 948142551859331072ULL;
constexpr int kWaitMs = 20000;

void writeDisk(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

void say(MainWindow& window, const QString& content) {
    window.sandboxHost()->post([content](botwright::sandbox::SandboxServer& server) {
        botwright::sandbox::World::MessageDraft draft;
        draft.content = content;
        server.world().createMessage(kGeneral, kAlice, std::move(draft));
    });
}

// Console messages the scripts printed, in order.
QStringList consoleLines(MainWindow& window) {
    QStringList lines;
    const botwright::studio::ConsoleModel* model = window.consoleDock()->model();
    for (int r = 0; r < model->rowCount(); ++r)
        lines << model->entryAt(r).message;
    return lines;
}

const TraceRecord* recordWhere(PipelineDock* dock, const std::function<bool(const TraceRecord&)>& match) {
    const PipelineEventModel* model = dock->model();
    for (int r = model->rowCount() - 1; r >= 0; --r)
        if (match(model->recordAt(r)))
            return &model->recordAt(r);
    return nullptr;
}

const TraceRecord* messageRecord(PipelineDock* dock, const QString& content, qint64 replayOf = 0) {
    return recordWhere(dock, [&](const TraceRecord& r) {
        return r.type == "MESSAGE_CREATE" && r.replayOf == replayOf &&
               QJsonDocument::fromJson(r.raw).object().value(QStringLiteral("content")).toString() == content;
    });
}

struct Studio {
    QTemporaryDir dir;
    MainWindow window;
    QStringList errors;
    Studio() {
        QSettings().clear();
        REQUIRE(dir.isValid());
        writeDisk(dir.filePath(QStringLiteral("echo.ts")), "// the pipeline dock test's script\n"
                                                           "script.on(\"MESSAGE_CREATE\", (message) => {\n"
                                                           "    console.log(\"got \" + message.content);\n"
                                                           "});\n");
        window.setErrorReporter([this](const QString&, const QString& message) { errors << message; });
        REQUIRE(window.openProject(dir.path()));
        window.resize(1500, 950);
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        auto* status = window.findChild<QLabel*>(QStringLiteral("vmStatus"));
        REQUIRE(QTest::qWaitFor([&] { return status->text().startsWith(QStringLiteral("Scripts: running")); },
                                kWaitMs));
        // The bot's session is up: the sandbox's READY reached the scripts.
        say(window, QStringLiteral("warm-up"));
        REQUIRE(QTest::qWaitFor([&] { return consoleLines(window).contains(QStringLiteral("got warm-up")); },
                                kWaitMs));
    }
};

} // namespace

TEST_CASE("the breakpoint dialog checks conditions as they are typed", "[gui][pipeline]") {
    botwright::studio::BreakpointDialog dialog({});
    dialog.eventTypeBox()->setCurrentText(QStringLiteral("MESSAGE_CREATE"));
    dialog.stageBox()->setCurrentIndex(2);
    dialog.conditionEdit()->setText(QStringLiteral("content startsWith"));
    CHECK_FALSE(dialog.addButton()->isEnabled());
    CHECK_FALSE(dialog.conditionError()->text().contains(QStringLiteral("valid")));
    dialog.conditionEdit()->setText(QStringLiteral("content startsWith \"!\""));
    REQUIRE(dialog.addButton()->isEnabled());
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    dialog.eventTypeBox()->setCurrentText(QStringLiteral("*"));
    dialog.stageBox()->setCurrentIndex(0);
    dialog.conditionEdit()->clear();
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    REQUIRE(dialog.breakpoints().size() == 2);
    CHECK(dialog.breakpoints()[0].eventType == QStringLiteral("MESSAGE_CREATE"));
    CHECK(dialog.breakpoints()[0].stage == Stage::Event);
    CHECK(dialog.breakpoints()[0].condition.text() == QStringLiteral("content startsWith \"!\""));
    CHECK(dialog.breakpoints()[1].condition.isEmpty());
    dialog.table()->selectRow(1);
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    CHECK(dialog.breakpoints().size() == 1);
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    botwright::testing::saveScreenshot(&dialog, QStringLiteral("pipeline_breakpoints"));
}

TEST_CASE("the JSON tree shows paths and marks the transformer's changes", "[gui][pipeline]") {
    botwright::studio::JsonTreeModel model;
    model.setJson(R"({"channel_id":"1","author":{"id":"2","bot":false},"mentions":[{"id":"3"}],"nonce":7})");
    REQUIRE(model.isValidJson());
    const QModelIndex mention = model.indexOfPath(QStringLiteral("mentions[0].id"));
    REQUIRE(mention.isValid());
    CHECK(model.data(mention.siblingAtColumn(1)).toString() == QStringLiteral("\"3\""));
    model.setMarks({{QStringLiteral("nonce"), {QStringLiteral("dropped"), QStringLiteral("7")}}});
    const QModelIndex nonce = model.indexOfPath(QStringLiteral("nonce"));
    CHECK(model.data(nonce, Qt::FontRole).value<QFont>().strikeOut());
    CHECK(model.data(nonce, Qt::ToolTipRole).toString().startsWith(QStringLiteral("dropped")));
    model.setJson("{not json");
    CHECK_FALSE(model.isValidJson());
    CHECK(model.rowCount() == 1);
}

TEST_CASE("a breakpoint pauses the right event at the right stage; the queue waits in order; an edited "
          "payload reaches the script; replay after an edit shows the new outcome",
          "[gui][pipeline][scripts]") {
    Studio studio;
    MainWindow& window = studio.window;
    PipelineDock* dock = window.pipelineDock();
    REQUIRE(dock != nullptr);
    CHECK(dock->objectName() == QStringLiteral("pipelineDock"));
    QAction* toggle = window.action(QStringLiteral("view.pipeline"));
    REQUIRE(toggle != nullptr);
    CHECK(toggle->shortcut() == QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    toggle->trigger();
    dock->raise(); // in front of Live Traffic, its tab neighbour
    REQUIRE(dock->isVisible());

    // Traffic before the breakpoint flows through and is listed with its outcome.
    say(window, QStringLiteral("plain hello"));
    REQUIRE(QTest::qWaitFor(
        [&] {
            const TraceRecord* r = messageRecord(dock, QStringLiteral("plain hello"));
            return r && r->status == TraceRecord::Status::Done && r->listeners == 1;
        },
        kWaitMs));
    const qint64 helloId = messageRecord(dock, QStringLiteral("plain hello"))->id;

    QString error;
    CHECK_FALSE(dock->addBreakpoint(QStringLiteral("MESSAGE_CREATE"), Stage::Event,
                                    QStringLiteral("content startsWith"), &error));
    CHECK_FALSE(error.isEmpty());
    REQUIRE(dock->addBreakpoint(QStringLiteral("MESSAGE_CREATE"), Stage::Event,
                                QStringLiteral("content startsWith \"!\""), &error));
    QTest::qWait(200); // the breakpoint travels to the runtime's thread

    // A message without "!" passes; one with "!" pauses before the event stage.
    say(window, QStringLiteral("no bang"));
    say(window, QStringLiteral("!first"));
    REQUIRE(QTest::qWaitFor([&] { return dock->pausedId() != 0; }, kWaitMs));
    const TraceRecord* paused = dock->model()->record(dock->pausedId());
    REQUIRE(paused != nullptr);
    CHECK(QJsonDocument::fromJson(paused->raw).object().value(QStringLiteral("content")).toString() ==
          QStringLiteral("!first"));
    CHECK(paused->status == TraceRecord::Status::Paused);
    CHECK(paused->pausedBefore == Stage::Event);
    CHECK(dock->selectedId() == dock->pausedId());
    CHECK(dock->stepAction()->isEnabled());
    REQUIRE(QTest::qWaitFor([&] { return consoleLines(window).contains(QStringLiteral("got no bang")); },
                            kWaitMs));
    CHECK_FALSE(consoleLines(window).contains(QStringLiteral("got !first")));

    // Later events queue behind it, in order; the dock counts them.
    say(window, QStringLiteral("second"));
    say(window, QStringLiteral("third"));
    REQUIRE(QTest::qWaitFor([&] { return dock->waiting() == 2; }, kWaitMs));
    CHECK(dock->waitingLabel()->text().contains(QStringLiteral("2 waiting")));
    QTest::qWait(300);
    CHECK_FALSE(consoleLines(window).contains(QStringLiteral("got second")));

    // Edit payload: the listeners get the edited SDK payload.
    dock->editPayload();
    botwright::studio::PayloadEditDialog* dialog = dock->payloadDialog();
    REQUIRE(dialog != nullptr);
    QJsonObject payload = QJsonDocument::fromJson(dialog->editor()->toPlainText().toUtf8()).object();
    CHECK(payload.value(QStringLiteral("content")).toString() == QStringLiteral("!first"));
    CHECK(payload.contains(QStringLiteral("channelId"))); // the SDK shape before the event stage
    dialog->editor()->setPlainText(QStringLiteral("{ broken"));
    CHECK_FALSE(dialog->isValid());
    CHECK(dialog->status()->text().contains(QStringLiteral("Line 1")));
    payload.insert(QStringLiteral("content"), QStringLiteral("!edited in the studio"));
    dialog->editor()->setPlainText(QString::fromUtf8(QJsonDocument(payload).toJson()));
    REQUIRE(dialog->isValid());
    botwright::testing::saveScreenshot(dialog, QStringLiteral("pipeline_edit_payload"));
    QTest::mouseClick(botwright::testing::buttonNamed(dialog, QStringLiteral("Apply")), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return dock->payloadDialog() == nullptr; }, kWaitMs));
    REQUIRE(QTest::qWaitFor([&] { return dock->model()->record(dock->pausedId())->edited; }, kWaitMs));
    QTest::qWait(300);
    botwright::testing::saveScreenshot(&window, QStringLiteral("pipeline_paused"));

    // Continue (F5): the edited event runs, then the queue drains in order.
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_F5);
    REQUIRE(
        QTest::qWaitFor([&] { return consoleLines(window).contains(QStringLiteral("got third")); }, kWaitMs));
    const QStringList lines = consoleLines(window);
    const qsizetype edited = lines.indexOf(QStringLiteral("got !edited in the studio"));
    REQUIRE(edited >= 0);
    CHECK(edited < lines.indexOf(QStringLiteral("got second")));
    CHECK(lines.indexOf(QStringLiteral("got second")) < lines.indexOf(QStringLiteral("got third")));
    CHECK_FALSE(lines.contains(QStringLiteral("got !first")));
    CHECK(dock->pausedId() == 0);
    REQUIRE(QTest::qWaitFor([&] { return dock->waiting() == 0; }, kWaitMs));
    CHECK_FALSE(dock->stepAction()->isEnabled());

    // Step (F10) through the stages: pause before the transformer, step, then the event stage.
    dock->setBreakpoints({});
    REQUIRE(dock->addBreakpoint(QStringLiteral("MESSAGE_CREATE"), Stage::Transformer,
                                QStringLiteral("content == \"!walk\"")));
    QTest::qWait(200);
    say(window, QStringLiteral("!walk"));
    REQUIRE(QTest::qWaitFor([&] { return dock->pausedId() != 0; }, kWaitMs));
    const qint64 walkId = dock->pausedId();
    CHECK(dock->model()->record(walkId)->pausedBefore == Stage::Transformer);
    QTest::keyClick(&window, Qt::Key_F10);
    REQUIRE(QTest::qWaitFor(
        [&] {
            const TraceRecord* r = dock->model()->record(walkId);
            return r && r->status == TraceRecord::Status::Paused && r->pausedBefore == Stage::Event;
        },
        kWaitMs));
    CHECK_FALSE(dock->model()->record(walkId)->transformed.isEmpty());
    QTest::qWait(300);
    CHECK(dock->stageView()->transformedModel()->nodeCount() > 10);
    REQUIRE(QTest::qWaitFor([&] { return dock->stageView()->changes()->topLevelItemCount() > 0; }, kWaitMs));
    botwright::testing::saveScreenshot(&window, QStringLiteral("pipeline_stepping"));
    QTest::keyClick(&window, Qt::Key_F10);
    REQUIRE(
        QTest::qWaitFor([&] { return consoleLines(window).contains(QStringLiteral("got !walk")); }, kWaitMs));
    REQUIRE(QTest::qWaitFor([&] { return dock->pausedId() == 0; }, kWaitMs));
    dock->setBreakpoints({});

    // Replay after a script edit: the new record shows the new outcome next to the old one.
    QString openError;
    botwright::editor::EditorPage* page =
        window.tabs()->openFile(window.project()->scriptPath(QStringLiteral("echo")), &openError);
    REQUIRE(page != nullptr);
    page->editor()->setText(QStringLiteral("// the pipeline dock test's script, edited\n"
                                           "script.on(\"MESSAGE_CREATE\", (message) => {\n"
                                           "    console.warn(\"v2 \" + message.content);\n"
                                           "});\n"));
    REQUIRE(window.tabs()->saveCurrent());
    auto* status = window.findChild<QLabel*>(QStringLiteral("vmStatus"));
    REQUIRE(QTest::qWaitFor([&] { return status->text().contains(QStringLiteral("reloaded in")); }, kWaitMs));
    dock->selectRecord(helloId);
    REQUIRE(dock->selectedId() == helloId);
    dock->replaySelected(Stage::Handler);
    REQUIRE(QTest::qWaitFor(
        [&] {
            const TraceRecord* r = messageRecord(dock, QStringLiteral("plain hello"), helloId);
            return r && r->status == TraceRecord::Status::Done && !r->logs.isEmpty();
        },
        kWaitMs));
    const TraceRecord* replayed = messageRecord(dock, QStringLiteral("plain hello"), helloId);
    CHECK(replayed->logs.first().message == QStringLiteral("v2 plain hello"));
    CHECK(replayed->logs.first().level == QStringLiteral("warn"));
    CHECK(replayed->logs.first().script == QStringLiteral("echo"));
    CHECK(replayed->logs.first().line == 3);
    CHECK(
        dock->model()
            ->data(dock->model()->index(dock->model()->rowOf(replayed->id), PipelineEventModel::EventColumn))
            .toString()
            .contains(QStringLiteral("replay of #%1").arg(helloId)));
    REQUIRE(QTest::qWaitFor([&] { return dock->selectedId() == replayed->id; }, kWaitMs));
    CHECK(dock->compareAction()->isChecked());
    CHECK(dock->originalView()->isVisible());
    CHECK(dock->originalView()->recordId() == helloId);
    const auto* title = dock->stageView()->findChild<QLabel*>(QStringLiteral("pipelineStageTitle"));
    REQUIRE(title != nullptr);
    CHECK(title->text().contains(QStringLiteral("changed: console")));
    const QTreeWidgetItem* console = dock->stageView()->outcome()->consoleBranch();
    REQUIRE(console != nullptr);
    REQUIRE(console->childCount() == 1);
    CHECK(console->child(0)->text(botwright::studio::PipelineOutcomeView::TextColumn) ==
          QStringLiteral("v2 plain hello"));
    const QTreeWidgetItem* oldConsole = dock->originalView()->outcome()->consoleBranch();
    REQUIRE(oldConsole != nullptr);
    REQUIRE(oldConsole->childCount() == 1);
    CHECK(oldConsole->child(0)->text(botwright::studio::PipelineOutcomeView::TextColumn) ==
          QStringLiteral("got plain hello"));
    QTest::qWait(300);
    botwright::testing::saveScreenshot(&window, QStringLiteral("pipeline_replay_compare"));

    // Clicking the console line's position opens the script there.
    QSignalSpy opened(dock, &PipelineDock::positionActivated);
    botwright::studio::PipelineOutcomeView* outcome = dock->stageView()->outcome();
    QRect where = outcome->visualItemRect(console->child(0));
    where.setLeft(outcome->header()->sectionPosition(botwright::studio::PipelineOutcomeView::WhereColumn));
    QTest::mouseClick(outcome->viewport(), Qt::LeftButton, {}, where.center());
    REQUIRE(opened.size() == 1);
    CHECK(opened.at(0).at(0).toString() == QStringLiteral("echo"));
    CHECK(opened.at(0).at(1).toInt() == 3);
    REQUIRE(window.tabs()->currentPage() != nullptr);
    CHECK(window.tabs()->currentPage()->filePath().endsWith(QStringLiteral("/echo.ts")));

    // Live Traffic's context menu: break on a dispatch type, replay a frame through the pipeline.
    window.action(QStringLiteral("view.liveTraffic"))->trigger();
    botwright::studio::TrafficDock* traffic = window.trafficDock();
    traffic->refresh();
    int row = -1;
    const botwright::capture::CaptureStore& store = window.gatewayHost()->capture();
    for (int r = traffic->model()->rowCount() - 1; r >= 0 && row < 0; --r) {
        const quint32 i = traffic->model()->storeRow(r);
        if (store.eventName(i) == QStringLiteral("MESSAGE_CREATE") &&
            store.payload(i).contains("\"no bang\""))
            row = r;
    }
    REQUIRE(row >= 0);
    // Closed, the dock takes no trace updates; opened again it catches up from the pipeline's ring.
    toggle->trigger();
    REQUIRE_FALSE(dock->isVisible());
    say(window, QStringLiteral("while hidden"));
    REQUIRE(QTest::qWaitFor([&] { return consoleLines(window).contains(QStringLiteral("v2 while hidden")); },
                            kWaitMs));
    QTest::qWait(200);
    CHECK(messageRecord(dock, QStringLiteral("while hidden")) == nullptr);
    toggle->trigger();
    dock->raise(); // in front of Live Traffic, its tab neighbour
    REQUIRE(dock->isVisible());
    REQUIRE(QTest::qWaitFor(
        [&] {
            const TraceRecord* r = messageRecord(dock, QStringLiteral("while hidden"));
            return r && r->status == TraceRecord::Status::Done;
        },
        kWaitMs));
    std::unique_ptr<QMenu> menu(traffic->contextMenu(row, &window));
    QAction* breakOn = nullptr;
    QAction* replay = nullptr;
    for (QAction* a : menu->actions()) {
        if (a->text() == QStringLiteral("Break on MESSAGE_CREATE before transformer"))
            breakOn = a;
        if (a->text() == QStringLiteral("Replay through pipeline"))
            replay = a;
    }
    REQUIRE(breakOn != nullptr);
    REQUIRE(replay != nullptr);
    breakOn->trigger();
    REQUIRE(dock->breakpoints().size() == 1);
    CHECK(dock->breakpoints().first().eventType == QStringLiteral("MESSAGE_CREATE"));
    CHECK(dock->breakpoints().first().stage == Stage::Transformer);
    dock->setBreakpoints({});
    QTest::qWait(200);
    replay->trigger();
    REQUIRE(QTest::qWaitFor(
        [&] {
            const TraceRecord* r = messageRecord(dock, QStringLiteral("no bang"), -1);
            return r && r->status == TraceRecord::Status::Done;
        },
        kWaitMs));
    REQUIRE(QTest::qWaitFor([&] { return consoleLines(window).contains(QStringLiteral("v2 no bang")); },
                            kWaitMs));
    CHECK(studio.errors.isEmpty());
    window.close();
}
