#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace botwright::studio {

// What the studio remembers between runs (QSettings): window layout, the project, its open files and
// the theme.
struct Session {
    QByteArray geometry;
    QByteArray dockState;
    QString projectPath;
    QStringList openFiles;
    QString currentFile;
    QString theme = QStringLiteral("light");
    bool everStarted = false; // false on the very first start: the example project opens
};

class SessionStore final {
public:
    static Session load();
    static void save(const Session& session);
};

} // namespace botwright::studio
