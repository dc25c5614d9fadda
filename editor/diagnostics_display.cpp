#include "editor/diagnostics_display.h"

#include "editor/code_editor.h"
#include "editor/language_client.h"
#include "editor/ls_position.h"

#include <QColor>

namespace botwright::editor {

namespace {
int indicatorFor(const QString& category) {
    if (category == QLatin1String("error"))
        return DiagnosticsDisplay::kErrorIndicator;
    if (category == QLatin1String("warning"))
        return DiagnosticsDisplay::kWarningIndicator;
    return DiagnosticsDisplay::kHintIndicator;
}
} // namespace

DiagnosticsDisplay::DiagnosticsDisplay(LanguageDocument* document)
    : QObject(document)
    , m_document(document) {
    CodeEditor* editor = document->editor();
    const struct {
        int indicator;
        int style;
        QColor colour;
    } styles[] = {
        {kErrorIndicator, QsciScintillaBase::INDIC_SQUIGGLE, QColor(0xe5, 0x14, 0x00)},
        {kWarningIndicator, QsciScintillaBase::INDIC_SQUIGGLE, QColor(0xd0, 0x8c, 0x00)},
        {kHintIndicator, QsciScintillaBase::INDIC_DOTS, QColor(0x60, 0x60, 0x60)},
    };
    for (const auto& s : styles) {
        editor->SendScintilla(QsciScintillaBase::SCI_INDICSETSTYLE, s.indicator, s.style);
        editor->SendScintilla(QsciScintillaBase::SCI_INDICSETFORE, s.indicator, s.colour);
        editor->SendScintilla(QsciScintillaBase::SCI_INDICSETUNDER, s.indicator, 1L);
    }
}

void DiagnosticsDisplay::show(const QList<typescript::LsDiagnostic>& diagnostics) {
    CodeEditor* editor = m_document->editor();
    const long length = editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
    for (const int indicator : {kErrorIndicator, kWarningIndicator, kHintIndicator}) {
        editor->SendScintilla(QsciScintillaBase::SCI_SETINDICATORCURRENT, indicator);
        editor->SendScintilla(QsciScintillaBase::SCI_INDICATORCLEARRANGE, 0L, length);
    }
    m_shown = diagnostics;
    for (const typescript::LsDiagnostic& d : diagnostics) {
        long start = bytePositionOf(editor, d.range.start);
        long end = bytePositionOf(editor, d.range.end);
        if (end <= start) { // an empty range (e.g. "';' expected" at a line end): mark one character
            end = std::min(length, start + 1);
            if (end <= start && start > 0)
                --start;
        }
        editor->SendScintilla(QsciScintillaBase::SCI_SETINDICATORCURRENT, indicatorFor(d.category));
        editor->SendScintilla(QsciScintillaBase::SCI_INDICATORFILLRANGE, start, end - start);
    }
}

QStringList DiagnosticsDisplay::messagesAt(long bytePosition) const {
    QStringList out;
    CodeEditor* editor = m_document->editor();
    for (const typescript::LsDiagnostic& d : m_shown) {
        const long start = bytePositionOf(editor, d.range.start);
        const long end = std::max(start + 1, bytePositionOf(editor, d.range.end));
        if (bytePosition >= start && bytePosition <= end)
            out.append(d.message);
    }
    return out;
}

int DiagnosticsDisplay::indicatorAt(long bytePosition) const {
    CodeEditor* editor = m_document->editor();
    for (const int indicator : {kErrorIndicator, kWarningIndicator, kHintIndicator})
        if (editor->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT, indicator, bytePosition) != 0)
            return indicator;
    return 0;
}

} // namespace botwright::editor
