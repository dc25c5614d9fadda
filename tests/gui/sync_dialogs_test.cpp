// The studio's Sync menu: the review dialog (per-script rows and diffs, validation, conflicts that
// block until resolved), the conflict dialog (both sides, the choice), the settings dialog (API key
// in the keychain store, never in the settings file), and whole push and pull runs through the
// SyncController against the local Botloader API server.
#include "app/studio/diff_view.h"
#include "app/studio/guild_picker_dialog.h"
#include "app/studio/main_window.h"
#include "app/studio/memory_token_store.h"
#include "app/studio/sync_conflict_dialog.h"
#include "app/studio/sync_controller.h"
#include "app/studio/sync_review_dialog.h"
#include "app/studio/sync_settings_dialog.h"
#include "tests/support/botloader_api_server.h"
#include "tests/support/gui_test_env.h"
#include "tests/support/sync_test_support.h"
#include "tests/support/widget_lookup.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace botwright;
using namespace botwright::exporting;
using botwright::testing::readFile;
using botwright::testing::writeFile;

namespace {

const QString kKey = QStringLiteral("bl-gui-key-5c4b3a29180f7e6d");

template <typename T>
T* child(const QObject& root, const char* name) {
    T* found = root.findChild<T*>(QLatin1String(name));
    if (found == nullptr)
        FAIL("no " << name);
    return found;
}

RemoteScript remote(qint64 id, const QString& name, const QByteArray& source) {
    RemoteScript s;
    s.id = id;
    s.name = name;
    s.originalSource = QString::fromUtf8(source);
    return s;
}

// A push plan with one of everything.
SyncPlan samplePlan() {
    const QMap<QString, QByteArray> local{{QStringLiteral("added"), "console.log('new');\n"},
                                          {QStringLiteral("edited"), "line 1\nline 2 changed\nline 3\n"},
                                          {QStringLiteral("both"), "mine\n"}};
    const QMap<QString, SyncedCopy> base{
        {QStringLiteral("edited"), SyncedCopy{1, "line 1\nline 2\nline 3\n"}},
        {QStringLiteral("removed"), SyncedCopy{2, "bye\n"}},
        {QStringLiteral("both"), SyncedCopy{3, "base\n"}}};
    const QList<RemoteScript> server{remote(1, QStringLiteral("edited"), "line 1\nline 2\nline 3\n"),
                                     remote(2, QStringLiteral("removed"), "bye\n"),
                                     remote(3, QStringLiteral("both"), "theirs\n"),
                                     remote(4, QStringLiteral("web"), "from the web\n")};
    SyncPlan plan = planSync(SyncDirection::Push, local, base, server);
    plan.guildId = QStringLiteral("42");
    return plan;
}

QTreeWidgetItem* row(QTreeWidget* tree, const QString& file) {
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(0) == file)
            return tree->topLevelItem(i);
    FAIL("no row " << file.toStdString());
    return nullptr;
}

template <typename T>
T* waitForTopLevel(const char* name, int timeoutMs = 30000) {
    T* found = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* t = qobject_cast<T*>(w);
                    t && t->objectName() == QLatin1String(name) && t->isVisible())
                    found = t;
            return found != nullptr;
        },
        timeoutMs);
    return found;
}

} // namespace

TEST_CASE("the review dialog lists each script with its diff and blocks on an unresolved conflict",
          "[gui][sync]") {
    studio::SyncReviewDialog dialog(samplePlan(), QStringLiteral("my-bot"), QStringLiteral("Test Guild"));
    dialog.setIssues({ValidationIssue{ValidationIssue::Severity::Warning, QStringLiteral("edited"),
                                      QStringLiteral("TS1005: ';' expected."), 2, 7}});
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    QTreeWidget* tree = dialog.entries();
    CHECK(tree->topLevelItemCount() == 5);
    CHECK(row(tree, QStringLiteral("added.ts"))->text(1) == QStringLiteral("create on server"));
    CHECK(row(tree, QStringLiteral("edited.ts"))->text(1) == QStringLiteral("update on server"));
    CHECK(row(tree, QStringLiteral("removed.ts"))->text(1) == QStringLiteral("delete on server"));
    CHECK(row(tree, QStringLiteral("web.ts"))->text(2).contains(QStringLiteral("Pull to bring it in")));
    CHECK(row(tree, QStringLiteral("both.ts"))->text(1) == QStringLiteral("CONFLICT — resolve"));
    CHECK(child<QLabel>(dialog, "syncSummary")
              ->text()
              .contains(QStringLiteral("1 to create, 1 to update, 1 to delete")));
    CHECK(dialog.issues()->count() == 1);
    CHECK(dialog.issues()->item(0)->text() ==
          QStringLiteral("edited.ts:2:7: warning: TS1005: ';' expected."));

    // Starts on the conflict; the Push button waits for a decision.
    CHECK(tree->currentItem()->text(0) == QStringLiteral("both.ts"));
    CHECK_FALSE(dialog.applyButton()->isEnabled());
    CHECK(child<QLabel>(dialog, "syncBlocked")->text().contains(QStringLiteral("1 conflict(s) to resolve")));

    dialog.selectScript(QStringLiteral("edited"));
    const QString diff = dialog.diffView()->toPlainText();
    CHECK(diff.contains(QStringLiteral("- line 2")));
    CHECK(diff.contains(QStringLiteral("+ line 2 changed")));
    CHECK(dialog.diffView()->addedLines() == 1);
    CHECK(dialog.diffView()->removedLines() == 1);
    CHECK(dialog.diffView()->extraSelections().size() >= 2); // coloured lines
    botwright::testing::saveScreenshot(&dialog, QStringLiteral("sync_review_dialog"));

    // Resolve the conflict in its own dialog: both sides shown, then Keep Local.
    studio::SyncConflictDialog* conflict = dialog.openConflict(QStringLiteral("both"));
    REQUIRE(conflict);
    REQUIRE(QTest::qWaitForWindowExposed(conflict));
    CHECK(conflict->localView()->toPlainText().contains(QStringLiteral("mine")));
    CHECK(conflict->serverView()->toPlainText().contains(QStringLiteral("theirs")));
    CHECK(conflict->diffView()->toPlainText().contains(QStringLiteral("- mine")));
    CHECK(conflict->diffView()->toPlainText().contains(QStringLiteral("+ theirs")));
    CHECK(conflict->tabs()->count() == 4); // both sides, differences, your changes, server's changes
    botwright::testing::saveScreenshot(conflict, QStringLiteral("sync_conflict_dialog"));
    QTest::mouseClick(child<QPushButton>(*conflict, "keepLocal"), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return dialog.plan().unresolvedCount() == 0; }, 2000));
    CHECK(dialog.plan().find(QStringLiteral("both"))->resolution == Resolution::KeepLocal);
    CHECK(row(tree, QStringLiteral("both.ts"))->text(1) == QStringLiteral("conflict → keep local"));
    CHECK(dialog.applyButton()->isEnabled());

    QTest::mouseClick(dialog.applyButton(), Qt::LeftButton);
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(dialog.plan().find(QStringLiteral("both"))->effectiveAction(SyncDirection::Push) ==
          SyncAction::UpdateRemote);
}

TEST_CASE("validation errors keep the Push button disabled", "[gui][sync]") {
    studio::SyncReviewDialog dialog(samplePlan(), QStringLiteral("my-bot"), QStringLiteral("G"));
    dialog.setResolution(QStringLiteral("both"), Resolution::Skip);
    CHECK(dialog.canApply());
    dialog.setIssues({ValidationIssue{ValidationIssue::Severity::Error, QStringLiteral("added"),
                                      QStringLiteral("the source is 100001 bytes")}});
    CHECK_FALSE(dialog.applyButton()->isEnabled());
    CHECK(child<QLabel>(dialog, "syncBlocked")->text().contains(QStringLiteral("Fix the errors")));

    // A pull plan names the other direction.
    SyncPlan pull = samplePlan();
    pull.direction = SyncDirection::Pull;
    studio::SyncReviewDialog pullDialog(pull, QStringLiteral("my-bot"), QStringLiteral("G"));
    CHECK(pullDialog.applyButton()->text() == QStringLiteral("Pull"));
    CHECK(pullDialog.windowTitle() == QStringLiteral("Pull from G"));
}

TEST_CASE("Sync settings keep the API key in the store, never in the settings file", "[gui][sync]") {
    QSettings().clear();
    studio::MemoryTokenStore keys;
    keys.setSecretName(QStringLiteral("API key"));
    studio::SyncSettingsDialog dialog(QStringLiteral("https://api.botloader.io"), &keys);
    QString appliedBase;
    QObject::connect(&dialog, &studio::SyncSettingsDialog::applied, &dialog,
                     [&](const QString& base) { appliedBase = base; });
    dialog.show();
    REQUIRE(QTest::qWaitFor([&] { return keys.isLoaded(); }, 2000));
    CHECK(dialog.keyEdit()->echoMode() == QLineEdit::Password);
    CHECK(child<QLabel>(dialog, "keyStorage")->text().contains(QStringLiteral("The API key is kept in")));
    dialog.baseEdit()->setText(QStringLiteral("ftp://nope"));
    CHECK_FALSE(dialog.problem().isEmpty());
    CHECK_FALSE(dialog.apply());
    dialog.baseEdit()->setText(QStringLiteral("http://127.0.0.1:9999/api/"));
    dialog.keyEdit()->setFocus();
    QTest::keyClicks(dialog.keyEdit(), kKey);
    REQUIRE(dialog.apply());
    CHECK(appliedBase == QStringLiteral("http://127.0.0.1:9999"));
    REQUIRE(QTest::qWaitFor([&] { return keys.persistedToken() == kKey; }, 2000));

    studio::SyncController controller(nullptr, new studio::MemoryTokenStore);
    controller.setApiBase(appliedBase);
    CHECK(controller.apiBase() == QStringLiteral("http://127.0.0.1:9999"));
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    CHECK(saved.contains("127.0.0.1:9999"));
    CHECK_FALSE(saved.contains(kKey.toUtf8()));
}

TEST_CASE("push and pull through the Sync controller, with the guild picker and a conflict", "[gui][sync]") {
    QSettings().clear();
    testing::BotloaderApiServer server;
    REQUIRE(server.listen());
    server.addApiKey(kKey);
    server.addGuild(QStringLiteral("Read Only"), 0);
    const QString guild = server.addGuild(QStringLiteral("Studio Guild"));
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + QStringLiteral("/hello.ts"), "console.log('hello');\n");
    writeFile(root + QStringLiteral("/broken.ts"), "let x = 1;\nfunction (\n");

    auto* keys = new studio::MemoryTokenStore;
    keys->setPersistedToken(kKey); // stored by an earlier session
    QWidget window;
    studio::SyncController controller(&window, keys);
    controller.setApiBase(server.baseUrl());
    controller.setProjectRootProvider([&] { return root; });
    QStringList errors;
    controller.setErrorReporter([&](const QString&, const QString& message) { errors << message; });
    std::optional<SyncReport> report;
    QObject::connect(&controller, &studio::SyncController::finished, &controller,
                     [&](const SyncReport& r) { report = r; });

    // Not linked yet: the guild picker lists the key's servers; the read-only one cannot be picked.
    controller.push();
    REQUIRE(QTest::qWaitFor(
        [&] { return controller.guildPicker() && !controller.guildPicker()->isLoading(); }, 10000));
    studio::GuildPickerDialog* picker = controller.guildPicker();
    REQUIRE(picker->list()->count() == 2);
    CHECK_FALSE(picker->list()->item(0)->flags() & Qt::ItemIsEnabled);
    REQUIRE(picker->selectedGuild());
    CHECK(picker->selectedGuild()->id == guild);
    botwright::testing::saveScreenshot(picker, QStringLiteral("sync_guild_picker"));
    picker->accept();

    // The review shows both scripts to create and the TypeScript warning (from the worker thread).
    REQUIRE(QTest::qWaitFor([&] { return controller.reviewDialog() != nullptr; }, 30000));
    studio::SyncReviewDialog* review = controller.reviewDialog();
    CHECK(review->entries()->topLevelItemCount() == 2);
    bool warned = false;
    for (int i = 0; i < review->issues()->count(); ++i)
        warned = warned || review->issues()->item(i)->text().startsWith(QStringLiteral("broken.ts:2:"));
    CHECK(warned);
    REQUIRE(review->applyButton()->isEnabled()); // a TypeScript error is only a warning
    QTest::mouseClick(review->applyButton(), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return report.has_value(); }, 30000));
    CHECK(report->ok());
    CHECK(report->reloaded);
    CHECK(server.scripts(guild).size() == 2);
    auto* box = waitForTopLevel<QMessageBox>("syncReport");
    REQUIRE(box);
    CHECK(box->text() == QStringLiteral("Push: 2 created on the server; VM reloaded"));
    box->close();
    CHECK(errors.isEmpty());

    // Both sides edit hello; pull shows the conflict; the person takes the server's version.
    writeFile(root + QStringLiteral("/hello.ts"), "console.log('local');\n");
    server.editScript(guild, QStringLiteral("hello"), QStringLiteral("console.log('server');\n"));
    report.reset();
    controller.pull();
    REQUIRE(QTest::qWaitFor([&] { return controller.reviewDialog() && controller.reviewDialog() != review; },
                            30000));
    review = controller.reviewDialog();
    CHECK_FALSE(review->applyButton()->isEnabled());
    studio::SyncConflictDialog* conflict = review->openConflict(QStringLiteral("hello"));
    REQUIRE(conflict);
    CHECK(conflict->localView()->toPlainText().contains(QStringLiteral("console.log('local');")));
    CHECK(conflict->serverView()->toPlainText().contains(QStringLiteral("console.log('server');")));
    QTest::mouseClick(child<QPushButton>(*conflict, "takeServer"), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return review->applyButton()->isEnabled(); }, 2000));
    QTest::mouseClick(review->applyButton(), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return report.has_value(); }, 30000));
    CHECK(report->ok());
    CHECK(readFile(root + QStringLiteral("/hello.ts")) == "console.log('server');\n");
    REQUIRE(report->backups.size() == 1);
    CHECK(readFile(report->backups[0]) == "console.log('local');\n");
    if (auto* done = waitForTopLevel<QMessageBox>("syncReport", 2000))
        done->close();

    // Status: in sync.
    std::optional<QString> status;
    QObject::connect(&controller, &studio::SyncController::statusReady, &controller,
                     [&](const QString& text) { status = text; });
    controller.showStatus();
    REQUIRE(QTest::qWaitFor([&] { return status.has_value(); }, 30000));
    CHECK(status->startsWith(QStringLiteral("Everything is in sync with Studio Guild")));
    if (auto* shown = waitForTopLevel<QMessageBox>("syncStatus", 2000))
        shown->close();
}

TEST_CASE("a partial failure is reported per script in the studio", "[gui][sync]") {
    QSettings().clear();
    testing::BotloaderApiServer server;
    REQUIRE(server.listen());
    server.addApiKey(kKey);
    const QString guild = server.addGuild(QStringLiteral("G"));
    server.rejectName(QStringLiteral("reserved"), QStringLiteral("this name is reserved"));
    QTemporaryDir dir;
    writeFile(dir.path() + QStringLiteral("/fine.ts"), "ok\n");
    writeFile(dir.path() + QStringLiteral("/reserved.ts"), "nope\n");
    WorkspaceState state =
        WorkspaceState::create(dir.path(), QJsonObject{{QStringLiteral("id"), guild},
                                                       {QStringLiteral("name"), QStringLiteral("G")}});
    QString error;
    REQUIRE(state.save(&error)); // linked already: no picker

    auto* keys = new studio::MemoryTokenStore;
    keys->setPersistedToken(kKey);
    QWidget window;
    studio::SyncController controller(&window, keys);
    controller.setTypeCheckEnabled(false);
    controller.setApiBase(server.baseUrl());
    controller.setProjectRootProvider([&] { return dir.path(); });
    std::optional<SyncReport> report;
    QObject::connect(&controller, &studio::SyncController::finished, &controller,
                     [&](const SyncReport& r) { report = r; });
    controller.push();
    REQUIRE(QTest::qWaitFor([&] { return controller.reviewDialog() != nullptr; }, 30000));
    QTest::mouseClick(controller.reviewDialog()->applyButton(), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return report.has_value(); }, 30000));
    CHECK_FALSE(report->ok());
    auto* box = waitForTopLevel<QMessageBox>("syncReport");
    REQUIRE(box);
    CHECK(box->icon() == QMessageBox::Warning);
    CHECK(box->text() == QStringLiteral("Push: 1 created on the server, 1 failed; VM reloaded"));
    CHECK(box->detailedText().contains(QStringLiteral(
        "FAILED  reserved.ts (create on server): validation failed (name: this name is reserved)")));
    CHECK_FALSE(box->detailedText().contains(kKey));
    botwright::testing::saveScreenshot(box, QStringLiteral("sync_report_partial_failure"));
    box->close();
    CHECK(readFile(dir.path() + QStringLiteral("/reserved.ts")) == "nope\n");
}

TEST_CASE("the main window has a Sync menu wired to the controller", "[gui][sync]") {
    studio::MainWindow window(nullptr, new studio::MemoryTokenStore);
    REQUIRE(window.syncController());
    QMenu* sync = nullptr;
    for (QAction* action : window.menuBar()->actions())
        if (action->text().remove(u'&') == QStringLiteral("Sync"))
            sync = action->menu();
    REQUIRE(sync);
    QStringList names;
    for (QAction* action : sync->actions())
        if (!action->isSeparator())
            names << action->objectName();
    CHECK(names == QStringList{QStringLiteral("sync.push"), QStringLiteral("sync.pull"),
                               QStringLiteral("sync.status"), QStringLiteral("sync.exportBundle"),
                               QStringLiteral("sync.importBundle"), QStringLiteral("sync.settings")});
    // Without a project there is nothing to push, and the person is told.
    QStringList errors;
    window.setErrorReporter([&](const QString&, const QString& message) { errors << message; });
    window.action(QStringLiteral("sync.push"))->trigger();
    CHECK(errors == QStringList{QStringLiteral("Open a project first.")});
    CHECK_FALSE(window.syncController()->isBusy());
}
