#include "editor/find_replace_bar.h"

#include "editor/code_editor.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QToolButton>

namespace botwright::editor {

FindReplaceBar::FindReplaceBar(CodeEditor* editor, QWidget* parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_caseSensitive(new QCheckBox(tr("Match case"), this))
    , m_wholeWord(new QCheckBox(tr("Whole word"), this))
    , m_regex(new QCheckBox(tr("Regex"), this))
    , m_status(new QLabel(this))
    , m_replaceRow(new QWidget(this)) {
    setObjectName(QStringLiteral("findReplaceBar"));
    m_find->setPlaceholderText(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_replace->setPlaceholderText(tr("Replace with"));
    m_find->installEventFilter(this);
    m_replace->installEventFilter(this);

    auto* previous = new QPushButton(tr("Previous"), this);
    auto* next = new QPushButton(tr("Next"), this);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Close (Esc)"));
    close->setAutoRaise(true);

    auto* findRow = new QHBoxLayout;
    findRow->addWidget(m_find, 1);
    findRow->addWidget(previous);
    findRow->addWidget(next);
    findRow->addWidget(m_caseSensitive);
    findRow->addWidget(m_wholeWord);
    findRow->addWidget(m_regex);
    findRow->addWidget(m_status);
    findRow->addWidget(close);

    auto* replaceOneButton = new QPushButton(tr("Replace"), m_replaceRow);
    auto* replaceAllButton = new QPushButton(tr("Replace All"), m_replaceRow);
    auto* replaceRow = new QHBoxLayout(m_replaceRow);
    replaceRow->setContentsMargins(0, 0, 0, 0);
    replaceRow->addWidget(m_replace, 1);
    replaceRow->addWidget(replaceOneButton);
    replaceRow->addWidget(replaceAllButton);
    replaceRow->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    layout->addLayout(findRow);
    layout->addWidget(m_replaceRow);

    connect(previous, &QPushButton::clicked, this, &FindReplaceBar::findPrevious);
    connect(next, &QPushButton::clicked, this, &FindReplaceBar::findNext);
    connect(close, &QToolButton::clicked, this, &FindReplaceBar::closeBar);
    connect(replaceOneButton, &QPushButton::clicked, this, &FindReplaceBar::replaceOne);
    connect(replaceAllButton, &QPushButton::clicked, this, &FindReplaceBar::replaceAll);
    connect(m_find, &QLineEdit::textEdited, this, &FindReplaceBar::searchIncrementally);

    hide();
}

FindOptions FindReplaceBar::options() const {
    return FindOptions{.caseSensitive = m_caseSensitive->isChecked(),
                       .wholeWord = m_wholeWord->isChecked(),
                       .regularExpression = m_regex->isChecked()};
}

void FindReplaceBar::setOptions(const FindOptions& options) {
    m_caseSensitive->setChecked(options.caseSensitive);
    m_wholeWord->setChecked(options.wholeWord);
    m_regex->setChecked(options.regularExpression);
}

QString FindReplaceBar::statusText() const {
    return m_status->text();
}

void FindReplaceBar::showFind() {
    setReplaceVisible(false);
    if (m_editor->hasSelectedText() && !m_editor->selectedText().contains(QLatin1Char('\n'))) {
        m_find->setText(m_editor->selectedText());
    }
    show();
    m_find->setFocus();
    m_find->selectAll();
}

void FindReplaceBar::showReplace() {
    showFind();
    setReplaceVisible(true);
}

void FindReplaceBar::setReplaceVisible(bool visible) {
    m_replaceRow->setVisible(visible);
}

bool FindReplaceBar::findNext() {
    const bool found = m_editor->findText(m_find->text(), options(), true);
    updateStatus(found);
    return found;
}

void FindReplaceBar::searchIncrementally() {
    // While typing, the match grows in place: search again from where the current match starts.
    if (m_editor->hasSelectedText()) {
        int lineFrom = 0;
        int indexFrom = 0;
        int lineTo = 0;
        int indexTo = 0;
        m_editor->getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        m_editor->setCursorPosition(lineFrom, indexFrom);
    }
    updateStatus(m_editor->findText(m_find->text(), options(), true));
}

bool FindReplaceBar::findPrevious() {
    const bool found = m_editor->findText(m_find->text(), options(), false);
    updateStatus(found);
    return found;
}

void FindReplaceBar::replaceOne() {
    updateStatus(m_editor->replaceCurrent(m_find->text(), m_replace->text(), options()));
}

int FindReplaceBar::replaceAll() {
    const int replaced = m_editor->replaceAllMatches(m_find->text(), m_replace->text(), options());
    m_status->setText(tr("%n replaced", nullptr, replaced));
    return replaced;
}

void FindReplaceBar::updateStatus(bool found) {
    if (m_find->text().isEmpty()) {
        m_status->clear();
        return;
    }
    if (m_regex->isChecked() && !QRegularExpression(m_find->text()).isValid()) {
        m_status->setText(tr("Invalid regex"));
        return;
    }
    m_status->setText(found ? tr("%n match(es)", nullptr, m_editor->countMatches(m_find->text(), options()))
                            : tr("No matches"));
}

void FindReplaceBar::closeBar() {
    hide();
    m_editor->setFocus();
}

void FindReplaceBar::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        closeBar();
        return;
    }
    QWidget::keyPressEvent(event);
}

bool FindReplaceBar::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape) {
            closeBar();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (watched == m_replace) {
                replaceOne();
            } else if (key->modifiers().testFlag(Qt::ShiftModifier)) {
                findPrevious();
            } else {
                findNext();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace botwright::editor
