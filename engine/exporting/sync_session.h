#pragma once

#include "engine/exporting/api_types.h"
#include "engine/exporting/script_validation.h"
#include "engine/exporting/sync_plan.h"
#include "engine/exporting/sync_runner.h"
#include "engine/exporting/workspace_state.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace botwright::exporting {

class BotloaderApiClient;

// What prepare() found: a plan to review, or why there is none.
struct PrepareResult {
    std::optional<SyncPlan> plan;
    LocalScan scan;
    QList<ValidationIssue> issues; // errors block a push; they were found before any request
    QString error;                 // why there is no plan (readable; never the API key)
    std::optional<ApiError> apiError;
    bool newLink = false; // the project is not linked yet; applying links it to the guild
    QString guildName;
    bool ok() const { return plan.has_value(); }
};

// One push, pull or status check of a project folder against a guild, in two steps so a person
// can review in between:
//   prepare(): reads the project's scripts and validates them (a push with errors stops here,
//              before any request), loads `.botloader/` (or, for a project not linked yet, finds
//              the guild in `GET /api/guilds`), lists the guild's scripts and plans.
//   apply():   links the project if needed (writes `.botloader/`) and runs a SyncRunner.
class SyncSession final : public QObject {
    Q_OBJECT
public:
    SyncSession(const QString& projectRoot, BotloaderApiClient* client, QObject* parent = nullptr);
    ~SyncSession() override;

    using PrepareCallback = std::function<void(const PrepareResult&)>;
    using ApplyCallback = std::function<void(const SyncReport&)>;

    // The local scripts that differ from their last-synced copy (all of them in a project not linked
    // yet): what a push would send. Reads only the project folder.
    static QStringList changedSinceLastSync(const QString& projectRoot, const LocalScan& scan);

    // `guildId` empty: the guild the project is linked to. A linked project and another guild id is
    // an error (the `.botloader` folder belongs to one guild).
    void prepare(SyncDirection direction, const QString& guildId, PrepareCallback done);
    void apply(const SyncPlan& plan, ApplyCallback done);
    void cancel();
    // Server requests under way at once while applying (default 4).
    void setConcurrency(int requests) { m_concurrency = requests; }

    QString projectRoot() const { return m_root; }
    const WorkspaceState* workspace() const { return m_state ? &*m_state : nullptr; }
    SyncRunner* runner() const { return m_runner; }

private:
    void listAndPlan(SyncDirection direction, PrepareResult result, PrepareCallback done);

    QString m_root;
    BotloaderApiClient* m_client;
    std::optional<WorkspaceState> m_state;
    SyncRunner* m_runner = nullptr;
    int m_concurrency = 4;
};

} // namespace botwright::exporting
