#pragma once

#include "app/studio/token_store.h"

namespace QKeychain {
class Job;
}

namespace botwright::studio {

// A secret in the system keychain through QtKeychain (Secret Service on Linux, KWallet, the macOS
// Keychain, Windows Credential Manager): the bot token (key "gateway-bot-token") or the Botloader
// API key (key "botloader-api-key", apiKeyEntry()). Jobs run asynchronously; QtKeychain's plain-text
// fallback stays off, so without a secret service the secret is held for this session only.
class KeychainTokenStore final : public TokenStore {
    Q_OBJECT
public:
    // `service` names the entry in the keychain; empty means the application name. `entry` is the
    // key within the service; empty means key() (the bot token).
    explicit KeychainTokenStore(const QString& service = {}, QObject* parent = nullptr,
                                const QString& entry = {});
    ~KeychainTokenStore() override;

    QString service() const { return m_service; }
    QString entry() const { return m_entry; }
    static QString key();         // the bot token's key within the service
    static QString apiKeyEntry(); // the Botloader API key's

protected:
    void readStored() override;
    void writeStored(const QString& token) override;
    QString backendName() const override;

private:
    // NotFound, Unavailable (with why) or Ok for a finished job.
    static Result resultOf(const QKeychain::Job& job, QString* detail);

    QString m_service;
    QString m_entry;
};

} // namespace botwright::studio
