#pragma once

#include "editor/editor_theme.h"
#include "engine/project/project.h"

#include <QHash>
#include <QMainWindow>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QStackedWidget;

namespace botwright::sandbox {
class SandboxHost;
}
namespace botwright::gateway {
class GatewayHost;
}

namespace botwright::editor {
class LanguageClient;
}

namespace botwright::studio {

class ConsoleDock;
class ProblemsDock;
class EditorTabs;
class GatewayConnector;
class PipelineDock;
struct Session;
class ProjectTreeDock;
class SandboxDock;
class SandboxFaultsDock;
class ScriptRuntimeHost;
class SyncController;
class TokenStore;
class TrafficDock;
class GatewayDock;
class WelcomePage;

// The studio's main window: a project (folder of .ts scripts) in the Project dock, its scripts in
// editor tabs, the session (layout, project, open files, theme) restored on the next start.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    using ErrorReporter = std::function<void(const QString& title, const QString& message)>;

    // `tokenStore` keeps the bot token (adopted as a child); null means the system keychain.
    explicit MainWindow(QWidget* parent = nullptr, TokenStore* tokenStore = nullptr);
    ~MainWindow() override;

    // Restores the last session; on the very first start opens (a copy of) the example project.
    // A non-empty `projectOverride` is opened instead of the remembered project.
    void restoreSession(const QString& projectOverride = {});
    void saveSession() const;

    bool openProject(const QString& folder);
    bool openExampleProject();
    bool createScript(const QString& name); // in the open project, then opens it
    const project::Project* project() const { return m_project ? &*m_project : nullptr; }

    void setTheme(editor::ThemeKind kind);
    editor::ThemeKind theme() const { return m_theme.kind(); }

    EditorTabs* tabs() const { return m_tabs; }
    ProjectTreeDock* projectDock() const { return m_projectDock; }
    SandboxDock* sandboxDock() const { return m_sandboxDock; }
    SandboxFaultsDock* faultsDock() const { return m_faultsDock; }
    TrafficDock* trafficDock() const { return m_trafficDock; }
    GatewayDock* gatewayDock() const { return m_gatewayDock; }
    ConsoleDock* consoleDock() const { return m_consoleDock; }
    ProblemsDock* problemsDock() const { return m_problemsDock; }
    // Editor intelligence: the TypeScript language service for the open project.
    editor::LanguageClient* languageClient() const { return m_language; }
    PipelineDock* pipelineDock() const { return m_pipelineDock; }
    ScriptRuntimeHost* scriptRuntime() const { return m_scripts; }
    // Sync ▸ Push/Pull/Status/Bundles/Settings (Botloader's web API).
    SyncController* syncController() const { return m_sync; }
    // Opens `<project>/<script>.ts` with the cursor at line/column (1-based; 0: start of line).
    bool openScriptAt(const QString& script, int line, int column);
    sandbox::SandboxHost* sandboxHost() const { return m_sandboxHost; }
    gateway::GatewayHost* gatewayHost() const { return m_gatewayHost; }
    GatewayConnector* gatewayConnector() const { return m_gatewayConnector; }
    QAction* action(const QString& name) const { return m_actions.value(name); }
    void setErrorReporter(ErrorReporter reporter) { m_reportError = std::move(reporter); }

    // Where the example project is copied on first start so it can be edited.
    static QString exampleCopyPath();

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void restoreProject(const Session& session, const QString& projectOverride);
    void createActions();
    void createMenus();
    QAction* addAction(const QString& name, const QString& text, const QKeySequence& shortcut,
                       std::function<void()> handler);
    void chooseProject();
    void chooseNewProject();
    void askNewScript();
    void askGoToLine();
    void showAbout();
    void showGatewaySettings();
    void updateTitle();
    void updateCentral();
    void reportError(const QString& title, const QString& message);
    void connectScripts();
    // (Re)starts the open project's scripts against the current gateway target, or stops them.
    void restartScripts();
    void setVmStatus(const QString& text);
    void connectSync();
    void connectLanguageClient();
    // Opens a file (read-only: the SDK's declarations) at a language-service position (0-based line,
    // UTF-16 column).
    bool openAtServicePosition(const QString& path, int line, int character, bool readOnly);

    std::optional<project::Project> m_project;
    editor::EditorTheme m_theme;
    EditorTabs* m_tabs;
    WelcomePage* m_welcome;
    QStackedWidget* m_central;
    ProjectTreeDock* m_projectDock;
    sandbox::SandboxHost* m_sandboxHost;  // the local Discord, started when the Sandbox dock is first shown
    gateway::GatewayHost* m_gatewayHost;  // the studio's own bot connection, to the sandbox by default
    TokenStore* m_tokenStore;             // the bot token for Discord and custom targets
    GatewayConnector* m_gatewayConnector; // connects m_gatewayHost to the target in Settings ▸ Gateway
    SandboxDock* m_sandboxDock;
    SandboxFaultsDock* m_faultsDock;
    TrafficDock* m_trafficDock;
    GatewayDock* m_gatewayDock;
    ConsoleDock* m_consoleDock;
    editor::LanguageClient* m_language = nullptr; // completion, diagnostics, … (its own thread)
    ProblemsDock* m_problemsDock = nullptr;
    QLabel* m_typescriptStatus = nullptr;
    ScriptRuntimeHost* m_scripts;     // the open project's scripts, on the "botwright-runtime" thread
    PipelineDock* m_pipelineDock;     // the scripts' event pipeline: traces, breakpoints, replay
    SyncController* m_sync = nullptr; // Sync menu: push/pull with a Botloader server
    QLabel* m_vmStatus;
    QString m_vmState;      // "running", "restarting (2)", …
    QString m_reloadNote;   // "reloaded in 84 ms"
    QByteArray m_lastReady; // READY's `d` of the current gateway session, for a new runtime
    int m_vmRestarts = 0;
    double m_reloadBuildMs = -1;
    QLabel* m_cursorLabel;
    QHash<QString, QAction*> m_actions;
    ErrorReporter m_reportError;
};

} // namespace botwright::studio
