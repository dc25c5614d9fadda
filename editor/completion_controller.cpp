#include "editor/completion_controller.h"

#include "editor/code_editor.h"
#include "editor/language_client.h"
#include "editor/ls_position.h"

#include <QApplication>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QScreen>
#include <QTimer>

#include <algorithm>

namespace botwright::editor {

namespace {

// Rebuilding Scintilla's list costs time per entry; filtering as you type keeps the best ones on top.
constexpr int kMaxShown = 150;

bool isIdentifierChar(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

// One icon per kind of entry: a coloured rounded square with a letter.
struct KindIcon {
    int id;
    QChar letter;
    QColor colour;
};
const KindIcon kIcons[] = {
    {1, QLatin1Char('m'), QColor(0x8e, 0x44, 0xad)},  // method, function
    {2, QLatin1Char('p'), QColor(0x29, 0x80, 0xb9)},  // property, getter
    {3, QLatin1Char('v'), QColor(0x16, 0xa0, 0x85)},  // variable, parameter
    {4, QLatin1Char('C'), QColor(0xd3, 0x54, 0x00)},  // class
    {5, QLatin1Char('I'), QColor(0x27, 0xae, 0x60)},  // interface, type
    {6, QLatin1Char('E'), QColor(0xc0, 0x39, 0x2b)},  // enum, enum member
    {7, QLatin1Char('M'), QColor(0x7f, 0x8c, 0x8d)},  // module, namespace
    {8, QLatin1Char('k'), QColor(0x34, 0x49, 0x5e)},  // keyword
    {9, QLatin1Char('s'), QColor(0xb8, 0x86, 0x0b)},  // string literal, path
    {10, QLatin1Char('c'), QColor(0x16, 0xa0, 0x85)}, // const
};

QImage iconImage(const KindIcon& icon, int size) {
    QImage image(size, size, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(icon.colour);
    painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 2), 3, 3);
    QFont font = QApplication::font();
    font.setBold(true);
    font.setPixelSize(size - 5);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(QRect(0, 0, size, size), Qt::AlignCenter, QString(icon.letter));
    return image;
}

} // namespace

CompletionController::CompletionController(LanguageDocument* document)
    : QObject(document)
    , m_document(document) {
    CodeEditor* editor = document->editor();
    registerImages();
    connect(editor, &QsciScintillaBase::SCN_CHARADDED, this, &CompletionController::onCharAdded);
    connect(editor, &QsciScintilla::userListActivated, this, &CompletionController::onActivated);
    connect(editor, &QsciScintillaBase::SCN_AUTOCSELECTIONCHANGE, this,
            [this](const char* selection, int id, int) {
                if (id == kListId)
                    onSelectionChanged(QString::fromUtf8(selection));
            });
    connect(editor, &QsciScintillaBase::SCN_AUTOCCANCELLED, this, [this] {
        // Scintilla closed the list (Escape, the caret left the word): unless a re-filter reopens it.
        QTimer::singleShot(0, this, [this] {
            if (!m_document->editor()->isListActive()) {
                m_active = false;
                hideDetail();
            }
        });
    });
    editor->installEventFilter(this);
    auto* service = document->service();
    connect(service, &typescript::LanguageServiceThread::completionsReady, this,
            &CompletionController::onCompletions);
    connect(service, &typescript::LanguageServiceThread::completionDetailsReady, this,
            &CompletionController::onDetails);
}

CompletionController::~CompletionController() {
    delete m_detail;
}

void CompletionController::registerImages() {
    CodeEditor* editor = m_document->editor();
    const int size = std::max(14, editor->fontMetrics().height());
    for (const KindIcon& icon : kIcons)
        editor->registerImage(icon.id, iconImage(icon, size));
}

int CompletionController::imageFor(const QString& kind) {
    if (kind == QLatin1String("method") || kind == QLatin1String("function") ||
        kind == QLatin1String("local function") || kind == QLatin1String("construct"))
        return 1;
    if (kind == QLatin1String("property") || kind == QLatin1String("getter") ||
        kind == QLatin1String("setter") || kind == QLatin1String("accessor"))
        return 2;
    if (kind == QLatin1String("const"))
        return 10;
    if (kind == QLatin1String("var") || kind == QLatin1String("let") || kind == QLatin1String("local var") ||
        kind == QLatin1String("parameter") || kind == QLatin1String("alias"))
        return 3;
    if (kind == QLatin1String("class") || kind == QLatin1String("local class"))
        return 4;
    if (kind == QLatin1String("interface") || kind == QLatin1String("type") ||
        kind == QLatin1String("type parameter") || kind == QLatin1String("primitive type"))
        return 5;
    if (kind == QLatin1String("enum") || kind == QLatin1String("enum member"))
        return 6;
    if (kind == QLatin1String("module") || kind == QLatin1String("external module name"))
        return 7;
    if (kind == QLatin1String("keyword"))
        return 8;
    if (kind == QLatin1String("string") || kind == QLatin1String("directory") ||
        kind == QLatin1String("script"))
        return 9;
    return 3;
}

bool CompletionController::isActive() const {
    return m_active && m_document->editor()->isListActive();
}

QStringList CompletionController::shownNames() const {
    QStringList out;
    if (!isActive())
        return out;
    for (const int i : m_shown)
        out.append(m_entries.at(i).name);
    return out;
}

QString CompletionController::detailText() const {
    return m_detail ? m_detail->text() : QString();
}

QWidget* CompletionController::detailPanel() const {
    return m_detail;
}

long CompletionController::wordStartBefore(long position) const {
    CodeEditor* editor = m_document->editor();
    const long lineStart =
        editor->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE,
                              editor->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, position));
    char buffer[256];
    const long from = std::max(lineStart, position - static_cast<long>(sizeof buffer) + 1);
    editor->SendScintilla(QsciScintillaBase::SCI_GETTEXTRANGE, from, position, buffer);
    const QString before = QString::fromUtf8(buffer);
    qsizetype i = before.size();
    while (i > 0 && isIdentifierChar(before.at(i - 1)))
        --i;
    return position - before.mid(i).toUtf8().size();
}

void CompletionController::request(const QString& triggerCharacter) {
    if (!m_document->isEditable())
        return;
    m_document->sync();
    CodeEditor* editor = m_document->editor();
    m_pending = m_document->service()->requestCompletions(m_document->fileName(), m_document->version(),
                                                          lsPositionAt(editor, currentBytePosition(editor)),
                                                          triggerCharacter);
}

void CompletionController::onCharAdded(int ch) {
    const QChar c(ch);
    if (isIdentifierChar(c)) {
        if (isActive()) {
            showFiltered(); // the answer for this word is already here
            return;
        }
        CodeEditor* editor = m_document->editor();
        const long caret = currentBytePosition(editor);
        const long start = wordStartBefore(caret);
        const bool wordStart = caret - start == QString(c).toUtf8().size() && !c.isDigit();
        if (wordStart || isPending())
            request(); // a new word, or the pending answer would be stale: ask again
        return;
    }
    if (ch == '.' || ch == '"' || ch == '\'' || ch == '/' || ch == '@' || ch == '<' || ch == '#') {
        cancel();
        request(QString(c));
        return;
    }
    cancel();
    m_pending = 0;
}

void CompletionController::onCompletions(quint64 id, const QString& fileName, int version,
                                         const typescript::LsCompletions& list) {
    if (id != m_pending || fileName != m_document->fileName())
        return;
    m_pending = 0;
    if (version != m_document->version())
        return; // stale: the text changed since the question
    m_entries = list.entries;
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const typescript::LsCompletionEntry& a, const typescript::LsCompletionEntry& b) {
                         if (a.sortText != b.sortText)
                             return a.sortText < b.sortText;
                         return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
                     });
    m_version = version;
    m_anchor = wordStartBefore(currentBytePosition(m_document->editor()));
    showFiltered();
}

void CompletionController::showFiltered() {
    CodeEditor* editor = m_document->editor();
    const long caret = currentBytePosition(editor);
    if (m_entries.isEmpty() || caret < m_anchor) {
        cancel();
        return;
    }
    QByteArray typed(static_cast<int>(caret - m_anchor), '\0');
    if (caret > m_anchor)
        editor->SendScintilla(QsciScintillaBase::SCI_GETTEXTRANGE, m_anchor, caret, typed.data());
    const QString prefix = QString::fromUtf8(typed);
    // Entries starting with what was typed come first; then those containing it.
    QList<int> starts;
    QList<int> contains;
    for (int i = 0; i < m_entries.size(); ++i) {
        const QString& name = m_entries.at(i).name;
        if (prefix.isEmpty() || name.startsWith(prefix, Qt::CaseInsensitive))
            starts.append(i);
        else if (name.contains(prefix, Qt::CaseInsensitive))
            contains.append(i);
    }
    m_shown = starts + contains;
    if (m_shown.size() > kMaxShown)
        m_shown.resize(kMaxShown);
    if (m_shown.isEmpty() || (m_shown.size() == 1 && m_entries.at(m_shown.first()).name == prefix)) {
        cancel(); // nothing left, or exactly what was typed
        return;
    }
    QStringList items;
    items.reserve(m_shown.size());
    for (const int i : m_shown)
        items.append(m_entries.at(i).name + QLatin1Char('?') +
                     QString::number(imageFor(m_entries.at(i).kind)));
    editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETORDER, QsciScintillaBase::SC_ORDER_CUSTOM);
    editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETIGNORECASE, 1L);
    editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETAUTOHIDE, 0L);
    editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETCANCELATSTART, 0L);
    editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETMAXHEIGHT, 10L);
    editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETTYPESEPARATOR, static_cast<long>('?'));
    m_active = true;
    editor->showUserList(kListId, items);
    // Scintilla selects the first entry without a notification: ask for its details too.
    onSelectionChanged(m_entries.at(m_shown.first()).name);
}

void CompletionController::cancel() {
    if (m_active && m_document->editor()->isListActive())
        m_document->editor()->cancelList();
    m_active = false;
    hideDetail();
}

void CompletionController::onSelectionChanged(const QString& name) {
    if (!m_active || name == m_selected)
        return;
    m_selected = name;
    const auto entry =
        std::find_if(m_entries.cbegin(), m_entries.cend(),
                     [&name](const typescript::LsCompletionEntry& e) { return e.name == name; });
    if (entry == m_entries.cend())
        return;
    m_document->sync(); // the details are asked for the text as it is now
    CodeEditor* editor = m_document->editor();
    m_detailRequest = m_document->service()->requestCompletionDetails(
        m_document->fileName(), m_document->version(), lsPositionAt(editor, currentBytePosition(editor)),
        name, entry->source);
}

void CompletionController::onDetails(quint64 id, const QString& fileName, int version,
                                     const typescript::LsCompletionDetails& details) {
    if (id != m_detailRequest || fileName != m_document->fileName() || version != m_document->version() ||
        !isActive() || details.name != m_selected)
        return;
    m_detailRequest = 0;
    QString text = details.display.toHtmlEscaped();
    if (!details.documentation.isEmpty())
        text += QStringLiteral("<hr>") +
                details.documentation.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    if (!m_detail) {
        m_detail = new QLabel(nullptr, Qt::ToolTip | Qt::FramelessWindowHint);
        m_detail->setObjectName(QStringLiteral("completionDetail"));
        m_detail->setWordWrap(true);
        m_detail->setTextFormat(Qt::RichText);
        m_detail->setMargin(6);
        m_detail->setMaximumWidth(460);
        m_detail->setStyleSheet(
            QStringLiteral("QLabel { background: palette(tooltip-base); color: palette(tooltip-text);"
                           " border: 1px solid palette(mid); }"));
    }
    m_detail->setText(QStringLiteral("<code>%1</code>").arg(text));
    m_detail->adjustSize();
    placeDetail();
    m_detail->show();
}

void CompletionController::placeDetail() {
    CodeEditor* editor = m_document->editor();
    // Beside Scintilla's list when it can be found, else under the caret line.
    QWidget* list = nullptr;
    for (QListWidget* candidate : editor->findChildren<QListWidget*>())
        if (candidate->isVisible())
            list = candidate;
    const long caret = currentBytePosition(editor);
    const int x =
        static_cast<int>(editor->SendScintilla(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0L, caret));
    const int y =
        static_cast<int>(editor->SendScintilla(QsciScintillaBase::SCI_POINTYFROMPOSITION, 0L, caret));
    const int lineHeight = static_cast<int>(editor->SendScintilla(QsciScintillaBase::SCI_TEXTHEIGHT, 0L));
    QPoint at = list != nullptr ? list->mapToGlobal(QPoint(list->width() + 2, 0))
                                : editor->viewport()->mapToGlobal(QPoint(x + 260, y + lineHeight));
    if (const QScreen* screen = editor->screen()) {
        const QRect area = screen->availableGeometry();
        if (at.x() + m_detail->width() > area.right() && list != nullptr)
            at.setX(list->mapToGlobal(QPoint(0, 0)).x() - m_detail->width() - 2);
    }
    m_detail->move(at);
}

void CompletionController::hideDetail() {
    m_selected.clear();
    m_detailRequest = 0;
    if (m_detail)
        m_detail->hide();
}

void CompletionController::onActivated(int id, const QString& text) {
    if (id != kListId)
        return;
    CodeEditor* editor = m_document->editor();
    const auto entry =
        std::find_if(m_entries.cbegin(), m_entries.cend(),
                     [&text](const typescript::LsCompletionEntry& e) { return e.name == text; });
    long start = m_anchor;
    long end = currentBytePosition(editor);
    QString insert = text;
    if (entry != m_entries.cend()) {
        if (!entry->insertText.isEmpty())
            insert = entry->insertText;
        if (entry->replacement) {
            start = std::min(start, bytePositionOf(editor, entry->replacement->start));
            end = std::max(end, bytePositionOf(editor, entry->replacement->end));
        }
    }
    m_active = false;
    hideDetail();
    const QByteArray bytes = insert.toUtf8();
    editor->SendScintilla(QsciScintillaBase::SCI_SETTARGETRANGE, start, end);
    editor->SendScintilla(QsciScintillaBase::SCI_REPLACETARGET, static_cast<unsigned long>(bytes.size()),
                          bytes.constData());
    editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, start + static_cast<long>(bytes.size()));
}

bool CompletionController::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_document->editor())
        return false;
    if (event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Space && (key->modifiers() & Qt::ControlModifier)) {
            cancel();
            request();
            return true;
        }
        if (key->key() == Qt::Key_Backspace && isActive()) {
            // Scintilla handles the key first; then the list follows what is left of the word.
            QTimer::singleShot(0, this, [this] {
                if (m_active)
                    showFiltered();
            });
        }
        if (key->key() == Qt::Key_Escape)
            hideDetail();
    } else if (event->type() == QEvent::FocusOut || event->type() == QEvent::Hide) {
        hideDetail();
    }
    return false;
}

} // namespace botwright::editor
