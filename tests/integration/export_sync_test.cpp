// Push and pull of a project folder against the local Botloader API server over loopback: linking,
// created/modified/deleted scripts, the VM reload, pulls that never overwrite a local edit,
// conflicts and their resolutions, partial failures, retries whose outcome must be checked, error
// bodies, a folder set up by Botloader's VS Code extension, and a bundle moved to another server.
#include "engine/exporting/botloader_api_client.h"
#include "engine/exporting/project_bundle.h"
#include "engine/exporting/sync_session.h"
#include "tests/support/botloader_api_server.h"
#include "tests/support/sync_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace botwright::exporting;
using namespace botwright::testing;

namespace {

const QString kKey = QStringLiteral("bl-sync-key-4d1c7e9a0b2f3865");

struct Fixture {
    Fixture() {
        REQUIRE(server.listen());
        server.addApiKey(kKey);
        guild = server.addGuild(QStringLiteral("Test Guild"));
        ApiClientOptions options;
        options.backoffBaseMs = 10;
        options.backoffMaxMs = 50;
        client = std::make_unique<BotloaderApiClient>(server.baseUrl(), kKey, options);
        root = dir.path();
    }
    QString file(const QString& name) const { return root + QLatin1Char('/') + name + QStringLiteral(".ts"); }
    QString copy(const QString& name) const {
        return root + QStringLiteral("/.botloader/scripts/") + name + QStringLiteral(".ts.bloader");
    }
    PrepareResult prepare(SyncDirection direction, const QString& guildId = {}) {
        session = std::make_unique<SyncSession>(root, client.get());
        return prepareNow(*session, direction, guildId);
    }
    SyncReport apply(const SyncPlan& plan) { return applyNow(*session, plan); }
    // prepare + apply with every conflict left unresolved.
    SyncReport sync(SyncDirection direction, const QString& guildId = {}) {
        const PrepareResult prepared = prepare(direction, guildId);
        REQUIRE(prepared.ok());
        return apply(*prepared.plan);
    }

    BotloaderApiServer server;
    QString guild;
    std::unique_ptr<BotloaderApiClient> client;
    std::unique_ptr<SyncSession> session;
    QTemporaryDir dir;
    QString root;
};

QStringList serverNames(const BotloaderApiServer& server, const QString& guild) {
    QStringList names;
    for (const auto& s : server.scripts(guild))
        names.append(s.name);
    names.sort();
    return names;
}

} // namespace

TEST_CASE("the first push links the project, creates every script and reloads the VM", "[sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("hello")), "console.log('hello');\n");
    writeFile(f.file(QStringLiteral("ping")), "// ping\n");
    writeFile(f.root + QStringLiteral("/notes.md"), "not a script");

    const PrepareResult prepared = f.prepare(SyncDirection::Push, f.guild);
    REQUIRE(prepared.ok());
    CHECK(prepared.newLink);
    CHECK(prepared.guildName == QStringLiteral("Test Guild"));
    CHECK(prepared.plan->count(SyncAction::CreateRemote) == 2);
    CHECK_FALSE(QFile::exists(f.root + QStringLiteral("/.botloader"))); // nothing written before apply

    const SyncReport report = f.apply(*prepared.plan);
    CHECK(report.ok());
    CHECK(report.succeeded(SyncAction::CreateRemote) == 2);
    CHECK(report.reloadAttempted);
    CHECK(report.reloaded);
    CHECK(report.summary() == QStringLiteral("2 created on the server; VM reloaded"));
    CHECK(serverNames(f.server, f.guild) == QStringList{QStringLiteral("hello"), QStringLiteral("ping")});
    CHECK(f.server.reloadCount(f.guild) == 1);

    // The workspace, in the extension's layout.
    const QJsonObject index =
        QJsonDocument::fromJson(readFile(f.root + QStringLiteral("/.botloader/index.json"))).object();
    CHECK(index.value(QStringLiteral("guild")).toObject().value(QStringLiteral("id")).toString() == f.guild);
    CHECK(index.value(QStringLiteral("guild")).toObject().value(QStringLiteral("name")).toString() ==
          QStringLiteral("Test Guild"));
    const QJsonArray open = index.value(QStringLiteral("openScripts")).toArray();
    REQUIRE(open.size() == 2);
    CHECK(open[0].toObject().value(QStringLiteral("id")).toInteger() ==
          f.server.script(f.guild, QStringLiteral("hello"))->id);
    CHECK(readFile(f.copy(QStringLiteral("hello"))) == "console.log('hello');\n");

    // Nothing left to do, and no extra reload for nothing.
    const PrepareResult again = f.prepare(SyncDirection::Push);
    REQUIRE(again.ok());
    CHECK(again.plan->entries.isEmpty());
    const SyncReport idle = f.apply(*again.plan);
    CHECK(idle.ok());
    CHECK_FALSE(idle.reloadAttempted);
    CHECK(f.server.reloadCount(f.guild) == 1);
}

TEST_CASE("push sends edits, creations and deletions; server-side changes wait for a pull", "[sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("a")), "a1\n");
    writeFile(f.file(QStringLiteral("b")), "b1\n");
    REQUIRE(f.sync(SyncDirection::Push, f.guild).ok());
    const qint64 idA = f.server.script(f.guild, QStringLiteral("a"))->id;

    writeFile(f.file(QStringLiteral("a")), "a2\n");
    QFile::remove(f.file(QStringLiteral("b")));
    writeFile(f.file(QStringLiteral("c")), "c1\n");
    f.server.addScript(f.guild, QStringLiteral("web"), QStringLiteral("made on botloader.io"));
    f.server.clearRequests();
    const int reloadsBefore = f.server.reloadCount(f.guild);

    const PrepareResult prepared = f.prepare(SyncDirection::Push);
    REQUIRE(prepared.ok());
    const SyncPlan& plan = *prepared.plan;
    CHECK(plan.find(QStringLiteral("a"))->action == SyncAction::UpdateRemote);
    CHECK(plan.find(QStringLiteral("b"))->action == SyncAction::DeleteRemote);
    CHECK(plan.find(QStringLiteral("c"))->action == SyncAction::CreateRemote);
    CHECK(plan.find(QStringLiteral("web"))->action == SyncAction::OtherSide);
    CHECK(plan.find(QStringLiteral("web"))->describe(SyncDirection::Push).contains(QStringLiteral("Pull")));

    const SyncReport report = f.apply(plan);
    CHECK(report.ok());
    CHECK(report.results.size() == 3);
    CHECK(serverNames(f.server, f.guild) ==
          QStringList{QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("web")});
    CHECK(f.server.script(f.guild, QStringLiteral("a"))->source == QStringLiteral("a2\n"));
    CHECK(f.server.script(f.guild, QStringLiteral("a"))->id == idA);
    CHECK(f.server.reloadCount(f.guild) == reloadsBefore + 2); // the update's own reload, then ours
    CHECK_FALSE(QFile::exists(f.copy(QStringLiteral("b"))));
    CHECK_FALSE(QFile::exists(f.file(QStringLiteral("web")))); // push never writes locally
    // An update sends only the source: a script disabled on the server stays disabled.
    for (const auto& r : f.server.requests())
        if (r.method == "PATCH")
            CHECK(QJsonDocument::fromJson(r.body).object().keys() ==
                  QStringList{QStringLiteral("original_source")});
}

TEST_CASE("pull brings server changes in and never overwrites a local edit", "[sync]") {
    Fixture f;
    for (const char* name : {"same", "gone", "mine"})
        writeFile(f.file(QString::fromLatin1(name)), QByteArray(name) + " v1\n");
    REQUIRE(f.sync(SyncDirection::Push, f.guild).ok());

    f.server.editScript(f.guild, QStringLiteral("same"), QStringLiteral("same v2 from the server\n"));
    f.server.removeScript(f.guild, QStringLiteral("gone"));
    f.server.addScript(f.guild, QStringLiteral("fresh"), QStringLiteral("fresh\n"));
    writeFile(f.file(QStringLiteral("mine")), "mine, edited here\n");

    const PrepareResult prepared = f.prepare(SyncDirection::Pull);
    REQUIRE(prepared.ok());
    const SyncPlan& plan = *prepared.plan;
    CHECK(plan.find(QStringLiteral("same"))->action == SyncAction::UpdateLocal);
    CHECK(plan.find(QStringLiteral("gone"))->action == SyncAction::DeleteLocal);
    CHECK(plan.find(QStringLiteral("fresh"))->action == SyncAction::CreateLocal);
    CHECK(plan.find(QStringLiteral("mine"))->action == SyncAction::OtherSide);
    f.server.clearRequests();

    const SyncReport report = f.apply(plan);
    CHECK(report.ok());
    CHECK_FALSE(report.reloadAttempted); // a pull changes nothing on the server
    CHECK(f.server.requests().isEmpty());
    CHECK(readFile(f.file(QStringLiteral("same"))) == "same v2 from the server\n");
    CHECK(readFile(f.file(QStringLiteral("fresh"))) == "fresh\n");
    CHECK_FALSE(QFile::exists(f.file(QStringLiteral("gone"))));
    CHECK(readFile(f.file(QStringLiteral("mine"))) == "mine, edited here\n");
    CHECK(readFile(f.copy(QStringLiteral("same"))) == "same v2 from the server\n");
    // What a pull removed or overwrote is backed up.
    REQUIRE(report.backups.size() == 2);
    for (const QString& backup : report.backups)
        CHECK(backup.contains(QStringLiteral("/.botwright/sync-backups/")));

    // The local edit is still what a push would send.
    const PrepareResult push = f.prepare(SyncDirection::Push);
    REQUIRE(push.ok());
    REQUIRE(push.plan->entries.size() == 1);
    CHECK(push.plan->entries[0].name == QStringLiteral("mine"));
    CHECK(push.plan->entries[0].action == SyncAction::UpdateRemote);
}

TEST_CASE("a pull does not overwrite a file edited after the plan was made", "[sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("s")), "v1\n");
    REQUIRE(f.sync(SyncDirection::Push, f.guild).ok());
    f.server.editScript(f.guild, QStringLiteral("s"), QStringLiteral("server\n"));
    const PrepareResult prepared = f.prepare(SyncDirection::Pull);
    REQUIRE(prepared.ok());
    writeFile(f.file(QStringLiteral("s")), "typed in the meantime\n");
    const SyncReport report = f.apply(*prepared.plan);
    CHECK_FALSE(report.ok());
    REQUIRE(report.results.size() == 1);
    CHECK(report.results[0].error.contains(QStringLiteral("changed after the plan")));
    CHECK(readFile(f.file(QStringLiteral("s"))) == "typed in the meantime\n");
}

TEST_CASE("conflicts show both sides and do what the person chose", "[sync]") {
    Fixture f;
    for (const char* name : {"take", "keep", "skip"})
        writeFile(f.file(QString::fromLatin1(name)), "base\n");
    REQUIRE(f.sync(SyncDirection::Push, f.guild).ok());
    for (const char* name : {"take", "keep", "skip"}) {
        writeFile(f.file(QString::fromLatin1(name)), "local edit\n");
        f.server.editScript(f.guild, QString::fromLatin1(name), QStringLiteral("server edit\n"));
    }

    PrepareResult prepared = f.prepare(SyncDirection::Pull);
    REQUIRE(prepared.ok());
    SyncPlan plan = *prepared.plan;
    CHECK(plan.conflictCount() == 3);
    const SyncEntry* take = plan.find(QStringLiteral("take"));
    REQUIRE(take);
    CHECK(take->localSource == QByteArray("local edit\n"));
    CHECK(take->remoteSource == QByteArray("server edit\n"));
    CHECK(take->baseSource == QByteArray("base\n"));

    // Unresolved conflicts are left alone.
    SyncReport report = f.apply(plan);
    CHECK(report.results.isEmpty());
    CHECK(readFile(f.file(QStringLiteral("take"))) == "local edit\n");

    plan.find(QStringLiteral("take"))->resolution = Resolution::TakeServer;
    plan.find(QStringLiteral("keep"))->resolution = Resolution::KeepLocal;
    plan.find(QStringLiteral("skip"))->resolution = Resolution::Skip;
    report = f.apply(plan);
    CHECK(report.ok());
    CHECK(readFile(f.file(QStringLiteral("take"))) == "server edit\n");
    REQUIRE(report.backups.size() == 1);
    CHECK(readFile(report.backups[0]) == "local edit\n"); // the discarded edit is kept aside
    CHECK(readFile(f.file(QStringLiteral("keep"))) == "local edit\n");
    CHECK(readFile(f.copy(QStringLiteral("keep"))) == "server edit\n");
    CHECK(readFile(f.file(QStringLiteral("skip"))) == "local edit\n");
    CHECK(readFile(f.copy(QStringLiteral("skip"))) == "base\n");

    // "keep" now pushes as an ordinary edit; "skip" is still a conflict.
    prepared = f.prepare(SyncDirection::Push);
    REQUIRE(prepared.ok());
    plan = *prepared.plan;
    CHECK(plan.find(QStringLiteral("keep"))->action == SyncAction::UpdateRemote);
    CHECK(plan.find(QStringLiteral("skip"))->action == SyncAction::Conflict);
    CHECK_FALSE(plan.find(QStringLiteral("take")));
    plan.find(QStringLiteral("skip"))->resolution = Resolution::KeepLocal; // push: the server gets it
    report = f.apply(plan);
    CHECK(report.ok());
    CHECK(f.server.script(f.guild, QStringLiteral("keep"))->source == QStringLiteral("local edit\n"));
    CHECK(f.server.script(f.guild, QStringLiteral("skip"))->source == QStringLiteral("local edit\n"));
    CHECK(f.prepare(SyncDirection::Push).plan->entries.isEmpty());
}

TEST_CASE("a partial failure is reported per script and nothing local is lost", "[sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("edited")), "v1\n");
    REQUIRE(f.sync(SyncDirection::Push, f.guild).ok());
    writeFile(f.file(QStringLiteral("edited")), "v2\n");
    writeFile(f.file(QStringLiteral("good")), "good\n");
    writeFile(f.file(QStringLiteral("reserved")), "refused by the server\n");
    f.server.rejectName(QStringLiteral("reserved"), QStringLiteral("this name is reserved"));
    f.server.addFault({.method = "PATCH", .path = QStringLiteral("/scripts/"), .status = 500, .times = 100});

    const PrepareResult prepared = f.prepare(SyncDirection::Push);
    REQUIRE(prepared.ok());
    const SyncReport report = f.apply(*prepared.plan);
    CHECK_FALSE(report.ok());
    CHECK(report.succeeded() == 1);
    CHECK(report.failed() == 2);
    QString reservedError;
    QString editedError;
    for (const ScriptResult& r : report.results) {
        if (r.name == QStringLiteral("reserved"))
            reservedError = r.error;
        if (r.name == QStringLiteral("edited"))
            editedError = r.error;
    }
    CHECK(reservedError ==
          QStringLiteral("validation failed (name: this name is reserved) [code 4, HTTP 400]"));
    CHECK(editedError.startsWith(QStringLiteral("internal server error [code 3, HTTP 500] after 3 retries")));
    CHECK(report.details().contains(
        QStringLiteral("FAILED  reserved.ts (create on server): validation failed")));
    CHECK(report.details().contains(QStringLiteral("ok      good.ts: created on the server")));
    CHECK(report.reloaded); // what did get through runs
    CHECK_FALSE(report.details().contains(kKey));

    // Local files untouched; the failed ones are still pending.
    CHECK(readFile(f.file(QStringLiteral("edited"))) == "v2\n");
    CHECK(readFile(f.file(QStringLiteral("reserved"))) == "refused by the server\n");
    CHECK(readFile(f.copy(QStringLiteral("edited"))) == "v1\n");
    CHECK_FALSE(QFile::exists(f.copy(QStringLiteral("reserved"))));
    const PrepareResult again = f.prepare(SyncDirection::Push);
    REQUIRE(again.ok());
    CHECK(again.plan->find(QStringLiteral("edited"))->action == SyncAction::UpdateRemote);
    CHECK(again.plan->find(QStringLiteral("reserved"))->action == SyncAction::CreateRemote);
    CHECK_FALSE(again.plan->find(QStringLiteral("good")));
}

TEST_CASE("retries: transient failures pass, and a change the server made before failing is recognised",
          "[sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("a")), "a\n");
    writeFile(f.file(QStringLiteral("b")), "b\n");
    writeFile(f.file(QStringLiteral("c")), "c\n");
    // One at a time, so the first create meets every fault: a 503, a 500, a 500 sent after the
    // script was stored, and a 429. Its last retry is told "Name already taken", and the listing
    // shows the script with this text, so it counts as created.
    const PrepareResult prepared = f.prepare(SyncDirection::Push, f.guild);
    REQUIRE(prepared.ok());
    f.session->setConcurrency(1);
    f.server.addFault({.method = "PUT", .path = QStringLiteral("/scripts"), .status = 503, .times = 1});
    f.server.addFault({.method = "PUT", .path = QStringLiteral("/scripts"), .status = 500, .times = 1});
    f.server.addFault({.method = "PUT",
                       .path = QStringLiteral("/scripts"),
                       .status = 500,
                       .times = 1,
                       .afterChange = true});
    f.server.addFault(
        {.method = "PUT", .path = QStringLiteral("/scripts"), .status = 429, .times = 1, .retryAfter = 0.05});
    const SyncReport report = f.apply(*prepared.plan);
    CHECK(report.ok());
    CHECK(serverNames(f.server, f.guild) ==
          QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    REQUIRE(report.results.size() == 3);
    CHECK(report.results[0].name == QStringLiteral("a"));
    CHECK(report.results[0].retries == 4);
    CHECK(f.server.requestCount("GET", QStringLiteral("/scripts")) == 2); // the plan's listing, the check
    CHECK(readFile(f.copy(QStringLiteral("a"))) == "a\n");

    // A delete that went through but answered 503: the retry hits Botloader's "internal server
    // error" for a missing script, and the listing shows it is gone.
    QFile::remove(f.file(QStringLiteral("c")));
    f.server.addFault(
        {.method = "DELETE", .path = QStringLiteral("/scripts/"), .status = 503, .afterChange = true});
    const SyncReport deleted = f.sync(SyncDirection::Push);
    CHECK(deleted.ok());
    CHECK(deleted.succeeded(SyncAction::DeleteRemote) == 1);
    CHECK_FALSE(f.server.script(f.guild, QStringLiteral("c")));
}

TEST_CASE("validation stops a push before any request", "[sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("huge")), QByteArray(kMaxSourceBytes + 1, 'x'));
    writeFile(f.file(QStringLiteral("fine")), "ok\n");
    writeFile(f.file(QStringLiteral("util.test")), "a file Botloader would not accept\n");
    const PrepareResult prepared = f.prepare(SyncDirection::Push, f.guild);
    CHECK_FALSE(prepared.ok());
    CHECK(prepared.error.contains(QStringLiteral("nothing was sent")));
    CHECK(hasErrors(prepared.issues));
    bool warned = false;
    for (const ValidationIssue& issue : prepared.issues)
        warned = warned || (!issue.isError() && issue.script == QStringLiteral("util.test.ts"));
    CHECK(warned);
    CHECK(f.server.requests().isEmpty());
    CHECK_FALSE(QFile::exists(f.root + QStringLiteral("/.botloader")));
}

TEST_CASE("API errors reach the person: wrong key, unknown server, no permission, another link", "[sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("x")), "x\n");
    const QString viewer = f.server.addGuild(QStringLiteral("Viewer"), 0);

    BotloaderApiClient wrong(f.server.baseUrl(), QStringLiteral("bl-not-a-valid-key-123456"));
    SyncSession wrongSession(f.root, &wrong);
    PrepareResult r = prepareNow(wrongSession, SyncDirection::Push, f.guild);
    CHECK_FALSE(r.ok());
    CHECK(r.apiError->code == error_code::kSessionExpired);
    CHECK(r.error.contains(QStringLiteral("Session expired")));
    CHECK_FALSE(r.error.contains(QStringLiteral("bl-not-a-valid-key-123456")));

    r = f.prepare(SyncDirection::Push, QStringLiteral("999"));
    CHECK_FALSE(r.ok());
    CHECK(r.error.contains(QStringLiteral("not among the servers")));

    r = f.prepare(SyncDirection::Push, viewer);
    CHECK_FALSE(r.ok());
    CHECK(r.error.contains(QStringLiteral("Manage Server")));

    REQUIRE(f.sync(SyncDirection::Push, f.guild).ok());
    f.server.clearRequests();
    r = f.prepare(SyncDirection::Pull, viewer);
    CHECK_FALSE(r.ok());
    CHECK(r.error.contains(QStringLiteral("linked to the server Test Guild")));
    CHECK(f.server.requests().isEmpty());

    // The listing itself failing (a 500 every time): the server's description, after retries.
    f.server.addFault({.method = "GET", .path = QStringLiteral("/scripts"), .status = 500, .times = 100});
    r = f.prepare(SyncDirection::Pull);
    CHECK_FALSE(r.ok());
    CHECK(r.error.contains(QStringLiteral("cannot list the server's scripts: internal server error")));
}

TEST_CASE("a folder set up by Botloader's VS Code extension syncs here", "[sync][vscode]") {
    Fixture f;
    const qint64 id = f.server.addScript(f.guild, QStringLiteral("greet"), QStringLiteral("// greet v1\n"));
    // What the extension leaves after "set up workspace" and a sync.
    writeFile(f.root + QStringLiteral("/.botloader/index.json"),
              QStringLiteral(
                  R"({"guild":{"id":"%1","name":"Test Guild","icon":null,"owner":true,"permissions":"8",)"
                  R"("features":[]},"openScripts":[{"id":%2,"name":"greet"}]})")
                  .arg(f.guild)
                  .arg(id)
                  .toUtf8());
    writeFile(f.copy(QStringLiteral("greet")), "// greet v1\n");
    writeFile(f.file(QStringLiteral("greet")), "// greet v1\n");
    writeFile(f.root + QStringLiteral("/tsconfig.json"), "{}");

    PrepareResult r = f.prepare(SyncDirection::Push);
    REQUIRE(r.ok());
    CHECK_FALSE(r.newLink);
    CHECK(r.plan->entries.isEmpty());

    writeFile(f.file(QStringLiteral("greet")), "// greet v2\n");
    r = f.prepare(SyncDirection::Push);
    REQUIRE(r.ok());
    REQUIRE(r.plan->entries.size() == 1);
    CHECK(r.plan->entries[0].remoteId == id);
    REQUIRE(f.apply(*r.plan).ok());
    CHECK(f.server.script(f.guild, QStringLiteral("greet"))->source == QStringLiteral("// greet v2\n"));
    // The extension would see no change: its copy matches the file (sha256).
    CHECK(readFile(f.copy(QStringLiteral("greet"))) == readFile(f.file(QStringLiteral("greet"))));
    const QJsonObject guild =
        QJsonDocument::fromJson(readFile(f.root + QStringLiteral("/.botloader/index.json")))
            .object()
            .value(QStringLiteral("guild"))
            .toObject();
    CHECK(guild.value(QStringLiteral("owner")).toBool()); // the extension's fields are kept
}

TEST_CASE("a bundle carries a project to another folder and server", "[sync][bundle]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("one")), "1\n");
    writeFile(f.file(QStringLiteral("two")), "2\n");
    REQUIRE(f.sync(SyncDirection::Push, f.guild).ok());
    QString error;
    const QString bundlePath = f.dir.filePath(QStringLiteral("p.botwright.tar.zst"));
    REQUIRE(bundle::exportProject(f.root, bundlePath, &error));

    QTemporaryDir other;
    const std::optional<bundle::ImportResult> imported =
        bundle::importBundle(bundlePath, other.path(), false, &error);
    REQUIRE(imported);
    CHECK(imported->written.size() == 2);
    CHECK(
        imported->manifest.botloader.value(QStringLiteral("guild")).toObject().value(QStringLiteral("id")) ==
        f.guild);

    const QString second = f.server.addGuild(QStringLiteral("Second"));
    SyncSession session(other.path(), f.client.get());
    const PrepareResult r = prepareNow(session, SyncDirection::Push, second);
    REQUIRE(r.ok());
    CHECK(r.plan->count(SyncAction::CreateRemote) == 2);
    CHECK(applyNow(session, *r.plan).ok());
    CHECK(serverNames(f.server, second) == QStringList{QStringLiteral("one"), QStringLiteral("two")});
}

TEST_CASE("a failed VM reload is a failure of the push", "[sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("x")), "x\n");
    f.server.addFault({.method = "POST", .path = QStringLiteral("/reload_vm"), .status = 500, .times = 100});
    const SyncReport report = f.sync(SyncDirection::Push, f.guild);
    CHECK_FALSE(report.ok());
    CHECK(report.succeeded() == 1);
    CHECK(report.reloadAttempted);
    CHECK_FALSE(report.reloaded);
    CHECK(report.reloadError.contains(QStringLiteral("internal server error")));
    CHECK(report.summary().contains(QStringLiteral("VM reload failed")));
}
