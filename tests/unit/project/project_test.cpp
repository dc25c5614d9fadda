#include "engine/project/file_io.h"
#include "engine/project/project.h"
#include "engine/project/recovery_store.h"
#include "tests/support/qt_catch.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using botwright::project::Project;

namespace {

void writeRaw(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray readRaw(const QString& path) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

} // namespace

TEST_CASE("opening a project that is not a folder fails with a readable error", "[project]") {
    QTemporaryDir dir;
    QString error;
    CHECK_FALSE(Project::open(dir.path() + QStringLiteral("/missing"), &error));
    CHECK(error.contains(QStringLiteral("does not exist")));
    writeRaw(dir.path() + QStringLiteral("/file.ts"), "x");
    CHECK_FALSE(Project::open(dir.path() + QStringLiteral("/file.ts"), &error));
    CHECK(error.contains(QStringLiteral("is a file")));
}

TEST_CASE("scripts are the .ts files with valid names, sorted", "[project]") {
    QTemporaryDir dir;
    for (const char* name : {"zeta.ts", "alpha.ts", "mid_dle-2.ts", "types.d.ts", ".hidden.ts", "notes.md",
                             "bad name.ts", "too-long-name-aaaaaaaaaaaaaaaaaaaaaaa.ts"}) {
        writeRaw(dir.path() + QLatin1Char('/') + QLatin1String(name), "// x\n");
    }
    QDir(dir.path()).mkdir(QStringLiteral("folder.ts"));
    QString error;
    const auto project = Project::open(dir.path(), &error);
    REQUIRE(project);
    CHECK(project->scriptNames() ==
          QStringList{QStringLiteral("alpha"), QStringLiteral("mid_dle-2"), QStringLiteral("zeta")});
    CHECK(project->name() == QDir(dir.path()).dirName());
}

TEST_CASE("script names follow Botloader's rule", "[project]") {
    CHECK(Project::isValidScriptName(QStringLiteral("a")));
    CHECK(Project::isValidScriptName(QStringLiteral("ping_pong-2")));
    CHECK(Project::isValidScriptName(QString(32, QLatin1Char('x'))));
    CHECK(Project::isValidScriptName(QStringLiteral("über")));
    CHECK_FALSE(Project::isValidScriptName(QString(33, QLatin1Char('x'))));
    CHECK_FALSE(Project::isValidScriptName(QString()));
    CHECK_FALSE(Project::isValidScriptName(QStringLiteral("a.b")));
    CHECK_FALSE(Project::isValidScriptName(QStringLiteral("with space")));
    QString why;
    CHECK_FALSE(Project::isValidScriptName(QStringLiteral("../escape"), &why));
    CHECK(why.contains(QStringLiteral("1 to 32")));
}

TEST_CASE("writing a script replaces it whole and leaves no temporary files", "[project]") {
    QTemporaryDir dir;
    QString error;
    const auto project = Project::open(dir.path(), &error);
    REQUIRE(project);
    REQUIRE(project->writeScript(QStringLiteral("main"), QStringLiteral("first version\n"), &error));
    REQUIRE(project->writeScript(QStringLiteral("main"), QStringLiteral("second ✓\n"), &error));
    CHECK(readRaw(project->scriptPath(QStringLiteral("main"))) == QStringLiteral("second ✓\n").toUtf8());
    CHECK(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden) == QStringList{QStringLiteral("main.ts")});
    CHECK(project->readScript(QStringLiteral("main"), &error) == QStringLiteral("second ✓\n"));
}

TEST_CASE("a failed atomic write reports why and keeps the old file", "[project]") {
    QTemporaryDir dir;
    const QString path = dir.path() + QStringLiteral("/keep.ts");
    writeRaw(path, "original");
    QString error;
    // The target is a directory: the rename cannot happen, the original stays.
    QDir(dir.path()).mkdir(QStringLiteral("adir.ts"));
    CHECK_FALSE(
        botwright::project::writeFileAtomically(dir.path() + QStringLiteral("/adir.ts"), "new", &error));
    CHECK(error.contains(QStringLiteral("adir.ts")));
    CHECK_FALSE(
        botwright::project::writeFileAtomically(dir.path() + QStringLiteral("/gone/x.ts"), "new", &error));
    CHECK(error.contains(QStringLiteral("gone/x.ts")));
    CHECK(readRaw(path) == "original");
}

TEST_CASE("adding a script refuses bad names and existing scripts", "[project]") {
    QTemporaryDir dir;
    QString error;
    const auto project = Project::open(dir.path(), &error);
    REQUIRE(project);
    REQUIRE(project->addScript(QStringLiteral("welcome"), &error));
    CHECK(readRaw(project->scriptPath(QStringLiteral("welcome"))).contains("script.on(\"MESSAGE_CREATE\""));
    CHECK_FALSE(project->addScript(QStringLiteral("welcome"), &error));
    CHECK(error.contains(QStringLiteral("already exists")));
    CHECK_FALSE(project->addScript(QStringLiteral("no/slashes"), &error));
    CHECK(error.contains(QStringLiteral("not a valid script name")));
    CHECK(project->scriptNames() == QStringList{QStringLiteral("welcome")});
}

TEST_CASE("a project created from the example copies its scripts and keeps existing edits", "[project]") {
    QTemporaryDir dir;
    const QString example = QStringLiteral(BOTWRIGHT_SOURCE_DIR "/resources/examples/ping-pong");
    const QString target = dir.path() + QStringLiteral("/nested/my-bot");
    QString error;
    auto created = Project::createFrom(example, target, &error);
    REQUIRE(created);
    CHECK(created->scriptNames() == QStringList{QStringLiteral("hello"), QStringLiteral("ping")});
    REQUIRE(created->writeScript(QStringLiteral("ping"), QStringLiteral("// mine\n"), &error));
    created = Project::createFrom(example, target, &error);
    REQUIRE(created);
    CHECK(created->readScript(QStringLiteral("ping"), &error) == QStringLiteral("// mine\n"));
}

TEST_CASE("the recovery store keeps unsaved text per script until discarded", "[project][recovery]") {
    QTemporaryDir dir;
    const botwright::project::RecoveryStore store(dir.path() + QStringLiteral("/recovery"));
    CHECK(store.entries().isEmpty());
    QString error;
    REQUIRE(store.store(QStringLiteral("/p/a.ts"), QStringLiteral("first ✓"), &error));
    REQUIRE(store.store(QStringLiteral("/p/b.ts"), QStringLiteral("other"), &error));
    REQUIRE(store.store(QStringLiteral("/p/a.ts"), QStringLiteral("second"), &error));
    auto entries = store.entries();
    REQUIRE(entries.size() == 2);
    CHECK(entries.last().path == QStringLiteral("/p/a.ts"));
    CHECK(entries.last().text == QStringLiteral("second"));
    CHECK(entries.last().savedAt.isValid());

    writeRaw(dir.path() + QStringLiteral("/recovery/garbage.json"), "{not json");
    CHECK(store.entries().size() == 2); // damaged or foreign files are ignored

    store.discard(QStringLiteral("/p/a.ts"));
    entries = store.entries();
    REQUIRE(entries.size() == 1);
    CHECK(entries.first().path == QStringLiteral("/p/b.ts"));
}
