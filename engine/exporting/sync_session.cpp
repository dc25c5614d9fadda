#include "engine/exporting/sync_session.h"

#include "engine/exporting/botloader_api_client.h"

#include <QTimer>

namespace botwright::exporting {

namespace {

// Answers from the event loop, so a caller never hears back from inside its own call.
void later(QObject* context, SyncSession::PrepareCallback done, PrepareResult result) {
    QTimer::singleShot(0, context, [done = std::move(done), result = std::move(result)] { done(result); });
}

} // namespace

SyncSession::SyncSession(const QString& projectRoot, BotloaderApiClient* client, QObject* parent)
    : QObject(parent)
    , m_root(projectRoot)
    , m_client(client) {}

SyncSession::~SyncSession() = default;

QStringList SyncSession::changedSinceLastSync(const QString& projectRoot, const LocalScan& scan) {
    QString error;
    std::optional<WorkspaceState> linked;
    if (WorkspaceState::isLinked(projectRoot))
        linked = WorkspaceState::load(projectRoot, &error);
    QStringList changed;
    for (auto it = scan.scripts.cbegin(); it != scan.scripts.cend(); ++it) {
        std::optional<QByteArray> base;
        if (linked && linked->hasSyncedCopy(it.key()))
            base = linked->syncedCopy(it.key(), &error);
        if (base != it.value())
            changed.append(it.key());
    }
    return changed;
}

void SyncSession::prepare(SyncDirection direction, const QString& guildId, PrepareCallback done) {
    PrepareResult result;
    result.scan = scanLocalScripts(m_root);
    QString error;
    std::optional<WorkspaceState> linked;
    if (WorkspaceState::isLinked(m_root)) {
        linked = WorkspaceState::load(m_root, &error);
        if (!linked) {
            result.error = error;
            later(this, std::move(done), std::move(result));
            return;
        }
        if (!guildId.isEmpty() && guildId != linked->guildId()) {
            result.error =
                QStringLiteral("this project is linked to the server %1 (%2), not %3. Sync it with %2, "
                               "or remove its .botloader folder to link it to another server.")
                    .arg(linked->guildName(), linked->guildId(), guildId);
            later(this, std::move(done), std::move(result));
            return;
        }
    } else if (guildId.isEmpty()) {
        result.error =
            QStringLiteral("this project is not linked to a server yet; pick the server to sync with");
        later(this, std::move(done), std::move(result));
        return;
    }

    // Validation first, before any request: the scripts a push would send are those that differ
    // from their last-synced copy (all of them for a project not linked yet).
    if (direction == SyncDirection::Push) {
        result.issues = validateForPush(result.scan, changedSinceLastSync(m_root, result.scan));
        if (hasErrors(result.issues)) {
            result.error = QStringLiteral("fix the errors below first; nothing was sent");
            later(this, std::move(done), std::move(result));
            return;
        }
    } else {
        result.issues = result.scan.issues;
    }

    if (linked) {
        m_state = std::move(linked);
        result.guildName = m_state->guildName();
        listAndPlan(direction, std::move(result), std::move(done));
        return;
    }
    m_client->listGuilds(this, [this, direction, guildId, result = std::move(result),
                                done = std::move(done)](const ApiResult<QList<RemoteGuild>>& guilds) mutable {
        if (!guilds.ok()) {
            result.apiError = guilds.error;
            result.error = QStringLiteral("cannot list your servers: %1").arg(guilds.error->message());
            done(result);
            return;
        }
        const RemoteGuild* found = nullptr;
        for (const RemoteGuild& guild : guilds.value)
            if (guild.id == guildId)
                found = &guild;
        if (!found) {
            result.error = QStringLiteral("the server %1 is not among the servers of this API key's user (%2 "
                                          "listed); check the id")
                               .arg(guildId)
                               .arg(guilds.value.size());
            done(result);
            return;
        }
        if (!found->canManageScripts()) {
            result.error = QStringLiteral("you cannot manage scripts on %1: that needs the Administrator or "
                                          "Manage Server permission there")
                               .arg(found->name);
            done(result);
            return;
        }
        m_state = WorkspaceState::create(m_root, found->guild);
        result.newLink = true;
        result.guildName = found->name;
        if (!found->connected)
            result.issues.append(
                ValidationIssue{ValidationIssue::Severity::Warning, QString(),
                                QStringLiteral("Botloader's bot is not in %1 yet; scripts are "
                                               "stored but do not run until it is added")
                                    .arg(found->name)});
        listAndPlan(direction, std::move(result), std::move(done));
    });
}

void SyncSession::listAndPlan(SyncDirection direction, PrepareResult result, PrepareCallback done) {
    m_client->listScripts(
        m_state->guildId(), this,
        [this, direction, result = std::move(result),
         done = std::move(done)](const ApiResult<QList<RemoteScript>>& remote) mutable {
            if (!remote.ok()) {
                result.apiError = remote.error;
                result.error =
                    QStringLiteral("cannot list the server's scripts: %1").arg(remote.error->message());
                done(result);
                return;
            }
            QString error;
            const std::optional<QMap<QString, SyncedCopy>> base = m_state->syncedCopies(&error);
            if (!base) {
                result.error = error;
                done(result);
                return;
            }
            SyncPlan plan = planSync(direction, result.scan.scripts, *base, remote.value);
            plan.guildId = m_state->guildId();
            result.plan = std::move(plan);
            done(result);
        });
}

void SyncSession::apply(const SyncPlan& plan, ApplyCallback done) {
    const auto fail = [this, &done, &plan](const QString& why) {
        SyncReport report;
        report.direction = plan.direction;
        report.fatalError = why;
        QTimer::singleShot(0, this, [done = std::move(done), report] { done(report); });
    };
    if (!m_state || m_state->guildId() != plan.guildId) {
        fail(QStringLiteral("the plan does not belong to this project's server; prepare it again"));
        return;
    }
    QString error;
    if (!WorkspaceState::isLinked(m_root) && !m_state->save(&error)) { // the first sync links the project
        fail(QStringLiteral("cannot link the project: %1").arg(error));
        return;
    }
    if (m_runner == nullptr)
        m_runner = new SyncRunner(m_client, &*m_state, this);
    m_runner->setConcurrency(m_concurrency);
    disconnect(m_runner, &SyncRunner::finished, this, nullptr);
    connect(m_runner, &SyncRunner::finished, this,
            [done = std::move(done)](const SyncReport& report) { done(report); });
    m_runner->start(plan);
}

void SyncSession::cancel() {
    if (m_runner)
        m_runner->cancel();
}

} // namespace botwright::exporting
