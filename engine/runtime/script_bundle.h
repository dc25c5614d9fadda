#pragma once

#include "engine/typescript/source_map.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace botwright::project {
class Project;
}
namespace botwright::typescript {
class TypeScriptCompiler;
}

namespace botwright::runtime {

// One project script, ready for the VM: the TypeScript with Botloader's header and footer
// (botloader-sdk.md §1.2), type-stripped to JavaScript, with its source map.
struct CompiledScript {
    QString name;     // without ".ts"
    int scriptId = 0; // 1-based, in name order
    QString url;      // file:///guild_scripts/<name>.js
    QString javascript;
    typescript::SourceMap sourceMap;
    int headerLength = 0; // characters the header adds to the first line
    QJsonArray settings;  // its values from <project>/settings.json, [{name, value}] (docs/settings-file.md)
};

// A position in a project's .ts file.
struct ScriptPosition {
    QString script; // name without ".ts"
    int line = 0;   // 1-based
    int column = 0; // 1-based
};

// The compiled scripts of one project revision, and the way back from VM positions to .ts ones.
struct ScriptBundle {
    QList<CompiledScript> scripts;
    QStringList errors; // scripts that did not compile: "Script compilation failed for x.ts: …";
                        // a settings.json that cannot be used
    QList<ScriptPosition> errorPositions; // where, for each entry of `errors`

    std::optional<ScriptPosition> map(const QString& url, int line, int column) const;
    // Rewrites every "file:///guild_scripts/<name>.js:L:C" in `text` to "<name>.ts:L':C'".
    QString mapText(const QString& text) const;
};

// Builds bundles: reads the project's scripts, adds header and footer, transpiles with the pinned
// TypeScript compiler (loaded only when something is not in the cache) and caches the results by
// content hash, in memory and under <project>/.botwright/cache. Lives on one thread.
class ScriptBundler final {
public:
    ScriptBundler();
    ~ScriptBundler();
    ScriptBundler(const ScriptBundler&) = delete;
    ScriptBundler& operator=(const ScriptBundler&) = delete;

    static QString header(const QString& name, int scriptId);
    static QString footer() { return QStringLiteral("\nscript.run();\n"); }

    // False only when the project cannot be read or the compiler cannot load; a script with syntax
    // errors is left out of the bundle and listed in bundle->errors.
    bool build(const project::Project& project, ScriptBundle* bundle, QString* error);

    int cacheHits() const { return m_hits; }
    int cacheMisses() const { return m_misses; }

private:
    struct Cached {
        QString javascript;
        QByteArray sourceMap;
        QString error;
        int errorLine = 0;
        int errorColumn = 0;
    };
    std::optional<Cached> compile(const QString& cacheDir, const QString& name, const QString& source,
                                  QString* error);

    std::unique_ptr<typescript::TypeScriptCompiler> m_compiler;
    QHash<QByteArray, Cached> m_memory;
    int m_hits = 0;
    int m_misses = 0;
};

} // namespace botwright::runtime
