// Runs the real botwright-cli and botwright-vm binaries.
#include "tests/support/qt_catch.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(BOTWRIGHT_BIN_DIR "/") + program, arguments);
    REQUIRE(process.waitForFinished(120000));
    return Run{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
               QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

TEST_CASE("botwright-cli --help lists its subcommands", "[cli]") {
    const Run help = run(QStringLiteral("botwright-cli"), {QStringLiteral("--help")});
    CHECK(help.exitCode == 0);
    for (const char* command : {"new", "check", "transpile", "sandbox", "capture", "version"}) {
        CHECK(help.out.contains(QStringLiteral("\n  %1 ").arg(QLatin1String(command))));
    }
    const Run unknown = run(QStringLiteral("botwright-cli"), {QStringLiteral("frobnicate")});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    const Run subHelp =
        run(QStringLiteral("botwright-cli"), {QStringLiteral("check"), QStringLiteral("--help")});
    CHECK(subHelp.exitCode == 0);
    CHECK(subHelp.out.contains(QStringLiteral("project")));
}

TEST_CASE("botwright-cli version reports V8 and the pinned TypeScript", "[cli]") {
    const Run version = run(QStringLiteral("botwright-cli"), {QStringLiteral("version")});
    CHECK(version.exitCode == 0);
    CHECK(version.out.contains(QStringLiteral("V8 10.")));
    CHECK(version.out.contains(QStringLiteral("TypeScript 6.0.3")));
}

TEST_CASE("new, check and transpile work on a real project folder", "[cli]") {
    QTemporaryDir dir;
    const QString project = dir.path() + QStringLiteral("/bot");
    const Run created = run(QStringLiteral("botwright-cli"), {QStringLiteral("new"), project});
    REQUIRE(created.exitCode == 0);
    CHECK(QFile::exists(project + QStringLiteral("/ping.ts")));
    CHECK(QFile::exists(project + QStringLiteral("/hello.ts")));

    const Run clean = run(QStringLiteral("botwright-cli"), {QStringLiteral("check"), project});
    CHECK(clean.exitCode == 0);
    CHECK(clean.out.contains(QStringLiteral("2 script(s), 0 problem(s)")));

    QFile broken(project + QStringLiteral("/broken.ts"));
    REQUIRE(broken.open(QIODevice::WriteOnly));
    broken.write("let fine = 1;\nfunction (\n");
    broken.close();
    const Run dirty = run(QStringLiteral("botwright-cli"), {QStringLiteral("check"), project});
    CHECK(dirty.exitCode == 1);
    CHECK(dirty.err.contains(QStringLiteral("broken.ts:2:")));
    CHECK(dirty.err.contains(QStringLiteral("error TS")));

    const Run js = run(QStringLiteral("botwright-cli"),
                       {QStringLiteral("transpile"), project + QStringLiteral("/ping.ts")});
    CHECK(js.exitCode == 0);
    CHECK(js.out.contains(QStringLiteral("script.on(\"MESSAGE_CREATE\", async (message) => {")));

    const Run missing =
        run(QStringLiteral("botwright-cli"), {QStringLiteral("check"), dir.path() + QStringLiteral("/nope")});
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.contains(QStringLiteral("does not exist")));
}

TEST_CASE("botwright-vm runs V8 in its own process", "[vm]") {
    const Run selfTest = run(QStringLiteral("botwright-vm"), {QStringLiteral("--self-test")});
    CHECK(selfTest.exitCode == 0);
    CHECK(selfTest.out.contains(QStringLiteral(": 2,4,6 function")));
    const Run bare = run(QStringLiteral("botwright-vm"), {});
    CHECK(bare.exitCode == 2);
}

TEST_CASE("botwright-cli sandbox prints its URLs and token, serves REST, stops on SIGINT and saves the world",
          "[cli]") {
    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("world.json"));
    QProcess sandbox;
    sandbox.start(QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-cli"),
                  {QStringLiteral("sandbox"), QStringLiteral("--save-world"), saved});
    REQUIRE(sandbox.waitForStarted());
    QString out;
    for (int i = 0; i < 100 && !out.contains(QStringLiteral("carol")); ++i) {
        sandbox.waitForReadyRead(100);
        out += QString::fromUtf8(sandbox.readAllStandardOutput());
    }
    CHECK(out.contains(QStringLiteral("gateway        ws://127.0.0.1:")));
    CHECK(out.contains(QStringLiteral("REST base      http://127.0.0.1:")));
    CHECK(out.contains(QStringLiteral("bot token      MTEwMjU2NTA4MTA4ODAwMDAwMA.")));
    REQUIRE(sandbox.processId() > 0);
    ::kill(static_cast<pid_t>(sandbox.processId()), SIGINT);
    REQUIRE(sandbox.waitForFinished(10000));
    CHECK(sandbox.exitStatus() == QProcess::NormalExit);
    CHECK(sandbox.exitCode() == 0);
    CHECK(QFile::exists(saved));

    // A broken world file is refused with the field named.
    QFile broken(dir.filePath(QStringLiteral("broken.json")));
    REQUIRE(broken.open(QIODevice::WriteOnly));
    broken.write(R"({"format":"botwright-sandbox-world","version":1,"application":{"id":"x"}})");
    broken.close();
    const Run refused = run(QStringLiteral("botwright-cli"),
                            {QStringLiteral("sandbox"), QStringLiteral("--world"), broken.fileName()});
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.contains(QStringLiteral("application.id")));
    // The saved world loads (sandbox then runs; stop it at once).
    QProcess again;
    again.start(QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-cli"),
                {QStringLiteral("sandbox"), QStringLiteral("--world"), saved});
    REQUIRE(again.waitForStarted());
    QString againOut;
    for (int i = 0; i < 100 && !againOut.contains(QStringLiteral("carol")); ++i) {
        again.waitForReadyRead(100);
        againOut += QString::fromUtf8(again.readAllStandardOutput());
    }
    CHECK(againOut.contains(QStringLiteral("running")));
    REQUIRE(again.processId() > 0);
    ::kill(static_cast<pid_t>(again.processId()), SIGTERM);
    REQUIRE(again.waitForFinished(10000));
    CHECK(again.exitCode() == 0);
}

TEST_CASE("botwright-cli capture records a sandbox session with the token redacted", "[cli]") {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("session.jsonl"));
    const Run captured = run(QStringLiteral("botwright-cli"),
                             {QStringLiteral("capture"), QStringLiteral("--sandbox"),
                              QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("-o"), file});
    CHECK(captured.exitCode == 0);
    CHECK(captured.out.contains(QStringLiteral("saved ")));
    QFile saved(file);
    REQUIRE(saved.open(QIODevice::ReadOnly));
    const QByteArray text = saved.readAll();
    CHECK(text.startsWith("botwright-capture 1\n"));
    CHECK(text.contains("\"t\":\"READY\""));
    CHECK(text.contains("\"token\":\"[redacted]\""));
    CHECK_FALSE(text.contains("sandbox.bot-token")); // the sandbox bot token never reaches the file
    const Run noToken =
        run(QStringLiteral("botwright-cli"), {QStringLiteral("capture"), QStringLiteral("-o"), file});
    CHECK(noToken.exitCode == 2);
    CHECK(noToken.err.contains(QStringLiteral("BOTWRIGHT_TOKEN")));
}

TEST_CASE("botwright-cli test passes a project whose scripts all complete and writes JUnit XML",
          "[cli][runtime]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    for (const QString& name :
         {QStringLiteral("lib.ts"), QStringLiteral("messages.ts"), QStringLiteral("storage.ts")})
        REQUIRE(
            QFile::copy(QStringLiteral(BOTWRIGHT_SOURCE_DIR "/tests/integration/projects/selftest/") + name,
                        dir.filePath(name)));
    const QString junit = dir.filePath(QStringLiteral("report.xml"));
    const Run r =
        run(QStringLiteral("botwright-cli"), {QStringLiteral("test"), dir.path(), QStringLiteral("--timeout"),
                                              QStringLiteral("60"), QStringLiteral("--junit"), junit});
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("PASSED: 3 of 3 script(s) completed")));
    QFile xml(junit);
    REQUIRE(xml.open(QIODevice::ReadOnly));
    const QByteArray report = xml.readAll();
    CHECK(report.contains("tests=\"3\""));
    CHECK(report.contains("failures=\"0\""));
}

TEST_CASE("botwright-cli test fails on an error log and names the script and line", "[cli][runtime]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    QFile ok(dir.filePath(QStringLiteral("good.ts")));
    REQUIRE(ok.open(QIODevice::WriteOnly));
    ok.write("console.log('INTEGRATION_TEST:\"ScriptComplete\"');\n");
    ok.close();
    QFile bad(dir.filePath(QStringLiteral("bad.ts")));
    REQUIRE(bad.open(QIODevice::WriteOnly));
    bad.write("const n: number = 1;\n\nconsole.error('broken ' + n);\n");
    bad.close();
    const QString junit = dir.filePath(QStringLiteral("report.xml"));
    const Run r =
        run(QStringLiteral("botwright-cli"), {QStringLiteral("test"), dir.path(), QStringLiteral("--timeout"),
                                              QStringLiteral("30"), QStringLiteral("--junit"), junit});
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 1);
    CHECK(r.out.contains(QStringLiteral("FAILED")));
    CHECK(r.out.contains(QStringLiteral("bad.ts:3:9 broken 1")));
    QFile xml(junit);
    REQUIRE(xml.open(QIODevice::ReadOnly));
    CHECK(xml.readAll().contains("broken 1"));
}
