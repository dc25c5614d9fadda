#include "engine/project/settings_file_watcher.h"

#include "engine/project/settings_file.h"

#include <QFile>
#include <QFileInfo>

namespace botwright::project {

SettingsFileWatcher::SettingsFileWatcher(QObject* parent)
    : QObject(parent) {
    m_settle.setSingleShot(true);
    m_settle.setInterval(200);
    connect(&m_settle, &QTimer::timeout, this, &SettingsFileWatcher::check);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_settle, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_settle, qOverload<>(&QTimer::start));
}

void SettingsFileWatcher::watch(const QString& projectRoot) {
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_settle.stop();
    m_path = projectRoot.isEmpty() ? QString() : SettingsFile::pathForProject(projectRoot);
    if (m_path.isEmpty())
        return;
    m_watcher.addPath(projectRoot);
    if (QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
    m_last = current();
}

QByteArray SettingsFileWatcher::current() const {
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray bytes = file.readAll();
    if (bytes.isNull())
        bytes = QByteArray(""); // an empty file is not "no file"
    return bytes;
}

void SettingsFileWatcher::check() {
    if (m_path.isEmpty())
        return;
    // A replaced file drops out of the watch list: add it again.
    if (QFileInfo::exists(m_path) && !m_watcher.files().contains(m_path))
        m_watcher.addPath(m_path);
    const QByteArray now = current();
    if (now == m_last && now.isNull() == m_last.isNull())
        return;
    m_last = now;
    Q_EMIT changed();
}

} // namespace botwright::project
