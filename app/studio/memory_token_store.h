#pragma once

#include "app/studio/token_store.h"

namespace botwright::studio {

// A TokenStore whose "keychain" is a string in memory: for tests, and to show what the studio does
// without a secret service (available = false). Answers asynchronously, like the real keychain.
class MemoryTokenStore final : public TokenStore {
    Q_OBJECT
public:
    explicit MemoryTokenStore(bool available = true, QObject* parent = nullptr);
    ~MemoryTokenStore() override;

    // What the backend holds (what a later run would load); empty when nothing is kept.
    QString persistedToken() const { return m_persisted; }
    void setPersistedToken(const QString& token) { m_persisted = token; }
    int writeCount() const { return m_writes; }

protected:
    void readStored() override;
    void writeStored(const QString& token) override;
    QString backendName() const override;

private:
    bool m_available;
    QString m_persisted;
    int m_writes = 0;
};

} // namespace botwright::studio
