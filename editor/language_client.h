#pragma once

#include "engine/typescript/language_service_thread.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QTimer;

namespace botwright::editor {

class CodeEditor;
class CompletionController;
class DiagnosticsDisplay;
class LanguageClient;
class ProblemsModel;
class SignatureHelp;

// One editor attached to the language service: its virtual file name, the version of its text, and
// the helpers that show the service's answers in it (completion list, signature help and hover,
// squiggles). Lives as long as its editor.
class LanguageDocument final : public QObject {
    Q_OBJECT
public:
    LanguageDocument(LanguageClient* client, CodeEditor* editor, QString path, QString fileName,
                     bool editable);
    ~LanguageDocument() override;

    CodeEditor* editor() const { return m_editor; }
    LanguageClient* client() const { return m_client; }
    typescript::LanguageServiceThread* service() const { return m_service; }
    QString path() const { return m_path; }
    QString fileName() const { return m_fileName; } // virtual: /project/<name>.ts or /sdk/<file>.d.ts
    bool isEditable() const { return m_editable; }
    int version() const { return m_version; }

    // Pushes the editor's text to the service if it changed since the last push (cheap when not).
    void sync();
    void showDiagnostics(const QList<typescript::LsDiagnostic>& diagnostics);

    CompletionController* completion() const { return m_completion; }
    SignatureHelp* signatureHelp() const { return m_signatureHelp; }
    DiagnosticsDisplay* diagnostics() const { return m_diagnostics; }

private:
    friend class LanguageClient;
    void onTextChanged();

    LanguageClient* m_client; // null once the client let go of the document (project closed)
    typescript::LanguageServiceThread* m_service;
    CodeEditor* m_editor;
    QString m_path;
    QString m_fileName;
    bool m_editable;
    int m_version = 0;
    bool m_dirty = false;
    CompletionController* m_completion = nullptr;
    SignatureHelp* m_signatureHelp = nullptr;
    DiagnosticsDisplay* m_diagnostics = nullptr;
};

// The editor side of the language service: owns the service thread, feeds it the open project's
// scripts (the editor's live text for open ones, the disk's for the others), attaches editors, and
// collects diagnostics into the Problems model. Everything here runs on the GUI thread and never waits
// for the service: answers arrive as signals and are dropped when their document has moved on.
class LanguageClient final : public QObject {
    Q_OBJECT
public:
    explicit LanguageClient(QObject* parent = nullptr, typescript::LanguageService::Options options = {});
    ~LanguageClient() override;

    // Starts loading the service in the background.
    void start();
    bool isReady() const;
    typescript::LanguageServiceThread* service() const { return m_service; }
    ProblemsModel* problems() const { return m_problems; }
    QString statusText() const { return m_status; }

    // Opens a project folder (writes its tsconfig.json and .botwright/types, feeds its scripts);
    // an empty path closes it.
    void setProject(const QString& rootPath);
    QString projectRoot() const { return m_root; }
    // Re-reads the project's scripts from disk (files added, removed or changed by other programs).
    void refreshProjectFiles();

    // Attaches an editor showing `path` (a project script, or an SDK declaration file read-only).
    // Returns nullptr for other files. The document is a child of the editor.
    LanguageDocument* attach(CodeEditor* editor, const QString& path);
    LanguageDocument* documentFor(const CodeEditor* editor) const;

    // F12: asks where the symbol at the caret is defined; answered through definitionFound().
    void goToDefinition(CodeEditor* editor);

    // Virtual file name ↔ file path (project scripts and SDK files; lib files have no path).
    QString pathForFileName(const QString& fileName) const;
    QString fileNameForPath(const QString& path) const;
    bool isReadOnlyPath(const QString& path) const;

    // Moves the caret of `editor` to a service position and shows it.
    static void reveal(CodeEditor* editor, typescript::LsPosition position);

    // Quiet time after the last keystroke before diagnostics are asked for.
    void setDiagnosticsDelay(int ms);
    void scheduleDiagnostics(const QString& firstFileName);

Q_SIGNALS:
    void ready(const botwright::typescript::LsLoadStats& stats);
    void statusChanged(const QString& text);
    void definitionFound(const QString& path, botwright::typescript::LsPosition position, bool readOnly);
    void diagnosticsApplied(const QString& path, int version);

private:
    friend class LanguageDocument;
    void pushText(const QString& fileName, const QString& text, int version);
    void documentClosed(LanguageDocument* document);
    void onDiagnostics(const QString& fileName, int version,
                       const QList<typescript::LsDiagnostic>& diagnostics);
    void onDefinition(quint64 id, const QString& fileName, int version,
                      const QList<typescript::LsLocation>& locations);
    void requestAllDiagnostics();
    void setStatus(const QString& text);
    int nextVersion() { return ++m_versionCounter; }

    typescript::LanguageServiceThread* m_service;
    ProblemsModel* m_problems;
    QTimer* m_diagnosticsTimer;
    QString m_root;
    QString m_sdkDir;
    QString m_status;
    QString m_firstDiagnostics;
    int m_versionCounter = 0;
    QHash<QString, int> m_versions;                         // virtual name → newest version pushed
    QHash<QString, QString> m_diskText;                     // project scripts not open: their disk text
    QHash<QString, QPointer<LanguageDocument>> m_documents; // virtual name → open editor
    quint64 m_definitionRequest = 0;
    QPointer<CodeEditor> m_definitionEditor;
};

} // namespace botwright::editor
