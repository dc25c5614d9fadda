#include "engine/exporting/sync_runner.h"

#include "engine/exporting/botloader_api_client.h"
#include "engine/exporting/workspace_state.h"
#include "engine/project/file_io.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

namespace botwright::exporting {

namespace {

QString pastTense(SyncAction action) {
    switch (action) {
    case SyncAction::CreateRemote:
        return QStringLiteral("created on the server");
    case SyncAction::UpdateRemote:
        return QStringLiteral("updated on the server");
    case SyncAction::DeleteRemote:
        return QStringLiteral("deleted on the server");
    case SyncAction::CreateLocal:
        return QStringLiteral("added here");
    case SyncAction::UpdateLocal:
        return QStringLiteral("updated here");
    case SyncAction::DeleteLocal:
        return QStringLiteral("removed here");
    case SyncAction::Adopt:
        return QStringLiteral("already in sync");
    case SyncAction::KeepLocal:
        return QStringLiteral("kept local");
    default:
        return actionName(action);
    }
}

bool isRemote(SyncAction action) {
    return action == SyncAction::CreateRemote || action == SyncAction::UpdateRemote ||
           action == SyncAction::DeleteRemote;
}

} // namespace

int SyncReport::succeeded() const {
    return static_cast<int>(
        std::count_if(results.cbegin(), results.cend(), [](const ScriptResult& r) { return r.ok; }));
}

int SyncReport::failed() const {
    return static_cast<int>(results.size()) - succeeded();
}

int SyncReport::succeeded(SyncAction action) const {
    return static_cast<int>(std::count_if(results.cbegin(), results.cend(),
                                          [&](const ScriptResult& r) { return r.ok && r.action == action; }));
}

bool SyncReport::ok() const {
    return failed() == 0 && fatalError.isEmpty() && !cancelled && (!reloadAttempted || reloaded);
}

QString SyncReport::summary() const {
    QStringList parts;
    for (const SyncAction action :
         {SyncAction::CreateRemote, SyncAction::UpdateRemote, SyncAction::DeleteRemote,
          SyncAction::CreateLocal, SyncAction::UpdateLocal, SyncAction::DeleteLocal, SyncAction::KeepLocal,
          SyncAction::Adopt}) {
        if (const int n = succeeded(action); n > 0)
            parts.append(QStringLiteral("%1 %2").arg(n).arg(pastTense(action)));
    }
    if (parts.isEmpty() && failed() == 0)
        parts.append(QStringLiteral("nothing to do"));
    if (failed() > 0)
        parts.append(QStringLiteral("%1 failed").arg(failed()));
    QString text = parts.join(QStringLiteral(", "));
    if (cancelled)
        text += QStringLiteral("; cancelled");
    if (reloadAttempted)
        text += reloaded ? QStringLiteral("; VM reloaded") : QStringLiteral("; VM reload failed");
    if (!fatalError.isEmpty())
        text += QStringLiteral("; ") + fatalError;
    return text;
}

QString SyncReport::details() const {
    QStringList lines;
    for (const ScriptResult& r : results) {
        if (r.ok)
            lines.append(QStringLiteral("  ok      %1.ts: %2").arg(r.name, pastTense(r.action)));
        else
            lines.append(
                QStringLiteral("  FAILED  %1.ts (%2): %3").arg(r.name, actionName(r.action), r.error));
    }
    if (reloadAttempted)
        lines.append(reloaded ? QStringLiteral("  ok      VM reloaded")
                              : QStringLiteral("  FAILED  VM reload: %1").arg(reloadError));
    if (!fatalError.isEmpty())
        lines.append(QStringLiteral("  FAILED  %1").arg(fatalError));
    for (const QString& path : backups)
        lines.append(QStringLiteral("  backup  %1").arg(path));
    return lines.join(u'\n');
}

SyncRunner::SyncRunner(BotloaderApiClient* client, WorkspaceState* state, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_state(state) {}

SyncRunner::~SyncRunner() = default;

QString SyncRunner::scriptPath(const QString& name) const {
    return m_state->projectRoot() + QLatin1Char('/') + name + QStringLiteral(".ts");
}

void SyncRunner::start(const SyncPlan& plan) {
    m_plan = plan;
    m_report = SyncReport{};
    m_report.direction = plan.direction;
    m_queue.clear();
    m_inFlight = 0;
    m_total = 0;
    m_cancelled = false;
    m_running = true;
    m_backupDir.clear();
    m_clock.start();
    QList<Job> local;
    for (const SyncEntry& entry : plan.entries) {
        const SyncAction action = entry.effectiveAction(plan.direction);
        if (action == SyncAction::None || action == SyncAction::OtherSide || action == SyncAction::Conflict)
            continue;
        ++m_total;
        (isRemote(action) ? m_queue.push_back(Job{entry, action}) : local.append(Job{entry, action}));
    }
    for (const Job& job : std::as_const(local))
        applyLocal(job);
    if (m_queue.empty()) {
        // finished() always comes from the event loop, never from inside start().
        QTimer::singleShot(0, this, [this] { remoteFinished(); });
        return;
    }
    pump();
}

void SyncRunner::cancel() {
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    m_report.cancelled = true;
    while (!m_queue.empty()) {
        const Job job = m_queue.front();
        m_queue.pop_front();
        record(ScriptResult{job.entry.name, job.action, false, QStringLiteral("not sent: cancelled")});
    }
    if (m_inFlight == 0)
        QTimer::singleShot(0, this, [this] { remoteFinished(); });
}

void SyncRunner::record(ScriptResult result) {
    const QString name = result.name;
    m_report.results.append(std::move(result));
    Q_EMIT progress(static_cast<int>(m_report.results.size()), m_total, name);
}

QString SyncRunner::backup(const QString& name, QString* error) {
    const QString source = scriptPath(name);
    if (!QFileInfo::exists(source))
        return {};
    if (m_backupDir.isEmpty()) {
        m_backupDir = m_state->projectRoot() + QStringLiteral("/.botwright/sync-backups/") +
                      QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
        if (!QDir().mkpath(m_backupDir)) {
            *error = QStringLiteral("cannot create the backup folder %1").arg(m_backupDir);
            m_backupDir.clear();
            return {};
        }
    }
    const QString target = m_backupDir + QLatin1Char('/') + name + QStringLiteral(".ts");
    const std::optional<QByteArray> bytes = project::readWholeFile(source, error);
    if (!bytes || !project::writeFileAtomically(target, *bytes, error))
        return {};
    m_report.backups.append(target);
    return target;
}

void SyncRunner::applyLocal(const Job& job) {
    const SyncEntry& e = job.entry;
    ScriptResult result{e.name, job.action};
    QString error;
    const QString path = scriptPath(e.name);
    const auto unchangedSincePlan = [&] {
        std::optional<QByteArray> now;
        if (QFileInfo::exists(path)) {
            now = project::readWholeFile(path, &error);
            if (!now)
                return false;
        }
        if (now != e.localSource) {
            error = QStringLiteral("the file changed after the plan was made; nothing was overwritten, "
                                   "sync again to see the new state");
            return false;
        }
        return true;
    };
    const auto backedUp = [&] {
        if (!QFileInfo::exists(path))
            return true;
        return !backup(e.name, &error).isEmpty();
    };

    switch (job.action) {
    case SyncAction::CreateLocal:
    case SyncAction::UpdateLocal:
        result.ok = e.remoteSource && unchangedSincePlan() && backedUp() &&
                    project::writeFileAtomically(path, *e.remoteSource, &error) &&
                    m_state->recordSynced(e.name, e.remoteId, *e.remoteSource, &error);
        break;
    case SyncAction::DeleteLocal:
        result.ok = unchangedSincePlan() && backedUp();
        if (result.ok && QFileInfo::exists(path) && !QFile::remove(path)) {
            error = QStringLiteral("cannot remove %1").arg(path);
            result.ok = false;
        }
        result.ok = result.ok && m_state->forget(e.name, &error);
        break;
    case SyncAction::Adopt:
    case SyncAction::KeepLocal:
        result.ok = e.remoteSource ? m_state->recordSynced(e.name, e.remoteId, *e.remoteSource, &error)
                                   : m_state->forget(e.name, &error);
        break;
    default:
        error = QStringLiteral("not a local action");
        break;
    }
    if (!result.ok)
        result.error = error.isEmpty() ? QStringLiteral("the server's text is missing") : error;
    record(std::move(result));
}

void SyncRunner::pump() {
    while (!m_cancelled && m_inFlight < m_concurrency && !m_queue.empty()) {
        const Job job = m_queue.front();
        m_queue.pop_front();
        ++m_inFlight;
        sendRemote(job);
    }
}

void SyncRunner::sendRemote(const Job& job) {
    const QString guild = m_state->guildId();
    const SyncEntry& e = job.entry;
    switch (job.action) {
    case SyncAction::CreateRemote:
        m_client->createScript(
            guild, e.name, QString::fromUtf8(e.localSource.value_or(QByteArray())), true, this,
            [this, job](const ApiResult<RemoteScript>& r) {
                if (r.ok()) {
                    QString error;
                    const bool saved =
                        m_state->recordSynced(job.entry.name, r.value.id, r.value.sourceBytes(), &error);
                    remoteDone(job, saved, std::nullopt, r.retries, error);
                } else if (r.error->httpStatus == 0 ||
                           (r.error->retries > 0 &&
                            r.error->hasValidationError(QStringLiteral("name"),
                                                        QStringLiteral("Name already taken")))) {
                    verify(job, *r.error, r.retries);
                } else {
                    remoteDone(job, false, r.error, r.retries);
                }
            });
        break;
    case SyncAction::UpdateRemote: {
        ScriptUpdate update;
        update.originalSource = QString::fromUtf8(e.localSource.value_or(QByteArray()));
        m_client->updateScript(
            guild, e.remoteId, update, this, [this, job](const ApiResult<RemoteScript>& r) {
                if (!r.ok()) {
                    remoteDone(job, false, r.error, r.retries);
                    return;
                }
                QString error;
                const bool saved =
                    m_state->recordSynced(job.entry.name, r.value.id, r.value.sourceBytes(), &error);
                remoteDone(job, saved, std::nullopt, r.retries, error);
            });
        break;
    }
    case SyncAction::DeleteRemote:
        m_client->deleteScript(guild, e.remoteId, this, [this, job](const ApiResult<RemoteScript>& r) {
            if (r.ok()) {
                QString error;
                const bool forgotten = m_state->forget(job.entry.name, &error);
                remoteDone(job, forgotten, std::nullopt, r.retries, error);
            } else if (r.error->httpStatus == 0 || r.error->retries > 0 ||
                       r.error->code == error_code::kInternalError) {
                // Botloader answers a delete of a script that is already gone with an internal
                // error; a retried delete may have worked the first time.
                verify(job, *r.error, r.retries);
            } else {
                remoteDone(job, false, r.error, r.retries);
            }
        });
        break;
    default:
        remoteDone(job, false, std::nullopt, 0, QStringLiteral("not a server action"));
        break;
    }
}

void SyncRunner::verify(const Job& job, const ApiError& error, int retries) {
    m_client->listScripts(
        m_state->guildId(), this, [this, job, error, retries](const ApiResult<QList<RemoteScript>>& r) {
            if (!r.ok()) {
                remoteDone(job, false, error, retries);
                return;
            }
            const RemoteScript* found = nullptr;
            for (const RemoteScript& script : r.value)
                if (script.name == job.entry.name)
                    found = &script;
            QString saveError;
            if (job.action == SyncAction::CreateRemote && found &&
                found->sourceBytes() == job.entry.localSource) {
                const bool saved =
                    m_state->recordSynced(job.entry.name, found->id, found->sourceBytes(), &saveError);
                remoteDone(job, saved, std::nullopt, retries, saveError);
            } else if (job.action == SyncAction::DeleteRemote && !found) {
                const bool forgotten = m_state->forget(job.entry.name, &saveError);
                remoteDone(job, forgotten, std::nullopt, retries, saveError);
            } else {
                remoteDone(job, false, error, retries);
            }
        });
}

void SyncRunner::remoteDone(const Job& job, bool ok, const std::optional<ApiError>& error, int retries,
                            const QString& note) {
    --m_inFlight;
    ScriptResult result{job.entry.name, job.action, ok};
    result.apiError = error;
    result.retries = retries;
    if (!ok) {
        if (error) {
            result.error = m_client->redacted(error->message());
            if (error->code == error_code::kScriptNotFound)
                result.error +=
                    QStringLiteral(". The server no longer has this script; pull, then push again.");
        } else {
            result.error = note.isEmpty() ? QStringLiteral("failed") : note;
        }
    }
    record(std::move(result));
    if (!m_queue.empty() && !m_cancelled) {
        pump();
        return;
    }
    if (m_inFlight == 0)
        remoteFinished();
}

void SyncRunner::remoteFinished() {
    QString error;
    if (!m_state->save(&error))
        m_report.fatalError = QStringLiteral("the sync state could not be saved: %1").arg(error);
    bool changedServer = false;
    for (const ScriptResult& r : std::as_const(m_report.results))
        changedServer = changedServer || (r.ok && isRemote(r.action));
    if (m_plan.direction == SyncDirection::Push && changedServer) {
        m_report.reloadAttempted = true;
        m_client->reloadVm(m_state->guildId(), this, [this](const ApiResult<bool>& r) {
            m_report.reloaded = r.ok();
            if (!r.ok())
                m_report.reloadError = m_client->redacted(r.error->message());
            finish();
        });
        return;
    }
    finish();
}

void SyncRunner::finish() {
    m_running = false;
    m_report.elapsedMs = m_clock.elapsed();
    Q_EMIT finished(m_report);
}

} // namespace botwright::exporting
