#pragma once

#include "engine/typescript/language_service.h"

#include <QObject>
#include <QPointer>

class QLabel;
class QWidget;

namespace botwright::editor {

class LanguageDocument;

// The completion list of one editor: asks the language service as you type (after `.`, at the start
// of a word, in import paths) and on Ctrl+Space; shows the answer in Scintilla's list with a kind icon
// per entry, filters it locally as you keep typing, shows the selected entry's detail (signature and
// doc comment) beside it, and inserts the chosen entry. Answers for an older version of the text are
// never shown.
class CompletionController final : public QObject {
    Q_OBJECT
public:
    static constexpr int kListId = 7;

    explicit CompletionController(LanguageDocument* document);
    ~CompletionController() override;

    // Asks for completions at the caret (`triggerCharacter` empty: an explicit request).
    void request(const QString& triggerCharacter = {});
    bool isActive() const;
    bool isPending() const { return m_pending != 0; }
    // The names in the list as shown now (after filtering).
    QStringList shownNames() const;
    // The detail panel's text for the selected entry ("" until it arrived).
    QString detailText() const;
    QWidget* detailPanel() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onCharAdded(int ch);
    void onCompletions(quint64 id, const QString& fileName, int version,
                       const typescript::LsCompletions& list);
    void onDetails(quint64 id, const QString& fileName, int version,
                   const typescript::LsCompletionDetails& details);
    void onSelectionChanged(const QString& name);
    void onActivated(int id, const QString& text);
    void showFiltered();
    void cancel();
    void hideDetail();
    void placeDetail();
    long wordStartBefore(long position) const;
    static int imageFor(const QString& kind);
    void registerImages();

    LanguageDocument* m_document;
    quint64 m_pending = 0;                          // the completion request waiting for an answer
    quint64 m_detailRequest = 0;                    // the details request waiting for an answer
    QList<typescript::LsCompletionEntry> m_entries; // the answer being shown, sorted
    QList<int> m_shown;                             // indexes into m_entries, in list order
    long m_anchor = -1;                             // byte position where the completed word starts
    int m_version = 0;                              // the document version of the answer
    bool m_active = false;
    QString m_selected;
    QPointer<QLabel> m_detail;
};

} // namespace botwright::editor
