#include "app/studio/token_store.h"

#include <QMetaObject>

namespace botwright::studio {

TokenStore::TokenStore(QObject* parent)
    : QObject(parent) {}

TokenStore::~TokenStore() = default;

void TokenStore::load() {
    if (m_loaded && m_pendingReads == 0) {
        QMetaObject::invokeMethod(this, &TokenStore::loaded, Qt::QueuedConnection);
        return;
    }
    if (m_pendingReads > 0)
        return;
    ++m_pendingReads;
    m_readRevision = m_revision;
    readStored();
}

void TokenStore::save(const QString& token) {
    m_token = token;
    m_loaded = true;
    ++m_revision;
    ++m_pendingWrites;
    writeStored(token);
}

QString TokenStore::storageDescription() const {
    const QString name = m_secretName.isEmpty() ? tr("token") : m_secretName;
    if (m_sessionOnly)
        return tr("The %1 cannot be kept in %2 (%3), so it is held in memory for this session only "
                  "and never written to disk. Enter it again after restarting the studio.")
            .arg(name, backendName(), m_detail);
    return tr("The %1 is kept in %2, never in the settings file.").arg(name, backendName());
}

void TokenStore::readFinished(Result result, const QString& token, const QString& detail) {
    m_pendingReads = std::max(0, m_pendingReads - 1);
    // A token saved while the read was under way is newer than whatever the backend had.
    if (m_readRevision == m_revision)
        m_token = result == Result::Ok ? token : QString();
    m_loaded = true;
    if (result == Result::Unavailable)
        setStorage(true, detail);
    else
        setStorage(false, {});
    Q_EMIT loaded();
}

void TokenStore::writeFinished(Result result, const QString& detail) {
    m_pendingWrites = std::max(0, m_pendingWrites - 1);
    const bool persisted = result != Result::Unavailable;
    setStorage(!persisted, detail);
    Q_EMIT saved(persisted);
}

void TokenStore::setStorage(bool sessionOnly, const QString& detail) {
    // A backend message that quotes the token (none should) must not carry it any further.
    QString safe = detail.trimmed();
    if (!m_token.isEmpty())
        safe.replace(m_token, QStringLiteral("•••"));
    if (safe.isEmpty() && sessionOnly)
        safe = tr("no reason given");
    if (sessionOnly == m_sessionOnly && safe == m_detail)
        return;
    m_sessionOnly = sessionOnly;
    m_detail = safe;
    Q_EMIT storageChanged();
}

} // namespace botwright::studio
