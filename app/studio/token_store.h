#pragma once

#include <QObject>
#include <QString>

namespace botwright::studio {

// Keeps the bot token for Discord and custom gateway targets. The token lives in memory once loaded
// or entered; a backend (the system keychain, or memory in tests) keeps it between runs. When the
// backend cannot (no secret service, access refused), the token stays in memory for this session
// only — it is never written to the settings file or anywhere else — and sessionOnly() says so.
//
// Every backend call is asynchronous: nothing here blocks the GUI thread. Messages never contain
// the token.
class TokenStore : public QObject {
    Q_OBJECT
public:
    ~TokenStore() override;

    // Reads the stored token; loaded() follows (token() is empty when none is stored). Repeated
    // calls while a read is under way are merged; after the first read, loaded() follows at once.
    void load();
    // Replaces the token (at once, in memory) and asks the backend to keep it; an empty token
    // removes it. saved() follows.
    void save(const QString& token);

    QString token() const { return m_token; }
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_pendingReads > 0 || m_pendingWrites > 0; }
    // The backend could not keep the token: it is in memory until the studio quits.
    bool sessionOnly() const { return m_sessionOnly; }
    // One sentence for the settings dialog: where the token is kept.
    QString storageDescription() const;
    // What the secret is called in storageDescription() ("token" unless set, e.g. "API key").
    void setSecretName(const QString& name) { m_secretName = name; }

Q_SIGNALS:
    void loaded();
    void saved(bool persisted);
    // sessionOnly() or storageDescription() changed.
    void storageChanged();

protected:
    explicit TokenStore(QObject* parent = nullptr);

    enum class Result { Ok, NotFound, Unavailable };
    // Backends start the operation and answer later with readFinished() / writeFinished().
    virtual void readStored() = 0;
    virtual void writeStored(const QString& token) = 0; // empty: remove
    // What the backend is called in messages, e.g. "the system keychain".
    virtual QString backendName() const = 0;

    void readFinished(Result result, const QString& token, const QString& detail = {});
    void writeFinished(Result result, const QString& detail = {});

private:
    void setStorage(bool sessionOnly, const QString& detail);

    QString m_token;
    bool m_loaded = false;
    bool m_sessionOnly = false;
    QString m_detail; // why the backend is unavailable (token removed)
    QString m_secretName;
    int m_pendingReads = 0;
    int m_pendingWrites = 0;
    int m_revision = 0;     // bumped by save(): a read started before it must not undo it
    int m_readRevision = 0; // m_revision when the running read started
};

} // namespace botwright::studio
