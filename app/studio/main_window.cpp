#include "app/studio/main_window.h"

#include "app/studio/console_dock.h"
#include "app/studio/editor_tabs.h"
#include "app/studio/gateway_connector.h"
#include "app/studio/gateway_dock.h"
#include "app/studio/keychain_token_store.h"
#include "app/studio/pipeline_dock.h"
#include "app/studio/problems_dock.h"
#include "app/studio/project_tree_dock.h"
#include "app/studio/sandbox_dock.h"
#include "app/studio/sandbox_faults_dock.h"
#include "app/studio/script_runtime_host.h"
#include "app/studio/session_store.h"
#include "app/studio/sync_controller.h"
#include "app/studio/token_store.h"
#include "app/studio/traffic_dock.h"
#include "app/studio/welcome_page.h"
#include "editor/code_editor.h"
#include "editor/editor_page.h"
#include "editor/language_client.h"
#include "editor/problems_model.h"
#include "engine/core/resource_locator.h"
#include "engine/gateway/gateway_host.h"
#include "engine/sandbox/sandbox_host.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

namespace botwright::studio {

namespace {
constexpr int kDockStateVersion = 1;
constexpr int kStatusTimeoutMs = 6000;
} // namespace

MainWindow::MainWindow(QWidget* parent, TokenStore* tokenStore)
    : QMainWindow(parent)
    , m_theme(editor::EditorTheme::load(editor::ThemeKind::Light))
    , m_tabs(new EditorTabs(this))
    , m_welcome(new WelcomePage(this))
    , m_central(new QStackedWidget(this))
    , m_projectDock(new ProjectTreeDock(this))
    , m_sandboxHost(new sandbox::SandboxHost(this))
    , m_gatewayHost(new gateway::GatewayHost(this))
    , m_tokenStore(tokenStore ? tokenStore : new KeychainTokenStore(QString(), this))
    , m_gatewayConnector(new GatewayConnector(m_sandboxHost, m_gatewayHost, m_tokenStore, this))
    , m_sandboxDock(new SandboxDock(m_sandboxHost, this))
    , m_faultsDock(new SandboxFaultsDock(m_sandboxHost, this))
    , m_trafficDock(new TrafficDock(&m_gatewayHost->capture(), this))
    , m_gatewayDock(new GatewayDock(m_gatewayHost, this))
    , m_consoleDock(new ConsoleDock(this))
    , m_scripts(new ScriptRuntimeHost(m_gatewayHost, this))
    , m_pipelineDock(new PipelineDock(m_scripts, this))
    , m_vmStatus(new QLabel(this))
    , m_cursorLabel(new QLabel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    // The language service starts loading (on its own thread) when a project opens.
    m_language = new editor::LanguageClient(this);
    m_problemsDock = new ProblemsDock(m_language->problems(), this);
    m_typescriptStatus = new QLabel(this);
    m_tabs->setLanguageClient(m_language);
    setWindowIcon(QIcon(core::ResourceLocator::shareDir() + QStringLiteral("/icons/botwright.svg")));
    m_central->addWidget(m_welcome);
    m_central->addWidget(m_tabs);
    setCentralWidget(m_central);
    addDockWidget(Qt::LeftDockWidgetArea, m_projectDock);
    resizeDocks({m_projectDock}, {240}, Qt::Horizontal);
    addDockWidget(Qt::RightDockWidgetArea, m_sandboxDock);
    m_sandboxDock->hide(); // View ▸ Sandbox; a restored layout may show it
    addDockWidget(Qt::RightDockWidgetArea, m_faultsDock);
    m_faultsDock->hide();
    addDockWidget(Qt::BottomDockWidgetArea, m_trafficDock);
    m_trafficDock->hide(); // View ▸ Live Traffic
    addDockWidget(Qt::BottomDockWidgetArea, m_gatewayDock);
    tabifyDockWidget(m_trafficDock, m_gatewayDock);
    m_gatewayDock->hide(); // View ▸ Gateway
    addDockWidget(Qt::BottomDockWidgetArea, m_consoleDock);
    tabifyDockWidget(m_gatewayDock, m_consoleDock);
    m_consoleDock->hide(); // View ▸ Console
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);
    tabifyDockWidget(m_consoleDock, m_problemsDock);
    m_problemsDock->hide(); // View ▸ Problems
    addDockWidget(Qt::BottomDockWidgetArea, m_pipelineDock);
    tabifyDockWidget(m_consoleDock, m_pipelineDock);
    m_pipelineDock->hide(); // View ▸ Pipeline; it shows itself when an event pauses
    // The local Discord (a thread and a socket) starts right after the window first appears (see
    // showEvent) or when a sandbox dock is shown; SandboxHost::start() ignores repeated calls.
    for (QDockWidget* dock :
         {static_cast<QDockWidget*>(m_sandboxDock), static_cast<QDockWidget*>(m_faultsDock)})
        connect(dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
            if (visible)
                m_sandboxHost->start(0);
        });
    // The studio's bot connects to the target in Settings ▸ Gateway: by default the sandbox, once it
    // listens (GatewayConnector), with the sandbox's own token.
    m_tokenStore->setParent(this);
    connect(m_gatewayConnector, &GatewayConnector::notice, this,
            [this](const QString& message) { statusBar()->showMessage(message, kStatusTimeoutMs); });
    m_vmStatus->setObjectName(QStringLiteral("vmStatus"));
    statusBar()->addPermanentWidget(m_vmStatus);
    m_cursorLabel->setObjectName(QStringLiteral("cursorPosition"));
    statusBar()->addPermanentWidget(m_cursorLabel);
    m_typescriptStatus->setObjectName(QStringLiteral("typescriptStatus"));
    statusBar()->addPermanentWidget(m_typescriptStatus);
    connectScripts();
    connectSync();

    createActions();
    createMenus();

    connect(m_projectDock, &ProjectTreeDock::scriptActivated, this, [this](const QString& path) {
        QString error;
        if (m_tabs->openFile(path, &error) == nullptr) {
            reportError(tr("Cannot open script"), error);
        }
        updateCentral();
    });
    connect(m_projectDock, &ProjectTreeDock::newScriptRequested, this, &MainWindow::askNewScript);
    connectLanguageClient();
    connect(m_tabs, &EditorTabs::errorOccurred, this,
            [this](const QString& message) { reportError(tr("Cannot save"), message); });
    connect(m_tabs, &EditorTabs::notice, this,
            [this](const QString& message) { statusBar()->showMessage(message, kStatusTimeoutMs); });
    connect(m_tabs, &EditorTabs::unsavedStateChanged, this, &MainWindow::updateTitle);
    connect(m_tabs, &EditorTabs::cursorMoved, this, [this](int line, int column) {
        m_cursorLabel->setText(tr("Ln %1, Col %2").arg(line).arg(column));
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updateCentral();
        if (editor::EditorPage* page = m_tabs->currentPage()) {
            int line = 0;
            int index = 0;
            page->editor()->getCursorPosition(&line, &index);
            m_cursorLabel->setText(tr("Ln %1, Col %2").arg(line + 1).arg(index + 1));
        }
    });
    connect(m_welcome, &WelcomePage::openProjectRequested, this, &MainWindow::chooseProject);
    connect(m_welcome, &WelcomePage::newProjectRequested, this, &MainWindow::chooseNewProject);
    connect(m_welcome, &WelcomePage::openExampleRequested, this, &MainWindow::openExampleProject);
    connect(m_welcome, &WelcomePage::newScriptRequested, this, &MainWindow::askNewScript);

    setTheme(editor::ThemeKind::Light);
    updateTitle();
    updateCentral();
}

MainWindow::~MainWindow() {
    delete m_scripts; // the VM first (it may be mid-request against the sandbox), then its thread
    m_scripts = nullptr;
    m_gatewayHost->stop(); // close the bot's session (1000) before its sandbox goes away
}

QString MainWindow::exampleCopyPath() {
    QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (documents.isEmpty()) {
        documents = QDir::homePath();
    }
    return documents + QStringLiteral("/Botwright/ping-pong");
}

void MainWindow::restoreSession(const QString& projectOverride) {
    const Session session = SessionStore::load();
    setTheme(editor::EditorTheme::kindFromName(session.theme));
    if (session.geometry.isEmpty() || !restoreGeometry(session.geometry)) {
        resize(1280, 800);
    }
    if (!session.dockState.isEmpty()) {
        restoreState(session.dockState, kDockStateVersion);
    }
    restoreProject(session, projectOverride);
    // After a crash, unsaved text comes back (marked unsaved) whatever project is open.
    m_tabs->restoreRecoveredEdits();
    updateTitle();
    updateCentral();
}

void MainWindow::restoreProject(const Session& session, const QString& projectOverride) {
    if (!projectOverride.isEmpty()) {
        openProject(projectOverride);
        return;
    }
    if (!session.everStarted) {
        openExampleProject();
        return;
    }
    if (session.projectPath.isEmpty()) {
        return;
    }
    if (!QFileInfo(session.projectPath).isDir()) {
        statusBar()->showMessage(tr("The last project, %1, no longer exists").arg(session.projectPath),
                                 kStatusTimeoutMs);
        return;
    }
    if (!openProject(session.projectPath)) {
        return;
    }
    QString error;
    for (const QString& file : session.openFiles) {
        if (QFileInfo::exists(file)) {
            m_tabs->openFile(file, &error);
        }
    }
    if (editor::EditorPage* current = m_tabs->pageFor(session.currentFile)) {
        m_tabs->setCurrentWidget(current);
    }
}

void MainWindow::saveSession() const {
    Session session;
    session.geometry = saveGeometry();
    session.dockState = saveState(kDockStateVersion);
    session.projectPath = m_project ? m_project->rootPath() : QString();
    session.openFiles = m_tabs->openFilePaths();
    session.currentFile = m_tabs->currentPage() ? m_tabs->currentPage()->filePath() : QString();
    session.theme = editor::EditorTheme::nameOf(m_theme.kind());
    SessionStore::save(session);
}

bool MainWindow::openProject(const QString& folder) {
    QString error;
    std::optional<project::Project> opened = project::Project::open(folder, &error);
    if (!opened) {
        reportError(tr("Cannot open project"), error);
        return false;
    }
    if (!m_tabs->confirmCloseAll()) {
        return false;
    }
    m_tabs->closeAllWithoutPrompt();
    m_projectDock->setProject(nullptr);
    m_project = std::move(opened);
    m_projectDock->setProject(&*m_project);
    m_language->setProject(m_project->rootPath());
    const QStringList scripts = m_project->scriptNames();
    if (!scripts.isEmpty()) {
        m_tabs->openFile(m_project->scriptPath(scripts.first()), &error);
    }
    statusBar()->showMessage(tr("Opened %1").arg(m_project->rootPath()), kStatusTimeoutMs);
    m_consoleDock->clear();
    restartScripts();
    updateTitle();
    updateCentral();
    return true;
}

bool MainWindow::openExampleProject() {
    QString error;
    const QString target = exampleCopyPath();
    if (!project::Project::createFrom(core::ResourceLocator::exampleProjectDir(), target, &error)) {
        reportError(tr("Cannot open the example project"), error);
        return false;
    }
    return openProject(target);
}

bool MainWindow::createScript(const QString& name) {
    if (!m_project) {
        return false;
    }
    QString error;
    if (!m_project->addScript(name, &error)) {
        reportError(tr("Cannot create script"), error);
        return false;
    }
    m_projectDock->refresh();
    const bool opened = m_tabs->openFile(m_project->scriptPath(name), &error) != nullptr;
    updateCentral();
    return opened;
}

void MainWindow::setTheme(editor::ThemeKind kind) {
    m_theme = editor::EditorTheme::load(kind);
    // The application palette reaches dialogs and new windows; the window's own palette reaches every
    // widget already inside it, whatever palette it resolved before.
    QApplication::setPalette(m_theme.palette());
    setPalette(m_theme.palette());
    m_tabs->applyTheme(m_theme);
    const QString name = editor::EditorTheme::nameOf(kind);
    if (QAction* action = m_actions.value(QStringLiteral("theme.") + name)) {
        action->setChecked(true);
    }
}

void MainWindow::updateTitle() {
    setWindowTitle(m_project ? QStringLiteral("%1[*] — Botwright Studio").arg(m_project->name())
                             : QStringLiteral("Botwright Studio[*]"));
    setWindowModified(m_tabs->hasUnsavedChanges());
}

void MainWindow::updateCentral() {
    m_welcome->setProjectName(m_project ? m_project->name() : QString());
    m_central->setCurrentWidget(m_tabs->count() > 0 ? static_cast<QWidget*>(m_tabs) : m_welcome);
    const bool hasPage = m_tabs->count() > 0;
    for (const char* name :
         {"file.save", "file.saveAll", "file.closeTab", "edit.undo", "edit.redo", "edit.cut", "edit.copy",
          "edit.paste", "edit.selectAll", "edit.find", "edit.replace", "edit.findNext", "edit.findPrevious",
          "edit.goToLine", "edit.toggleComment", "edit.goToDefinition"}) {
        if (QAction* a = m_actions.value(QLatin1String(name))) {
            a->setEnabled(hasPage);
        }
    }
    if (QAction* a = m_actions.value(QStringLiteral("file.newScript"))) {
        a->setEnabled(m_project.has_value());
    }
}

void MainWindow::connectScripts() {
    // The runtime follows the gateway target: a new sandbox (new token), a new target, a token read.
    connect(m_sandboxHost, &sandbox::SandboxHost::started, this, [this] {
        m_lastReady.clear();
        if (m_gatewayConnector->target().kind() == gateway::GatewayTarget::Kind::Sandbox)
            restartScripts();
    });
    connect(m_gatewayConnector, &GatewayConnector::targetChanged, this, [this] {
        m_lastReady.clear();
        restartScripts();
    });
    connect(m_tokenStore, &TokenStore::loaded, this, [this] {
        if (m_gatewayConnector->target().kind() != gateway::GatewayTarget::Kind::Sandbox)
            restartScripts();
    });
    // Remember the session's READY so a runtime made later (another project) starts at once; also
    // hand it to the current runtime, which ignores it once its VM runs.
    connect(m_gatewayHost, &gateway::GatewayHost::dispatches, this,
            [this](const gateway::DispatchBatch& batch) {
                for (const gateway::Dispatch& d : batch) {
                    if (d.type != QLatin1String("READY"))
                        continue;
                    m_lastReady = d.data;
                    m_scripts->deliverReady(d.data);
                }
            });
    connect(m_tabs, &EditorTabs::saved, this, [this](const QString& path) {
        if (!m_project || !path.endsWith(QLatin1String(".ts")))
            return;
        if (QFileInfo(path).absolutePath() != QFileInfo(m_project->rootPath()).absoluteFilePath())
            return;
        m_scripts->reload();
    });
    connect(m_scripts, &ScriptRuntimeHost::logged, m_consoleDock, &ConsoleDock::append);
    connect(m_scripts, &ScriptRuntimeHost::stateChanged, this,
            [this](runtime::VmState state, const QString& detail) {
                switch (state) {
                case runtime::VmState::Stopped:
                    setVmStatus(tr("stopped"));
                    break;
                case runtime::VmState::Starting:
                    setVmStatus(tr("starting"));
                    break;
                case runtime::VmState::Running:
                    setVmStatus(tr("running"));
                    break;
                case runtime::VmState::Restarting:
                    ++m_vmRestarts;
                    setVmStatus(tr("restarting (%1)").arg(m_vmRestarts));
                    break;
                case runtime::VmState::Failed:
                    setVmStatus(tr("failed: %1").arg(detail));
                    break;
                }
            });
    connect(m_scripts, &ScriptRuntimeHost::failed, this,
            [this](const QString& reason) { setVmStatus(tr("failed: %1").arg(reason)); });
    connect(m_scripts, &ScriptRuntimeHost::reloading, this,
            [this](double buildMs) { m_reloadBuildMs = buildMs; });
    connect(m_scripts, &ScriptRuntimeHost::loaded, this, [this](bool ok, double ms) {
        if (m_reloadBuildMs >= 0) {
            m_reloadNote = tr("reloaded in %1 ms").arg(qRound(m_reloadBuildMs + ms));
            m_reloadBuildMs = -1;
        }
        if (!ok)
            setVmStatus(tr("failed: a script did not load (see the Console)"));
        else
            setVmStatus(m_vmState);
    });
    connect(m_consoleDock, &ConsoleDock::positionActivated, this,
            [this](const QString& script, int line, int column) { openScriptAt(script, line, column); });
    connect(m_pipelineDock, &PipelineDock::positionActivated, this,
            [this](const QString& script, int line, int column) { openScriptAt(script, line, column); });
    connect(
        m_trafficDock, &TrafficDock::breakRequested, m_pipelineDock,
        [this](const QString& type, pipeline::Stage stage) { m_pipelineDock->addBreakpoint(type, stage); });
    connect(m_trafficDock, &TrafficDock::replayRequested, m_pipelineDock,
            [this](const QByteArray& type, const QByteArray& payload) {
                m_pipelineDock->replayDispatch(type, payload, pipeline::Stage::Handler);
            });
    setVmStatus(tr("no project"));
}

void MainWindow::connectSync() {
    // The Botloader API key is a second keychain entry next to the bot token; it is read only when a
    // sync needs it.
    m_sync = new SyncController(
        this, new KeychainTokenStore(QString(), nullptr, KeychainTokenStore::apiKeyEntry()), this);
    m_sync->setProjectRootProvider([this] { return m_project ? m_project->rootPath() : QString(); });
    m_sync->setUnsavedCheck([this] { return m_tabs->hasUnsavedChanges(); });
    m_sync->setErrorReporter(
        [this](const QString& title, const QString& message) { reportError(title, message); });
    connect(m_sync, &SyncController::notice, this,
            [this](const QString& message) { statusBar()->showMessage(message, kStatusTimeoutMs); });
    connect(m_sync, &SyncController::projectFilesChanged, m_projectDock, &ProjectTreeDock::refresh);
}

void MainWindow::restartScripts() {
    m_vmRestarts = 0;
    m_reloadNote.clear();
    m_reloadBuildMs = -1;
    if (!m_project) {
        m_scripts->stop();
        setVmStatus(tr("no project"));
        return;
    }
    const gateway::GatewayTarget& target = m_gatewayConnector->target();
    runtime::ScriptRuntimeConfig config;
    config.projectPath = m_project->rootPath();
    if (target.kind() == gateway::GatewayTarget::Kind::Sandbox) {
        if (!m_sandboxHost->isRunning()) {
            m_scripts->stop();
            setVmStatus(tr("waiting for the sandbox"));
            return;
        }
        config.restBase = m_sandboxHost->restBase();
        config.token = m_sandboxHost->botToken();
    } else {
        if (!m_tokenStore->isLoaded() || m_tokenStore->token().isEmpty()) {
            m_scripts->stop();
            setVmStatus(tr("waiting for the bot token"));
            return;
        }
        config.restBase = target.restBase();
        config.token = gateway::GatewayTarget::normalizedToken(m_tokenStore->token());
    }
    m_scripts->start(std::move(config), m_lastReady);
}

void MainWindow::setVmStatus(const QString& text) {
    m_vmState = text;
    m_vmStatus->setText(m_reloadNote.isEmpty() ? tr("Scripts: %1").arg(text)
                                               : tr("Scripts: %1 · %2").arg(text, m_reloadNote));
}

void MainWindow::connectLanguageClient() {
    const auto updateStatus = [this] {
        const int errors = m_language->problems()->errorCount();
        const int warnings = m_language->problems()->warningCount();
        const QString counts =
            QStringLiteral("%1 · %2").arg(errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors),
                                          warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
        m_typescriptStatus->setText(
            m_project ? QStringLiteral("%1 · %2").arg(m_language->statusText(), counts) : QString());
    };
    connect(m_language, &editor::LanguageClient::statusChanged, this, updateStatus);
    connect(m_language->problems(), &editor::ProblemsModel::countsChanged, this, [this, updateStatus] {
        m_projectDock->setErrorCounts(m_language->problems()->errorsByFile());
        updateStatus();
    });
    connect(m_projectDock, &ProjectTreeDock::refreshed, m_language,
            &editor::LanguageClient::refreshProjectFiles);
    connect(m_problemsDock, &ProblemsDock::problemActivated, this,
            [this](const QString& path, int line, int column) {
                openAtServicePosition(path, line - 1, column - 1, false);
            });
    connect(m_language, &editor::LanguageClient::definitionFound, this,
            [this](const QString& path, typescript::LsPosition position, bool readOnly) {
                openAtServicePosition(path, position.line, position.character, readOnly);
            });
}

bool MainWindow::openAtServicePosition(const QString& path, int line, int character, bool readOnly) {
    QString error;
    editor::EditorPage* page = m_tabs->openFile(path, &error, readOnly);
    updateCentral();
    if (page == nullptr) {
        reportError(tr("Cannot open script"), error);
        return false;
    }
    m_tabs->setCurrentWidget(page);
    editor::LanguageClient::reveal(page->editor(), typescript::LsPosition{line, character});
    return true;
}

bool MainWindow::openScriptAt(const QString& script, int line, int column) {
    if (!m_project)
        return false;
    QString error;
    editor::EditorPage* page = m_tabs->openFile(m_project->scriptPath(script), &error);
    updateCentral();
    if (page == nullptr) {
        reportError(tr("Cannot open script"), error);
        return false;
    }
    m_tabs->setCurrentWidget(page);
    editor::CodeEditor* editor = page->editor();
    const int row = std::max(0, line - 1);
    editor->setCursorPosition(row, std::max(0, column - 1));
    editor->ensureLineVisible(row);
    editor->setFocus();
    return true;
}

void MainWindow::reportError(const QString& title, const QString& message) {
    statusBar()->showMessage(message, kStatusTimeoutMs);
    if (m_reportError) {
        m_reportError(title, message);
        return;
    }
    QMessageBox::warning(this, title, message);
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    // The sandbox is the default gateway: start it on a free port once the window is on screen,
    // after the first paint, so start-up stays quick.
    QTimer::singleShot(0, this, [this] {
        m_sandboxHost->start(0);
        m_gatewayConnector->start(); // first show only: Discord and custom targets connect now
    });
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_tabs->confirmCloseAll()) {
        event->ignore();
        return;
    }
    saveSession();
    event->accept();
}

} // namespace botwright::studio
