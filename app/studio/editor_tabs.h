#pragma once

#include "editor/editor_theme.h"
#include "engine/project/recovery_store.h"

#include <QMessageBox>
#include <QTabWidget>

#include <functional>
#include <optional>

class QFileSystemWatcher;
class QTimer;

namespace botwright::editor {
class EditorPage;
class LanguageClient;
} // namespace botwright::editor

namespace botwright::studio {

// The editor tabs: one EditorPage per open file, unsaved-change markers, save / save all, the
// prompt before unsaved work is closed, and reloading files changed on disk by another program.
class EditorTabs final : public QTabWidget {
    Q_OBJECT
public:
    // Asked before unsaved files close: return Save, Discard or Cancel.
    using UnsavedPrompt = std::function<QMessageBox::StandardButton(const QStringList& fileNames)>;

    explicit EditorTabs(QWidget* parent = nullptr);

    // A read-only page (the SDK's declarations) cannot be edited and is never saved.
    editor::EditorPage* openFile(const QString& path, QString* error, bool readOnly = false);
    editor::EditorPage* pageAt(int index) const;
    editor::EditorPage* currentPage() const;
    editor::EditorPage* pageFor(const QString& path) const;

    bool saveCurrent();
    bool saveAll();
    bool closePage(int index); // prompts if the page has unsaved changes
    bool confirmCloseAll();    // prompts once for all unsaved pages; true if it is fine to close
    void closeAllWithoutPrompt();
    bool hasUnsavedChanges() const;

    QStringList openFilePaths() const;

    // Unsaved text is copied to the recovery store shortly after each edit (and removed on save or
    // deliberate discard), so a crash never loses it. On the next start, restoreRecoveredEdits()
    // brings it back into tabs marked unsaved.
    void writeRecoveryNow();
    int restoreRecoveredEdits();
    void applyTheme(const editor::EditorTheme& theme);
    void setUnsavedPrompt(UnsavedPrompt prompt) { m_prompt = std::move(prompt); }
    // Editor intelligence for every page opened from now on (completion, diagnostics, …).
    void setLanguageClient(editor::LanguageClient* client) { m_language = client; }

Q_SIGNALS:
    void errorOccurred(const QString& message);
    void notice(const QString& message);
    void unsavedStateChanged(bool anyUnsaved);
    void cursorMoved(int line, int column);
    // A page's text reached the disk (after the atomic write).
    void saved(const QString& path);

private:
    void updateTabTitle(editor::EditorPage* page);
    void onFileChanged(const QString& path);
    bool savePage(editor::EditorPage* page);
    QMessageBox::StandardButton askAboutUnsaved(const QStringList& fileNames);

    void discardRecovery(editor::EditorPage* page);

    QFileSystemWatcher* m_watcher = nullptr;
    QTimer* m_recoveryTimer = nullptr;
    project::RecoveryStore m_recovery;
    UnsavedPrompt m_prompt;
    std::optional<editor::EditorTheme> m_theme;
    editor::LanguageClient* m_language = nullptr;
};

} // namespace botwright::studio
