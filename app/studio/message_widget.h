#pragma once

#include <QJsonObject>
#include <QWidget>

class QBoxLayout;
class QLabel;
class QVBoxLayout;

namespace botwright::studio {

class SandboxClient;

// One chat message as Discord's client shows it: avatar, author (with a BOT badge), time, the
// "replying to" / "used /command" line, content with mentions resolved, embeds, components
// (buttons and selects act as the chosen person), reactions as chips, and the ephemeral and
// "thinking…" notes. Rebuilt whole when the message changes; colours follow the palette.
class MessageWidget final : public QWidget {
    Q_OBJECT
public:
    MessageWidget(SandboxClient* client, const QJsonObject& message, QWidget* parent = nullptr);

    QString messageId() const { return m_id; }
    QString channelId() const { return m_channelId; }
    QString plainText() const; // author and content, for tests and "Copy"

Q_SIGNALS:
    void replyRequested(const QString& channelId, const QString& messageId);

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void addHeaderLine(QVBoxLayout* column, const QJsonObject& m);
    void addEmbed(QVBoxLayout* column, const QJsonObject& embed);
    void addComponents(QBoxLayout* into, const QJsonArray& components, int depth);
    QWidget* makeButton(const QJsonObject& button);
    QWidget* makeSelect(const QJsonObject& select);
    void addReactions(QVBoxLayout* column, const QJsonObject& m);
    QLabel* textLabel(const QString& text, bool small = false, bool muted = false);

    SandboxClient* m_client;
    QJsonObject m_message;
    QString m_id;
    QString m_channelId;
    QString m_guildId;
};

} // namespace botwright::studio
