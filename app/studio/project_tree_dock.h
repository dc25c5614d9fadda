#pragma once

#include <QDockWidget>

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

Q_SIGNALS:
    void scriptActivated(const QString& path);
    void newScriptRequested();

private:
    void showContextMenu(const QPoint& position);

    QTreeWidget* m_tree;
    QFileSystemWatcher* m_watcher;
    const project::Project* m_project = nullptr;
};

} // namespace botwright::studio
