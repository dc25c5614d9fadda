#include "app/studio/editor_tabs.h"

#include "editor/code_editor.h"
#include "editor/editor_page.h"
#include "editor/language_client.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTabBar>
#include <QTimer>

namespace botwright::studio {

using editor::EditorPage;

EditorTabs::EditorTabs(QWidget* parent)
    : QTabWidget(parent)
    , m_watcher(new QFileSystemWatcher(this))
    , m_recoveryTimer(new QTimer(this)) {
    m_recoveryTimer->setSingleShot(true);
    m_recoveryTimer->setInterval(1500);
    connect(m_recoveryTimer, &QTimer::timeout, this, &EditorTabs::writeRecoveryNow);
    setObjectName(QStringLiteral("editorTabs"));
    setDocumentMode(true);
    setTabsClosable(true);
    setMovable(true);
    setUsesScrollButtons(true);
    tabBar()->setElideMode(Qt::ElideNone);
    connect(this, &QTabWidget::tabCloseRequested, this, &EditorTabs::closePage);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &EditorTabs::onFileChanged);
}

EditorPage* EditorTabs::pageAt(int index) const {
    return qobject_cast<EditorPage*>(widget(index));
}

EditorPage* EditorTabs::currentPage() const {
    return pageAt(currentIndex());
}

EditorPage* EditorTabs::pageFor(const QString& path) const {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < count(); ++i) {
        if (pageAt(i)->filePath() == absolute) {
            return pageAt(i);
        }
    }
    return nullptr;
}

EditorPage* EditorTabs::openFile(const QString& path, QString* error, bool readOnly) {
    if (EditorPage* existing = pageFor(path)) {
        setCurrentWidget(existing);
        return existing;
    }
    auto* page = new EditorPage(this);
    if (!page->load(path, error)) {
        delete page;
        return nullptr;
    }
    if (m_theme) {
        page->editor()->applyTheme(*m_theme);
    }
    page->editor()->setReadOnly(readOnly);
    if (m_language != nullptr) {
        m_language->attach(page->editor(), page->filePath());
    }
    connect(page, &EditorPage::modificationChanged, this, [this, page] {
        updateTabTitle(page);
        Q_EMIT unsavedStateChanged(hasUnsavedChanges());
    });
    connect(page->editor(), &editor::CodeEditor::textChanged, m_recoveryTimer, qOverload<>(&QTimer::start));
    connect(page, &EditorPage::cursorMoved, this, [this, page](int line, int column) {
        if (page == currentPage()) {
            Q_EMIT cursorMoved(line, column);
        }
    });
    const int index = addTab(page, readOnly ? tr("%1 (read-only)").arg(page->fileName()) : page->fileName());
    setTabToolTip(index, page->filePath());
    setCurrentIndex(index);
    m_watcher->addPath(page->filePath());
    page->setFocus();
    return page;
}

void EditorTabs::updateTabTitle(EditorPage* page) {
    const int index = indexOf(page);
    if (index >= 0 && !page->editor()->isReadOnly()) {
        setTabText(index, page->isModified() ? page->fileName() + QStringLiteral(" ●") : page->fileName());
    }
}

bool EditorTabs::savePage(EditorPage* page) {
    QString error;
    m_watcher->removePath(page->filePath());
    const bool written = page->save(&error);
    m_watcher->addPath(page->filePath()); // the atomic rename replaced the watched inode
    if (!written) {
        Q_EMIT errorOccurred(
            error + tr("\nYour edits are still in the editor; save again once the problem is fixed."));
        return false;
    }
    discardRecovery(page);
    updateTabTitle(page);
    Q_EMIT notice(tr("Saved %1").arg(page->fileName()));
    Q_EMIT saved(page->filePath());
    return true;
}

bool EditorTabs::saveCurrent() {
    EditorPage* page = currentPage();
    return page == nullptr || savePage(page);
}

bool EditorTabs::saveAll() {
    bool allSaved = true;
    for (int i = 0; i < count(); ++i) {
        if (pageAt(i)->isModified()) {
            allSaved = savePage(pageAt(i)) && allSaved;
        }
    }
    return allSaved;
}

QMessageBox::StandardButton EditorTabs::askAboutUnsaved(const QStringList& fileNames) {
    if (m_prompt) {
        return m_prompt(fileNames);
    }
    return QMessageBox::warning(this, tr("Unsaved changes"),
                                tr("These scripts have unsaved changes:\n\n%1\n\nSave them before closing?")
                                    .arg(fileNames.join(QLatin1Char('\n'))),
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                QMessageBox::Save);
}

bool EditorTabs::closePage(int index) {
    EditorPage* page = pageAt(index);
    if (page == nullptr) {
        return true;
    }
    if (page->isModified()) {
        const QMessageBox::StandardButton answer = askAboutUnsaved({page->fileName()});
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !savePage(page))) {
            return false;
        }
    }
    discardRecovery(page);
    m_watcher->removePath(page->filePath());
    removeTab(index);
    page->deleteLater();
    Q_EMIT unsavedStateChanged(hasUnsavedChanges());
    return true;
}

bool EditorTabs::confirmCloseAll() {
    QStringList unsaved;
    for (int i = 0; i < count(); ++i) {
        if (pageAt(i)->isModified()) {
            unsaved.append(pageAt(i)->fileName());
        }
    }
    if (unsaved.isEmpty()) {
        return true;
    }
    switch (askAboutUnsaved(unsaved)) {
    case QMessageBox::Save:
        return saveAll();
    case QMessageBox::Discard:
        for (int i = 0; i < count(); ++i) {
            discardRecovery(pageAt(i));
        }
        return true;
    default:
        return false;
    }
}

void EditorTabs::closeAllWithoutPrompt() {
    while (count() > 0) {
        EditorPage* page = pageAt(0);
        m_watcher->removePath(page->filePath());
        removeTab(0);
        page->deleteLater();
    }
    Q_EMIT unsavedStateChanged(false);
}

bool EditorTabs::hasUnsavedChanges() const {
    for (int i = 0; i < count(); ++i) {
        if (pageAt(i)->isModified()) {
            return true;
        }
    }
    return false;
}

QStringList EditorTabs::openFilePaths() const {
    QStringList paths;
    for (int i = 0; i < count(); ++i) {
        paths.append(pageAt(i)->filePath());
    }
    return paths;
}

void EditorTabs::discardRecovery(EditorPage* page) {
    m_recovery.discard(page->filePath());
}

void EditorTabs::writeRecoveryNow() {
    m_recoveryTimer->stop();
    for (int i = 0; i < count(); ++i) {
        EditorPage* page = pageAt(i);
        if (!page->isModified()) {
            discardRecovery(page);
            continue;
        }
        QString error;
        if (!m_recovery.store(page->filePath(), page->editor()->text(), &error)) {
            Q_EMIT notice(tr("Could not keep a recovery copy of %1: %2").arg(page->fileName(), error));
        }
    }
}

int EditorTabs::restoreRecoveredEdits() {
    int restored = 0;
    for (const project::RecoveredEdit& edit : m_recovery.entries()) {
        QString error;
        EditorPage* page = QFileInfo::exists(edit.path) ? openFile(edit.path, &error) : nullptr;
        if (page == nullptr) {
            continue; // the script is gone; its copy stays in the recovery folder
        }
        if (page->editor()->text() == edit.text) {
            discardRecovery(page);
            continue;
        }
        page->editor()->replaceWholeText(edit.text);
        page->editor()->setCursorPosition(0, 0);
        page->editor()->setModified(true);
        updateTabTitle(page);
        ++restored;
        Q_EMIT notice(
            tr("Recovered unsaved edits of %1 from the last session (not saved yet)").arg(page->fileName()));
    }
    if (restored > 0) {
        Q_EMIT unsavedStateChanged(true);
    }
    return restored;
}

void EditorTabs::applyTheme(const editor::EditorTheme& theme) {
    m_theme = theme;
    for (int i = 0; i < count(); ++i) {
        pageAt(i)->editor()->applyTheme(theme);
    }
}

void EditorTabs::onFileChanged(const QString& path) {
    EditorPage* page = pageFor(path);
    if (page == nullptr) {
        return;
    }
    if (!QFileInfo::exists(path)) {
        // Deleted or being replaced: keep the text and mark it unsaved so nothing is lost.
        page->editor()->setModified(true);
        Q_EMIT notice(tr("%1 was removed on disk; the editor keeps its text, save to restore it")
                          .arg(page->fileName()));
        return;
    }
    m_watcher->addPath(path);
    if (!page->diskDiffersFromLastSync()) {
        return;
    }
    if (page->isModified()) {
        Q_EMIT notice(
            tr("%1 changed on disk; your unsaved edits are kept (saving overwrites the disk version)")
                .arg(page->fileName()));
        return;
    }
    QString error;
    if (page->reloadFromDisk(&error)) {
        Q_EMIT notice(tr("Reloaded %1 (changed on disk)").arg(page->fileName()));
    } else {
        Q_EMIT errorOccurred(error);
    }
}

} // namespace botwright::studio
