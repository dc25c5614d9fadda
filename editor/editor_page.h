#pragma once

#include <QWidget>

namespace botwright::editor {

class CodeEditor;
class FindReplaceBar;

// One open script: the editor, its find/replace bar and the file it belongs to. Saving is atomic.
class EditorPage final : public QWidget {
    Q_OBJECT
public:
    explicit EditorPage(QWidget* parent = nullptr);

    bool load(const QString& path, QString* error);
    bool save(QString* error);
    // Replaces the text with the file's current content, keeping the caret line. Undo-able.
    bool reloadFromDisk(QString* error);
    // True if the file on disk differs from what this page last loaded or saved.
    bool diskDiffersFromLastSync() const;

    QString filePath() const { return m_path; }
    QString fileName() const;
    bool isModified() const;

    CodeEditor* editor() const { return m_editor; }
    FindReplaceBar* findBar() const { return m_findBar; }

Q_SIGNALS:
    void modificationChanged(bool modified);
    void cursorMoved(int line, int column); // 1-based

private:
    CodeEditor* m_editor;
    FindReplaceBar* m_findBar;
    QString m_path;
    QByteArray m_lastSynced; // bytes last read from or written to disk
};

} // namespace botwright::editor
