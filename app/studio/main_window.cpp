#include "app/studio/main_window.h"

#include "app/studio/editor_tabs.h"
#include "app/studio/gateway_dock.h"
#include "app/studio/project_tree_dock.h"
#include "app/studio/sandbox_dock.h"
#include "app/studio/sandbox_faults_dock.h"
#include "app/studio/session_store.h"
#include "app/studio/traffic_dock.h"
#include "app/studio/welcome_page.h"
#include "editor/code_editor.h"
#include "editor/editor_page.h"
#include "engine/core/resource_locator.h"
#include "engine/gateway/gateway_host.h"
#include "engine/protocol/gateway_constants.h"
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

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_theme(editor::EditorTheme::load(editor::ThemeKind::Light))
    , m_tabs(new EditorTabs(this))
    , m_welcome(new WelcomePage(this))
    , m_central(new QStackedWidget(this))
    , m_projectDock(new ProjectTreeDock(this))
    , m_sandboxHost(new sandbox::SandboxHost(this))
    , m_gatewayHost(new gateway::GatewayHost(this))
    , m_sandboxDock(new SandboxDock(m_sandboxHost, this))
    , m_faultsDock(new SandboxFaultsDock(m_sandboxHost, this))
    , m_trafficDock(new TrafficDock(&m_gatewayHost->capture(), this))
    , m_gatewayDock(new GatewayDock(m_gatewayHost, this))
    , m_cursorLabel(new QLabel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
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
    // The local Discord (a thread and a socket) starts right after the window first appears (see
    // showEvent) or when a sandbox dock is shown; SandboxHost::start() ignores repeated calls.
    for (QDockWidget* dock :
         {static_cast<QDockWidget*>(m_sandboxDock), static_cast<QDockWidget*>(m_faultsDock)})
        connect(dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
            if (visible)
                m_sandboxHost->start(0);
        });
    // The default gateway target is the sandbox: once it listens, connect the studio's bot to it.
    connect(m_sandboxHost, &sandbox::SandboxHost::started, this,
            [this](const QString& restBase, const QString&, const QString& token) {
                gateway::ShardManagerConfig config;
                config.token = token;
                config.restBase = restBase;
                config.intents = protocol::intent::Guilds | protocol::intent::GuildMembers |
                                 protocol::intent::GuildMessages | protocol::intent::GuildMessageReactions |
                                 protocol::intent::DirectMessages | protocol::intent::MessageContent;
                m_gatewayHost->start(config);
            });
    m_cursorLabel->setObjectName(QStringLiteral("cursorPosition"));
    statusBar()->addPermanentWidget(m_cursorLabel);

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
    const QStringList scripts = m_project->scriptNames();
    if (!scripts.isEmpty()) {
        m_tabs->openFile(m_project->scriptPath(scripts.first()), &error);
    }
    statusBar()->showMessage(tr("Opened %1").arg(m_project->rootPath()), kStatusTimeoutMs);
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
          "edit.goToLine", "edit.toggleComment"}) {
        if (QAction* a = m_actions.value(QLatin1String(name))) {
            a->setEnabled(hasPage);
        }
    }
    if (QAction* a = m_actions.value(QStringLiteral("file.newScript"))) {
        a->setEnabled(m_project.has_value());
    }
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
    QTimer::singleShot(0, this, [this] { m_sandboxHost->start(0); });
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
