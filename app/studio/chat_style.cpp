#include "app/studio/chat_style.h"

#include "app/studio/sandbox_client.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <cstdlib>
#include <iterator>

namespace botwright::studio {

namespace {

// Replaces every match of `re` in `text` with what `with` makes of it.
template <class F>
QString replaceEach(const QString& text, const QRegularExpression& re, F&& with) {
    QString out;
    qsizetype pos = 0;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(pos, m.capturedStart() - pos);
        out += with(m);
        pos = m.capturedEnd();
    }
    out += QStringView(text).mid(pos);
    return out;
}

} // namespace

PillButton::PillButton(const QString& text, const QColor& fill, const QColor& ink, QWidget* parent,
                       int radius)
    : QAbstractButton(parent)
    , m_fill(fill)
    , m_ink(ink)
    , m_radius(radius) {
    setText(text);
    setAttribute(Qt::WA_Hover);
    setCursor(Qt::PointingHandCursor);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void PillButton::setCompact(bool compact) {
    m_compact = compact;
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * (compact ? 0.7 : 1.0));
    f.setBold(compact);
    setFont(f);
    updateGeometry();
}

void PillButton::setCheckedLook(const QColor& fill, const QColor& border) {
    m_checkedFill = fill;
    m_checkedBorder = border;
    update();
}

QSize PillButton::sizeHint() const {
    const QFontMetrics fm(font());
    const int padX = m_compact ? 4 : 14, padY = m_compact ? 1 : 6;
    return {fm.horizontalAdvance(text()) + 2 * padX, fm.height() + 2 * padY};
}

void PillButton::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QColor fill = isChecked() && m_checkedFill.isValid() ? m_checkedFill : m_fill;
    QColor ink = m_ink;
    if (!isEnabled()) {
        fill.setAlphaF(0.5);
        ink.setAlphaF(0.6);
    } else if (isDown()) {
        fill = fill.darker(118);
    } else if (underMouse()) {
        fill = chat::isDark(palette()) ? fill.lighter(118) : fill.darker(108);
    }
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(isChecked() && m_checkedBorder.isValid() ? QPen(m_checkedBorder, 1) : QPen(Qt::NoPen));
    p.setBrush(fill);
    p.drawRoundedRect(box, m_radius, m_radius);
    p.setPen(ink);
    p.drawText(rect(), Qt::AlignCenter, text());
}

EmbedCard::EmbedCard(const QColor& bar, QWidget* parent)
    : QFrame(parent)
    , m_bar(bar) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 10, 14, 12);
    layout->setSpacing(6);
    setMaximumWidth(520); // Discord's embed width; narrower docks shrink it
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void EmbedCard::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    QPainterPath card;
    card.addRoundedRect(QRectF(rect()), 4, 4);
    p.fillPath(card, chat::blend(pal.color(QPalette::Base), pal.color(QPalette::Text),
                                 chat::isDark(pal) ? 0.06 : 0.04));
    p.setClipPath(card);
    p.fillRect(QRect(0, 0, 4, height()), m_bar);
}

namespace chat {

QColor blurple() {
    return QColor(0x58, 0x65, 0xF2);
}

void setInk(QWidget* widget, const QColor& color) {
    QPalette p = widget->palette();
    p.setColor(QPalette::WindowText, color);
    p.setColor(QPalette::Text, color);
    widget->setPalette(p);
}

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor blend(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QColor muted(const QPalette& palette) {
    return blend(palette.color(QPalette::Window), palette.color(QPalette::WindowText), 0.6);
}

QColor readable(const QColor& color, const QPalette& palette) {
    const int background = palette.color(QPalette::Base).lightness();
    if (std::abs(color.lightness() - background) >= 90)
        return color;
    return background < 128 ? color.lighter(150) : color.darker(150);
}

QColor buttonFill(int style, const QPalette& palette) {
    switch (style) {
    case 1:
        return blurple();
    case 3:
        return QColor(0x24, 0x80, 0x46);
    case 4:
        return QColor(0xDA, 0x37, 0x3C);
    default:
        return isDark(palette) ? QColor(0x4E, 0x50, 0x58) : QColor(0xE3, 0xE5, 0xE8);
    }
}

QColor buttonInk(int style, const QPalette& palette) {
    return (style == 1 || style == 3 || style == 4 || isDark(palette)) ? QColor(Qt::white)
                                                                       : QColor(0x31, 0x33, 0x38);
}

QColor chipFill(const QPalette& palette) {
    return blend(palette.color(QPalette::Base), palette.color(QPalette::Text), isDark(palette) ? 0.12 : 0.07);
}

QColor mentionFill(const QPalette& palette) {
    return blend(palette.color(QPalette::Base), blurple(), isDark(palette) ? 0.3 : 0.15);
}

QColor mentionInk(const QPalette& palette) {
    return isDark(palette) ? QColor(0xC9, 0xCD, 0xFB) : QColor(0x3C, 0x45, 0xA5);
}

QPixmap avatar(const QString& name, const QString& id, int size, qreal devicePixelRatio) {
    static const QColor colors[] = {blurple(),
                                    QColor(0x75, 0x7E, 0x8A),
                                    QColor(0x3B, 0xA5, 0x5C),
                                    QColor(0xFA, 0xA6, 0x1A),
                                    QColor(0xED, 0x42, 0x45),
                                    QColor(0xEB, 0x45, 0x9F)};
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(colors[(id.toULongLong() / 36) % std::size(colors)]); // any stable spread of ids
    p.drawEllipse(QRectF(0, 0, size, size));
    QFont f = p.font();
    f.setBold(true);
    f.setPixelSize(size * 2 / 5);
    p.setFont(f);
    p.setPen(Qt::white);
    p.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, name.left(1).toUpper());
    return pixmap;
}

QString timeText(const QString& isoTimestamp) {
    const QDateTime t = QDateTime::fromString(isoTimestamp, Qt::ISODateWithMs).toLocalTime();
    if (!t.isValid())
        return {};
    const QDate today = QDate::currentDate();
    const QString time = t.time().toString(QStringLiteral("HH:mm"));
    if (t.date() == today)
        return QObject::tr("Today at %1").arg(time);
    if (t.date() == today.addDays(-1))
        return QObject::tr("Yesterday at %1").arg(time);
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString plainMentions(const SandboxClient* client, const QString& guildId, const QString& text) {
    static const QRegularExpression mention(QStringLiteral("<(@!?|@&|#)(\\d{1,20})>"));
    return replaceEach(text, mention, [&](const QRegularExpressionMatch& m) {
        const QString kind = m.captured(1), id = m.captured(2);
        if (kind == QLatin1String("#"))
            return client->channelLabel(id);
        return QStringLiteral("@") + (kind == QLatin1String("@&") ? client->roleName(guildId, id)
                                                                  : client->displayName(id, guildId));
    });
}

QString maskToken(const QString& token) {
    if (token.size() <= 12)
        return QString(token.size(), QChar(0x2022));
    return token.left(8) + QString(10, QChar(0x2022)) + token.right(4);
}

QString richText(const SandboxClient* client, const QString& guildId, const QString& text,
                 const QPalette& palette) {
    const QString mention =
        QStringLiteral("<span style=\"background-color:%1; color:%2;\">&nbsp;%3&nbsp;</span>")
            .arg(mentionFill(palette).name(), mentionInk(palette).name(), QStringLiteral("%1"));
    const auto inlineMarkup = [&](const QString& segment) {
        static const QRegularExpression url(QStringLiteral("(https?://[^\\s<\"]+)"));
        static const QRegularExpression user(QStringLiteral("&lt;@!?(\\d{1,20})&gt;"));
        static const QRegularExpression role(QStringLiteral("&lt;@&amp;(\\d{1,20})&gt;"));
        static const QRegularExpression chan(QStringLiteral("&lt;#(\\d{1,20})&gt;"));
        static const QRegularExpression emoji(QStringLiteral("&lt;a?:(\\w+):\\d{1,20}&gt;"));
        static const QRegularExpression everyone(QStringLiteral("@(everyone|here)\\b"));
        static const QList<QPair<QRegularExpression, QString>> styles{
            {QRegularExpression(QStringLiteral("\\*\\*(.+?)\\*\\*")), QStringLiteral("<b>\\1</b>")},
            {QRegularExpression(QStringLiteral("__(.+?)__")), QStringLiteral("<u>\\1</u>")},
            {QRegularExpression(QStringLiteral("\\*(?!\\s)(.+?)\\*")), QStringLiteral("<i>\\1</i>")},
            {QRegularExpression(QStringLiteral("~~(.+?)~~")), QStringLiteral("<s>\\1</s>")},
            {QRegularExpression(QStringLiteral("(?m)^&gt; (.*)$")), QStringLiteral("▎ \\1")}};
        QString html = segment.toHtmlEscaped();
        html = replaceEach(html, url, [](const auto& m) {
            return QStringLiteral("<a href=\"%1\">%1</a>").arg(m.captured(1));
        });
        html = replaceEach(html, user, [&](const auto& m) {
            return mention.arg(QStringLiteral("@") +
                               client->displayName(m.captured(1), guildId).toHtmlEscaped());
        });
        html = replaceEach(html, role, [&](const auto& m) {
            return mention.arg(QStringLiteral("@") +
                               client->roleName(guildId, m.captured(1)).toHtmlEscaped());
        });
        html = replaceEach(html, chan, [&](const auto& m) {
            return mention.arg(client->channelLabel(m.captured(1)).toHtmlEscaped());
        });
        html =
            replaceEach(html, emoji, [](const auto& m) { return QStringLiteral(":%1:").arg(m.captured(1)); });
        html = replaceEach(html, everyone, [&](const auto& m) { return mention.arg(m.captured(0)); });
        for (const auto& [re, with] : styles)
            html.replace(re, with);
        return html;
    };
    static const QRegularExpression code(QStringLiteral("```(?:[\\w+-]*\\n)?([\\s\\S]*?)```|`([^`\\n]+)`"));
    const QString codeFill = blend(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.08).name();
    QString out;
    qsizetype pos = 0;
    for (auto it = code.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += inlineMarkup(text.mid(pos, m.capturedStart() - pos));
        if (m.capturedStart(1) >= 0)
            out += QStringLiteral("<pre style=\"background-color:%1;\">%2</pre>")
                       .arg(codeFill, m.captured(1).trimmed().toHtmlEscaped());
        else
            out += QStringLiteral("<span style=\"font-family:monospace; background-color:%1;\">%2</span>")
                       .arg(codeFill, m.captured(2).toHtmlEscaped());
        pos = m.capturedEnd();
    }
    out += inlineMarkup(text.mid(pos));
    out.replace(u'\n', QStringLiteral("<br>"));
    return out;
}

} // namespace chat

} // namespace botwright::studio
