#pragma once

#include "engine/typescript/language_service.h"

#include <QObject>

namespace botwright::editor {

class LanguageDocument;

// Call tips from the language service: signature help while typing a call's arguments (on `(` and
// `,`, the active parameter highlighted) and quick info (type and doc comment, plus any diagnostics
// there) when the mouse rests over a name.
class SignatureHelp final : public QObject {
    Q_OBJECT
public:
    enum class Showing { Nothing, Signature, Hover };

    explicit SignatureHelp(LanguageDocument* document);

    // Asks for signature help at the caret (typed `(`/`,`, or explicitly with an empty trigger).
    void request(const QString& triggerCharacter = {});
    // Asks for quick info at a byte position (what a mouse dwell does).
    void requestHover(long bytePosition);
    void cancel();

    Showing showing() const { return m_showing; }
    QString shownText() const { return m_text; }

private:
    void onCharAdded(int ch);
    void onSignatureHelp(quint64 id, const QString& fileName, int version,
                         const typescript::LsSignatureHelp& help);
    void onQuickInfo(quint64 id, const QString& fileName, int version, const typescript::LsQuickInfo& info);
    void show(long bytePosition, const QString& text, int highlightStart = -1, int highlightEnd = -1);

    LanguageDocument* m_document;
    Showing m_showing = Showing::Nothing;
    QString m_text;
    quint64 m_signatureRequest = 0;
    quint64 m_hoverRequest = 0;
    long m_hoverPosition = -1;
};

} // namespace botwright::editor
