#pragma once

#include <QList>
#include <QString>

#include <memory>

namespace botwright::runtime {
class JsIsolate;
}

namespace botwright::typescript {

struct TsDiagnostic {
    int code = 0;
    QString category; // "error", "warning", "suggestion" or "message"
    QString message;
    int line = 0;   // 1-based
    int column = 0; // 1-based
};

struct TranspileResult {
    bool ok = false;    // JavaScript was produced and no error-category diagnostic was reported
    QString javascript; // ES2022 module code, ending in a sourceMappingURL comment
    QString sourceMap;  // source map v3 JSON with the original source inlined
    QList<TsDiagnostic> diagnostics;
    QString failure; // set when the compiler itself could not run
};

// The pinned TypeScript compiler (typescript.js) running inside its own V8 isolate. Not thread-safe:
// one instance belongs to one thread.
class TypeScriptCompiler final {
public:
    TypeScriptCompiler();
    ~TypeScriptCompiler();
    TypeScriptCompiler(const TypeScriptCompiler&) = delete;
    TypeScriptCompiler& operator=(const TypeScriptCompiler&) = delete;

    // Loads typescript.js from `path` (default: the installed/build-tree copy). On failure returns
    // false and sets `error` to a message that says what to do.
    bool load(QString* error, const QString& path = {});
    bool isLoaded() const { return m_loaded; }
    QString version() const { return m_version; }
    qint64 loadMilliseconds() const { return m_loadMs; }

    // Type-strips one file (no type checking), producing JavaScript and a source map.
    TranspileResult transpile(const QString& fileName, const QString& source);

private:
    std::unique_ptr<runtime::JsIsolate> m_isolate;
    bool m_loaded = false;
    QString m_version;
    qint64 m_loadMs = 0;
};

} // namespace botwright::typescript
