#include "engine/project/atomic_file.h"

#include <QSaveFile>

namespace botwright::project {

bool writeFileAtomically(const QString& path, const QByteArray& data, QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot save %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.write(data) != data.size()) {
        *error = QStringLiteral("cannot save %1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = QStringLiteral("cannot save %1: %2 (the previous version is unchanged)")
                     .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace botwright::project
