// The .botloader folder, in the layout of Botloader's VS Code extension.
#include "engine/exporting/workspace_state.h"
#include "tests/support/sync_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace botwright::exporting;
using botwright::testing::readFile;
using botwright::testing::writeFile;

TEST_CASE("a workspace written here reads like the extension's", "[workspace_state]") {
    QTemporaryDir dir;
    const QString root = dir.path();
    CHECK_FALSE(WorkspaceState::isLinked(root));
    QString error;
    CHECK_FALSE(WorkspaceState::load(root, &error));
    CHECK(error.contains(QStringLiteral("not linked")));

    const QJsonObject guild{{QStringLiteral("id"), QStringLiteral("1100000000000000001")},
                            {QStringLiteral("name"), QStringLiteral("Test Guild")},
                            {QStringLiteral("permissions"), QStringLiteral("8")}};
    WorkspaceState state = WorkspaceState::create(root, guild);
    REQUIRE(state.recordSynced(QStringLiteral("hello"), 12, "console.log(1)\n", &error));
    REQUIRE(state.save(&error));
    CHECK(WorkspaceState::isLinked(root));

    CHECK(readFile(root + QStringLiteral("/.botloader/scripts/hello.ts.bloader")) == "console.log(1)\n");
    const QJsonObject index =
        QJsonDocument::fromJson(readFile(root + QStringLiteral("/.botloader/index.json"))).object();
    CHECK(index.value(QStringLiteral("guild")).toObject() == guild);
    const QJsonArray open = index.value(QStringLiteral("openScripts")).toArray();
    REQUIRE(open.size() == 1);
    CHECK(open[0].toObject().value(QStringLiteral("id")).toInt() == 12);
    CHECK(open[0].toObject().value(QStringLiteral("name")).toString() == QStringLiteral("hello"));

    const std::optional<WorkspaceState> loaded = WorkspaceState::load(root, &error);
    REQUIRE(loaded);
    CHECK(loaded->guildId() == QStringLiteral("1100000000000000001"));
    CHECK(loaded->guildName() == QStringLiteral("Test Guild"));
    CHECK(loaded->scriptId(QStringLiteral("hello")) == 12);
    CHECK(loaded->syncedNames() == QStringList{QStringLiteral("hello")});
    const auto copies = loaded->syncedCopies(&error);
    REQUIRE(copies);
    CHECK(copies->value(QStringLiteral("hello")).source == "console.log(1)\n");
    CHECK(copies->value(QStringLiteral("hello")).id == 12);
}

TEST_CASE("an index written by the extension loads, unknown keys survive, and forget removes the copy",
          "[workspace_state]") {
    QTemporaryDir dir;
    const QString root = dir.path();
    // As the extension writes it: the whole CurrentUserGuild, compact JSON.
    writeFile(
        root + QStringLiteral("/.botloader/index.json"),
        R"({"guild":{"id":"42","name":"Ext","icon":null,"owner":true,"permissions":"2147483647","features":[]},)"
        R"("openScripts":[{"id":3,"name":"a"},{"id":4,"name":"b"}],"futureKey":{"x":1}})");
    writeFile(root + QStringLiteral("/.botloader/scripts/a.ts.bloader"), "A");
    writeFile(root + QStringLiteral("/.botloader/scripts/b.ts.bloader"), "B");
    writeFile(root + QStringLiteral("/.botloader/scripts/not a name.ts.bloader"), "X");
    QString error;
    std::optional<WorkspaceState> state = WorkspaceState::load(root, &error);
    REQUIRE(state);
    CHECK(state->guildId() == QStringLiteral("42"));
    CHECK(state->syncedNames() == QStringList{QStringLiteral("a"), QStringLiteral("b")});
    REQUIRE(state->forget(QStringLiteral("b"), &error));
    REQUIRE(state->save(&error));
    CHECK_FALSE(QFile::exists(root + QStringLiteral("/.botloader/scripts/b.ts.bloader")));
    const QJsonObject index =
        QJsonDocument::fromJson(readFile(root + QStringLiteral("/.botloader/index.json"))).object();
    CHECK(index.value(QStringLiteral("futureKey")).toObject().value(QStringLiteral("x")).toInt() == 1);
    CHECK(index.value(QStringLiteral("guild")).toObject().value(QStringLiteral("owner")).toBool());
    CHECK(index.value(QStringLiteral("openScripts")).toArray().size() == 1);

    // A broken index says what to do.
    writeFile(root + QStringLiteral("/.botloader/index.json"), "{not json");
    CHECK_FALSE(WorkspaceState::load(root, &error));
    CHECK(error.contains(QStringLiteral("remove the .botloader folder")));
    writeFile(root + QStringLiteral("/.botloader/index.json"), R"({"openScripts":[]})");
    CHECK_FALSE(WorkspaceState::load(root, &error));
    CHECK(error.contains(QStringLiteral("no guild id")));
}

TEST_CASE("sha256Hex is the extension's change detector", "[workspace_state]") {
    CHECK(WorkspaceState::sha256Hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
