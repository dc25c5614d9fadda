#pragma once

#include <QColor>
#include <QHash>
#include <QPalette>
#include <QString>

class QsciScintilla;

namespace botwright::editor {

enum class ThemeKind { Light, Dark };

// A colour theme for the whole studio: the widget palette and the editor's colours. Themes are data
// (resources/themes/<name>.json, compiled into the binary).
class EditorTheme final {
public:
    static EditorTheme load(ThemeKind kind);
    static ThemeKind kindFromName(const QString& name); // "dark" → Dark, anything else → Light
    static QString nameOf(ThemeKind kind);

    ThemeKind kind() const { return m_kind; }
    QString displayName() const { return m_displayName; }
    QPalette palette() const { return m_palette; }
    QColor editorColor(const QString& role) const;
    QColor syntaxColor(const QString& role) const;

    // Applies the editor and syntax colours to an editor and its current lexer.
    void applyTo(QsciScintilla* editor) const;

private:
    ThemeKind m_kind = ThemeKind::Light;
    QString m_displayName;
    QPalette m_palette;
    QHash<QString, QColor> m_editor;
    QHash<QString, QColor> m_syntax;
};

} // namespace botwright::editor
