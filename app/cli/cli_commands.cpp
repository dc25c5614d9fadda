#include "app/cli/cli_commands.h"

#include "app/cli/cli_capture.h"
#include "app/cli/cli_io.h"
#include "app/cli/cli_replay.h"
#include "app/cli/cli_run.h"
#include "app/cli/cli_sandbox.h"
#include "app/cli/cli_sync.h"
#include "engine/core/resource_locator.h"
#include "engine/project/file_io.h"
#include "engine/project/project.h"
#include "engine/runtime/v8_platform.h"
#include "engine/typescript/typescript_compiler.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace botwright::cli {

namespace {

bool loadCompiler(typescript::TypeScriptCompiler& compiler) {
    QString error;
    if (!compiler.load(&error)) {
        err() << "error: " << error << "\n";
        return false;
    }
    return true;
}

// Prints diagnostics as `file:line:column: category TScode: message`; returns how many are errors.
int printDiagnostics(const QString& path, const typescript::TranspileResult& result) {
    int errors = 0;
    for (const typescript::TsDiagnostic& d : result.diagnostics) {
        err() << path << ":" << d.line << ":" << d.column << ": " << d.category << " TS" << d.code << ": "
              << d.message << "\n";
        errors += d.category == QLatin1String("error") ? 1 : 0;
    }
    return errors;
}

int runVersion(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the versions of the studio and its engines."));
    if (const int code = parse(parser, QStringLiteral("version"), arguments, 0); code >= 0) {
        return code;
    }
    typescript::TypeScriptCompiler compiler;
    QString error;
    const QString tsVersion =
        compiler.load(&error) ? compiler.version() : QStringLiteral("unavailable (%1)").arg(error);
    out() << "botwright-cli " << core::ResourceLocator::version() << "\n"
          << "Qt " << qVersion() << "\n"
          << "V8 " << runtime::V8Platform::version() << "\n"
          << "TypeScript " << tsVersion << "\n";
    return 0;
}

int runTranspile(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Type-strip one TypeScript file to JavaScript (ES2022) with the "
                       "studio's pinned compiler; prints the JavaScript."));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The .ts file."));
    const QCommandLineOption outFile({QStringLiteral("o"), QStringLiteral("out")},
                                     QStringLiteral("Write the JavaScript to <file> instead of stdout."),
                                     QStringLiteral("file"));
    const QCommandLineOption mapFile(QStringLiteral("map"), QStringLiteral("Write the source map to <file>."),
                                     QStringLiteral("file"));
    parser.addOptions({outFile, mapFile});
    if (const int code = parse(parser, QStringLiteral("transpile"), arguments, 1); code >= 0) {
        return code;
    }
    const QString path = parser.positionalArguments().first();
    QString error;
    const std::optional<QByteArray> source = project::readWholeFile(path, &error);
    if (!source) {
        err() << "error: " << error << "\n";
        return 1;
    }
    typescript::TypeScriptCompiler compiler;
    if (!loadCompiler(compiler)) {
        return 1;
    }
    const typescript::TranspileResult result = compiler.transpile(path, QString::fromUtf8(*source));
    if (!result.failure.isEmpty()) {
        err() << "error: " << result.failure << "\n";
        return 1;
    }
    printDiagnostics(path, result);
    if (parser.isSet(outFile)) {
        if (!project::writeFileAtomically(parser.value(outFile), result.javascript.toUtf8(), &error)) {
            err() << "error: " << error << "\n";
            return 1;
        }
    } else {
        out() << result.javascript;
    }
    if (parser.isSet(mapFile) &&
        !project::writeFileAtomically(parser.value(mapFile), result.sourceMap.toUtf8(), &error)) {
        err() << "error: " << error << "\n";
        return 1;
    }
    return result.ok ? 0 : 1;
}

int runCheck(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Check a project: script names follow Botloader's rule and every "
                       "script parses. Exits 1 if anything is wrong."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The project folder."));
    if (const int code = parse(parser, QStringLiteral("check"), arguments, 1); code >= 0) {
        return code;
    }
    QString error;
    const std::optional<project::Project> project =
        project::Project::open(parser.positionalArguments().first(), &error);
    if (!project) {
        err() << "error: " << error << "\n";
        return 1;
    }
    typescript::TypeScriptCompiler compiler;
    if (!loadCompiler(compiler)) {
        return 1;
    }
    int problems = 0;
    const QStringList names = project->scriptNames();
    for (const QString& name : names) {
        const std::optional<QString> source = project->readScript(name, &error);
        if (!source) {
            err() << "error: " << error << "\n";
            ++problems;
            continue;
        }
        const QString path = project->scriptPath(name);
        const typescript::TranspileResult result = compiler.transpile(path, *source);
        if (!result.failure.isEmpty()) {
            err() << "error: " << result.failure << "\n";
            ++problems;
        }
        problems += printDiagnostics(path, result);
    }
    out() << project->name() << ": " << names.size() << " script(s), " << problems << " problem(s)\n";
    return problems == 0 ? 0 : 1;
}

int runNew(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Create a project folder from the example project "
                                                    "(existing scripts in it are kept)."));
    parser.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("The new project folder."));
    if (const int code = parse(parser, QStringLiteral("new"), arguments, 1); code >= 0) {
        return code;
    }
    QString error;
    const std::optional<project::Project> project = project::Project::createFrom(
        core::ResourceLocator::exampleProjectDir(), parser.positionalArguments().first(), &error);
    if (!project) {
        err() << "error: " << error << "\n";
        return 1;
    }
    out() << "created " << project->rootPath() << " with "
          << project->scriptNames().join(QStringLiteral(", ")) << "\n";
    return 0;
}

} // namespace

const QList<Command>& commands() {
    static const QList<Command> all{
        {"new", "Create a project folder from the example project", runNew},
        {"check", "Check a project's script names and syntax", runCheck},
        {"transpile", "Type-strip a TypeScript file to JavaScript with source map", runTranspile},
        {"sandbox", "Run the local Discord (gateway + REST) on loopback", runSandbox},
        {"capture", "Record a gateway session (every frame, token redacted) to a file", runCapture},
        {"run", "Run a project's scripts against a sandbox or a server until Ctrl-C", runProject},
        {"test", "Run a project's self-reporting test scripts and report pass or fail", testProject},
        {"push", "Push a project's scripts to a server speaking Botloader's web API", pushProject},
        {"pull", "Pull a server's scripts into a project without overwriting local edits", pullProject},
        {"status", "Show what differs between a project and its server", statusProject},
        {"export", "Export a project as one portable bundle (scripts + manifest)", exportBundle},
        {"import", "Import a bundle's scripts into a project folder", importBundle},
        {"replay", "Run a capture's events through a project's pipeline and print each outcome",
         replayCapture},
        {"version", "Print the versions of the studio, Qt, V8 and TypeScript", runVersion},
    };
    return all;
}

} // namespace botwright::cli
