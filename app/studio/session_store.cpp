#include "app/studio/session_store.h"

#include <QSettings>

namespace botwright::studio {

Session SessionStore::load() {
    QSettings settings;
    Session session;
    session.everStarted = settings.value(QStringLiteral("session/everStarted"), false).toBool();
    session.geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    session.dockState = settings.value(QStringLiteral("window/dockState")).toByteArray();
    session.projectPath = settings.value(QStringLiteral("session/project")).toString();
    session.openFiles = settings.value(QStringLiteral("session/openFiles")).toStringList();
    session.currentFile = settings.value(QStringLiteral("session/currentFile")).toString();
    session.theme = settings.value(QStringLiteral("ui/theme"), QStringLiteral("light")).toString();
    return session;
}

void SessionStore::save(const Session& session) {
    QSettings settings;
    settings.setValue(QStringLiteral("session/everStarted"), true);
    settings.setValue(QStringLiteral("window/geometry"), session.geometry);
    settings.setValue(QStringLiteral("window/dockState"), session.dockState);
    settings.setValue(QStringLiteral("session/project"), session.projectPath);
    settings.setValue(QStringLiteral("session/openFiles"), session.openFiles);
    settings.setValue(QStringLiteral("session/currentFile"), session.currentFile);
    settings.setValue(QStringLiteral("ui/theme"), session.theme);
    settings.sync();
}

} // namespace botwright::studio
