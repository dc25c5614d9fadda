// botwright-cli push, pull, status, export and import, run as a separate process against the local
// Botloader API server (served by this test process while the CLI runs).
#include "tests/support/botloader_api_server.h"
#include "tests/support/sync_test_support.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

using namespace botwright::testing;

namespace {

const QString kKey = QStringLiteral("bl-cli-key-9e8d7c6b5a4f3e21");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

// Runs botwright-cli while this process keeps serving the API (no blocking wait).
Run cli(const QStringList& arguments, const QString& key = kKey) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("BOTWRIGHT_API_KEY"));
    if (!key.isEmpty())
        env.insert(QStringLiteral("BOTWRIGHT_API_KEY"), key);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-cli"), arguments);
    REQUIRE(process.waitForStarted());
    REQUIRE(waitUntil([&] { return process.state() == QProcess::NotRunning; }, 120000));
    Run run{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
    CHECK_FALSE(run.all().contains(kKey)); // the key never appears in any output
    return run;
}

struct Fixture {
    Fixture() {
        REQUIRE(server.listen());
        server.addApiKey(kKey);
        guild = server.addGuild(QStringLiteral("CLI Guild"));
        project = dir.filePath(QStringLiteral("bot"));
    }
    QStringList args(const QString& command, QStringList extra = {}) const {
        return QStringList{command, project, QStringLiteral("--api"), server.baseUrl()} + extra;
    }
    QString file(const QString& name) const {
        return project + QLatin1Char('/') + name + QStringLiteral(".ts");
    }
    BotloaderApiServer server;
    QString guild;
    QTemporaryDir dir;
    QString project;
};

} // namespace

TEST_CASE("botwright-cli lists the sync commands and needs the key from the environment", "[cli_sync]") {
    const Run help = cli({QStringLiteral("--help")});
    CHECK(help.exitCode == 0);
    for (const char* command : {"push", "pull", "status", "export", "import"})
        CHECK(help.out.contains(QStringLiteral("\n  %1 ").arg(QLatin1String(command))));
    const Run pushHelp = cli({QStringLiteral("push"), QStringLiteral("--help")});
    CHECK(pushHelp.out.contains(QStringLiteral("BOTWRIGHT_API_KEY")));
    CHECK(pushHelp.out.contains(QStringLiteral("--guild")));

    Fixture f;
    writeFile(f.file(QStringLiteral("a")), "a\n");
    const Run noKey = cli(f.args(QStringLiteral("push"), {QStringLiteral("--guild"), f.guild}), QString());
    CHECK(noKey.exitCode == 2);
    CHECK(noKey.err.contains(QStringLiteral("set BOTWRIGHT_API_KEY")));
    CHECK(f.server.requests().isEmpty());
}

TEST_CASE("push, status and pull through the CLI", "[cli_sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("hello")), "console.log('hello');\n");
    writeFile(f.file(QStringLiteral("broken")), "let a = 1;\nfunction (\n");

    const Run pushed = cli(f.args(QStringLiteral("push"), {QStringLiteral("--guild"), f.guild}));
    INFO(pushed.all().toStdString());
    CHECK(pushed.exitCode == 0);
    CHECK(pushed.err.contains(QStringLiteral("broken.ts:2:"))); // a TypeScript error is a warning
    CHECK(pushed.err.contains(QStringLiteral("warning: TS")));
    CHECK(pushed.out.contains(QStringLiteral("linking the project")));
    CHECK(pushed.out.contains(QStringLiteral("  create    hello.ts")));
    CHECK(pushed.out.contains(QStringLiteral("ok      VM reloaded")));
    CHECK(pushed.out.contains(QStringLiteral("push: 2 created on the server; VM reloaded")));
    CHECK(f.server.scripts(f.guild).size() == 2);

    // The guild is remembered in .botloader; a server edit shows in status and comes in with pull.
    f.server.editScript(f.guild, QStringLiteral("hello"),
                        QStringLiteral("console.log('edited on the web');\n"));
    writeFile(f.file(QStringLiteral("local")), "new here\n");
    const Run status = cli(f.args(QStringLiteral("status")));
    INFO(status.all().toStdString());
    CHECK(status.exitCode == 0);
    CHECK(status.out.contains(QStringLiteral("hello.ts                 unchanged  edited     pull")));
    CHECK(status.out.contains(QStringLiteral("local.ts                 new        absent     push")));
    CHECK(status.out.contains(QStringLiteral("1 to push, 1 to pull, 0 conflict(s)")));

    const Run offline = cli(f.args(QStringLiteral("status"), {QStringLiteral("--offline")}), QString());
    CHECK(offline.exitCode == 0);
    CHECK(offline.out.contains(QStringLiteral("new       local.ts")));

    const Run dry =
        cli(f.args(QStringLiteral("pull"), {QStringLiteral("--dry-run"), QStringLiteral("--diff")}));
    CHECK(dry.exitCode == 0);
    CHECK(dry.out.contains(QStringLiteral("+console.log('edited on the web');")));
    CHECK(readFile(f.file(QStringLiteral("hello"))) == "console.log('hello');\n");

    const Run pulled = cli(f.args(QStringLiteral("pull")));
    CHECK(pulled.exitCode == 0);
    CHECK(pulled.out.contains(QStringLiteral("pull: 1 updated here")));
    CHECK(readFile(f.file(QStringLiteral("hello"))) == "console.log('edited on the web');\n");
    CHECK(readFile(f.file(QStringLiteral("local"))) == "new here\n");
}

TEST_CASE("conflicts fail the CLI until resolved; --resolve picks a side", "[cli_sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("x")), "base\n");
    REQUIRE(cli(f.args(QStringLiteral("push"),
                       {QStringLiteral("--guild"), f.guild, QStringLiteral("--no-typecheck")}))
                .exitCode == 0);
    writeFile(f.file(QStringLiteral("x")), "mine\n");
    f.server.editScript(f.guild, QStringLiteral("x"), QStringLiteral("theirs\n"));

    const Run conflict = cli(f.args(QStringLiteral("pull")));
    CHECK(conflict.exitCode == 1);
    CHECK(conflict.out.contains(QStringLiteral("CONFLICT  x.ts")));
    CHECK(conflict.err.contains(QStringLiteral("--resolve")));
    CHECK(readFile(f.file(QStringLiteral("x"))) == "mine\n");

    const Run pushConflict = cli(f.args(QStringLiteral("push"), {QStringLiteral("--no-typecheck")}));
    CHECK(pushConflict.exitCode == 1);
    CHECK(f.server.script(f.guild, QStringLiteral("x"))->source == QStringLiteral("theirs\n"));

    const Run resolved =
        cli(f.args(QStringLiteral("pull"), {QStringLiteral("--resolve"), QStringLiteral("server")}));
    CHECK(resolved.exitCode == 0);
    CHECK(readFile(f.file(QStringLiteral("x"))) == "theirs\n");
    CHECK(resolved.out.contains(QStringLiteral("backup")));
}

TEST_CASE("a partial failure exits 1 with a per-script report", "[cli_sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("fine")), "ok\n");
    writeFile(f.file(QStringLiteral("taken")), "refused\n");
    f.server.rejectName(QStringLiteral("taken"), QStringLiteral("this name is reserved"));
    const Run run = cli(f.args(QStringLiteral("push"),
                               {QStringLiteral("--guild"), f.guild, QStringLiteral("--no-typecheck")}));
    INFO(run.all().toStdString());
    CHECK(run.exitCode == 1);
    CHECK(run.out.contains(QStringLiteral("ok      fine.ts: created on the server")));
    CHECK(run.out.contains(QStringLiteral("FAILED  taken.ts (create on server): validation failed (name: "
                                          "this name is reserved) [code 4, HTTP 400]")));
    CHECK(run.out.contains(QStringLiteral("1 created on the server, 1 failed; VM reloaded")));
}

TEST_CASE("the CLI checks scripts before any request and reports API errors", "[cli_sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("huge")), QByteArray(100001, 'x'));
    const Run tooBig = cli(f.args(QStringLiteral("push"),
                                  {QStringLiteral("--guild"), f.guild, QStringLiteral("--no-typecheck")}));
    CHECK(tooBig.exitCode == 1);
    CHECK(tooBig.err.contains(QStringLiteral("huge.ts: error: the source is 100001 bytes")));
    CHECK(f.server.requests().isEmpty());

    QFile::remove(f.file(QStringLiteral("huge")));
    writeFile(f.file(QStringLiteral("ok")), "ok\n");
    const Run wrongKey = cli(f.args(QStringLiteral("push"),
                                    {QStringLiteral("--guild"), f.guild, QStringLiteral("--no-typecheck")}),
                             QStringLiteral("bl-wrong-key-abcdef0123456789"));
    CHECK(wrongKey.exitCode == 1);
    CHECK(wrongKey.err.contains(QStringLiteral("Session expired")));
    CHECK_FALSE(wrongKey.all().contains(QStringLiteral("bl-wrong-key-abcdef0123456789")));

    const Run notLinked = cli(f.args(QStringLiteral("pull")));
    CHECK(notLinked.exitCode == 1);
    CHECK(notLinked.err.contains(QStringLiteral("not linked")));
}

TEST_CASE("export and import a bundle through the CLI", "[cli_sync]") {
    Fixture f;
    writeFile(f.file(QStringLiteral("one")), "1\n");
    writeFile(f.file(QStringLiteral("two")), "2\n");
    const QString bundle = f.dir.filePath(QStringLiteral("bot.botwright.tar.zst"));
    const Run exported = cli({QStringLiteral("export"), f.project, QStringLiteral("-o"), bundle}, QString());
    CHECK(exported.exitCode == 0);
    CHECK(exported.out.contains(QStringLiteral("exported 2 script(s)")));

    const QString copy = f.dir.filePath(QStringLiteral("copy"));
    const Run imported = cli({QStringLiteral("import"), bundle, copy}, QString());
    CHECK(imported.exitCode == 0);
    CHECK(imported.out.contains(QStringLiteral("imported 2 script(s)")));
    CHECK(readFile(copy + QStringLiteral("/two.ts")) == "2\n");

    writeFile(copy + QStringLiteral("/two.ts"), "changed\n");
    const Run refused = cli({QStringLiteral("import"), bundle, copy}, QString());
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.contains(QStringLiteral("nothing was imported")));
    const Run forced =
        cli({QStringLiteral("import"), bundle, copy, QStringLiteral("--overwrite")}, QString());
    CHECK(forced.exitCode == 0);
    CHECK(forced.out.contains(QStringLiteral("replaced two")));
    CHECK(readFile(copy + QStringLiteral("/two.ts")) == "2\n");
}
