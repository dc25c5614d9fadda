#include "engine/exporting/sync_plan.h"

#include "engine/exporting/script_validation.h"

#include <QSet>

#include <algorithm>

namespace botwright::exporting {

namespace {

Change classify(const std::optional<QByteArray>& side, const std::optional<QByteArray>& base) {
    if (side)
        return !base ? Change::Created : (*side == *base ? Change::Unchanged : Change::Modified);
    return base ? Change::Deleted : Change::Absent;
}

bool changed(Change c) {
    return c == Change::Created || c == Change::Modified || c == Change::Deleted;
}

// Push and pull actions for one pair of changes (conflicts and agreements are handled before).
SyncAction decide(SyncDirection direction, Change local, Change remote) {
    const bool push = direction == SyncDirection::Push;
    if (changed(local) && !changed(remote)) {
        if (!push)
            return SyncAction::OtherSide;
        switch (local) {
        case Change::Created:
            return SyncAction::CreateRemote;
        case Change::Modified:
            return SyncAction::UpdateRemote;
        default:
            return SyncAction::DeleteRemote;
        }
    }
    if (changed(remote) && !changed(local)) {
        if (push)
            return SyncAction::OtherSide;
        switch (remote) {
        case Change::Created:
            return SyncAction::CreateLocal;
        case Change::Modified:
            return SyncAction::UpdateLocal;
        default:
            return SyncAction::DeleteLocal;
        }
    }
    return SyncAction::None;
}

QString changeHere(Change c) {
    switch (c) {
    case Change::Created:
        return QStringLiteral("new here");
    case Change::Modified:
        return QStringLiteral("edited here");
    case Change::Deleted:
        return QStringLiteral("deleted here");
    default:
        return QStringLiteral("unchanged here");
    }
}

QString changeThere(Change c) {
    switch (c) {
    case Change::Created:
        return QStringLiteral("new on the server");
    case Change::Modified:
        return QStringLiteral("edited on the server");
    case Change::Deleted:
        return QStringLiteral("deleted on the server");
    default:
        return QStringLiteral("unchanged on the server");
    }
}

} // namespace

SyncAction SyncEntry::effectiveAction(SyncDirection direction) const {
    if (action != SyncAction::Conflict)
        return action;
    switch (resolution) {
    case Resolution::Unresolved:
    case Resolution::Skip:
        return SyncAction::None;
    case Resolution::TakeServer:
        if (remoteSource)
            return localSource ? SyncAction::UpdateLocal : SyncAction::CreateLocal;
        return localSource ? SyncAction::DeleteLocal : SyncAction::Adopt;
    case Resolution::KeepLocal:
        if (direction == SyncDirection::Pull)
            return SyncAction::KeepLocal;
        if (localSource)
            return remoteSource ? SyncAction::UpdateRemote : SyncAction::CreateRemote;
        return remoteSource ? SyncAction::DeleteRemote : SyncAction::Adopt;
    }
    return SyncAction::None;
}

QString SyncEntry::describe(SyncDirection direction) const {
    switch (action) {
    case SyncAction::CreateRemote:
        return QStringLiteral("new here; will be created on the server");
    case SyncAction::UpdateRemote:
        return QStringLiteral("edited here; the server gets this version");
    case SyncAction::DeleteRemote:
        return QStringLiteral("deleted here; will be deleted on the server");
    case SyncAction::CreateLocal:
        return QStringLiteral("new on the server; will be added to the project");
    case SyncAction::UpdateLocal:
        return QStringLiteral("edited on the server; the project gets that version");
    case SyncAction::DeleteLocal:
        return QStringLiteral("deleted on the server; will be removed from the project (a backup is kept)");
    case SyncAction::Adopt:
        return QStringLiteral("already the same on both sides; only the last-synced copy is updated");
    case SyncAction::KeepLocal:
        return QStringLiteral("the local version is kept and sent by the next push");
    case SyncAction::OtherSide:
        return direction == SyncDirection::Push
                   ? changeThere(remote) + QStringLiteral(" since the last sync; Pull to bring it in")
                   : changeHere(local) + QStringLiteral("; kept as it is, Push to send it");
    case SyncAction::Conflict:
        if (local == Change::Created && remote == Change::Created)
            return QStringLiteral("conflict: created here and on the server with different text");
        if (local == Change::Modified && remote == Change::Modified)
            return QStringLiteral("conflict: edited here and on the server");
        return QStringLiteral("conflict: %1, %2").arg(changeHere(local), changeThere(remote));
    case SyncAction::None:
        break;
    }
    return QStringLiteral("in sync");
}

QByteArray SyncEntry::diffOld(SyncDirection direction) const {
    if (direction == SyncDirection::Push)
        return remoteSource ? *remoteSource : QByteArray();
    return localSource ? *localSource : QByteArray();
}

QByteArray SyncEntry::diffNew(SyncDirection direction) const {
    if (direction == SyncDirection::Push)
        return localSource ? *localSource : QByteArray();
    return remoteSource ? *remoteSource : QByteArray();
}

int SyncPlan::count(SyncAction action) const {
    return static_cast<int>(std::count_if(entries.cbegin(), entries.cend(), [&](const SyncEntry& e) {
        return e.effectiveAction(direction) == action;
    }));
}

int SyncPlan::conflictCount() const {
    return static_cast<int>(
        std::count_if(entries.cbegin(), entries.cend(), [](const SyncEntry& e) { return e.isConflict(); }));
}

int SyncPlan::unresolvedCount() const {
    return static_cast<int>(std::count_if(entries.cbegin(), entries.cend(), [](const SyncEntry& e) {
        return e.isConflict() && e.resolution == Resolution::Unresolved;
    }));
}

bool SyncPlan::hasWork() const {
    for (const SyncEntry& e : entries) {
        const SyncAction a = e.effectiveAction(direction);
        if (a != SyncAction::None && a != SyncAction::OtherSide)
            return true;
    }
    return false;
}

SyncEntry* SyncPlan::find(const QString& name) {
    for (SyncEntry& e : entries)
        if (e.name == name)
            return &e;
    return nullptr;
}

const SyncEntry* SyncPlan::find(const QString& name) const {
    return const_cast<SyncPlan*>(this)->find(name);
}

void SyncPlan::resolveAll(Resolution resolution) {
    for (SyncEntry& e : entries)
        if (e.isConflict() && e.resolution == Resolution::Unresolved)
            e.resolution = resolution;
}

SyncPlan planSync(SyncDirection direction, const QMap<QString, QByteArray>& local,
                  const QMap<QString, SyncedCopy>& base, const QList<RemoteScript>& remote) {
    SyncPlan plan;
    plan.direction = direction;
    QMap<QString, const RemoteScript*> remoteByName;
    for (const RemoteScript& script : remote) {
        if (!checkScriptName(script.name).isEmpty()) {
            plan.notes.append(
                QStringLiteral("The server has a script named \"%1\", which cannot be a file name "
                               "here; it is left alone.")
                    .arg(script.name));
            continue;
        }
        if (!remoteByName.contains(script.name))
            remoteByName.insert(script.name, &script);
    }
    QSet<QString> names;
    for (auto it = local.cbegin(); it != local.cend(); ++it)
        names.insert(it.key());
    for (auto it = base.cbegin(); it != base.cend(); ++it)
        names.insert(it.key());
    for (auto it = remoteByName.cbegin(); it != remoteByName.cend(); ++it)
        names.insert(it.key());
    QStringList sorted(names.cbegin(), names.cend());
    sorted.sort();

    for (const QString& name : std::as_const(sorted)) {
        SyncEntry entry;
        entry.name = name;
        if (const auto it = local.constFind(name); it != local.cend())
            entry.localSource = *it;
        const auto baseIt = base.constFind(name);
        if (baseIt != base.cend()) {
            entry.baseSource = baseIt->source;
            entry.remoteId = baseIt->id;
        }
        if (const RemoteScript* script = remoteByName.value(name)) {
            entry.remoteSource = script->sourceBytes();
            entry.remoteId = script->id;
            entry.remoteEnabled = script->enabled;
        }
        entry.local = classify(entry.localSource, entry.baseSource);
        entry.remote = classify(entry.remoteSource, entry.baseSource);

        if (changed(entry.local) && changed(entry.remote)) {
            // Both moved: the same result on both sides is agreement, anything else a conflict.
            entry.action = entry.localSource == entry.remoteSource ? SyncAction::Adopt : SyncAction::Conflict;
        } else {
            entry.action = decide(direction, entry.local, entry.remote);
            if (entry.action == SyncAction::None && baseIt != base.cend() && entry.remoteSource &&
                baseIt->id != entry.remoteId)
                entry.action = SyncAction::Adopt; // same text, but the index has an old or no id
        }
        if (entry.action != SyncAction::None)
            plan.entries.append(std::move(entry));
    }
    return plan;
}

QString changeName(Change change) {
    switch (change) {
    case Change::Unchanged:
        return QStringLiteral("unchanged");
    case Change::Created:
        return QStringLiteral("new");
    case Change::Modified:
        return QStringLiteral("edited");
    case Change::Deleted:
        return QStringLiteral("deleted");
    case Change::Absent:
        break;
    }
    return QStringLiteral("absent");
}

QString actionName(SyncAction action) {
    switch (action) {
    case SyncAction::None:
        return QStringLiteral("nothing");
    case SyncAction::CreateRemote:
        return QStringLiteral("create on server");
    case SyncAction::UpdateRemote:
        return QStringLiteral("update on server");
    case SyncAction::DeleteRemote:
        return QStringLiteral("delete on server");
    case SyncAction::CreateLocal:
        return QStringLiteral("add here");
    case SyncAction::UpdateLocal:
        return QStringLiteral("update here");
    case SyncAction::DeleteLocal:
        return QStringLiteral("remove here");
    case SyncAction::Adopt:
        return QStringLiteral("already in sync");
    case SyncAction::KeepLocal:
        return QStringLiteral("keep local");
    case SyncAction::OtherSide:
        return QStringLiteral("not in this direction");
    case SyncAction::Conflict:
        return QStringLiteral("conflict");
    }
    return {};
}

QString directionName(SyncDirection direction) {
    return direction == SyncDirection::Push ? QStringLiteral("push") : QStringLiteral("pull");
}

SyncStatus syncStatus(const SyncPlan& plan) {
    SyncStatus status;
    for (const SyncEntry& e : plan.entries) {
        SyncStatus::Line line{e.name, e.local, e.remote, QStringLiteral("pull")};
        switch (e.action) {
        case SyncAction::OtherSide:
            line.next = QStringLiteral("push");
            ++status.pushes;
            break;
        case SyncAction::Conflict:
            line.next = QStringLiteral("conflict");
            ++status.conflicts;
            break;
        case SyncAction::Adopt:
            line.next = QStringLiteral("in sync");
            break;
        default:
            ++status.pulls;
            break;
        }
        status.lines.append(line);
    }
    return status;
}

} // namespace botwright::exporting
