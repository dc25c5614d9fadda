#include "app/studio/project_tree_dock.h"

#include "engine/project/project.h"

#include <QFileSystemWatcher>
#include <QHeaderView>
#include <QMenu>
#include <QStyle>
#include <QTreeWidget>

namespace botwright::studio {

namespace {
constexpr int kPathRole = Qt::UserRole + 1;
}

ProjectTreeDock::ProjectTreeDock(QWidget* parent)
    : QDockWidget(tr("Project"), parent)
    , m_tree(new QTreeWidget(this))
    , m_watcher(new QFileSystemWatcher(this)) {
    setObjectName(QStringLiteral("projectDock"));
    setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    m_tree->setObjectName(QStringLiteral("projectTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setColumnCount(1);
    m_tree->setRootIsDecorated(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setUniformRowHeights(true);
    setWidget(m_tree);

    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString path = item->data(0, kPathRole).toString();
        if (!path.isEmpty()) {
            Q_EMIT scriptActivated(path);
        }
    });
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, &ProjectTreeDock::showContextMenu);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &ProjectTreeDock::refresh);
}

void ProjectTreeDock::setProject(const project::Project* project) {
    if (!m_watcher->directories().isEmpty()) {
        m_watcher->removePaths(m_watcher->directories());
    }
    m_project = project;
    if (m_project != nullptr) {
        m_watcher->addPath(m_project->rootPath());
    }
    refresh();
}

void ProjectTreeDock::refresh() {
    m_tree->clear();
    if (m_project == nullptr) {
        return;
    }
    auto* root = new QTreeWidgetItem(m_tree, {m_project->name()});
    root->setIcon(0, style()->standardIcon(QStyle::SP_DirIcon));
    root->setToolTip(0, m_project->rootPath());
    const QIcon scriptIcon = style()->standardIcon(QStyle::SP_FileIcon);
    for (const QString& name : m_project->scriptNames()) {
        auto* item = new QTreeWidgetItem(root, {name + QStringLiteral(".ts")});
        item->setIcon(0, scriptIcon);
        item->setData(0, kPathRole, m_project->scriptPath(name));
        item->setToolTip(0, m_project->scriptPath(name));
    }
    root->setExpanded(true);
    setErrorCounts(m_errors);
    Q_EMIT refreshed();
}

void ProjectTreeDock::setErrorCounts(const QHash<QString, int>& errorsByPath) {
    m_errors = errorsByPath;
    QTreeWidgetItem* root = m_tree->topLevelItem(0);
    if (root == nullptr) {
        return;
    }
    const QIcon scriptIcon = style()->standardIcon(QStyle::SP_FileIcon);
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    for (int i = 0; i < root->childCount(); ++i) {
        QTreeWidgetItem* item = root->child(i);
        const QString path = item->data(0, kPathRole).toString();
        const int errors = m_errors.value(path);
        item->setIcon(0, errors > 0 ? errorIcon : scriptIcon);
        item->setForeground(0, errors > 0 ? QBrush(QColor(0xd0, 0x20, 0x10)) : QBrush());
        item->setToolTip(0, errors > 0 ? tr("%1\n%n TypeScript error(s)", nullptr, errors).arg(path) : path);
        item->setData(0, Qt::UserRole + 2, errors);
    }
}

int ProjectTreeDock::errorCountShown(const QString& scriptFileName) const {
    if (QTreeWidgetItem* root = m_tree->topLevelItem(0)) {
        for (int i = 0; i < root->childCount(); ++i) {
            if (root->child(i)->text(0) == scriptFileName) {
                return root->child(i)->data(0, Qt::UserRole + 2).toInt();
            }
        }
    }
    return 0;
}

QStringList ProjectTreeDock::listedScripts() const {
    QStringList names;
    if (QTreeWidgetItem* root = m_tree->topLevelItem(0)) {
        for (int i = 0; i < root->childCount(); ++i) {
            names.append(root->child(i)->text(0));
        }
    }
    return names;
}

void ProjectTreeDock::showContextMenu(const QPoint& position) {
    if (m_project == nullptr) {
        return;
    }
    QMenu menu(this);
    QTreeWidgetItem* item = m_tree->itemAt(position);
    if (item != nullptr && !item->data(0, kPathRole).toString().isEmpty()) {
        const QString path = item->data(0, kPathRole).toString();
        menu.addAction(tr("Open"), this, [this, path] { Q_EMIT scriptActivated(path); });
        menu.addSeparator();
    }
    menu.addAction(tr("New Script…"), this, [this] { Q_EMIT newScriptRequested(); });
    menu.addAction(tr("Refresh"), this, &ProjectTreeDock::refresh);
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

} // namespace botwright::studio
