#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace botwright::editor {

class CodeEditor;
struct FindOptions;

// The find / replace bar under an editor: Enter finds the next match, Shift+Enter the previous one,
// Escape closes the bar and returns to the editor.
class FindReplaceBar final : public QWidget {
    Q_OBJECT
public:
    explicit FindReplaceBar(CodeEditor* editor, QWidget* parent = nullptr);

    void showFind();
    void showReplace();

    QLineEdit* findField() const { return m_find; }
    QLineEdit* replaceField() const { return m_replace; }
    FindOptions options() const;
    void setOptions(const FindOptions& options);
    QString statusText() const;

    bool findNext();
    bool findPrevious();
    void replaceOne();
    int replaceAll();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void closeBar();
    void searchIncrementally();
    void setReplaceVisible(bool visible);
    void updateStatus(bool found);

    CodeEditor* m_editor;
    QLineEdit* m_find;
    QLineEdit* m_replace;
    QCheckBox* m_caseSensitive;
    QCheckBox* m_wholeWord;
    QCheckBox* m_regex;
    QLabel* m_status;
    QWidget* m_replaceRow;
};

} // namespace botwright::editor
