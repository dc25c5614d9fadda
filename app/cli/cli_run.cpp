#include "app/cli/cli_run.h"

#include "app/cli/cli_io.h"
#include "app/cli/project_session.h"
#include "app/cli/test_report.h"
#include "engine/project/project.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

namespace botwright::cli {

int runProject(const QStringList& arguments) {
    installStopSignals();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a project's scripts headless until Ctrl-C: against a local sandbox of its own (default, or\n"
        "--world FILE), or a server given by --gateway with the bot token in --token-env (BOTWRIGHT_TOKEN).\n"
        "Script output goes to stdout with .ts positions."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The project folder."));
    ProjectSession::addOptions(parser);
    if (const int code = parse(parser, QStringLiteral("run"), arguments, 1); code >= 0)
        return code;
    ProjectSession session;
    if (!session.start(parser, parser.positionalArguments().first()))
        return 1;
    int exitCode = 0;
    QObject::connect(session.runtime(), &runtime::ScriptRuntime::logged, &session,
                     [](const runtime::VmLogEntry& entry) {
                         out() << ProjectSession::describe(entry) << "\n";
                         out().flush();
                     });
    QObject::connect(session.runtime(), &runtime::ScriptRuntime::loaded, &session, [](bool ok, double ms) {
        out() << "scripts " << (ok ? "running" : "started with errors") << " (" << QString::number(ms, 'f', 1)
              << " ms); Ctrl-C stops\n";
        out().flush();
    });
    QObject::connect(&session, &ProjectSession::failed, &session, [&exitCode](const QString& reason) {
        err() << "error: " << reason << "\n";
        exitCode = 1;
        QCoreApplication::quit();
    });
    quitOnStopSignal(&session);
    QCoreApplication::exec();
    session.stop();
    return exitCode;
}

int testProject(const QStringList& arguments) {
    installStopSignals();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a project's self-reporting test scripts (Botloader's integration-test protocol): each script\n"
        "logs INTEGRATION_TEST:\"ScriptComplete\" when done. Passes when every script completed and nothing\n"
        "logged an error; fails at the first error or when no script completes for --timeout seconds."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The project folder."));
    ProjectSession::addOptions(parser);
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("Seconds without a new completion before the run fails."),
                                     QStringLiteral("S"), QStringLiteral("120"));
    const QCommandLineOption junit(QStringLiteral("junit"),
                                   QStringLiteral("Also write a JUnit XML report here."),
                                   QStringLiteral("FILE"));
    parser.addOptions({timeout, junit});
    if (const int code = parse(parser, QStringLiteral("test"), arguments, 1); code >= 0)
        return code;
    bool ok = false;
    const int timeoutSeconds = parser.value(timeout).toInt(&ok);
    if (!ok || timeoutSeconds <= 0) {
        err() << "error: --timeout must be a positive number of seconds\n";
        return 2;
    }
    const QString projectPath = parser.positionalArguments().first();
    QString error;
    const std::optional<project::Project> project = project::Project::open(projectPath, &error);
    if (!project) {
        err() << "error: " << error << "\n";
        return 1;
    }
    TestReport report(project->scriptNames());
    ProjectSession session;
    if (!session.start(parser, projectPath))
        return 1;
    QTimer idle;
    idle.setSingleShot(true);
    idle.setInterval(timeoutSeconds * 1000);
    QObject::connect(&idle, &QTimer::timeout, &session, [&report, timeoutSeconds] {
        report.fail(QStringLiteral("timed out: no script completed in the last %1 s").arg(timeoutSeconds));
        QCoreApplication::quit();
    });
    QObject::connect(session.runtime(), &runtime::ScriptRuntime::logged, &session,
                     [&](const runtime::VmLogEntry& entry) {
                         out() << ProjectSession::describe(entry) << "\n";
                         out().flush();
                         const TestReport::Outcome outcome = report.observe(entry);
                         if (outcome == TestReport::Outcome::Progress)
                             idle.start();
                         if (report.finished())
                             QCoreApplication::quit();
                     });
    QObject::connect(&session, &ProjectSession::failed, &session, [&report](const QString& reason) {
        report.fail(reason);
        QCoreApplication::quit();
    });
    quitOnStopSignal(&session);
    idle.start();
    QCoreApplication::exec();
    session.stop();
    if (report.stillRunning())
        report.fail(QStringLiteral("interrupted"));
    out() << report.summary();
    out().flush();
    if (parser.isSet(junit)) {
        if (!report.writeJUnit(parser.value(junit), &error)) {
            err() << "error: " << error << "\n";
            return 1;
        }
    }
    return report.passed() ? 0 : 1;
}

} // namespace botwright::cli
