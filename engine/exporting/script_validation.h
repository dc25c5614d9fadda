#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace botwright::typescript {
class TypeScriptCompiler;
}

namespace botwright::exporting {

// Botloader's limit on a script's source: `source.len() > 100_000` bytes of UTF-8 is refused with
// "source can be max 100KiB" (components/validation web.rs), so the limit is 100,000 bytes.
inline constexpr qsizetype kMaxSourceBytes = 100000;
inline constexpr int kMaxNameLength = 32;

struct ValidationIssue {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString script; // the script name, or the file name when it is not a valid name
    QString message;
    int line = 0; // 1-based; 0 when the issue is about the whole script
    int column = 0;

    bool isError() const { return severity == Severity::Error; }
    QString text() const; // "name.ts:3:5: warning: …"
};

// Empty when `name` follows Botloader's rule `^[\w_-]{1,32}$`; else why not.
QString checkScriptName(const QString& name);
// Empty when `source` can be sent: at most kMaxSourceBytes bytes and valid UTF-8; else why not.
QString checkScriptSource(const QByteArray& source);

// The project's scripts as they are on disk: every `<name>.ts` directly in the folder (not
// `*.d.ts`, not hidden), read as bytes. A file whose name breaks the name rule is left out with a
// warning (it is not a script Botloader accepts, e.g. `util.test.ts`); an unreadable file is left
// out with an error. Sizes are checked by validateForPush, for the scripts about to be sent.
struct LocalScan {
    QMap<QString, QByteArray> scripts;
    QList<ValidationIssue> issues;
    bool hasErrors() const;
};
LocalScan scanLocalScripts(const QString& projectRoot);

// The scan's own issues plus name, size and UTF-8 checks for the scripts about to be sent.
QList<ValidationIssue> validateForPush(const LocalScan& scan, const QStringList& names);

// Syntax problems the pinned TypeScript compiler reports for each named script, as warnings
// (Botloader only strips types, so a TypeScript error may still run; the person decides).
// `compiler` must be loaded and belong to the calling thread.
QList<ValidationIssue> typeScriptWarnings(typescript::TypeScriptCompiler& compiler,
                                          const QMap<QString, QByteArray>& scripts, const QStringList& names);

bool hasErrors(const QList<ValidationIssue>& issues);

} // namespace botwright::exporting
