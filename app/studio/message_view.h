#pragma once

#include <QHash>
#include <QScrollArea>
#include <QStringList>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace botwright::studio {

class MessageWidget;
class SandboxClient;

// The message list of one channel, newest at the bottom, as the chosen person sees it.
//
// Why a scroll area of real widgets and not a QListView with a delegate: messages carry live
// controls (buttons, select menus, reaction chips, links, selectable text) that must take focus,
// show hover states and be clickable by tests; a delegate would have to re-implement all of that
// with hit-testing. The cost of widgets is bounded instead: only the newest messages get a widget
// (kInitialWidgets when a channel opens, "Show older messages" adds kPageWidgets at a time, and the
// view never keeps more than kMaxWidgets), so channels with thousands of messages open and
// scroll as fast as small ones. Older messages stay in SandboxClient's model.
class MessageView final : public QScrollArea {
    Q_OBJECT
public:
    static constexpr int kInitialWidgets = 100;
    static constexpr int kPageWidgets = 100;
    static constexpr int kMaxWidgets = 500;

    explicit MessageView(SandboxClient* client, QWidget* parent = nullptr);

    void setChannel(const QString& channelId);
    QString channelId() const { return m_channelId; }
    MessageWidget* widgetFor(const QString& messageId) const { return m_widgets.value(messageId); }
    QList<MessageWidget*> messageWidgets() const;
    bool isAtBottom() const;
    void scrollToBottom();

Q_SIGNALS:
    void replyRequested(const QString& channelId, const QString& messageId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void showOlder();
    QStringList visibleIds() const;
    MessageWidget* build(const QString& messageId);
    void insertWidget(int index, const QString& messageId);
    void removeWidget(const QString& messageId);
    void trim();
    void updateIntro();
    void onAdded(const QString& channelId, const QString& messageId);
    void onChanged(const QString& channelId, const QString& messageId);

    SandboxClient* m_client;
    QWidget* m_content;
    QVBoxLayout* m_layout;
    QPushButton* m_older;
    QLabel* m_intro;
    QString m_channelId;
    QStringList m_shown; // ids with a widget, oldest first
    QHash<QString, MessageWidget*> m_widgets;
    bool m_stickToBottom = true;
    bool m_rebuildQueued = false;
    int m_fixedItems = 0; // layout items before the first message
};

} // namespace botwright::studio
