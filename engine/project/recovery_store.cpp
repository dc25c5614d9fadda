#include "engine/project/recovery_store.h"

#include "engine/project/file_io.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>

namespace botwright::project {

RecoveryStore::RecoveryStore(QString directory)
    : m_directory(std::move(directory)) {}

QString RecoveryStore::defaultDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

QString RecoveryStore::fileFor(const QString& path) const {
    const QByteArray key = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha1).toHex();
    return m_directory + QLatin1Char('/') + QString::fromLatin1(key) + QStringLiteral(".json");
}

bool RecoveryStore::store(const QString& path, const QString& text, QString* error) const {
    if (!QDir().mkpath(m_directory)) {
        *error = QStringLiteral("cannot create the recovery folder %1").arg(m_directory);
        return false;
    }
    const QJsonObject entry{
        {QStringLiteral("path"), path},
        {QStringLiteral("text"), text},
        {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
    };
    return writeFileAtomically(fileFor(path), QJsonDocument(entry).toJson(QJsonDocument::Compact), error);
}

void RecoveryStore::discard(const QString& path) const {
    QFile::remove(fileFor(path));
}

QList<RecoveredEdit> RecoveryStore::entries() const {
    QList<RecoveredEdit> found;
    const QDir dir(m_directory);
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        const QString file = dir.filePath(name);
        QString ignored;
        const std::optional<QByteArray> bytes = readWholeFile(file, &ignored);
        if (!bytes) {
            continue;
        }
        const QJsonObject entry = QJsonDocument::fromJson(*bytes).object();
        const QString path = entry.value(QLatin1String("path")).toString();
        if (path.isEmpty() || fileFor(path) != file) {
            continue; // not one of ours, or damaged: ignore rather than guess
        }
        found.append(RecoveredEdit{
            path, entry.value(QLatin1String("text")).toString(),
            QDateTime::fromString(entry.value(QLatin1String("savedAt")).toString(), Qt::ISODateWithMs)});
    }
    std::sort(found.begin(), found.end(),
              [](const RecoveredEdit& a, const RecoveredEdit& b) { return a.savedAt < b.savedAt; });
    return found;
}

} // namespace botwright::project
