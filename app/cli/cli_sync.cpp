#include "app/cli/cli_sync.h"

#include "app/cli/cli_io.h"
#include "engine/exporting/botloader_api_client.h"
#include "engine/exporting/line_diff.h"
#include "engine/exporting/project_bundle.h"
#include "engine/exporting/sync_session.h"
#include "engine/project/project.h"
#include "engine/typescript/typescript_compiler.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcessEnvironment>

#include <optional>

namespace botwright::cli {

namespace {

using namespace exporting;

const char* const kKeyVariable = "BOTWRIGHT_API_KEY";

struct SyncOptions {
    QCommandLineOption api{
        QStringLiteral("api"),
        QStringLiteral("The API base (default %1).").arg(BotloaderApiClient::defaultBaseUrl()),
        QStringLiteral("URL"), BotloaderApiClient::defaultBaseUrl()};
    QCommandLineOption guild{
        QStringLiteral("guild"),
        QStringLiteral("The server (guild) id. Needed the first time; afterwards the one in "
                       "PROJECT/.botloader/index.json is used."),
        QStringLiteral("ID")};
    QCommandLineOption timeout{
        QStringLiteral("timeout"),
        QStringLiteral("Seconds without progress before a request fails (default 30)."), QStringLiteral("S"),
        QStringLiteral("30")};
    QCommandLineOption dryRun{QStringLiteral("dry-run"), QStringLiteral("Show the plan; change nothing.")};
    QCommandLineOption diff{QStringLiteral("diff"), QStringLiteral("Show a unified diff for every change.")};
    QCommandLineOption resolve{
        QStringLiteral("resolve"),
        QStringLiteral("What to do with conflicts (both sides changed): local, server or "
                       "skip. Without it, conflicts are reported and the command fails."),
        QStringLiteral("local|server|skip")};
    QCommandLineOption noTypecheck{
        QStringLiteral("no-typecheck"),
        QStringLiteral("Do not check the scripts' TypeScript syntax before a push.")};
    QCommandLineOption offline{QStringLiteral("offline"),
                               QStringLiteral("Compare with the last-synced copies only; no request.")};
};

QString describeSetup() {
    return QStringLiteral(
               "The API key is read from the environment variable %1 (never from the command line). "
               "Create one on botloader.io (user settings).")
        .arg(QLatin1String(kKeyVariable));
}

std::optional<QString> apiKey() {
    const QString key = QProcessEnvironment::systemEnvironment().value(QLatin1String(kKeyVariable)).trimmed();
    if (key.isEmpty()) {
        err() << "error: no API key: set " << kKeyVariable << " to a Botloader API key\n";
        return std::nullopt;
    }
    return key;
}

void printIssues(const QList<ValidationIssue>& issues) {
    for (const ValidationIssue& issue : issues)
        err() << issue.text() << "\n";
}

QString verb(SyncAction action) {
    switch (action) {
    case SyncAction::CreateRemote:
    case SyncAction::CreateLocal:
        return QStringLiteral("create");
    case SyncAction::UpdateRemote:
    case SyncAction::UpdateLocal:
        return QStringLiteral("update");
    case SyncAction::DeleteRemote:
    case SyncAction::DeleteLocal:
        return QStringLiteral("delete");
    case SyncAction::Adopt:
        return QStringLiteral("adopt");
    case SyncAction::KeepLocal:
        return QStringLiteral("keep");
    case SyncAction::OtherSide:
        return QStringLiteral("skip");
    case SyncAction::Conflict:
        return QStringLiteral("CONFLICT");
    case SyncAction::None:
        break;
    }
    return QStringLiteral("-");
}

void printPlan(const SyncPlan& plan, bool withDiff) {
    for (const QString& note : plan.notes)
        err() << "note: " << note << "\n";
    for (const SyncEntry& e : plan.entries) {
        const SyncAction action = e.effectiveAction(plan.direction);
        const SyncAction shown =
            e.isConflict() && e.resolution == Resolution::Unresolved ? SyncAction::Conflict : action;
        QString line = QStringLiteral("  %1 %2 %3")
                           .arg(verb(shown), -9)
                           .arg(e.name + QStringLiteral(".ts"), -24)
                           .arg(e.describe(plan.direction));
        if (e.isConflict() && e.resolution != Resolution::Unresolved)
            line += QStringLiteral(" → %1").arg(actionName(action));
        const QByteArray oldText = e.diffOld(plan.direction);
        const QByteArray newText = e.diffNew(plan.direction);
        if (oldText != newText && (shown != SyncAction::OtherSide)) {
            const DiffStats stats =
                diffStats(diffText(QString::fromUtf8(oldText), QString::fromUtf8(newText)));
            line += QStringLiteral(" (+%1 -%2)").arg(stats.added).arg(stats.removed);
        }
        out() << line << "\n";
        if (withDiff && shown != SyncAction::OtherSide && oldText != newText) {
            const bool push = plan.direction == SyncDirection::Push;
            out() << unifiedDiff(QString::fromUtf8(oldText), QString::fromUtf8(newText),
                                 (push ? QStringLiteral("server/") : QStringLiteral("local/")) + e.name +
                                     QStringLiteral(".ts"),
                                 (push ? QStringLiteral("local/") : QStringLiteral("server/")) + e.name +
                                     QStringLiteral(".ts"));
        }
    }
    if (plan.entries.isEmpty())
        out() << "  everything is in sync\n";
}

// Runs the event loop until `done` is set.
template <typename T>
T waitFor(std::optional<T>& slot) {
    QEventLoop loop;
    while (!slot)
        loop.processEvents(QEventLoop::WaitForMoreEvents);
    return *slot;
}

int sync(SyncDirection direction, const QStringList& arguments) {
    const bool push = direction == SyncDirection::Push;
    const QString name = directionName(direction);
    SyncOptions o;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        (push ? QStringLiteral(
                    "Push a project's scripts to a server that speaks Botloader's web API: scripts "
                    "created, edited\nand deleted since the last sync are sent, then the server's VM "
                    "is reloaded. Scripts are\nchecked first (name rule, 100,000-byte limit; "
                    "TypeScript errors as warnings).")
              : QStringLiteral("Pull a server's scripts into a project: server changes are written where the "
                               "local file is\nunchanged since the last sync; a local edit is never "
                               "overwritten (a conflict needs --resolve).")) +
        QStringLiteral("\n") + describeSetup() +
        QStringLiteral("\nExit status: 0 done, 1 something failed or a conflict is unresolved, 2 usage."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The project folder."));
    parser.addOptions({o.api, o.guild, o.timeout, o.dryRun, o.diff, o.resolve});
    if (push)
        parser.addOption(o.noTypecheck);
    if (const int code = parse(parser, name, arguments, 1); code >= 0)
        return code;

    std::optional<Resolution> resolution;
    if (parser.isSet(o.resolve)) {
        const QString value = parser.value(o.resolve);
        if (value == QLatin1String("local"))
            resolution = Resolution::KeepLocal;
        else if (value == QLatin1String("server"))
            resolution = Resolution::TakeServer;
        else if (value == QLatin1String("skip"))
            resolution = Resolution::Skip;
        else {
            err() << "error: --resolve takes local, server or skip\n";
            return 2;
        }
    }
    bool numeric = false;
    const double timeoutSeconds = parser.value(o.timeout).toDouble(&numeric);
    if (!numeric || timeoutSeconds <= 0) {
        err() << "error: --timeout must be a positive number of seconds\n";
        return 2;
    }
    if (const QString why = BotloaderApiClient::checkBaseUrl(parser.value(o.api)); !why.isEmpty()) {
        err() << "error: --api: " << why << "\n";
        return 2;
    }
    const std::optional<QString> key = apiKey();
    if (!key)
        return 2;
    QString error;
    const std::optional<project::Project> project =
        project::Project::open(parser.positionalArguments().first(), &error);
    if (!project) {
        err() << "error: " << error << "\n";
        return 1;
    }

    // Local checks first, before any request.
    if (push && !parser.isSet(o.noTypecheck)) {
        const LocalScan scan = scanLocalScripts(project->rootPath());
        const QStringList outgoing = SyncSession::changedSinceLastSync(project->rootPath(), scan);
        if (!outgoing.isEmpty()) {
            typescript::TypeScriptCompiler compiler;
            if (!compiler.load(&error))
                err() << "warning: TypeScript not checked: " << error << "\n";
            else
                printIssues(typeScriptWarnings(compiler, scan.scripts, outgoing));
        }
    }

    ApiClientOptions options;
    options.timeoutMs = static_cast<int>(timeoutSeconds * 1000);
    BotloaderApiClient client(parser.value(o.api), *key, options);
    SyncSession session(project->rootPath(), &client);
    std::optional<PrepareResult> prepared;
    session.prepare(direction, parser.value(o.guild), [&](const PrepareResult& r) { prepared = r; });
    const PrepareResult result = waitFor(prepared);
    printIssues(result.issues);
    if (!result.ok()) {
        err() << "error: " << result.error << "\n";
        return 1;
    }
    SyncPlan plan = *result.plan;
    if (resolution)
        plan.resolveAll(*resolution);
    out() << name << ": " << project->name() << " " << (push ? "→" : "←") << " " << result.guildName << " ("
          << plan.guildId << ")" << (result.newLink ? ", linking the project to it" : "") << "\n";
    printPlan(plan, parser.isSet(o.diff));
    const int unresolved = plan.unresolvedCount();
    if (unresolved > 0)
        err() << unresolved << " conflict(s) left as they are: both sides changed. Run again with --resolve "
              << "local, server or skip (--diff shows both sides).\n";
    if (parser.isSet(o.dryRun)) {
        out() << name << ": dry run, nothing changed\n";
        return unresolved > 0 ? 1 : 0;
    }
    if (!plan.hasWork() && !result.newLink) {
        out() << name << ": nothing to do\n";
        return unresolved > 0 ? 1 : 0;
    }
    std::optional<SyncReport> applied;
    session.apply(plan, [&](const SyncReport& r) { applied = r; });
    const SyncReport report = waitFor(applied);
    const QString details = report.details();
    if (!details.isEmpty())
        out() << details << "\n";
    out() << name << ": " << report.summary() << " (" << report.elapsedMs << " ms)\n";
    return report.ok() && unresolved == 0 ? 0 : 1;
}

int offlineStatus(const project::Project& project) {
    QString error;
    const LocalScan scan = scanLocalScripts(project.rootPath());
    printIssues(scan.issues);
    if (!WorkspaceState::isLinked(project.rootPath())) {
        out() << project.name() << ": not linked to a server; every script is new (" << scan.scripts.size()
              << ")\n";
        return 0;
    }
    const std::optional<WorkspaceState> state = WorkspaceState::load(project.rootPath(), &error);
    const std::optional<QMap<QString, SyncedCopy>> base = state ? state->syncedCopies(&error) : std::nullopt;
    if (!base) {
        err() << "error: " << error << "\n";
        return 1;
    }
    out() << project.name() << ": linked to " << state->guildName() << " (" << state->guildId()
          << "); compared with the last-synced copies only\n";
    int changed = 0;
    QStringList names = scan.scripts.keys();
    for (const QString& n : base->keys())
        if (!names.contains(n))
            names.append(n);
    names.sort();
    for (const QString& n : names) {
        const bool here = scan.scripts.contains(n);
        const bool synced = base->contains(n);
        const QString what = !synced                                          ? QStringLiteral("new")
                             : !here                                          ? QStringLiteral("deleted")
                             : scan.scripts.value(n) == base->value(n).source ? QString()
                                                                              : QStringLiteral("edited");
        if (what.isEmpty())
            continue;
        ++changed;
        out() << "  " << QStringLiteral("%1 %2").arg(what, -9).arg(n + QStringLiteral(".ts")) << "\n";
    }
    if (changed == 0)
        out() << "  no local changes since the last sync\n";
    return 0;
}

} // namespace

int pushProject(const QStringList& arguments) {
    return sync(SyncDirection::Push, arguments);
}

int pullProject(const QStringList& arguments) {
    return sync(SyncDirection::Pull, arguments);
}

int statusProject(const QStringList& arguments) {
    SyncOptions o;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Show how a project and its server differ: per script, the change here and on the server "
            "since\nthe last sync, and whether push or pull carries it. ") +
        describeSetup());
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The project folder."));
    parser.addOptions({o.api, o.guild, o.timeout, o.offline});
    if (const int code = parse(parser, QStringLiteral("status"), arguments, 1); code >= 0)
        return code;
    QString error;
    const std::optional<project::Project> project =
        project::Project::open(parser.positionalArguments().first(), &error);
    if (!project) {
        err() << "error: " << error << "\n";
        return 1;
    }
    if (parser.isSet(o.offline))
        return offlineStatus(*project);
    if (const QString why = BotloaderApiClient::checkBaseUrl(parser.value(o.api)); !why.isEmpty()) {
        err() << "error: --api: " << why << "\n";
        return 2;
    }
    const std::optional<QString> key = apiKey();
    if (!key)
        return 2;
    ApiClientOptions options;
    options.timeoutMs = static_cast<int>(parser.value(o.timeout).toDouble() * 1000);
    if (options.timeoutMs <= 0)
        options.timeoutMs = 30000;
    BotloaderApiClient client(parser.value(o.api), *key, options);
    SyncSession session(project->rootPath(), &client);
    std::optional<PrepareResult> prepared;
    session.prepare(SyncDirection::Pull, parser.value(o.guild),
                    [&](const PrepareResult& r) { prepared = r; });
    const PrepareResult result = waitFor(prepared);
    printIssues(result.issues);
    if (!result.ok()) {
        err() << "error: " << result.error << "\n";
        return 1;
    }
    const SyncPlan& plan = *result.plan;
    out() << project->name() << ": " << result.guildName << " (" << plan.guildId << ")"
          << (result.newLink ? ", not linked yet" : "") << "\n";
    for (const QString& note : plan.notes)
        err() << "note: " << note << "\n";
    out() << QStringLiteral("  %1 %2 %3 %4\n")
                 .arg(QStringLiteral("SCRIPT"), -24)
                 .arg(QStringLiteral("HERE"), -10)
                 .arg(QStringLiteral("SERVER"), -10)
                 .arg(QStringLiteral("NEXT"));
    const SyncStatus status = syncStatus(plan);
    for (const SyncStatus::Line& e : status.lines) {
        out() << QStringLiteral("  %1 %2 %3 %4\n")
                     .arg(e.name + QStringLiteral(".ts"), -24)
                     .arg(changeName(e.local), -10)
                     .arg(changeName(e.remote), -10)
                     .arg(e.next);
    }
    out() << QStringLiteral("%1 to push, %2 to pull, %3 conflict(s)\n")
                 .arg(status.pushes)
                 .arg(status.pulls)
                 .arg(status.conflicts);
    return 0;
}

int exportBundle(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Export a project's scripts and a manifest as one portable bundle (zstd-compressed tar;\n"
        "docs/bundle-format.md). `tar --zstd -xf` opens it too."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The project folder."));
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("out")},
        QStringLiteral("The bundle file (default <project>.botwright.tar.zst here)."),
        QStringLiteral("FILE"));
    parser.addOption(output);
    if (const int code = parse(parser, QStringLiteral("export"), arguments, 1); code >= 0)
        return code;
    const QString root = parser.positionalArguments().first();
    const QString file = parser.isSet(output)
                             ? parser.value(output)
                             : bundle::defaultFileName(QFileInfo(root).canonicalFilePath().section(u'/', -1));
    QString error;
    int count = 0;
    if (!bundle::exportProject(root, file, &error, &count)) {
        err() << "error: " << error << "\n";
        return 1;
    }
    out() << "exported " << count << " script(s) to " << file << "\n";
    return 0;
}

int importBundle(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Import a bundle's scripts into a project folder (created if missing). Scripts that exist with\n"
        "other text stop the import unless --overwrite, which backs them up first."));
    parser.addPositionalArgument(QStringLiteral("BUNDLE"), QStringLiteral("The bundle file."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The project folder."));
    const QCommandLineOption overwrite(QStringLiteral("overwrite"),
                                       QStringLiteral("Replace scripts that differ (backed up under "
                                                      "PROJECT/.botwright/import-backups/)."));
    parser.addOption(overwrite);
    if (const int code = parse(parser, QStringLiteral("import"), arguments, 2); code >= 0)
        return code;
    QString error;
    const std::optional<bundle::ImportResult> result =
        bundle::importBundle(parser.positionalArguments().at(0), parser.positionalArguments().at(1),
                             parser.isSet(overwrite), &error);
    if (!result) {
        err() << "error: " << error << "\n";
        return 1;
    }
    out() << "imported " << result->written.size() << " script(s)";
    if (!result->identical.isEmpty())
        out() << ", " << result->identical.size() << " already identical";
    if (!result->replaced.isEmpty())
        out() << ", replaced " << result->replaced.join(QStringLiteral(", "));
    out() << " from \"" << result->manifest.project << "\"\n";
    for (const QString& path : result->backups)
        out() << "  backup  " << path << "\n";
    return 0;
}

} // namespace botwright::cli
