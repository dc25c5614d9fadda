#pragma once

#include "engine/exporting/api_types.h"
#include "engine/exporting/workspace_state.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace botwright::exporting {

enum class SyncDirection { Push, Pull };

// How one side (the project folder, or the server) differs from the last-synced copy.
enum class Change {
    Unchanged, // same bytes as the last-synced copy
    Created,   // present, no last-synced copy
    Modified,  // present, different from the last-synced copy
    Deleted,   // absent, but there is a last-synced copy
    Absent,    // absent on this side and never synced
};

enum class SyncAction {
    None,         // nothing to do
    CreateRemote, // push: PUT the local script
    UpdateRemote, // push: PATCH the server's script with the local source
    DeleteRemote, // push: DELETE the server's script
    CreateLocal,  // pull: write the server's script into the project
    UpdateLocal,  // pull: overwrite an unedited local script with the server's version
    DeleteLocal,  // pull: remove an unedited local script the server no longer has
    Adopt,        // both sides already agree: only the last-synced copy is brought up to date
    KeepLocal,    // pull, conflict kept local: the server's copy becomes the last-synced copy, the
                  // local edit stays (and is what the next push sends)
    OtherSide,    // a change that goes the other way (shown, not applied: pull or push for it)
    Conflict,     // both sides changed differently; needs a Resolution
};

enum class Resolution { Unresolved, KeepLocal, TakeServer, Skip };

// One script in a plan: both sides, the last-synced copy and what will happen.
struct SyncEntry {
    QString name;
    Change local = Change::Absent;
    Change remote = Change::Absent;
    std::optional<QByteArray> localSource;
    std::optional<QByteArray> baseSource;
    std::optional<QByteArray> remoteSource;
    qint64 remoteId = 0; // the server's id (from the listing, else from the index)
    bool remoteEnabled = true;
    SyncAction action = SyncAction::None; // as planned; Conflict until resolved
    Resolution resolution = Resolution::Unresolved;

    // What applying does: `action`, or for a conflict what its resolution turns it into
    // (None while unresolved or skipped).
    SyncAction effectiveAction(SyncDirection direction) const;
    bool isConflict() const { return action == SyncAction::Conflict; }
    // A sentence for review dialogs and reports ("edited here and on the server").
    QString describe(SyncDirection direction) const;
    // The text before and after applying, for a diff: old = what the target side has now.
    QByteArray diffOld(SyncDirection direction) const;
    QByteArray diffNew(SyncDirection direction) const;
};

struct SyncPlan {
    SyncDirection direction = SyncDirection::Push;
    QString guildId;
    QList<SyncEntry> entries; // by name; scripts in sync are left out
    QStringList notes;        // plan-wide remarks (e.g. server scripts with unusable names)

    int count(SyncAction action) const;
    int conflictCount() const;
    int unresolvedCount() const;
    // Something would change on either side when applied.
    bool hasWork() const;
    SyncEntry* find(const QString& name);
    const SyncEntry* find(const QString& name) const;
    // Sets the resolution of every conflict still unresolved.
    void resolveAll(Resolution resolution);
};

// The three-way comparison: `local` (the project's scripts), `base` (the last-synced copies),
// `remote` (the server's listing). Pure; the same inputs give the same plan.
SyncPlan planSync(SyncDirection direction, const QMap<QString, QByteArray>& local,
                  const QMap<QString, SyncedCopy>& base, const QList<RemoteScript>& remote);

QString changeName(Change change);

// A status plan read as "what next" per script: "push", "pull", "conflict" or "in sync", with totals.
struct SyncStatus {
    struct Line {
        QString name; // without ".ts"
        Change local = Change::Unchanged;
        Change remote = Change::Unchanged;
        QString next;
    };
    QList<Line> lines;
    int pushes = 0;
    int pulls = 0;
    int conflicts = 0;
};
SyncStatus syncStatus(const SyncPlan& plan);
QString actionName(SyncAction action); // "create on server", "update here", …
QString directionName(SyncDirection direction);

} // namespace botwright::exporting
