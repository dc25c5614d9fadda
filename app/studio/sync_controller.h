#pragma once

#include "engine/exporting/script_validation.h"
#include "engine/exporting/sync_runner.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class QThread;
class QWidget;

namespace botwright::exporting {
class BotloaderApiClient;
class SyncSession;
struct PrepareResult;
} // namespace botwright::exporting

namespace botwright::studio {

class GuildPickerDialog;
class SyncReviewDialog;
class TokenStore;

// The studio's Sync menu: Push…, Pull…, Status, Export/Import Bundle… and Settings. Thin glue over
// engine/exporting: it asks for the API key (kept in a TokenStore: the system keychain) and, for a
// project not linked yet, the server (GuildPickerDialog); SyncSession plans while the TypeScript
// check runs on a worker thread (the GUI thread never runs JavaScript); the person reviews the plan
// and resolves conflicts (SyncReviewDialog); then the plan is applied and the result shown per
// script. Dialogs are window-modal (open()), never nested event loops.
class SyncController final : public QObject {
    Q_OBJECT
public:
    using ErrorReporter = std::function<void(const QString& title, const QString& message)>;
    using FileChooser = std::function<QString(bool save, const QString& suggestion)>;

    // `keys` holds the API key and is adopted (made a child).
    SyncController(QWidget* window, TokenStore* keys, QObject* parent = nullptr);
    ~SyncController() override;

    void setProjectRootProvider(std::function<QString()> provider) { m_projectRoot = std::move(provider); }
    void setUnsavedCheck(std::function<bool()> check) { m_hasUnsaved = std::move(check); }
    void setErrorReporter(ErrorReporter reporter) { m_reportError = std::move(reporter); }
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    void setTypeCheckEnabled(bool on) { m_typeCheck = on; }

    QString apiBase() const; // QSettings "sync/apiBase", default https://api.botloader.io
    void setApiBase(const QString& base);
    TokenStore* keys() const { return m_keys; }
    bool isBusy() const { return m_busy; }

    void push();
    void pull();
    void showStatus();
    void showSettings();
    void exportBundle();
    void importBundle();

    SyncReviewDialog* reviewDialog() const;
    GuildPickerDialog* guildPicker() const;
    const exporting::SyncReport& lastReport() const { return m_lastReport; }

Q_SIGNALS:
    void notice(const QString& message);
    void busyChanged(bool busy);
    void reviewShown(botwright::studio::SyncReviewDialog* dialog);
    void finished(const botwright::exporting::SyncReport& report);
    void statusReady(const QString& text);
    void projectFilesChanged();
    void failed(const QString& message);

private:
    enum class Mode { Push, Pull, Status };
    void start(Mode mode);
    void withKey(std::function<void()> next);
    void chooseGuild(std::function<void(const QString& guildId)> next);
    void prepare(const QString& guildId);
    void startTypeCheck();
    void maybeReview();
    void review();
    void apply(const exporting::SyncPlan& plan);
    void showReport(const exporting::SyncReport& report);
    void fail(const QString& title, const QString& message);
    void setBusy(bool busy);
    QString statusText(const exporting::PrepareResult& result) const;

    QWidget* m_window;
    TokenStore* m_keys;
    std::function<QString()> m_projectRoot;
    std::function<bool()> m_hasUnsaved;
    ErrorReporter m_reportError;
    FileChooser m_chooseFile;
    bool m_typeCheck = true;
    bool m_busy = false;

    Mode m_mode = Mode::Push;
    QString m_root;
    exporting::BotloaderApiClient* m_client = nullptr;
    exporting::SyncSession* m_session = nullptr;
    std::unique_ptr<exporting::PrepareResult> m_prepared;
    QList<exporting::ValidationIssue> m_typeWarnings;
    QThread* m_typeThread = nullptr;
    bool m_typeDone = true;
    QPointer<SyncReviewDialog> m_review;
    QPointer<GuildPickerDialog> m_picker;
    exporting::SyncReport m_lastReport;
};

} // namespace botwright::studio
