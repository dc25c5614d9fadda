#include "app/studio/memory_token_store.h"

#include <QMetaObject>

namespace botwright::studio {

MemoryTokenStore::MemoryTokenStore(bool available, QObject* parent)
    : TokenStore(parent)
    , m_available(available) {}

MemoryTokenStore::~MemoryTokenStore() = default;

QString MemoryTokenStore::backendName() const {
    return tr("the test keychain");
}

void MemoryTokenStore::readStored() {
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_available)
                readFinished(Result::Unavailable, {}, tr("switched off for this test"));
            else
                readFinished(m_persisted.isEmpty() ? Result::NotFound : Result::Ok, m_persisted);
        },
        Qt::QueuedConnection);
}

void MemoryTokenStore::writeStored(const QString& token) {
    QMetaObject::invokeMethod(
        this,
        [this, token] {
            if (!m_available) {
                writeFinished(Result::Unavailable, tr("switched off for this test"));
                return;
            }
            m_persisted = token;
            ++m_writes;
            writeFinished(Result::Ok);
        },
        Qt::QueuedConnection);
}

} // namespace botwright::studio
