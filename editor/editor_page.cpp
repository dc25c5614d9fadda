#include "editor/editor_page.h"

#include "editor/code_editor.h"
#include "editor/find_replace_bar.h"
#include "engine/project/file_io.h"

#include <QFileInfo>
#include <QVBoxLayout>

namespace botwright::editor {

EditorPage::EditorPage(QWidget* parent)
    : QWidget(parent)
    , m_editor(new CodeEditor(this))
    , m_findBar(new FindReplaceBar(m_editor, this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_findBar);
    setFocusProxy(m_editor);

    connect(m_editor, &CodeEditor::modificationChanged, this, &EditorPage::modificationChanged);
    connect(m_editor, &CodeEditor::cursorPositionChanged, this,
            [this](int line, int index) { Q_EMIT cursorMoved(line + 1, index + 1); });
}

bool EditorPage::load(const QString& path, QString* error) {
    const std::optional<QByteArray> bytes = project::readWholeFile(path, error);
    if (!bytes) {
        return false;
    }
    m_path = QFileInfo(path).absoluteFilePath();
    m_lastSynced = *bytes;
    m_editor->setText(QString::fromUtf8(*bytes));
    m_editor->setModified(false);
    m_editor->SendScintilla(QsciScintillaBase::SCI_EMPTYUNDOBUFFER);
    m_editor->setCursorPosition(0, 0);
    return true;
}

bool EditorPage::save(QString* error) {
    const QByteArray bytes = m_editor->text().toUtf8();
    if (!project::writeFileAtomically(m_path, bytes, error)) {
        return false;
    }
    m_lastSynced = bytes;
    m_editor->setModified(false);
    return true;
}

bool EditorPage::reloadFromDisk(QString* error) {
    const std::optional<QByteArray> bytes = project::readWholeFile(m_path, error);
    if (!bytes) {
        return false;
    }
    const int line = m_editor->currentLineNumber();
    m_lastSynced = *bytes;
    m_editor->replaceWholeText(QString::fromUtf8(*bytes));
    m_editor->setModified(false);
    m_editor->goToLine(line);
    return true;
}

bool EditorPage::diskDiffersFromLastSync() const {
    QString ignored;
    const std::optional<QByteArray> bytes = project::readWholeFile(m_path, &ignored);
    return bytes && *bytes != m_lastSynced;
}

QString EditorPage::fileName() const {
    return QFileInfo(m_path).fileName();
}

bool EditorPage::isModified() const {
    return m_editor->isModified();
}

} // namespace botwright::editor
