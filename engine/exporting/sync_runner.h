#pragma once

#include "engine/exporting/api_types.h"
#include "engine/exporting/sync_plan.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <deque>
#include <optional>

namespace botwright::exporting {

class BotloaderApiClient;
class WorkspaceState;

// What happened to one script.
struct ScriptResult {
    QString name;
    SyncAction action = SyncAction::None;
    bool ok = false;
    QString error; // readable; never contains the API key
    std::optional<ApiError> apiError;
    int retries = 0;
};

struct SyncReport {
    SyncDirection direction = SyncDirection::Push;
    QList<ScriptResult> results;
    bool reloadAttempted = false; // push: POST reload_vm after the changes
    bool reloaded = false;
    QString reloadError;
    QString fatalError; // e.g. the index could not be written
    bool cancelled = false;
    QStringList backups; // local files saved before a sync overwrote or removed them
    qint64 elapsedMs = 0;

    int succeeded() const;
    int failed() const;
    int succeeded(SyncAction action) const;
    bool ok() const;
    QString summary() const; // "2 created, 1 updated on the server, 1 failed; VM reloaded"
    QString details() const; // one line per script, failures with the server's description
};

// Applies a SyncPlan: local writes at once (each atomic, the previous file backed up under
// `<project>/.botwright/sync-backups/<time>/`), server requests a few at a time. Every success
// records the last-synced copy straight away; a failure leaves the script as it was on both sides,
// so it shows up again in the next plan and nothing local is lost. After a push that changed
// anything, the guild's VM is reloaded (create and delete do not reload it on their own).
// A create or delete whose outcome is unknown (no answer, or a retry after a 5xx) is checked
// against the server's listing before it is reported.
class SyncRunner final : public QObject {
    Q_OBJECT
public:
    SyncRunner(BotloaderApiClient* client, WorkspaceState* state, QObject* parent = nullptr);
    ~SyncRunner() override;

    void setConcurrency(int requests) { m_concurrency = std::max(1, requests); }
    bool isRunning() const { return m_running; }

    // Starts applying `plan` (its effective actions; conflicts as resolved). finished() always
    // follows, from the event loop.
    void start(const SyncPlan& plan);
    // Sends nothing more; requests under way still finish. finished() follows.
    void cancel();

Q_SIGNALS:
    void progress(int done, int total, const QString& name);
    void finished(const botwright::exporting::SyncReport& report);

private:
    struct Job {
        SyncEntry entry;
        SyncAction action = SyncAction::None;
    };
    void applyLocal(const Job& job);
    void pump();
    void sendRemote(const Job& job);
    void remoteDone(const Job& job, bool ok, const std::optional<ApiError>& error, int retries,
                    const QString& note = {});
    void verify(const Job& job, const ApiError& error, int retries);
    void remoteFinished();
    void finish();
    QString backup(const QString& name, QString* error);
    QString scriptPath(const QString& name) const;
    void record(ScriptResult result);

    BotloaderApiClient* m_client;
    WorkspaceState* m_state;
    SyncPlan m_plan;
    SyncReport m_report;
    std::deque<Job> m_queue;
    int m_inFlight = 0;
    int m_total = 0;
    int m_concurrency = 4;
    bool m_running = false;
    bool m_cancelled = false;
    QString m_backupDir;
    QElapsedTimer m_clock;
};

} // namespace botwright::exporting
