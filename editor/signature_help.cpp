#include "editor/signature_help.h"

#include "editor/code_editor.h"
#include "editor/diagnostics_display.h"
#include "editor/language_client.h"
#include "editor/ls_position.h"

namespace botwright::editor {

namespace {
constexpr int kDwellMs = 450;
constexpr int kMaxDocChars = 600;

QString shortDoc(const QString& doc) {
    QString text = doc.trimmed();
    if (text.size() > kMaxDocChars)
        text = text.left(kMaxDocChars) + QStringLiteral("…");
    return text;
}
} // namespace

SignatureHelp::SignatureHelp(LanguageDocument* document)
    : QObject(document)
    , m_document(document) {
    CodeEditor* editor = document->editor();
    editor->SendScintilla(QsciScintillaBase::SCI_SETMOUSEDWELLTIME, kDwellMs);
    editor->SendScintilla(QsciScintillaBase::SCI_CALLTIPSETPOSITION, 0L); // below the text
    connect(editor, &QsciScintillaBase::SCN_CHARADDED, this, &SignatureHelp::onCharAdded);
    connect(editor, &QsciScintillaBase::SCN_DWELLSTART, this, [this](int position, int, int) {
        if (position >= 0)
            requestHover(position);
    });
    connect(editor, &QsciScintillaBase::SCN_DWELLEND, this, [this](int, int, int) {
        m_hoverRequest = 0;
        if (m_showing == Showing::Hover)
            cancel();
    });
    connect(editor, &QsciScintillaBase::SCN_UPDATEUI, this, [this](int updated) {
        // The caret left the call (or moved within it): follow it.
        if (m_showing == Showing::Signature && (updated & QsciScintillaBase::SC_UPDATE_SELECTION) != 0)
            request();
    });
    auto* service = document->service();
    connect(service, &typescript::LanguageServiceThread::signatureHelpReady, this,
            &SignatureHelp::onSignatureHelp);
    connect(service, &typescript::LanguageServiceThread::quickInfoReady, this, &SignatureHelp::onQuickInfo);
}

void SignatureHelp::onCharAdded(int ch) {
    if (ch == '(' || ch == ',' || ch == '<')
        request(QString(QChar(ch)));
    else if (ch == ')' && m_showing == Showing::Signature)
        request(); // perhaps still inside an outer call
}

void SignatureHelp::request(const QString& triggerCharacter) {
    m_document->sync();
    CodeEditor* editor = m_document->editor();
    const int version = m_document->isEditable() ? m_document->version() : 1;
    m_signatureRequest = m_document->service()->requestSignatureHelp(
        m_document->fileName(), version, lsPositionAt(editor, currentBytePosition(editor)), triggerCharacter);
}

void SignatureHelp::requestHover(long bytePosition) {
    if (m_showing == Showing::Signature || m_document->editor()->isListActive())
        return;
    m_document->sync();
    m_hoverPosition = bytePosition;
    const int version = m_document->isEditable() ? m_document->version() : 1;
    m_hoverRequest = m_document->service()->requestQuickInfo(
        m_document->fileName(), version, lsPositionAt(m_document->editor(), bytePosition));
}

void SignatureHelp::cancel() {
    m_document->editor()->SendScintilla(QsciScintillaBase::SCI_CALLTIPCANCEL);
    m_showing = Showing::Nothing;
    m_text.clear();
}

void SignatureHelp::show(long bytePosition, const QString& text, int highlightStart, int highlightEnd) {
    CodeEditor* editor = m_document->editor();
    const QByteArray bytes = text.toUtf8();
    editor->SendScintilla(QsciScintillaBase::SCI_CALLTIPSHOW, static_cast<unsigned long>(bytePosition),
                          bytes.constData());
    if (highlightStart >= 0 && highlightEnd > highlightStart) {
        const long start = text.left(highlightStart).toUtf8().size();
        const long end = text.left(highlightEnd).toUtf8().size();
        editor->SendScintilla(QsciScintillaBase::SCI_CALLTIPSETHLT, start, end);
    }
    m_text = text;
}

void SignatureHelp::onSignatureHelp(quint64 id, const QString& fileName, int version,
                                    const typescript::LsSignatureHelp& help) {
    if (id != m_signatureRequest || fileName != m_document->fileName())
        return;
    m_signatureRequest = 0;
    if (m_document->isEditable() && version != m_document->version())
        return; // stale
    CodeEditor* editor = m_document->editor();
    if (help.signatures.isEmpty() || editor->isListActive()) {
        if (m_showing == Showing::Signature)
            cancel();
        return;
    }
    const int selected = std::clamp(help.selected, 0, static_cast<int>(help.signatures.size()) - 1);
    const typescript::LsSignature& signature = help.signatures.at(selected);
    QString text = signature.label;
    int hlStart = -1;
    int hlEnd = -1;
    QString paramDoc;
    if (help.argument >= 0 && help.argument < signature.parameters.size()) {
        hlStart = signature.parameters.at(help.argument).start;
        hlEnd = signature.parameters.at(help.argument).end;
        paramDoc = signature.parameters.at(help.argument).documentation.trimmed();
    }
    if (help.signatures.size() > 1) {
        const QString counter = QStringLiteral("(%1/%2) ").arg(selected + 1).arg(help.signatures.size());
        text.prepend(counter);
        if (hlStart >= 0) {
            hlStart += static_cast<int>(counter.size());
            hlEnd += static_cast<int>(counter.size());
        }
    }
    if (!paramDoc.isEmpty())
        text += QStringLiteral("\n") + shortDoc(paramDoc);
    else if (!signature.documentation.trimmed().isEmpty())
        text += QStringLiteral("\n") + shortDoc(signature.documentation).section(QLatin1Char('\n'), 0, 1);
    m_showing = Showing::Signature;
    show(bytePositionOf(editor, help.applicable.start), text, hlStart, hlEnd);
}

void SignatureHelp::onQuickInfo(quint64 id, const QString& fileName, int version,
                                const typescript::LsQuickInfo& info) {
    if (id != m_hoverRequest || fileName != m_document->fileName())
        return;
    m_hoverRequest = 0;
    if ((m_document->isEditable() && version != m_document->version()) || m_showing == Showing::Signature)
        return;
    QStringList parts;
    if (!info.display.isEmpty())
        parts.append(info.display);
    if (!info.documentation.trimmed().isEmpty())
        parts.append(shortDoc(info.documentation));
    for (const QString& message : m_document->diagnostics()->messagesAt(m_hoverPosition))
        parts.append(QStringLiteral("⚠ ") + message);
    if (parts.isEmpty())
        return;
    CodeEditor* editor = m_document->editor();
    const long at = info.display.isEmpty() ? m_hoverPosition : bytePositionOf(editor, info.range.start);
    m_showing = Showing::Hover;
    show(at, parts.join(QStringLiteral("\n")));
}

} // namespace botwright::editor
