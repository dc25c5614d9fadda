#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <atomic>
#include <memory>
#include <optional>

namespace v8 {
class Isolate;
}

namespace botwright::typescript {

// A position in a document as the language service counts it: 0-based line and UTF-16 column.
struct LsPosition {
    int line = 0;
    int character = 0;
    friend bool operator==(const LsPosition&, const LsPosition&) = default;
};

struct LsRange {
    LsPosition start;
    LsPosition end;
};

struct LsCompletionEntry {
    QString name;
    QString kind;          // TypeScript's ScriptElementKind: "method", "property", "class", …
    QString kindModifiers; // "optional", "deprecated", "declare", …
    QString sortText;
    QString insertText; // empty: insert `name`
    QString source;     // for entry details
    std::optional<LsRange> replacement;
};

struct LsCompletions {
    bool isMemberCompletion = false;
    QList<LsCompletionEntry> entries;
};

struct LsCompletionDetails {
    QString name;
    QString kind;
    QString display;       // e.g. "(property) Message.content: string"
    QString documentation; // the doc comment and its tags
};

struct LsSignatureParameter {
    int start = 0; // [start, end) of the parameter inside the label, in UTF-16 units
    int end = 0;
    QString documentation;
};

struct LsSignature {
    QString label; // "reply(fields: string | CreateMessageFields): Promise<Message>"
    QList<LsSignatureParameter> parameters;
    QString documentation;
};

struct LsSignatureHelp {
    QList<LsSignature> signatures;
    int selected = 0;
    int argument = 0;
    LsRange applicable;
};

struct LsQuickInfo {
    QString display;
    QString documentation;
    LsRange range;
};

struct LsLocation {
    QString fileName; // a virtual name: /project/<name>.ts, /sdk/<file>.d.ts, /lib/<file>.d.ts
    LsRange range;
};

struct LsDiagnostic {
    LsRange range;
    QString category; // "error", "warning", "suggestion" or "message"
    int code = 0;
    QString message;
};

struct LsLoadStats {
    qint64 totalMs = 0;   // from the start of load() to a warmed-up service
    qint64 compileMs = 0; // typescript.js compiled and run (with or without the code cache)
    qint64 warmUpMs = 0;  // the first program (lib files parsed and bound) and first answers
    bool codeCacheUsed = false;
    bool codeCacheWritten = false;
    QString codeCachePath;
};

// The TypeScript language service (pinned typescript.js + language_service_glue.js) in its own V8
// isolate, over in-memory files. Thread-affine: it is created, used and destroyed on one thread
// (LanguageServiceThread's worker). Project scripts are /project/<name>.ts; the SDK declarations
// (resources/sdk) are /sdk/<file>.d.ts; TypeScript's lib files are /lib/lib.*.d.ts.
class LanguageService final {
public:
    struct Options {
        QString typescriptPath; // default: ResourceLocator::typescriptCompilerPath()
        QString libDir;         // default: ResourceLocator::typescriptLibDir()
        QString sdkDir;         // default: ResourceLocator::sdkDeclarationsDir()
        QString codeCacheDir;   // default: <CacheLocation>/typescript; "-" disables the code cache
    };

    LanguageService();
    ~LanguageService();
    LanguageService(const LanguageService&) = delete;
    LanguageService& operator=(const LanguageService&) = delete;

    // Loads typescript.js (through the V8 code cache when there is a valid one), the glue, the lib files
    // and the SDK declarations, then warms the service up (and writes the code cache if none was used).
    bool load(QString* error, const Options& options = {});
    bool isLoaded() const { return m_loaded; }
    const LsLoadStats& loadStats() const { return m_stats; }
    QString version() const { return m_version; }

    // Set from any thread to stop a long request (diagnostics) at its next check; the request then
    // reports `cancelled`. The service clears nothing: the caller resets the flag.
    void setCancellationFlag(const std::atomic<bool>* flag) { m_cancel = flag; }
    // From any thread: stops the JavaScript running now (and every later call); for shutting down
    // while a load or a request is in progress.
    void terminate();

    void setFile(const QString& fileName, const QString& text, int version);
    void removeFile(const QString& fileName);
    QStringList fileNames() const { return m_files; }

    // Each returns nullopt when the request failed or was cancelled (see lastError()).
    std::optional<LsCompletions> completions(const QString& fileName, LsPosition position,
                                             const QString& triggerCharacter = {});
    std::optional<LsCompletionDetails> completionDetails(const QString& fileName, LsPosition position,
                                                         const QString& entryName,
                                                         const QString& source = {});
    std::optional<LsSignatureHelp> signatureHelp(const QString& fileName, LsPosition position,
                                                 const QString& triggerCharacter = {});
    std::optional<LsQuickInfo> quickInfo(const QString& fileName, LsPosition position);
    std::optional<QList<LsLocation>> definition(const QString& fileName, LsPosition position);
    std::optional<QList<LsDiagnostic>> diagnostics(const QString& fileName);

    // Tests: the SDK declarations' own diagnostics, and the runtime values they declare
    // ({"names": [...], "events": [...]}, see __lsDescribeSdk in the glue).
    std::optional<QList<LsDiagnostic>> sdkDiagnostics();
    std::optional<QJsonObject> describeSdk();

    bool lastWasCancelled() const { return m_lastCancelled; }
    QString lastError() const { return m_lastError; }

    // The virtual name of a project script / SDK file, and back.
    static QString projectFileName(const QString& scriptName) {
        return QStringLiteral("/project/") + scriptName + QStringLiteral(".ts");
    }

private:
    class Impl;
    std::optional<QJsonObject> call(const char* function, std::initializer_list<QVariant> arguments);

    std::unique_ptr<Impl> m_impl;
    std::atomic<v8::Isolate*> m_isolate{nullptr};
    std::atomic<bool> m_terminated{false};
    const std::atomic<bool>* m_cancel = nullptr;
    bool m_loaded = false;
    bool m_lastCancelled = false;
    QString m_lastError;
    QString m_version;
    QStringList m_files;
    LsLoadStats m_stats;
};

} // namespace botwright::typescript

Q_DECLARE_METATYPE(botwright::typescript::LsCompletions)
Q_DECLARE_METATYPE(botwright::typescript::LsCompletionDetails)
Q_DECLARE_METATYPE(botwright::typescript::LsSignatureHelp)
Q_DECLARE_METATYPE(botwright::typescript::LsQuickInfo)
Q_DECLARE_METATYPE(botwright::typescript::LsLocation)
Q_DECLARE_METATYPE(botwright::typescript::LsDiagnostic)
Q_DECLARE_METATYPE(botwright::typescript::LsLoadStats)
