#include "app/studio/sandbox_dock.h"

#include "app/studio/attachment_tray.h"
#include "app/studio/chat_style.h"
#include "app/studio/command_form.h"
#include "app/studio/message_view.h"
#include "app/studio/modal_dialog.h"
#include "app/studio/sandbox_client.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace botwright::studio {

namespace {

constexpr int kStatusMs = 12000;

// Guild → category → channel → thread, indented like Discord's sidebar, without expand arrows.
class ChannelTree final : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

protected:
    void drawBranches(QPainter*, const QRect&, const QModelIndex&) const override {}
};

} // namespace

SandboxDock::SandboxDock(sandbox::SandboxHost* host, QWidget* parent)
    : QDockWidget(tr("Sandbox"), parent)
    , m_client(new SandboxClient(this))
    , m_endpoints(new QLabel(this))
    , m_token(new QLabel(this))
    , m_channels(new ChannelTree(this))
    , m_channelTitle(new QLabel(this))
    , m_view(new MessageView(m_client, this))
    , m_replyBar(new QWidget(this))
    , m_replyLabel(new QLabel(this))
    , m_form(new CommandForm(m_client, this))
    , m_tray(new AttachmentTray(this))
    , m_sender(new QComboBox(this))
    , m_composer(new QLineEdit(this))
    , m_typing(new QLabel(this))
    , m_members(new QListWidget(this))
    , m_status(new QLabel(this))
    , m_picker(new QMenu(this))
    , m_statusTimer(new QTimer(this))
    , m_typingTimer(new QTimer(this)) {
    setObjectName(QStringLiteral("sandboxDock"));
    setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea | Qt::BottomDockWidgetArea);
    auto* root = new QWidget(this);
    auto* rootLayout = new QVBoxLayout(root);
    rootLayout->setContentsMargins(0, 0, 0, 0);
    rootLayout->setSpacing(0);
    rootLayout->addWidget(makeHeader());

    auto* splitter = new QSplitter(Qt::Horizontal, root);
    m_channels->setObjectName(QStringLiteral("sandboxChannels"));
    m_channels->setHeaderHidden(true);
    m_channels->setRootIsDecorated(false);
    m_channels->setItemsExpandable(false);
    m_channels->setIndentation(14);
    m_channels->setFrameShape(QFrame::NoFrame);
    splitter->addWidget(m_channels);

    auto* centre = new QWidget(splitter);
    auto* column = new QVBoxLayout(centre);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    m_channelTitle->setObjectName(QStringLiteral("channelTitle"));
    m_channelTitle->setTextFormat(Qt::RichText);
    m_channelTitle->setContentsMargins(14, 8, 14, 8);
    column->addWidget(m_channelTitle);
    auto* rule = new QFrame(centre);
    rule->setFrameShape(QFrame::HLine);
    rule->setForegroundRole(QPalette::Mid);
    column->addWidget(rule);
    column->addWidget(m_view, 1);

    auto* replyLayout = new QHBoxLayout(m_replyBar);
    replyLayout->setContentsMargins(14, 4, 10, 0);
    m_replyLabel->setTextFormat(Qt::RichText);
    replyLayout->addWidget(m_replyLabel, 1);
    auto* cancelReply = new QToolButton(m_replyBar);
    cancelReply->setText(QStringLiteral("✕"));
    cancelReply->setAutoRaise(true);
    replyLayout->addWidget(cancelReply);
    m_replyBar->hide();
    column->addWidget(m_replyBar);
    m_form->hide();
    column->addWidget(m_form);
    column->addWidget(m_tray);

    auto* composerRow = new QHBoxLayout;
    composerRow->setContentsMargins(10, 6, 10, 0);
    composerRow->setSpacing(6);
    m_sender->setObjectName(QStringLiteral("sendAs"));
    m_sender->setToolTip(tr("Who writes, runs commands, clicks and reacts"));
    m_sender->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    composerRow->addWidget(m_sender);
    auto* slash = new QToolButton(centre);
    slash->setObjectName(QStringLiteral("slashCommands"));
    slash->setText(QStringLiteral("/"));
    slash->setToolTip(tr("The bot's slash commands"));
    composerRow->addWidget(slash);
    auto* attach = new QToolButton(centre);
    attach->setObjectName(QStringLiteral("attachFiles"));
    attach->setText(QStringLiteral("+"));
    attach->setToolTip(tr("Attach files (or drop them on the chat)"));
    composerRow->addWidget(attach);
    m_composer->setObjectName(QStringLiteral("composer"));
    m_composer->setClearButtonEnabled(true);
    composerRow->addWidget(m_composer, 1);
    auto* sendButton = new PillButton(tr("Send"), chat::blurple(), Qt::white, centre);
    composerRow->addWidget(sendButton);
    column->addLayout(composerRow);
    m_typing->setContentsMargins(14, 0, 14, 2);
    m_typing->setFixedHeight(m_typing->fontMetrics().height() + 4);
    column->addWidget(m_typing);
    splitter->addWidget(centre);

    m_members->setObjectName(QStringLiteral("sandboxMembers"));
    m_members->setFrameShape(QFrame::NoFrame);
    m_members->setIconSize(QSize(24, 24));
    m_members->setSpacing(2);
    splitter->addWidget(m_members);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(1, false);
    splitter->setSizes({180, 560, 170});
    rootLayout->addWidget(splitter, 1);

    m_status->setObjectName(QStringLiteral("sandboxStatus"));
    m_status->setContentsMargins(10, 3, 10, 3);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rootLayout->addWidget(m_status);
    setWidget(root);
    m_statusTimer->setSingleShot(true);
    m_typingTimer->setSingleShot(true);
    m_typingTimer->setInterval(8000);
    showStatus(tr("Starting the local Discord…"), false);

    connect(m_statusTimer, &QTimer::timeout, m_status, &QLabel::clear);
    connect(m_typingTimer, &QTimer::timeout, m_typing, &QLabel::clear);
    connect(cancelReply, &QToolButton::clicked, this, [this] {
        m_replyTo.clear();
        m_replyBar->hide();
    });
    connect(slash, &QToolButton::clicked, this, &SandboxDock::openCommandPicker);
    connect(attach, &QToolButton::clicked, this, &SandboxDock::chooseFiles);
    m_tray->acceptDropsOn(m_composer);
    m_tray->acceptDropsOn(m_view->viewport());
    connect(m_tray, &AttachmentTray::refused, this, [this](const QString& why) { showStatus(why, true); });
    connect(sendButton, &QAbstractButton::clicked, this, &SandboxDock::send);
    connect(m_composer, &QLineEdit::returnPressed, this, &SandboxDock::send);
    connect(m_composer, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (text == QLatin1String("/"))
            openCommandPicker();
    });
    connect(m_sender, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_client->setCurrentUser(m_sender->itemData(index).toString()); });
    connect(m_channels, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && !item->data(0, kIdRole).toString().isEmpty())
            selectChannel(item->data(0, kIdRole).toString());
    });
    connect(m_channels, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        const QString voice = item ? item->data(0, kVoiceRole).toString() : QString();
        const SandboxChannel* c = m_client->channel(voice);
        if (!c)
            return;
        const bool inIt = m_client->voiceChannelOf(c->guildId, m_client->currentUserId()) == voice;
        m_client->setVoiceChannel(c->guildId, inIt ? QString() : voice);
    });
    connect(m_members, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        if (const QString id = item->data(kIdRole).toString(); !id.isEmpty()) {
            m_composer->insert(QStringLiteral("<@%1> ").arg(id));
            m_composer->setFocus();
        }
    });
    connect(m_view, &MessageView::replyRequested, this, &SandboxDock::startReply);
    connect(m_form, &CommandForm::failed, this, [this](const QString& error) { showStatus(error, true); });
    connect(m_form, &CommandForm::closed, m_composer, qOverload<>(&QWidget::setFocus));
    connect(m_form, &CommandForm::sent, m_composer, qOverload<>(&QWidget::setFocus));

    connect(m_client, &SandboxClient::connected, this, &SandboxDock::setEndpoints);
    connect(m_client, &SandboxClient::hostFailed, this, [this](const QString& error) {
        showStatus(tr("The local Discord did not start: %1").arg(error), true);
    });
    connect(m_client, &SandboxClient::modelReset, this, [this] {
        fillSenders();
        fillChannels();
        fillMembers();
    });
    connect(m_client, &SandboxClient::channelsChanged, this, &SandboxDock::fillChannels);
    connect(m_client, &SandboxClient::membersChanged, this, [this](const QString& guildId) {
        if (guildId.isEmpty() || guildId == guildOfChannel())
            fillMembers();
    });
    connect(m_client, &SandboxClient::commandsChanged, this, [this] {
        if (m_picker->isVisible())
            fillPicker();
    });
    connect(m_client, &SandboxClient::currentUserChanged, this, [this](const QString& userId) {
        m_sender->setCurrentIndex(m_sender->findData(userId));
        selectChannel(m_channelId);
    });
    connect(m_client, &SandboxClient::requestFailed, this,
            [this](const QString& what, const QString& message, int code) {
                showStatus(code ? tr("%1 failed: %2 (code %3)").arg(what, message).arg(code)
                                : tr("%1 failed: %2").arg(what, message),
                           true);
            });
    connect(m_client, &SandboxClient::notice, this, [this](const QString& text) { showStatus(text, false); });
    connect(m_client, &SandboxClient::modalRequested, this, &SandboxDock::showModal);
    connect(m_client, &SandboxClient::interactionFailed, this,
            [this](const QString&, const QString&, const QString& userId) {
                showStatus(
                    tr("This interaction failed: the bot did not answer %1's interaction within 3 seconds")
                        .arg(m_client->displayName(userId, guildOfChannel())),
                    true);
            });
    connect(m_client, &SandboxClient::typing, this, [this](const QString& channelId, const QString& userId) {
        if (channelId != m_channelId || userId == m_client->currentUserId())
            return;
        m_typing->setText(
            tr("<b>%1</b> is typing…").arg(m_client->displayName(userId, guildOfChannel()).toHtmlEscaped()));
        m_typingTimer->start();
    });
    m_client->attach(host);
}

QWidget* SandboxDock::makeHeader() {
    auto* header = new QFrame(this);
    header->setObjectName(QStringLiteral("sandboxHeader"));
    header->setBackgroundRole(QPalette::AlternateBase);
    header->setAutoFillBackground(true);
    auto* layout = new QHBoxLayout(header);
    layout->setContentsMargins(10, 5, 6, 5);
    layout->setSpacing(8);
    m_endpoints->setObjectName(QStringLiteral("sandboxEndpoints"));
    m_endpoints->setTextFormat(Qt::RichText);
    m_endpoints->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_endpoints);
    m_token->setObjectName(QStringLiteral("sandboxToken"));
    m_token->setTextFormat(Qt::RichText);
    layout->addWidget(m_token);
    auto* copy = new QToolButton(header);
    copy->setObjectName(QStringLiteral("copyToken"));
    copy->setText(tr("Copy token"));
    copy->setToolTip(tr("Copy the bot token to the clipboard"));
    layout->addWidget(copy);
    layout->addStretch(1);
    auto* reload = new QToolButton(header);
    reload->setText(tr("Reload"));
    reload->setToolTip(tr("Reload the world from the sandbox"));
    layout->addWidget(reload);
    connect(copy, &QToolButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_botToken);
        showStatus(tr("Bot token copied"), false);
    });
    connect(reload, &QToolButton::clicked, this, [this] {
        m_client->requestSnapshot();
        m_client->fetchMembers(guildOfChannel());
    });
    return header;
}

void SandboxDock::setEndpoints(const QString& restBase, const QString& gatewayUrl, const QString& botToken) {
    m_botToken = botToken;
    const QString code = QStringLiteral("<span style=\"font-family:monospace\">%1</span>");
    m_endpoints->setText(tr("<b>REST</b> %1 &nbsp; <b>Gateway</b> %2")
                             .arg(code.arg(restBase.toHtmlEscaped()), code.arg(gatewayUrl.toHtmlEscaped())));
    m_token->setText(tr("<b>Token</b> %1").arg(code.arg(chat::maskToken(botToken).toHtmlEscaped())));
    m_token->setToolTip(tr("The bot's token; use Copy to paste it into the script's settings"));
    showStatus(tr("Local Discord running at %1").arg(restBase), false);
}

void SandboxDock::showStatus(const QString& text, bool error) {
    chat::setInk(m_status, error ? QColor(0xDA, 0x37, 0x3C) : chat::muted(palette()));
    m_status->setText(text);
    m_status->setProperty("error", error);
    m_statusTimer->start(kStatusMs);
}

void SandboxDock::changeEvent(QEvent* event) {
    QDockWidget::changeEvent(event);
    // Lists and labels carry palette-derived colours (role colours, muted text): refill on a theme change.
    if (event->type() == QEvent::PaletteChange && !m_refillQueued && m_client->isReady()) {
        m_refillQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_refillQueued = false;
            fillChannels();
            fillMembers();
            showStatus(m_status->text(), m_status->property("error").toBool());
        });
    }
}

QString SandboxDock::guildOfChannel() const {
    if (const SandboxChannel* c = m_client->channel(m_channelId); c && !c->guildId.isEmpty())
        return c->guildId;
    return m_client->guildIds().value(0);
}

void SandboxDock::selectChannel(const QString& channelId) {
    const SandboxChannel* c = m_client->channel(channelId);
    if (!c)
        return;
    const bool guildChanged = m_channelId.isEmpty() || m_client->channel(m_channelId) == nullptr ||
                              m_client->channel(m_channelId)->guildId != c->guildId;
    m_channelId = channelId;
    {
        const QSignalBlocker blocker(m_channels);
        for (QTreeWidgetItemIterator it(m_channels); *it; ++it)
            if ((*it)->data(0, kIdRole).toString() == channelId)
                m_channels->setCurrentItem(*it);
    }
    const QString label = m_client->channelLabel(channelId);
    m_channelTitle->setText(
        QStringLiteral("<b>%1</b>%2")
            .arg(label.toHtmlEscaped(),
                 c->topic.isEmpty() ? QString()
                                    : QStringLiteral(" &nbsp;<span style=\"color:%1\">%2</span>")
                                          .arg(chat::muted(palette()).name(), c->topic.toHtmlEscaped())));
    m_composer->setPlaceholderText(
        tr("Message %1 as %2").arg(label, m_client->displayName(m_client->currentUserId(), c->guildId)));
    m_typing->clear();
    m_view->setChannel(channelId);
    m_client->fetchMessages(channelId);
    if (guildChanged)
        fillMembers();
}

void SandboxDock::fillPicker() {
    m_picker->clear();
    const QList<QJsonObject> commands = m_client->commandsFor(guildOfChannel());
    if (commands.isEmpty())
        m_picker->addAction(tr("The bot has registered no slash commands yet"))->setEnabled(false);
    for (const QJsonObject& cmd : commands) {
        const QString text = QStringLiteral("/%1 — %2")
                                 .arg(cmd.value(QStringLiteral("name")).toString(),
                                      cmd.value(QStringLiteral("description")).toString());
        QAction* action = m_picker->addAction(text, this, [this, cmd] { openCommand(cmd); });
        action->setObjectName(QStringLiteral("command-") + cmd.value(QStringLiteral("name")).toString());
    }
}

void SandboxDock::openCommandPicker() {
    m_client->fetchCommands(guildOfChannel());
    fillPicker();
    const QSize size = m_picker->sizeHint();
    m_picker->popup(m_composer->mapToGlobal(QPoint(0, -size.height())));
}

void SandboxDock::openCommand(const QJsonObject& command) {
    if (m_composer->text().startsWith(u'/'))
        m_composer->clear();
    m_form->open(command, m_channelId);
}

void SandboxDock::chooseFiles() {
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Attach Files"));
    m_tray->addFiles(files);
    m_composer->setFocus();
}

void SandboxDock::send() {
    const QString text = m_composer->text().trimmed();
    const QStringList files = m_tray->files();
    if ((text.isEmpty() && files.isEmpty()) || m_channelId.isEmpty())
        return;
    if (text.startsWith(u'/') && !text.contains(u' ')) {
        for (const QJsonObject& cmd : m_client->commandsFor(guildOfChannel()))
            if (cmd.value(QStringLiteral("name")).toString() == text.mid(1)) {
                m_composer->clear();
                return openCommand(cmd);
            }
    }
    m_client->sendMessage(m_channelId, text, m_replyTo, files);
    m_tray->clear();
    m_composer->clear();
    m_replyTo.clear();
    m_replyBar->hide();
}

void SandboxDock::startReply(const QString& channelId, const QString& messageId) {
    const QJsonObject* m = m_client->message(channelId, messageId);
    if (!m || channelId != m_channelId)
        return;
    const QString author =
        m->value(QStringLiteral("author")).toObject().value(QStringLiteral("id")).toString();
    m_replyTo = messageId;
    m_replyLabel->setText(
        tr("Replying to <b>%1</b>").arg(m_client->displayName(author, guildOfChannel()).toHtmlEscaped()));
    m_replyBar->show();
    m_composer->setFocus();
}

void SandboxDock::showModal(const QJsonObject& event) {
    const SandboxUser* target = m_client->user(event.value(QStringLiteral("user_id")).toString());
    if (!target || target->token.isEmpty()) {
        showStatus(tr("The bot opened a modal for someone the dock cannot act as"), true);
        return;
    }
    auto* dialog = new ModalDialog(m_client, event, this);
    dialog->show();
    dialog->raise();
}

} // namespace botwright::studio
