#include "editor/editor_theme.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <Qsci/qscilexercpp.h>
#include <Qsci/qsciscintilla.h>

#include <utility>

namespace botwright::editor {

namespace {

QHash<QString, QColor> colours(const QJsonObject& object) {
    QHash<QString, QColor> out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        out.insert(it.key(), QColor(it.value().toString()));
    }
    return out;
}

QPalette paletteFrom(const QHash<QString, QColor>& c) {
    QPalette p;
    const std::pair<const char*, QPalette::ColorRole> roles[] = {
        {"window", QPalette::Window},
        {"windowText", QPalette::WindowText},
        {"base", QPalette::Base},
        {"alternateBase", QPalette::AlternateBase},
        {"text", QPalette::Text},
        {"button", QPalette::Button},
        {"buttonText", QPalette::ButtonText},
        {"highlight", QPalette::Highlight},
        {"highlightedText", QPalette::HighlightedText},
        {"toolTipBase", QPalette::ToolTipBase},
        {"toolTipText", QPalette::ToolTipText},
        {"placeholderText", QPalette::PlaceholderText},
        {"link", QPalette::Link},
    };
    for (const auto& [key, role] : roles) {
        p.setColor(role, c.value(QLatin1String(key)));
    }
    const QColor disabled = c.value(QStringLiteral("disabledText"));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, disabled);
    }
    p.setColor(QPalette::Light, c.value(QStringLiteral("button")).lighter(130));
    p.setColor(QPalette::Mid, c.value(QStringLiteral("button")).darker(130));
    p.setColor(QPalette::Dark, c.value(QStringLiteral("button")).darker(160));
    return p;
}

} // namespace

ThemeKind EditorTheme::kindFromName(const QString& name) {
    return name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0 ? ThemeKind::Dark : ThemeKind::Light;
}

QString EditorTheme::nameOf(ThemeKind kind) {
    return kind == ThemeKind::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

EditorTheme EditorTheme::load(ThemeKind kind) {
    QFile file(QStringLiteral(":/themes/%1.json").arg(nameOf(kind)));
    const bool opened = file.open(QIODevice::ReadOnly);
    Q_ASSERT(opened); // compiled in; a missing theme is a build error
    const QJsonObject root = QJsonDocument::fromJson(opened ? file.readAll() : QByteArray()).object();

    EditorTheme theme;
    theme.m_kind = kind;
    theme.m_displayName = root.value(QLatin1String("name")).toString();
    theme.m_palette = paletteFrom(colours(root.value(QLatin1String("palette")).toObject()));
    theme.m_editor = colours(root.value(QLatin1String("editor")).toObject());
    theme.m_syntax = colours(root.value(QLatin1String("syntax")).toObject());
    return theme;
}

QColor EditorTheme::editorColor(const QString& role) const {
    return m_editor.value(role);
}

QColor EditorTheme::syntaxColor(const QString& role) const {
    return m_syntax.value(role);
}

void EditorTheme::applyTo(QsciScintilla* editor) const {
    const QColor paper = editorColor(QStringLiteral("paper"));
    const QColor text = editorColor(QStringLiteral("text"));
    if (QsciLexer* lexer = editor->lexer()) {
        lexer->setDefaultPaper(paper);
        lexer->setDefaultColor(text);
        lexer->setPaper(paper, -1);
        lexer->setColor(text, -1);
        const std::pair<const char*, int> styles[] = {
            {"comment", QsciLexerCPP::Comment},
            {"comment", QsciLexerCPP::CommentLine},
            {"docComment", QsciLexerCPP::CommentDoc},
            {"docComment", QsciLexerCPP::CommentLineDoc},
            {"docComment", QsciLexerCPP::CommentDocKeyword},
            {"number", QsciLexerCPP::Number},
            {"keyword", QsciLexerCPP::Keyword},
            {"typeKeyword", QsciLexerCPP::KeywordSet2},
            {"string", QsciLexerCPP::DoubleQuotedString},
            {"string", QsciLexerCPP::SingleQuotedString},
            {"template", QsciLexerCPP::RawString},
            {"regex", QsciLexerCPP::Regex},
            {"operator", QsciLexerCPP::Operator},
            {"identifier", QsciLexerCPP::Identifier},
            {"globalClass", QsciLexerCPP::GlobalClass},
            {"unclosedString", QsciLexerCPP::UnclosedString},
        };
        for (const auto& [role, style] : styles) {
            lexer->setColor(syntaxColor(QLatin1String(role)), style);
        }
        lexer->setPaper(paper, QsciLexerCPP::UnclosedString);
    }
    editor->setPaper(paper);
    editor->setColor(text);
    editor->setCaretForegroundColor(editorColor(QStringLiteral("caret")));
    editor->setCaretLineBackgroundColor(editorColor(QStringLiteral("caretLine")));
    editor->setSelectionBackgroundColor(editorColor(QStringLiteral("selection")));
    editor->setMarginsBackgroundColor(editorColor(QStringLiteral("marginBack")));
    editor->setMarginsForegroundColor(editorColor(QStringLiteral("marginFore")));
    editor->setFoldMarginColors(editorColor(QStringLiteral("foldMarginBack")),
                                editorColor(QStringLiteral("foldMarginBack")));
    editor->setMatchedBraceBackgroundColor(editorColor(QStringLiteral("braceMatchBack")));
    editor->setMatchedBraceForegroundColor(text);
    editor->setUnmatchedBraceBackgroundColor(editorColor(QStringLiteral("braceBadBack")));
    editor->setIndentationGuidesBackgroundColor(paper);
    editor->setIndentationGuidesForegroundColor(editorColor(QStringLiteral("indentGuide")));
    editor->setMarkerBackgroundColor(editorColor(QStringLiteral("marginFore")));
    editor->setMarkerForegroundColor(paper);
}

} // namespace botwright::editor
