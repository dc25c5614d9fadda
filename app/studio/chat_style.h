#pragma once

#include <QAbstractButton>
#include <QColor>
#include <QFrame>
#include <QPalette>
#include <QPixmap>

namespace botwright::studio {

class SandboxClient;

// A rounded, flat, painted button: Discord's component buttons, reaction chips and badges. Painted
// rather than style-sheeted so thousands of them stay cheap and follow the palette.
class PillButton final : public QAbstractButton {
    Q_OBJECT
public:
    PillButton(const QString& text, const QColor& fill, const QColor& ink, QWidget* parent = nullptr,
               int radius = 4);
    void setCompact(bool compact); // badge size
    void setCheckedLook(const QColor& fill, const QColor& border);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QColor m_fill;
    QColor m_ink;
    QColor m_checkedFill;
    QColor m_checkedBorder;
    int m_radius;
    bool m_compact = false;
};

// An embed's card: a tinted panel with the embed's colour as a bar down its left edge. Its layout
// is a QVBoxLayout for the embed's parts.
class EmbedCard final : public QFrame {
    Q_OBJECT
public:
    EmbedCard(const QColor& bar, QWidget* parent = nullptr);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QColor m_bar;
};

// Colours and text helpers shared by the sandbox dock's widgets; all derive from the palette so
// the light and dark themes both read well.
namespace chat {
QColor blurple();
// Sets the text colour of a label-like widget (WindowText, and Text for widgets on a Base background).
void setInk(QWidget* widget, const QColor& color);
bool isDark(const QPalette& palette);
QColor blend(const QColor& a, const QColor& b, double t);
QColor muted(const QPalette& palette);
QColor readable(const QColor& color, const QPalette& palette); // a role colour with enough contrast
QColor buttonFill(int style, const QPalette& palette);         // Discord button styles 1–5
QColor buttonInk(int style, const QPalette& palette);
QColor chipFill(const QPalette& palette);
QColor mentionFill(const QPalette& palette);
QColor mentionInk(const QPalette& palette);
QPixmap avatar(const QString& name, const QString& id, int size, qreal devicePixelRatio);
QString timeText(const QString& isoTimestamp); // "Today at 14:03"
QString maskToken(const QString& token);
// <@id>, <@&id> and <#id> as @name, @role and #channel, for one-line previews.
QString plainMentions(const SandboxClient* client, const QString& guildId, const QString& text);
// Discord markup (mentions, **bold**, `code`, links, > quotes) as Qt rich text.
QString richText(const SandboxClient* client, const QString& guildId, const QString& text,
                 const QPalette& palette);
} // namespace chat

} // namespace botwright::studio
