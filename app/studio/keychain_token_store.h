#pragma once

#include "app/studio/token_store.h"

namespace QKeychain {
class Job;
}

namespace botwright::studio {

// The bot token in the system keychain through QtKeychain (Secret Service on Linux, KWallet, the
// macOS Keychain, Windows Credential Manager). Jobs run asynchronously; QtKeychain's plain-text
// fallback stays off, so without a secret service the token is held for this session only.
class KeychainTokenStore final : public TokenStore {
    Q_OBJECT
public:
    // `service` names the entry in the keychain; empty means the application name.
    explicit KeychainTokenStore(const QString& service = {}, QObject* parent = nullptr);
    ~KeychainTokenStore() override;

    QString service() const { return m_service; }
    static QString key(); // the entry's key within the service

protected:
    void readStored() override;
    void writeStored(const QString& token) override;
    QString backendName() const override;

private:
    // NotFound, Unavailable (with why) or Ok for a finished job.
    static Result resultOf(const QKeychain::Job& job, QString* detail);

    QString m_service;
};

} // namespace botwright::studio
