#include "app/studio/sync_controller.h"

#include "app/studio/guild_picker_dialog.h"
#include "app/studio/sync_review_dialog.h"
#include "app/studio/sync_settings_dialog.h"
#include "app/studio/token_store.h"
#include "engine/exporting/botloader_api_client.h"
#include "engine/exporting/project_bundle.h"
#include "engine/exporting/sync_session.h"
#include "engine/exporting/workspace_state.h"
#include "engine/typescript/typescript_compiler.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QThread>
#include <QWidget>

#include <memory>

namespace botwright::studio {

namespace {

using namespace exporting;

const QString kApiBaseKey = QStringLiteral("sync/apiBase");

QString issuesText(const QList<ValidationIssue>& issues) {
    QStringList lines;
    for (const ValidationIssue& issue : issues)
        lines.append(issue.text());
    return lines.join(u'\n');
}

} // namespace

SyncController::SyncController(QWidget* window, TokenStore* keys, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_keys(keys) {
    m_keys->setParent(this);
    m_keys->setSecretName(tr("API key"));
}

SyncController::~SyncController() {
    if (m_typeThread) { // the TypeScript check holds its own isolate; let it finish
        m_typeThread->disconnect(this);
        m_typeThread->wait();
        delete m_typeThread;
    }
}

SyncReviewDialog* SyncController::reviewDialog() const {
    return m_review;
}

GuildPickerDialog* SyncController::guildPicker() const {
    return m_picker;
}

QString SyncController::apiBase() const {
    const QString stored = QSettings().value(kApiBaseKey).toString();
    return stored.isEmpty() ? BotloaderApiClient::defaultBaseUrl() : stored;
}

void SyncController::setApiBase(const QString& base) {
    QSettings().setValue(kApiBaseKey, BotloaderApiClient::normalizedBaseUrl(base));
}

void SyncController::setBusy(bool busy) {
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void SyncController::fail(const QString& title, const QString& message) {
    setBusy(false);
    Q_EMIT failed(message);
    Q_EMIT notice(message);
    if (m_reportError)
        m_reportError(title, message);
    else
        QMessageBox::warning(m_window, title, message);
}

void SyncController::push() {
    start(Mode::Push);
}

void SyncController::pull() {
    start(Mode::Pull);
}

void SyncController::showStatus() {
    start(Mode::Status);
}

void SyncController::start(Mode mode) {
    if (m_busy) {
        Q_EMIT notice(tr("A sync is already under way."));
        return;
    }
    m_root = m_projectRoot ? m_projectRoot() : QString();
    if (m_root.isEmpty()) {
        fail(tr("Nothing to sync"), tr("Open a project first."));
        return;
    }
    m_mode = mode;
    setBusy(true);
    withKey([this] {
        delete m_session;
        delete m_client;
        m_client = new BotloaderApiClient(apiBase(), m_keys->token(), {}, this);
        m_session = new SyncSession(m_root, m_client, this);
        if (WorkspaceState::isLinked(m_root))
            prepare({});
        else
            chooseGuild([this](const QString& guild) { prepare(guild); });
    });
}

void SyncController::withKey(std::function<void()> next) {
    auto go = [this, next = std::move(next)] {
        if (m_keys->token().isEmpty()) {
            setBusy(false);
            Q_EMIT notice(tr("Enter your Botloader API key first (Sync ▸ Settings)."));
            showSettings();
            return;
        }
        next();
    };
    if (m_keys->isLoaded() && !m_keys->isBusy()) {
        go();
        return;
    }
    connect(m_keys, &TokenStore::loaded, this, std::move(go), Qt::SingleShotConnection);
    m_keys->load();
}

void SyncController::chooseGuild(std::function<void(const QString&)> next) {
    auto* picker = new GuildPickerDialog(m_client, QFileInfo(m_root).fileName(), m_window);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    m_picker = picker;
    connect(picker, &QDialog::accepted, this, [this, picker, next = std::move(next)] {
        const std::optional<RemoteGuild> guild = picker->selectedGuild();
        if (guild)
            next(guild->id);
        else
            setBusy(false);
    });
    connect(picker, &QDialog::rejected, this, [this] {
        setBusy(false);
        Q_EMIT notice(tr("Sync cancelled."));
    });
    picker->open();
}

void SyncController::prepare(const QString& guildId) {
    Q_EMIT notice(tr("Checking the scripts and asking %1…").arg(m_client->baseUrl()));
    m_prepared.reset();
    startTypeCheck();
    const SyncDirection direction = m_mode == Mode::Push ? SyncDirection::Push : SyncDirection::Pull;
    m_session->prepare(direction, guildId, [this](const PrepareResult& result) {
        m_prepared = std::make_unique<PrepareResult>(result);
        maybeReview();
    });
}

void SyncController::startTypeCheck() {
    m_typeWarnings.clear();
    m_typeDone = true;
    if (m_mode != Mode::Push || !m_typeCheck || m_typeThread)
        return;
    const LocalScan scan = scanLocalScripts(m_root);
    const QStringList names = SyncSession::changedSinceLastSync(m_root, scan);
    if (names.isEmpty())
        return;
    m_typeDone = false;
    auto result = std::make_shared<QList<ValidationIssue>>();
    // The compiler is a V8 isolate: never on the GUI thread.
    m_typeThread = QThread::create([result, scripts = scan.scripts, names] {
        typescript::TypeScriptCompiler compiler;
        QString error;
        if (!compiler.load(&error)) {
            result->append(ValidationIssue{ValidationIssue::Severity::Warning, QString(),
                                           QStringLiteral("TypeScript not checked: %1").arg(error)});
            return;
        }
        *result = typeScriptWarnings(compiler, scripts, names);
    });
    m_typeThread->setObjectName(QStringLiteral("botwright-sync-typecheck"));
    connect(m_typeThread, &QThread::finished, this, [this, result] {
        m_typeWarnings = *result;
        m_typeDone = true;
        m_typeThread->deleteLater();
        m_typeThread = nullptr;
        maybeReview();
    });
    m_typeThread->start();
}

void SyncController::maybeReview() {
    if (m_prepared && m_typeDone)
        review();
}

QString SyncController::statusText(const PrepareResult& result) const {
    const SyncPlan& plan = *result.plan;
    const SyncStatus status = syncStatus(plan);
    QStringList lines;
    for (const SyncStatus::Line& e : status.lines)
        lines.append(tr("%1.ts: %2 here, %3 on the server → %4")
                         .arg(e.name, changeName(e.local), changeName(e.remote), e.next));
    QString head = tr("%1 to push, %2 to pull, %3 conflict(s) with %4.")
                       .arg(status.pushes)
                       .arg(status.pulls)
                       .arg(status.conflicts)
                       .arg(result.guildName);
    if (plan.entries.isEmpty())
        head = tr("Everything is in sync with %1.").arg(result.guildName);
    return head + (lines.isEmpty() ? QString() : QStringLiteral("\n\n") + lines.join(u'\n'));
}

void SyncController::review() {
    const PrepareResult result = *m_prepared;
    m_prepared.reset();
    if (!result.ok()) {
        QString message = result.error;
        if (!result.issues.isEmpty())
            message += QStringLiteral("\n\n") + issuesText(result.issues);
        fail(m_mode == Mode::Push   ? tr("Cannot push")
             : m_mode == Mode::Pull ? tr("Cannot pull")
                                    : tr("Cannot get the status"),
             message);
        return;
    }
    if (m_mode == Mode::Status) {
        const QString text = statusText(result);
        setBusy(false);
        Q_EMIT statusReady(text);
        Q_EMIT notice(text.section(u'\n', 0, 0));
        auto* box = new QMessageBox(QMessageBox::Information, tr("Sync Status"), text.section(u'\n', 0, 0),
                                    QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("syncStatus"));
        box->setDetailedText(text.section(u'\n', 2));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    if (result.plan->entries.isEmpty() && !result.newLink) {
        setBusy(false);
        Q_EMIT notice(tr("Everything is in sync with %1.").arg(result.guildName));
        m_lastReport = SyncReport{};
        m_lastReport.direction = result.plan->direction;
        Q_EMIT finished(m_lastReport);
        return;
    }
    auto* dialog =
        new SyncReviewDialog(*result.plan, QFileInfo(m_root).fileName(), result.guildName, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setIssues(result.issues + m_typeWarnings);
    if (result.newLink)
        dialog->addNote(tr("This links the project to %1 (in its .botloader folder, as Botloader's VS Code "
                           "extension does).")
                            .arg(result.guildName));
    if (m_hasUnsaved && m_hasUnsaved())
        dialog->addNote(
            tr("Some scripts have unsaved edits in the editor: the files as saved are what is synced. "
               "Cancel and save first to include the edits."));
    m_review = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] { apply(dialog->plan()); });
    connect(dialog, &QDialog::rejected, this, [this] {
        setBusy(false);
        Q_EMIT notice(tr("Sync cancelled; nothing changed."));
    });
    dialog->open();
    Q_EMIT reviewShown(dialog);
}

void SyncController::apply(const SyncPlan& plan) {
    const bool push = plan.direction == SyncDirection::Push;
    Q_EMIT notice(push ? tr("Pushing…") : tr("Pulling…"));
    m_session->apply(plan, [this](const SyncReport& report) { showReport(report); });
    if (SyncRunner* runner = m_session->runner())
        connect(runner, &SyncRunner::progress, this, [this, push](int done, int total, const QString& name) {
            Q_EMIT notice((push ? tr("Pushing %1/%2: %3.ts") : tr("Pulling %1/%2: %3.ts"))
                              .arg(done)
                              .arg(total)
                              .arg(name));
        });
}

void SyncController::showReport(const SyncReport& report) {
    m_lastReport = report;
    setBusy(false);
    const bool push = report.direction == SyncDirection::Push;
    const QString summary = (push ? tr("Push: %1") : tr("Pull: %1")).arg(report.summary());
    Q_EMIT notice(summary);
    auto* box =
        new QMessageBox(report.ok() ? QMessageBox::Information : QMessageBox::Warning,
                        push ? tr("Push finished") : tr("Pull finished"), summary, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("syncReport"));
    if (!report.ok())
        box->setInformativeText(
            tr("Scripts that failed are unchanged on both sides and are sent again by the next "
               "sync. Details below."));
    box->setDetailedText(report.details());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT finished(report);
    Q_EMIT projectFilesChanged();
}

void SyncController::showSettings() {
    auto* dialog = new SyncSettingsDialog(apiBase(), m_keys, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SyncSettingsDialog::applied, this, &SyncController::setApiBase);
    dialog->open();
}

void SyncController::exportBundle() {
    const QString root = m_projectRoot ? m_projectRoot() : QString();
    if (root.isEmpty()) {
        fail(tr("Nothing to export"), tr("Open a project first."));
        return;
    }
    const QString suggestion = QFileInfo(root).absolutePath() + QLatin1Char('/') +
                               bundle::defaultFileName(QFileInfo(root).fileName());
    const QString file = m_chooseFile
                             ? m_chooseFile(true, suggestion)
                             : QFileDialog::getSaveFileName(m_window, tr("Export Bundle"), suggestion,
                                                            tr("Botwright bundles (*.tar.zst)"));
    if (file.isEmpty())
        return;
    QString error;
    int count = 0;
    if (!bundle::exportProject(root, file, &error, &count)) {
        fail(tr("Cannot export"), error);
        return;
    }
    Q_EMIT notice(tr("Exported %1 script(s) to %2").arg(count).arg(file));
}

void SyncController::importBundle() {
    const QString root = m_projectRoot ? m_projectRoot() : QString();
    if (root.isEmpty()) {
        fail(tr("Nothing to import into"), tr("Open a project first."));
        return;
    }
    const QString file =
        m_chooseFile
            ? m_chooseFile(false, QString())
            : QFileDialog::getOpenFileName(m_window, tr("Import Bundle"), QFileInfo(root).absolutePath(),
                                           tr("Botwright bundles (*.tar.zst *.tar)"));
    if (file.isEmpty())
        return;
    const auto run = [this, file, root](bool overwrite) {
        QString error;
        const std::optional<bundle::ImportResult> result =
            bundle::importBundle(file, root, overwrite, &error);
        if (!result)
            return error;
        Q_EMIT notice(
            tr("Imported %1 script(s) from %2%3")
                .arg(result->written.size())
                .arg(QFileInfo(file).fileName())
                .arg(result->backups.isEmpty() ? QString() : tr("; replaced files backed up in .botwright")));
        Q_EMIT projectFilesChanged();
        return QString();
    };
    const QString error = run(false);
    if (error.isEmpty())
        return;
    if (!error.contains(QLatin1String("nothing was imported"))) {
        fail(tr("Cannot import"), error);
        return;
    }
    auto* ask =
        new QMessageBox(QMessageBox::Question, tr("Import Bundle"), error, QMessageBox::Cancel, m_window);
    ask->setObjectName(QStringLiteral("importOverwrite"));
    QPushButton* overwrite = ask->addButton(tr("Overwrite (keep backups)"), QMessageBox::AcceptRole);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QMessageBox::finished, this, [this, ask, overwrite, run] {
        if (ask->clickedButton() != static_cast<QAbstractButton*>(overwrite))
            return;
        if (const QString again = run(true); !again.isEmpty())
            fail(tr("Cannot import"), again);
    });
    ask->open();
}

} // namespace botwright::studio
