#include "app/studio/message_view.h"

#include "app/studio/chat_style.h"
#include "app/studio/message_widget.h"
#include "app/studio/sandbox_client.h"

#include <QEvent>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace botwright::studio {

MessageView::MessageView(SandboxClient* client, QWidget* parent)
    : QScrollArea(parent)
    , m_client(client)
    , m_content(new QWidget(this))
    , m_layout(new QVBoxLayout(m_content))
    , m_older(new QPushButton(tr("Show older messages"), m_content))
    , m_intro(new QLabel(m_content)) {
    setObjectName(QStringLiteral("messageView"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setBackgroundRole(QPalette::Base);
    m_content->setObjectName(QStringLiteral("messageList"));
    m_content->setBackgroundRole(QPalette::Base);
    m_content->setAutoFillBackground(true);
    m_layout->setContentsMargins(0, 8, 0, 12);
    m_layout->setSpacing(2);
    m_layout->addStretch(1); // few messages sit at the bottom, as in a chat
    m_layout->addWidget(m_older, 0, Qt::AlignHCenter);
    m_intro->setObjectName(QStringLiteral("channelIntro"));
    m_intro->setWordWrap(true);
    m_intro->setContentsMargins(16, 8, 16, 12);
    m_layout->addWidget(m_intro);
    m_fixedItems = m_layout->count();
    m_older->setVisible(false);
    setWidget(m_content);

    connect(m_older, &QPushButton::clicked, this, &MessageView::showOlder);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this](int value) { m_stickToBottom = value >= verticalScrollBar()->maximum() - 4; });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int maximum) {
        if (m_stickToBottom)
            verticalScrollBar()->setValue(maximum);
    });
    connect(client, &SandboxClient::modelReset, this, &MessageView::rebuild);
    connect(client, &SandboxClient::currentUserChanged, this, &MessageView::rebuild);
    connect(client, &SandboxClient::messagesReset, this, [this](const QString& channelId) {
        if (channelId == m_channelId)
            rebuild();
    });
    connect(client, &SandboxClient::messageAdded, this, &MessageView::onAdded);
    connect(client, &SandboxClient::messageChanged, this, &MessageView::onChanged);
    connect(client, &SandboxClient::messageRemoved, this,
            [this](const QString& channelId, const QString& id) {
                if (channelId != m_channelId || !m_widgets.contains(id))
                    return;
                removeWidget(id);
                updateIntro();
            });
}

void MessageView::setChannel(const QString& channelId) {
    if (channelId == m_channelId)
        return;
    m_channelId = channelId;
    rebuild();
}

QList<MessageWidget*> MessageView::messageWidgets() const {
    QList<MessageWidget*> out;
    for (const QString& id : m_shown)
        out.append(m_widgets.value(id));
    return out;
}

bool MessageView::isAtBottom() const {
    return verticalScrollBar()->value() >= verticalScrollBar()->maximum() - 4;
}

void MessageView::scrollToBottom() {
    m_stickToBottom = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void MessageView::changeEvent(QEvent* event) {
    QScrollArea::changeEvent(event);
    // Message widgets bake palette-derived colours (buttons, mentions, embeds); rebuild them once.
    if (event->type() == QEvent::PaletteChange && !m_shown.isEmpty() && !m_rebuildQueued) {
        m_rebuildQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_rebuildQueued = false;
            rebuild();
        });
    }
}

QStringList MessageView::visibleIds() const {
    QStringList out;
    const QString viewer = m_client->currentUserId();
    for (const QString& id : m_client->messageIds(m_channelId))
        if (const QJsonObject* m = m_client->message(m_channelId, id);
            m && SandboxClient::visibleTo(*m, viewer))
            out.append(id);
    return out;
}

MessageWidget* MessageView::build(const QString& messageId) {
    const QJsonObject* m = m_client->message(m_channelId, messageId);
    auto* widget = new MessageWidget(m_client, m ? *m : QJsonObject(), m_content);
    connect(widget, &MessageWidget::replyRequested, this, &MessageView::replyRequested);
    return widget;
}

void MessageView::insertWidget(int index, const QString& messageId) {
    MessageWidget* widget = build(messageId);
    m_layout->insertWidget(m_fixedItems + index, widget);
    m_shown.insert(index, messageId);
    m_widgets.insert(messageId, widget);
}

void MessageView::removeWidget(const QString& messageId) {
    MessageWidget* widget = m_widgets.take(messageId);
    m_shown.removeOne(messageId);
    if (!widget)
        return;
    m_layout->removeWidget(widget);
    widget->hide();
    widget->deleteLater(); // the removal may come from one of its own buttons' clicks
}

void MessageView::rebuild() {
    m_content->setUpdatesEnabled(false);
    for (const QString& id : QStringList(m_shown))
        removeWidget(id);
    const QStringList ids = visibleIds();
    const qsizetype start = std::max<qsizetype>(0, ids.size() - kInitialWidgets);
    for (qsizetype i = start; i < ids.size(); ++i)
        insertWidget(static_cast<int>(m_shown.size()), ids[i]);
    updateIntro();
    m_content->setUpdatesEnabled(true);
    scrollToBottom();
}

void MessageView::showOlder() {
    const QStringList ids = visibleIds();
    const qsizetype first = m_shown.isEmpty() ? ids.size() : ids.indexOf(m_shown.first());
    const qsizetype start = std::max<qsizetype>(0, first - kPageWidgets);
    const int fromBottom = verticalScrollBar()->maximum() - verticalScrollBar()->value();
    m_stickToBottom = false;
    m_content->setUpdatesEnabled(false);
    for (qsizetype i = first - 1; i >= start; --i)
        insertWidget(0, ids[i]);
    updateIntro();
    m_content->setUpdatesEnabled(true);
    // Keep the message that was on screen where it was once the new widgets are laid out.
    QTimer::singleShot(0, this, [this, fromBottom] {
        verticalScrollBar()->setValue(verticalScrollBar()->maximum() - fromBottom);
    });
}

void MessageView::trim() {
    while (m_stickToBottom && m_shown.size() > kMaxWidgets)
        removeWidget(m_shown.first());
}

void MessageView::updateIntro() {
    const QStringList ids = m_shown.isEmpty() ? QStringList() : visibleIds();
    const bool hasOlder = !m_shown.isEmpty() && !ids.isEmpty() && ids.first() != m_shown.first();
    m_older->setVisible(hasOlder);
    m_intro->setVisible(!hasOlder && !m_channelId.isEmpty());
    const SandboxChannel* c = m_client->channel(m_channelId);
    if (!c)
        return;
    const QString label = m_client->channelLabel(m_channelId).toHtmlEscaped();
    QString text =
        tr("<span style=\"font-size:x-large\"><b>Welcome to %1!</b></span><br>This is the start of "
           "the %1 channel.")
            .arg(label);
    if (!c->topic.isEmpty())
        text += QStringLiteral(" ") + chat::richText(m_client, c->guildId, c->topic, palette());
    m_intro->setText(text);
}

void MessageView::onAdded(const QString& channelId, const QString& messageId) {
    if (channelId != m_channelId)
        return;
    const QJsonObject* m = m_client->message(channelId, messageId);
    if (!m || !SandboxClient::visibleTo(*m, m_client->currentUserId()))
        return;
    const quint64 id = messageId.toULongLong();
    if (!m_shown.isEmpty() && id < m_shown.first().toULongLong() && m_older->isVisible())
        return; // among the older messages without widgets
    int index = static_cast<int>(m_shown.size());
    while (index > 0 && m_shown[index - 1].toULongLong() > id)
        --index;
    const QJsonObject author = m->value(QStringLiteral("author")).toObject();
    if (author.value(QStringLiteral("id")).toString() == m_client->currentUserId())
        m_stickToBottom = true; // one's own message always scrolls into view
    insertWidget(index, messageId);
    trim();
    updateIntro();
}

void MessageView::onChanged(const QString& channelId, const QString& messageId) {
    if (channelId != m_channelId)
        return;
    const qsizetype index = m_shown.indexOf(messageId);
    if (index < 0) {
        onAdded(channelId, messageId);
        return;
    }
    removeWidget(messageId);
    const QJsonObject* m = m_client->message(channelId, messageId);
    if (m && SandboxClient::visibleTo(*m, m_client->currentUserId()))
        insertWidget(static_cast<int>(index), messageId);
}

} // namespace botwright::studio
