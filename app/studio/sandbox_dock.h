#pragma once

#include <QDockWidget>
#include <QJsonObject>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QTimer;
class QTreeWidget;

namespace botwright::sandbox {
class SandboxHost;
}

namespace botwright::studio {

class AttachmentTray;
class CommandForm;
class MessageView;
class SandboxClient;

// The "Sandbox" dock: a small chat client on the local Discord. Guilds and channels on the left,
// the channel's messages in the middle, its members on the right, and a composer that writes, runs
// slash commands and reacts as one of the simulated people. The header shows where the sandbox
// listens and the bot token to give the script; the status line says what went wrong.
class SandboxDock final : public QDockWidget {
    Q_OBJECT
public:
    static constexpr int kVoiceRole = Qt::UserRole + 2; // a voice channel's id in the channel list
    explicit SandboxDock(sandbox::SandboxHost* host, QWidget* parent = nullptr);

    SandboxClient* client() const { return m_client; }
    MessageView* view() const { return m_view; }
    QLineEdit* composer() const { return m_composer; }
    QComboBox* senderBox() const { return m_sender; }
    QTreeWidget* channelTree() const { return m_channels; }
    QListWidget* memberList() const { return m_members; }
    CommandForm* commandForm() const { return m_form; }
    AttachmentTray* attachmentTray() const { return m_tray; } // files to send with the next message
    QMenu* commandPicker() const { return m_picker; }
    QLabel* statusLabel() const { return m_status; }
    QString currentChannel() const { return m_channelId; }

    void selectChannel(const QString& channelId);
    void openCommandPicker();
    void openCommand(const QJsonObject& command);
    void showStatus(const QString& text, bool error);

protected:
    void changeEvent(QEvent* event) override;

private:
    static constexpr int kIdRole = Qt::UserRole + 1; // channel and member ids in the side lists

    QWidget* makeHeader();
    void setEndpoints(const QString& restBase, const QString& gatewayUrl, const QString& botToken);
    void fillSenders(); // these three: sandbox_dock_lists.cpp
    void fillChannels();
    void fillMembers();
    void fillPicker();
    void send();
    void chooseFiles();
    void startReply(const QString& channelId, const QString& messageId);
    void showModal(const QJsonObject& event);
    QString guildOfChannel() const;

    SandboxClient* m_client;
    QLabel* m_endpoints;
    QLabel* m_token;
    QTreeWidget* m_channels;
    QLabel* m_channelTitle;
    MessageView* m_view;
    QWidget* m_replyBar;
    QLabel* m_replyLabel;
    CommandForm* m_form;
    AttachmentTray* m_tray;
    QComboBox* m_sender;
    QLineEdit* m_composer;
    QLabel* m_typing;
    QListWidget* m_members;
    QLabel* m_status;
    QMenu* m_picker;
    QTimer* m_statusTimer;
    QTimer* m_typingTimer;
    QString m_channelId;
    QString m_replyTo;
    QString m_botToken;
    bool m_refillQueued = false;
};

} // namespace botwright::studio
