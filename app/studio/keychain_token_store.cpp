#include "app/studio/keychain_token_store.h"

#include <QCoreApplication>
#include <qt6keychain/keychain.h>

namespace botwright::studio {

KeychainTokenStore::KeychainTokenStore(const QString& service, QObject* parent, const QString& entry)
    : TokenStore(parent)
    , m_service(service.isEmpty() ? QCoreApplication::applicationName() : service)
    , m_entry(entry.isEmpty() ? key() : entry) {}

KeychainTokenStore::~KeychainTokenStore() = default; // running jobs are children: deleted with the store

QString KeychainTokenStore::key() {
    return QStringLiteral("gateway-bot-token");
}

QString KeychainTokenStore::apiKeyEntry() {
    return QStringLiteral("botloader-api-key");
}

QString KeychainTokenStore::backendName() const {
    return tr("the system keychain");
}

TokenStore::Result KeychainTokenStore::resultOf(const QKeychain::Job& job, QString* detail) {
    switch (job.error()) {
    case QKeychain::NoError:
        return Result::Ok;
    case QKeychain::EntryNotFound:
        return Result::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        *detail = tr("no secret service such as GNOME Keyring or KWallet is running");
        return Result::Unavailable;
    case QKeychain::AccessDeniedByUser:
        *detail = tr("access to the keychain was refused");
        return Result::Unavailable;
    case QKeychain::AccessDenied:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    // QtKeychain says "Unknown error" when no secret service answers at all (e.g. headless).
    *detail = tr("no secret service answered: %1").arg(job.errorString());
    return Result::Unavailable;
}

void KeychainTokenStore::readStored() {
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(m_entry);
    job->setInsecureFallback(false); // never a plain-text copy in a settings file
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        QString detail;
        const Result result = resultOf(*job, &detail);
        readFinished(result, result == Result::Ok ? job->textData() : QString(), detail);
    });
    job->start();
}

void KeychainTokenStore::writeStored(const QString& token) {
    QKeychain::Job* job = nullptr;
    if (token.isEmpty()) {
        job = new QKeychain::DeletePasswordJob(m_service, this);
    } else {
        auto* write = new QKeychain::WritePasswordJob(m_service, this);
        write->setTextData(token);
        job = write;
    }
    job->setKey(m_entry);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        QString detail;
        Result result = resultOf(*job, &detail);
        if (result == Result::NotFound) // removing what was never stored
            result = Result::Ok;
        writeFinished(result, detail);
    });
    job->start();
}

} // namespace botwright::studio
