// Runs the SDK test project (tests/integration/projects/sdk: one self-reporting script per SDK area)
// through the real botwright-cli and botwright-vm against its world file, whose simulated people run
// the commands, click the components and submit the modals.
#include "tests/support/qt_catch.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

namespace {

const QString kProject = QStringLiteral(BOTWRIGHT_SOURCE_DIR "/tests/integration/projects/sdk");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run test(const QString& project, const QString& world) {
    QProcess process;
    process.start(QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-cli"),
                  {QStringLiteral("test"), project, QStringLiteral("--world"), world,
                   QStringLiteral("--timeout"), QStringLiteral("60")});
    REQUIRE(process.waitForFinished(180000));
    return Run{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
               QString::fromUtf8(process.readAllStandardError())};
}

// A fresh copy, so storage (and its completion marks) starts empty.
QStringList copyScripts(const QString& to) {
    QStringList names;
    for (const QString& name : QDir(kProject).entryList({QStringLiteral("*.ts")}, QDir::Files)) {
        REQUIRE(QFile::copy(kProject + u'/' + name, to + u'/' + name));
        names.append(name);
    }
    return names;
}

} // namespace

TEST_CASE("the SDK test project passes under botwright-cli test", "[cli][runtime][sdk]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QStringList scripts = copyScripts(dir.path());
    REQUIRE(scripts.size() >= 15);
    const Run r = test(dir.path(), kProject + QStringLiteral("/world.json"));
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("PASSED: %1 of %1 script(s) completed").arg(scripts.size())));
    // The simulated people's steps ran and were accepted by the sandbox.
    CHECK(r.out.contains(QStringLiteral("sandbox action \"run /sdk-echo\": 200")));
    CHECK(r.out.contains(QStringLiteral("sandbox action \"submit the form\": 200")));
    CHECK(r.out.contains(QStringLiteral("sandbox action \"click the counter\": 200")));
}

TEST_CASE("THREAD_LIST_SYNC reaches a script when the bot gains access to a channel", "[cli][runtime][sdk]") {
    const QString project = QStringLiteral(BOTWRIGHT_SOURCE_DIR "/tests/integration/projects/sdk-access");
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    REQUIRE(QFile::copy(project + QStringLiteral("/access.ts"), dir.filePath(QStringLiteral("access.ts"))));
    const Run r = test(dir.path(), project + QStringLiteral("/world.json"));
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("PASSED: 1 of 1 script(s) completed")));
}

TEST_CASE("a refused simulated action and a failing command handler fail the run", "[cli][runtime][sdk]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    REQUIRE(QFile::copy(kProject + QStringLiteral("/lib.ts"), dir.filePath(QStringLiteral("lib.ts"))));
    QFile script(dir.filePath(QStringLiteral("broken.ts")));
    REQUIRE(script.open(QIODevice::WriteOnly));
    script.write("script.createSlashCommand(\"boom\", \"Throws\").build(async () => {\n"
                 "    throw new Error(\"kaboom\");\n"
                 "});\n");
    script.close();
    // Keep the project's world, replace its actions: simulated alice runs /boom.
    QFile base(kProject + QStringLiteral("/world.json"));
    REQUIRE(base.open(QIODevice::ReadOnly));
    QJsonObject worldJson = QJsonDocument::fromJson(base.readAll()).object();
    QJsonObject action = QJsonDocument::fromJson(R"({"name": "run /boom", "user_id": "948142551859331072",
        "channel_id": "1113768910127104000", "when": {"command": "boom"},
        "interaction": {"type": 2, "data": {"name": "boom"}}})")
                             .object();
    const auto writeWorld = [&](const QJsonObject& a) {
        worldJson.insert(QStringLiteral("actions"), QJsonArray{a});
        QFile file(dir.filePath(QStringLiteral("world.json")));
        REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(worldJson).toJson());
        return file.fileName();
    };
    const QString worldFile = writeWorld(action);
    const Run r = test(dir.path(), worldFile);
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 1);
    CHECK(r.out.contains(QStringLiteral("sandbox action \"run /boom\": 200")));
    CHECK(r.out.contains(QStringLiteral("Command handler [/boom] threw an exception: kaboom")));

    // An action the sandbox refuses (no such message to click) fails the run and says why.
    action.insert(QStringLiteral("interaction"), QJsonDocument::fromJson(R"({"type": 3, "message_id": "1",
                      "data": {"custom_id": "0:x:", "component_type": 2}})")
                                                     .object());
    writeWorld(action);
    const Run r2 = test(dir.path(), worldFile);
    INFO(r2.out.toStdString() << r2.err.toStdString());
    CHECK(r2.exitCode == 1);
    CHECK(r2.out.contains(QStringLiteral("was refused (404)")));
}

TEST_CASE("a world file with a malformed action is refused naming the field", "[cli][sdk]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    QFile world(dir.filePath(QStringLiteral("world.json")));
    REQUIRE(world.open(QIODevice::WriteOnly));
    world.write(R"({"format":"botwright-sandbox-world","version":1,
        "application":{"id":"1102565081088000000"},
        "users":[{"id":"1102565081088000000","username":"bot"}],
        "actions":[{"user_id":"1102565081088000000","when":{"sometime":"x"},"request":{"method":"GET","path":"/x"}}]})");
    world.close();
    QFile script(dir.filePath(QStringLiteral("a.ts")));
    REQUIRE(script.open(QIODevice::WriteOnly));
    script.write("console.log('hi');\n");
    script.close();
    const Run r = test(dir.path(), world.fileName());
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QStringLiteral("world.actions[0].when")));
}
