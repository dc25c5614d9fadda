// MainWindow's actions, menus and the small dialogs behind them.
#include "app/studio/clock_menu.h"
#include "app/studio/console_dock.h"
#include "app/studio/editor_tabs.h"
#include "app/studio/gateway_connector.h"
#include "app/studio/gateway_dock.h"
#include "app/studio/gateway_settings_dialog.h"
#include "app/studio/main_window.h"
#include "app/studio/pipeline_dock.h"
#include "app/studio/problems_dock.h"
#include "app/studio/project_tree_dock.h"
#include "app/studio/sandbox_dock.h"
#include "app/studio/sandbox_faults_dock.h"
#include "app/studio/script_runtime_host.h"
#include "app/studio/sync_controller.h"
#include "app/studio/traffic_dock.h"
#include "editor/code_editor.h"
#include "editor/editor_page.h"
#include "editor/find_replace_bar.h"
#include "editor/language_client.h"
#include "engine/core/resource_locator.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>

namespace botwright::studio {

QAction* MainWindow::addAction(const QString& name, const QString& text, const QKeySequence& shortcut,
                               std::function<void()> handler) {
    auto* action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    connect(action, &QAction::triggered, this, [handler = std::move(handler)] { handler(); });
    m_actions.insert(name, action);
    return action;
}

void MainWindow::createActions() {
    const auto onEditor = [this](void (editor::CodeEditor::*method)()) {
        return [this, method] {
            if (editor::EditorPage* page = m_tabs->currentPage()) {
                (page->editor()->*method)();
            }
        };
    };
    const auto onFindBar = [this](auto method) {
        return [this, method] {
            if (editor::EditorPage* page = m_tabs->currentPage()) {
                (page->findBar()->*method)();
            }
        };
    };

    addAction(QStringLiteral("file.newProject"), tr("&New Project…"), QKeySequence(tr("Ctrl+Shift+N")),
              [this] { chooseNewProject(); });
    addAction(QStringLiteral("file.openProject"), tr("&Open Project…"), QKeySequence(tr("Ctrl+Shift+O")),
              [this] { chooseProject(); });
    addAction(QStringLiteral("file.openExample"), tr("Open &Example Project"), {},
              [this] { openExampleProject(); });
    addAction(QStringLiteral("file.newScript"), tr("New &Script…"), QKeySequence::New,
              [this] { askNewScript(); });
    addAction(QStringLiteral("file.save"), tr("&Save"), QKeySequence::Save,
              [this] { m_tabs->saveCurrent(); });
    addAction(QStringLiteral("file.saveAll"), tr("Save &Project (All Scripts)"),
              QKeySequence(tr("Ctrl+Alt+S")), [this] { m_tabs->saveAll(); });
    addAction(QStringLiteral("file.closeTab"), tr("&Close Script"), QKeySequence::Close,
              [this] { m_tabs->closePage(m_tabs->currentIndex()); });
    addAction(QStringLiteral("file.quit"), tr("&Quit"), QKeySequence::Quit, [this] { close(); });

    addAction(QStringLiteral("edit.undo"), tr("&Undo"), QKeySequence::Undo,
              onEditor(&editor::CodeEditor::undo));
    addAction(QStringLiteral("edit.redo"), tr("&Redo"), QKeySequence::Redo,
              onEditor(&editor::CodeEditor::redo));
    addAction(QStringLiteral("edit.cut"), tr("Cu&t"), QKeySequence::Cut, onEditor(&editor::CodeEditor::cut));
    addAction(QStringLiteral("edit.copy"), tr("&Copy"), QKeySequence::Copy,
              onEditor(&editor::CodeEditor::copy));
    addAction(QStringLiteral("edit.paste"), tr("&Paste"), QKeySequence::Paste,
              onEditor(&editor::CodeEditor::paste));
    addAction(QStringLiteral("edit.selectAll"), tr("Select &All"), QKeySequence::SelectAll, [this] {
        if (editor::EditorPage* page = m_tabs->currentPage()) {
            page->editor()->selectAll(true);
        }
    });
    addAction(QStringLiteral("edit.find"), tr("&Find…"), QKeySequence::Find,
              onFindBar(&editor::FindReplaceBar::showFind));
    addAction(QStringLiteral("edit.replace"), tr("R&eplace…"), QKeySequence(tr("Ctrl+H")),
              onFindBar(&editor::FindReplaceBar::showReplace));
    addAction(QStringLiteral("edit.findNext"), tr("Find &Next"), QKeySequence::FindNext,
              onFindBar(&editor::FindReplaceBar::findNext));
    addAction(QStringLiteral("edit.findPrevious"), tr("Find Pre&vious"), QKeySequence::FindPrevious,
              onFindBar(&editor::FindReplaceBar::findPrevious));
    addAction(QStringLiteral("edit.goToLine"), tr("&Go to Line…"), QKeySequence(tr("Ctrl+G")),
              [this] { askGoToLine(); });
    addAction(QStringLiteral("edit.toggleComment"), tr("Toggle &Comment"), QKeySequence(tr("Ctrl+/")),
              onEditor(&editor::CodeEditor::toggleLineComment));

    auto* themes = new QActionGroup(this);
    for (const editor::ThemeKind kind : {editor::ThemeKind::Light, editor::ThemeKind::Dark}) {
        const QString name = editor::EditorTheme::nameOf(kind);
        QAction* action =
            addAction(QStringLiteral("theme.") + name, editor::EditorTheme::load(kind).displayName(), {},
                      [this, kind] { setTheme(kind); });
        action->setCheckable(true);
        action->setChecked(kind == m_theme.kind());
        themes->addAction(action);
    }
    // The Sandbox dock's own toggle, registered by name like every other action.
    QAction* sandbox = m_sandboxDock->toggleViewAction();
    sandbox->setObjectName(QStringLiteral("view.sandbox"));
    sandbox->setText(tr("&Sandbox (Local Discord)"));
    sandbox->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    sandbox->setShortcutContext(Qt::WindowShortcut);
    m_actions.insert(QStringLiteral("view.sandbox"), sandbox);
    QAction* faults = m_faultsDock->toggleViewAction();
    faults->setObjectName(QStringLiteral("view.sandboxFaults"));
    faults->setText(tr("Sandbox &Faults"));
    m_actions.insert(QStringLiteral("view.sandboxFaults"), faults);
    QAction* traffic = m_trafficDock->toggleViewAction();
    traffic->setObjectName(QStringLiteral("view.liveTraffic"));
    traffic->setText(tr("&Live Traffic"));
    traffic->setShortcut(QKeySequence(tr("Ctrl+Shift+T")));
    m_actions.insert(QStringLiteral("view.liveTraffic"), traffic);
    QAction* gatewayView = m_gatewayDock->toggleViewAction();
    gatewayView->setObjectName(QStringLiteral("view.gateway"));
    gatewayView->setText(tr("&Gateway"));
    m_actions.insert(QStringLiteral("view.gateway"), gatewayView);
    QAction* consoleView = m_consoleDock->toggleViewAction();
    consoleView->setObjectName(QStringLiteral("view.console"));
    consoleView->setText(tr("&Console"));
    consoleView->setShortcut(QKeySequence(tr("Ctrl+Shift+Y")));
    m_actions.insert(QStringLiteral("view.console"), consoleView);
    QAction* problemsView = m_problemsDock->toggleViewAction();
    problemsView->setObjectName(QStringLiteral("view.problems"));
    problemsView->setText(tr("P&roblems"));
    problemsView->setShortcut(QKeySequence(tr("Ctrl+Shift+M")));
    m_actions.insert(QStringLiteral("view.problems"), problemsView);
    addAction(QStringLiteral("edit.goToDefinition"), tr("Go to &Definition"), QKeySequence(Qt::Key_F12),
              [this] {
                  if (editor::EditorPage* page = m_tabs->currentPage()) {
                      m_language->goToDefinition(page->editor());
                  }
              });
    QAction* pipelineView = m_pipelineDock->toggleViewAction();
    pipelineView->setObjectName(QStringLiteral("view.pipeline"));
    pipelineView->setText(tr("&Pipeline"));
    pipelineView->setShortcut(QKeySequence(tr("Ctrl+Shift+P")));
    m_actions.insert(QStringLiteral("view.pipeline"), pipelineView);
    addAction(QStringLiteral("settings.gateway"), tr("&Gateway…"), {}, [this] { showGatewaySettings(); });
    addAction(QStringLiteral("sync.push"), tr("&Push…"), QKeySequence(tr("Ctrl+Alt+P")),
              [this] { m_sync->push(); });
    addAction(QStringLiteral("sync.pull"), tr("P&ull…"), QKeySequence(tr("Ctrl+Alt+L")),
              [this] { m_sync->pull(); });
    addAction(QStringLiteral("sync.status"), tr("&Status"), {}, [this] { m_sync->showStatus(); });
    addAction(QStringLiteral("sync.exportBundle"), tr("&Export Bundle…"), {},
              [this] { m_sync->exportBundle(); });
    addAction(QStringLiteral("sync.importBundle"), tr("&Import Bundle…"), {},
              [this] { m_sync->importBundle(); });
    addAction(QStringLiteral("sync.settings"), tr("Se&ttings…"), {}, [this] { m_sync->showSettings(); });
    addAction(QStringLiteral("help.about"), tr("&About Botwright Studio"), {}, [this] { showAbout(); });
}

void MainWindow::createMenus() {
    const auto fill = [this](QMenu* menu, std::initializer_list<const char*> names) {
        for (const char* name : names) {
            if (name == nullptr) {
                menu->addSeparator();
            } else {
                menu->addAction(m_actions.value(QLatin1String(name)));
            }
        }
    };
    fill(menuBar()->addMenu(tr("&File")),
         {"file.newProject", "file.openProject", "file.openExample", nullptr, "file.newScript", "file.save",
          "file.saveAll", "file.closeTab", nullptr, "file.quit"});
    fill(menuBar()->addMenu(tr("&Edit")),
         {"edit.undo", "edit.redo", nullptr, "edit.cut", "edit.copy", "edit.paste", "edit.selectAll", nullptr,
          "edit.find", "edit.replace", "edit.findNext", "edit.findPrevious", nullptr, "edit.goToLine",
          "edit.toggleComment", "edit.goToDefinition"});
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_projectDock->toggleViewAction());
    view->addAction(m_actions.value(QStringLiteral("view.sandbox")));
    view->addAction(m_actions.value(QStringLiteral("view.sandboxFaults")));
    view->addAction(m_actions.value(QStringLiteral("view.liveTraffic")));
    view->addAction(m_actions.value(QStringLiteral("view.gateway")));
    view->addAction(m_actions.value(QStringLiteral("view.console")));
    view->addAction(m_actions.value(QStringLiteral("view.problems")));
    view->addAction(m_actions.value(QStringLiteral("view.pipeline")));
    fill(view->addMenu(tr("&Theme")), {"theme.light", "theme.dark"});
    // Scripts ▸ Clock: fast-forward the clock intervals and scheduled tasks run on.
    auto* clock = new ClockMenu(this);
    menuBar()->addMenu(tr("S&cripts"))->addMenu(clock);
    connect(clock, &ClockMenu::advanceRequested, m_scripts, &ScriptRuntimeHost::advanceClock);
    connect(clock, &ClockMenu::rateRequested, m_scripts, &ScriptRuntimeHost::setClockRate);
    connect(clock, &ClockMenu::taskRateRequested, m_scripts, &ScriptRuntimeHost::setTaskRate);
    connect(m_scripts, &ScriptRuntimeHost::clockChanged, clock, &ClockMenu::showClock);
    fill(menuBar()->addMenu(tr("S&ync")),
         {"sync.push", "sync.pull", "sync.status", nullptr, "sync.exportBundle", "sync.importBundle", nullptr,
          "sync.settings"});
    fill(menuBar()->addMenu(tr("&Settings")), {"settings.gateway"});
    fill(menuBar()->addMenu(tr("&Help")), {"help.about"});
    // Actions must also fire while the menu bar is hidden (e.g. under some desktop shells).
    QWidget::addActions(m_actions.values());
}

void MainWindow::chooseProject() {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Open Project Folder"),
        m_project ? QFileInfo(m_project->rootPath()).path() : QDir::homePath());
    if (!folder.isEmpty()) {
        openProject(folder);
    }
}

void MainWindow::chooseNewProject() {
    const QString folder = QFileDialog::getSaveFileName(this, tr("New Project Folder"),
                                                        QDir::homePath() + QStringLiteral("/my-bot"),
                                                        QString(), nullptr, QFileDialog::ShowDirsOnly);
    if (folder.isEmpty()) {
        return;
    }
    QString error;
    std::optional<project::Project> created = project::Project::create(folder, &error);
    if (!created ||
        (created->scriptNames().isEmpty() && !created->addScript(QStringLiteral("main"), &error))) {
        reportError(tr("Cannot create project"), error);
        return;
    }
    openProject(folder);
}

void MainWindow::askNewScript() {
    if (!m_project) {
        return;
    }
    bool accepted = false;
    const QString name =
        QInputDialog::getText(this, tr("New Script"), tr("Script name (1–32 letters, digits, '_' or '-'):"),
                              QLineEdit::Normal, QString(), &accepted)
            .trimmed();
    if (accepted && !name.isEmpty()) {
        createScript(name.endsWith(QStringLiteral(".ts")) ? name.chopped(3) : name);
    }
}

void MainWindow::askGoToLine() {
    editor::EditorPage* page = m_tabs->currentPage();
    if (page == nullptr) {
        return;
    }
    bool accepted = false;
    const int line =
        QInputDialog::getInt(this, tr("Go to Line"), tr("Line (1–%1):").arg(page->editor()->lines()),
                             page->editor()->currentLineNumber(), 1, page->editor()->lines(), 1, &accepted);
    if (accepted) {
        page->editor()->goToLine(line);
    }
}

void MainWindow::showGatewaySettings() {
    // One dialog at a time; a second trigger brings the open one forward.
    if (auto* open = findChild<GatewaySettingsDialog*>(); open && open->isVisible()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new GatewaySettingsDialog(m_gatewayConnector->target(), m_tokenStore, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &GatewaySettingsDialog::applied, m_gatewayConnector, &GatewayConnector::apply);
    dialog->open(); // window-modal, never a nested event loop
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Botwright Studio"),
                       tr("<h3>Botwright Studio %1</h3><p>Write and live-test Discord bot scripts written "
                          "against the Botloader SDK.</p><p>Qt %2</p>")
                           .arg(core::ResourceLocator::version(), QString::fromLatin1(qVersion())));
}

} // namespace botwright::studio
