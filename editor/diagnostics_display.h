#pragma once

#include "engine/typescript/language_service.h"

#include <QObject>

namespace botwright::editor {

class LanguageDocument;

// Underlines a document's diagnostics with squiggles (red errors, amber warnings, dotted hints) and
// tells which messages cover a position (for the hover tip).
class DiagnosticsDisplay final : public QObject {
    Q_OBJECT
public:
    // Scintilla's container indicators used for the three severities.
    static constexpr int kErrorIndicator = 20;
    static constexpr int kWarningIndicator = 21;
    static constexpr int kHintIndicator = 22;

    explicit DiagnosticsDisplay(LanguageDocument* document);

    void show(const QList<typescript::LsDiagnostic>& diagnostics);
    const QList<typescript::LsDiagnostic>& shown() const { return m_shown; }
    // The messages of the diagnostics whose range covers the byte position.
    QStringList messagesAt(long bytePosition) const;
    // The indicator at a byte position (0: none), for tests.
    int indicatorAt(long bytePosition) const;

private:
    LanguageDocument* m_document;
    QList<typescript::LsDiagnostic> m_shown;
};

} // namespace botwright::editor
