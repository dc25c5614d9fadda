#pragma once

#include <QDockWidget>
#include <QHash>

class QFileSystemWatcher;
class QTreeWidget;
class QTreeWidgetItem;

namespace botwright::project {
class Project;
}

namespace botwright::studio {

// The "Project" dock: the project folder and its scripts, kept current when files appear or vanish.
class ProjectTreeDock final : public QDockWidget {
    Q_OBJECT
public:
    explicit ProjectTreeDock(QWidget* parent = nullptr);

    void setProject(const project::Project* project); // nullptr: no project open
    void refresh();
    QTreeWidget* tree() const { return m_tree; }
    QStringList listedScripts() const;
    // Marks the scripts with TypeScript errors (path → count; others are shown as usual).
    void setErrorCounts(const QHash<QString, int>& errorsByPath);
    int errorCountShown(const QString& scriptFileName) const;

Q_SIGNALS:
    void scriptActivated(const QString& path);
    void newScriptRequested();
    // The listing was re-read (scripts may have appeared, vanished or changed on disk).
    void refreshed();

private:
    void showContextMenu(const QPoint& position);

    QTreeWidget* m_tree;
    QFileSystemWatcher* m_watcher;
    const project::Project* m_project = nullptr;
    QHash<QString, int> m_errors;
};

} // namespace botwright::studio
