// The three-way plan: every combination of a local and a server change against the last-synced copy,
// in both directions, and what conflict resolutions turn into.
#include "engine/exporting/sync_plan.h"
#include "tests/support/qt_catch.h"

using namespace botwright::exporting;

namespace {

RemoteScript remote(qint64 id, const QString& name, const QByteArray& source) {
    RemoteScript s;
    s.id = id;
    s.name = name;
    s.originalSource = QString::fromUtf8(source);
    return s;
}

struct Case {
    QMap<QString, QByteArray> local;
    QMap<QString, SyncedCopy> base;
    QList<RemoteScript> server;
};

SyncAction actionFor(const Case& c, SyncDirection direction, const QString& name = QStringLiteral("s")) {
    const SyncPlan plan = planSync(direction, c.local, c.base, c.server);
    const SyncEntry* entry = plan.find(name);
    return entry ? entry->action : SyncAction::None;
}

} // namespace

TEST_CASE("planSync: one-sided changes go one way and are shown the other", "[sync_plan]") {
    const QString s = QStringLiteral("s");
    const QByteArray v1 = "v1";
    const QByteArray v2 = "v2";
    const SyncedCopy base1{7, v1};

    // Created here.
    Case created{{{s, v1}}, {}, {}};
    CHECK(actionFor(created, SyncDirection::Push) == SyncAction::CreateRemote);
    CHECK(actionFor(created, SyncDirection::Pull) == SyncAction::OtherSide);
    // Edited here.
    Case edited{{{s, v2}}, {{s, base1}}, {remote(7, s, v1)}};
    CHECK(actionFor(edited, SyncDirection::Push) == SyncAction::UpdateRemote);
    CHECK(actionFor(edited, SyncDirection::Pull) == SyncAction::OtherSide);
    // Deleted here.
    Case deleted{{}, {{s, base1}}, {remote(7, s, v1)}};
    CHECK(actionFor(deleted, SyncDirection::Push) == SyncAction::DeleteRemote);
    CHECK(actionFor(deleted, SyncDirection::Pull) == SyncAction::OtherSide);
    // New on the server.
    Case serverNew{{}, {}, {remote(9, s, v1)}};
    CHECK(actionFor(serverNew, SyncDirection::Push) == SyncAction::OtherSide);
    CHECK(actionFor(serverNew, SyncDirection::Pull) == SyncAction::CreateLocal);
    // Edited on the server.
    Case serverEdited{{{s, v1}}, {{s, base1}}, {remote(7, s, v2)}};
    CHECK(actionFor(serverEdited, SyncDirection::Push) == SyncAction::OtherSide);
    CHECK(actionFor(serverEdited, SyncDirection::Pull) == SyncAction::UpdateLocal);
    // Deleted on the server.
    Case serverDeleted{{{s, v1}}, {{s, base1}}, {}};
    CHECK(actionFor(serverDeleted, SyncDirection::Push) == SyncAction::OtherSide);
    CHECK(actionFor(serverDeleted, SyncDirection::Pull) == SyncAction::DeleteLocal);
    // In sync: not in the plan at all.
    Case same{{{s, v1}}, {{s, base1}}, {remote(7, s, v1)}};
    CHECK(planSync(SyncDirection::Push, same.local, same.base, same.server).entries.isEmpty());
    CHECK(planSync(SyncDirection::Pull, same.local, same.base, same.server).entries.isEmpty());
    // In sync, but the index had no id: adopted so the id is recorded.
    Case noId{{{s, v1}}, {{s, SyncedCopy{0, v1}}}, {remote(7, s, v1)}};
    CHECK(actionFor(noId, SyncDirection::Push) == SyncAction::Adopt);
}

TEST_CASE("planSync: changes on both sides are conflicts unless they agree", "[sync_plan]") {
    const QString s = QStringLiteral("s");
    const SyncedCopy base{7, "base"};
    Case bothEdited{{{s, "mine"}}, {{s, base}}, {remote(7, s, "theirs")}};
    Case bothSame{{{s, "same"}}, {{s, base}}, {remote(7, s, "same")}};
    Case editedDeleted{{{s, "mine"}}, {{s, base}}, {}};
    Case deletedEdited{{}, {{s, base}}, {remote(7, s, "theirs")}};
    Case bothDeleted{{}, {{s, base}}, {}};
    Case bothCreated{{{s, "mine"}}, {}, {remote(3, s, "theirs")}};
    Case bothCreatedSame{{{s, "x"}}, {}, {remote(3, s, "x")}};
    for (const SyncDirection d : {SyncDirection::Push, SyncDirection::Pull}) {
        CHECK(actionFor(bothEdited, d) == SyncAction::Conflict);
        CHECK(actionFor(editedDeleted, d) == SyncAction::Conflict);
        CHECK(actionFor(deletedEdited, d) == SyncAction::Conflict);
        CHECK(actionFor(bothCreated, d) == SyncAction::Conflict);
        CHECK(actionFor(bothSame, d) == SyncAction::Adopt);
        CHECK(actionFor(bothDeleted, d) == SyncAction::Adopt);
        CHECK(actionFor(bothCreatedSame, d) == SyncAction::Adopt);
    }
    const SyncPlan plan = planSync(SyncDirection::Pull, bothEdited.local, bothEdited.base, bothEdited.server);
    REQUIRE(plan.entries.size() == 1);
    const SyncEntry& e = plan.entries[0];
    CHECK(e.local == Change::Modified);
    CHECK(e.remote == Change::Modified);
    CHECK(e.localSource == QByteArray("mine"));
    CHECK(e.remoteSource == QByteArray("theirs"));
    CHECK(e.baseSource == QByteArray("base"));
    CHECK(e.describe(SyncDirection::Pull) == QStringLiteral("conflict: edited here and on the server"));
    CHECK(plan.unresolvedCount() == 1);
    CHECK_FALSE(plan.hasWork());
}

TEST_CASE("conflict resolutions become actions for each direction", "[sync_plan]") {
    const QString s = QStringLiteral("s");
    const SyncedCopy base{7, "base"};
    const auto entryOf = [&](const Case& c, SyncDirection d) {
        return planSync(d, c.local, c.base, c.server).entries.value(0);
    };
    Case bothEdited{{{s, "mine"}}, {{s, base}}, {remote(7, s, "theirs")}};
    SyncEntry e = entryOf(bothEdited, SyncDirection::Push);
    CHECK(e.effectiveAction(SyncDirection::Push) == SyncAction::None); // unresolved
    e.resolution = Resolution::KeepLocal;
    CHECK(e.effectiveAction(SyncDirection::Push) == SyncAction::UpdateRemote);
    CHECK(e.effectiveAction(SyncDirection::Pull) == SyncAction::KeepLocal);
    e.resolution = Resolution::TakeServer;
    CHECK(e.effectiveAction(SyncDirection::Push) == SyncAction::UpdateLocal);
    CHECK(e.effectiveAction(SyncDirection::Pull) == SyncAction::UpdateLocal);
    e.resolution = Resolution::Skip;
    CHECK(e.effectiveAction(SyncDirection::Pull) == SyncAction::None);

    Case editedDeleted{{{s, "mine"}}, {{s, base}}, {}};
    e = entryOf(editedDeleted, SyncDirection::Push);
    e.resolution = Resolution::KeepLocal;
    CHECK(e.effectiveAction(SyncDirection::Push) == SyncAction::CreateRemote);
    e.resolution = Resolution::TakeServer;
    CHECK(e.effectiveAction(SyncDirection::Push) == SyncAction::DeleteLocal);

    Case deletedEdited{{}, {{s, base}}, {remote(7, s, "theirs")}};
    e = entryOf(deletedEdited, SyncDirection::Push);
    e.resolution = Resolution::KeepLocal;
    CHECK(e.effectiveAction(SyncDirection::Push) == SyncAction::DeleteRemote);
    e.resolution = Resolution::TakeServer;
    CHECK(e.effectiveAction(SyncDirection::Push) == SyncAction::CreateLocal);
}

TEST_CASE("planSync ids, diffs, counts and unusable server names", "[sync_plan]") {
    QMap<QString, QByteArray> local{{QStringLiteral("a"), "a2"}, {QStringLiteral("new"), "n"}};
    QMap<QString, SyncedCopy> base{{QStringLiteral("a"), SyncedCopy{1, "a1"}},
                                   {QStringLiteral("gone"), SyncedCopy{2, "g"}}};
    QList<RemoteScript> server{remote(11, QStringLiteral("a"), "a1"), remote(2, QStringLiteral("gone"), "g"),
                               remote(5, QStringLiteral("../evil"), "x"),
                               remote(6, QStringLiteral("remote"), "r")};
    const SyncPlan push = planSync(SyncDirection::Push, local, base, server);
    CHECK(push.notes.size() == 1);
    CHECK(push.notes[0].contains(QStringLiteral("../evil")));
    CHECK(push.count(SyncAction::UpdateRemote) == 1);
    CHECK(push.count(SyncAction::CreateRemote) == 1);
    CHECK(push.count(SyncAction::DeleteRemote) == 1);
    CHECK(push.count(SyncAction::OtherSide) == 1);
    CHECK(push.hasWork());
    const SyncEntry* a = push.find(QStringLiteral("a"));
    REQUIRE(a);
    CHECK(a->remoteId == 11); // the server's listing wins over the index
    CHECK(a->diffOld(SyncDirection::Push) == QByteArray("a1"));
    CHECK(a->diffNew(SyncDirection::Push) == QByteArray("a2"));
    CHECK(push.find(QStringLiteral("gone"))->remoteId == 2);
    QStringList names;
    for (const SyncEntry& e : push.entries)
        names.append(e.name);
    CHECK(names == QStringList{QStringLiteral("a"), QStringLiteral("gone"), QStringLiteral("new"),
                               QStringLiteral("remote")});
}
