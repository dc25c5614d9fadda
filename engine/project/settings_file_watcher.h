#pragma once

#include <QByteArray>
#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

namespace botwright::project {

// Tells when a project's settings.json (SettingsFile) was written, created or removed, by the studio
// or any other program (atomic saves replace the file, so the folder is watched too). Changes that
// leave the contents as they were, and other files in the folder, are not reported; a burst of
// writes is reported once, 200 ms after the last.
class SettingsFileWatcher final : public QObject {
    Q_OBJECT
public:
    explicit SettingsFileWatcher(QObject* parent = nullptr);
    // Starts watching `projectRoot`'s settings.json; an empty path stops watching.
    void watch(const QString& projectRoot);

Q_SIGNALS:
    void changed();

private:
    void check();
    QByteArray current() const;

    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QString m_path;
    QByteArray m_last; // the contents last seen (a null array: no file)
};

} // namespace botwright::project
