#include "engine/exporting/script_validation.h"

#include "engine/project/file_io.h"
#include "engine/typescript/typescript_compiler.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>

namespace botwright::exporting {

namespace {

ValidationIssue error(const QString& script, const QString& message) {
    return ValidationIssue{ValidationIssue::Severity::Error, script, message};
}

} // namespace

QString ValidationIssue::text() const {
    QString where = script.endsWith(QLatin1String(".ts")) ? script : script + QStringLiteral(".ts");
    if (line > 0)
        where += QStringLiteral(":%1:%2").arg(line).arg(column);
    return QStringLiteral("%1: %2: %3")
        .arg(where, isError() ? QStringLiteral("error") : QStringLiteral("warning"), message);
}

QString checkScriptName(const QString& name) {
    // Rust's `\w` is Unicode-aware, as is QRegularExpression's with UseUnicodePropertiesOption.
    static const QRegularExpression rule(QStringLiteral("^[\\w_-]+$"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    if (name.isEmpty())
        return QStringLiteral("a script needs a name");
    if (name.toUcs4().size() > kMaxNameLength)
        return QStringLiteral("\"%1\" is longer than %2 characters").arg(name).arg(kMaxNameLength);
    if (!rule.match(name).hasMatch())
        return QStringLiteral("\"%1\" may only contain letters, digits, '_' and '-'").arg(name);
    return {};
}

QString checkScriptSource(const QByteArray& source) {
    if (source.size() > kMaxSourceBytes)
        return QStringLiteral("the source is %1 bytes; Botloader accepts at most %2 bytes (100 KB)")
            .arg(source.size())
            .arg(kMaxSourceBytes);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString decoded = decoder.decode(source); // decoding happens here
    if (decoder.hasError())
        return QStringLiteral("the file is not valid UTF-8 text");
    return {};
}

bool LocalScan::hasErrors() const {
    return exporting::hasErrors(issues);
}

bool hasErrors(const QList<ValidationIssue>& issues) {
    for (const ValidationIssue& issue : issues)
        if (issue.isError())
            return true;
    return false;
}

LocalScan scanLocalScripts(const QString& projectRoot) {
    LocalScan scan;
    const QDir dir(projectRoot);
    const QStringList files = dir.entryList({QStringLiteral("*.ts")}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        if (file.endsWith(QLatin1String(".d.ts")) || file.startsWith(u'.'))
            continue;
        const QString name = file.chopped(3);
        if (const QString why = checkScriptName(name); !why.isEmpty()) {
            scan.issues.append(ValidationIssue{ValidationIssue::Severity::Warning, file,
                                               why + QStringLiteral("; the file is not a script Botloader "
                                                                    "accepts and is left out (rename it to "
                                                                    "sync it)")});
            continue;
        }
        QString readError;
        const std::optional<QByteArray> bytes = project::readWholeFile(dir.filePath(file), &readError);
        if (!bytes) {
            scan.issues.append(error(name, readError));
            continue;
        }
        scan.scripts.insert(name, *bytes);
    }
    return scan;
}

QList<ValidationIssue> validateForPush(const LocalScan& scan, const QStringList& names) {
    QList<ValidationIssue> issues = scan.issues;
    for (const QString& name : names) {
        if (const QString why = checkScriptName(name); !why.isEmpty())
            issues.append(error(name, why));
        const auto source = scan.scripts.constFind(name);
        if (source == scan.scripts.cend())
            continue;
        if (const QString why = checkScriptSource(*source); !why.isEmpty())
            issues.append(error(name, why));
    }
    return issues;
}

QList<ValidationIssue> typeScriptWarnings(typescript::TypeScriptCompiler& compiler,
                                          const QMap<QString, QByteArray>& scripts,
                                          const QStringList& names) {
    QList<ValidationIssue> issues;
    for (const QString& name : names) {
        const auto source = scripts.constFind(name);
        if (source == scripts.cend())
            continue;
        const typescript::TranspileResult result =
            compiler.transpile(name + QStringLiteral(".ts"), QString::fromUtf8(*source));
        if (!result.failure.isEmpty()) {
            issues.append(ValidationIssue{ValidationIssue::Severity::Warning, name,
                                          QStringLiteral("not checked: %1").arg(result.failure)});
            continue;
        }
        for (const typescript::TsDiagnostic& d : result.diagnostics) {
            if (d.category != QLatin1String("error"))
                continue;
            issues.append(ValidationIssue{ValidationIssue::Severity::Warning, name,
                                          QStringLiteral("TS%1: %2").arg(d.code).arg(d.message), d.line,
                                          d.column});
        }
    }
    return issues;
}

} // namespace botwright::exporting
