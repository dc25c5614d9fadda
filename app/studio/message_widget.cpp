#include "app/studio/message_widget.h"

#include "app/studio/attachment_list.h"
#include "app/studio/chat_style.h"
#include "app/studio/sandbox_client.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QUrl>
#include <QVBoxLayout>

namespace botwright::studio {

namespace {

constexpr int kEphemeral = 1 << 6;
constexpr int kLoading = 1 << 7;
constexpr int kAvatarSize = 36;

QString str(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : (v.isDouble() ? QString::number(v.toInteger()) : QString());
}

QString emojiText(const QJsonObject& emoji) {
    if (emoji.isEmpty())
        return {};
    return str(emoji, "id").isEmpty() ? str(emoji, "name") : QStringLiteral(":%1:").arg(str(emoji, "name"));
}

QString elide(QString text, int length) {
    text.replace(u'\n', u' ');
    return text.size() > length ? text.left(length - 1) + QChar(0x2026) : text;
}

// A multi-value select as Discord shows it: a list with check boxes and a "Done" button.
class MultiSelectPopup final : public QFrame {
public:
    MultiSelectPopup(const QList<QPair<QString, QString>>& options, std::function<void(QStringList)> done,
                     QWidget* parent)
        : QFrame(parent, Qt::Popup) {
        setFrameShape(QFrame::StyledPanel);
        auto* layout = new QVBoxLayout(this);
        auto* list = new QListWidget(this);
        for (const auto& [label, value] : options) {
            auto* item = new QListWidgetItem(label, list);
            item->setData(Qt::UserRole, value);
            item->setCheckState(Qt::Unchecked);
        }
        layout->addWidget(list);
        auto* ok = new PillButton(tr("Done"), chat::buttonFill(1, palette()), Qt::white, this);
        layout->addWidget(ok, 0, Qt::AlignRight);
        connect(ok, &QAbstractButton::clicked, this, [this, list, done = std::move(done)] {
            QStringList values;
            for (int i = 0; i < list->count(); ++i)
                if (list->item(i)->checkState() == Qt::Checked)
                    values.append(list->item(i)->data(Qt::UserRole).toString());
            close();
            done(values);
        });
        setAttribute(Qt::WA_DeleteOnClose);
    }
};

} // namespace

MessageWidget::MessageWidget(SandboxClient* client, const QJsonObject& message, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_message(message)
    , m_id(str(message, "id"))
    , m_channelId(str(message, "channel_id")) {
    setObjectName(QStringLiteral("message-") + m_id);
    if (const SandboxChannel* c = client->channel(m_channelId))
        m_guildId = c->guildId;
    const QJsonObject author = message.value(QStringLiteral("author")).toObject();
    const int type = message.value(QStringLiteral("type")).toInt();
    const int flags = message.value(QStringLiteral("flags")).toInt();
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 6, 12, 6);
    outer->setSpacing(2);
    addHeaderLine(outer, message);

    auto* row = new QHBoxLayout;
    row->setSpacing(12);
    outer->addLayout(row);
    auto* avatar = new QLabel(this);
    const bool webhook = !str(message, "webhook_id").isEmpty() && str(message, "application_id").isEmpty();
    const QString name =
        webhook ? str(author, "username") : m_client->displayName(str(author, "id"), m_guildId);
    avatar->setPixmap(chat::avatar(name, str(author, "id"), kAvatarSize, devicePixelRatioF()));
    avatar->setFixedSize(kAvatarSize, kAvatarSize);
    row->addWidget(avatar, 0, Qt::AlignTop);
    auto* column = new QVBoxLayout;
    column->setSpacing(4);
    row->addLayout(column, 1);

    auto* header = new QHBoxLayout;
    header->setSpacing(6);
    auto* nameLabel = new QLabel(name.toHtmlEscaped(), this);
    nameLabel->setObjectName(QStringLiteral("author"));
    QFont bold = nameLabel->font();
    bold.setBold(true);
    nameLabel->setFont(bold);
    const QColor roleColor = m_client->roleColor(m_guildId, str(author, "id"));
    if (roleColor.isValid()) {
        chat::setInk(nameLabel, chat::readable(roleColor, palette()));
    }
    header->addWidget(nameLabel);
    if (author.value(QStringLiteral("bot")).toBool()) {
        auto* badge =
            new PillButton(webhook ? tr("WEBHOOK") : tr("BOT"), chat::blurple(), Qt::white, this, 3);
        badge->setObjectName(QStringLiteral("botBadge"));
        badge->setCompact(true);
        badge->setAttribute(Qt::WA_TransparentForMouseEvents);
        header->addWidget(badge, 0, Qt::AlignVCenter);
    }
    QString when = chat::timeText(str(message, "timestamp"));
    if (!str(message, "edited_timestamp").isEmpty())
        when += tr(" (edited)");
    header->addWidget(textLabel(when, true, true), 0, Qt::AlignVCenter);
    header->addStretch(1);
    column->addLayout(header);

    const QString content = str(message, "content");
    if (type == 7 || type == 6 || type == 18) {
        const QString what =
            type == 7 ? tr("joined the server.")
                      : (type == 6 ? tr("pinned a message to this channel.") : tr("started a thread."));
        column->addWidget(textLabel(QStringLiteral("→ %1 %2").arg(name.toHtmlEscaped(), what), false, true));
    } else if (flags & kLoading) {
        QLabel* thinking = textLabel(tr("<i>%1 is thinking…</i>").arg(name.toHtmlEscaped()), false, true);
        thinking->setObjectName(QStringLiteral("thinking"));
        column->addWidget(thinking);
    } else if (!content.isEmpty()) {
        QLabel* body = textLabel(chat::richText(m_client, m_guildId, content, palette()));
        body->setObjectName(QStringLiteral("content"));
        column->addWidget(body);
    }
    if (const QJsonArray files = message.value(QStringLiteral("attachments")).toArray(); !files.isEmpty())
        column->addWidget(new AttachmentList(m_client->attachmentFetcher(), files, this));
    for (const QJsonValue embed : message.value(QStringLiteral("embeds")).toArray())
        addEmbed(column, embed.toObject());
    addComponents(column, message.value(QStringLiteral("components")).toArray(), 0);
    addReactions(column, message);
    if (flags & kEphemeral) {
        QLabel* note = textLabel(tr("Only you can see this · ephemeral"), true, true);
        note->setObjectName(QStringLiteral("ephemeralNote"));
        column->addWidget(note);
    }
}

QString MessageWidget::plainText() const {
    QStringList parts{m_client->displayName(str(m_message[u"author"].toObject(), "id"), m_guildId),
                      str(m_message, "content")};
    for (const QJsonValue e : m_message.value(QStringLiteral("embeds")).toArray())
        parts << str(e.toObject(), "title") << str(e.toObject(), "description");
    for (const QJsonValue a : m_message.value(QStringLiteral("attachments")).toArray())
        parts << str(a.toObject(), "filename");
    parts.removeAll(QString());
    return parts.join(u'\n');
}

QLabel* MessageWidget::textLabel(const QString& text, bool small, bool muted) {
    auto* label = new QLabel(text, this);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setOpenExternalLinks(true);
    if (small) {
        QFont f = label->font();
        f.setPointSizeF(f.pointSizeF() * 0.85);
        label->setFont(f);
    }
    if (muted) {
        chat::setInk(label, chat::muted(palette()));
    }
    return label;
}

void MessageWidget::addHeaderLine(QVBoxLayout* column, const QJsonObject& m) {
    QString line;
    const int type = m.value(QStringLiteral("type")).toInt();
    if (type == 19) {
        QJsonObject ref = m.value(QStringLiteral("referenced_message")).toObject();
        if (ref.isEmpty())
            if (const QJsonObject* known = m_client->message(
                    m_channelId, str(m.value(QStringLiteral("message_reference")).toObject(), "message_id")))
                ref = *known;
        if (ref.isEmpty()) {
            line = tr("<i>Original message was deleted</i>");
        } else {
            const QString who = m_client->displayName(str(ref[u"author"].toObject(), "id"), m_guildId);
            QString snippet = chat::plainMentions(m_client, m_guildId, str(ref, "content"));
            if (snippet.isEmpty())
                snippet = ref[u"embeds"].toArray().isEmpty() ? tr("Click to see attachment") : tr("(embed)");
            line =
                QStringLiteral("<b>@%1</b> %2").arg(who.toHtmlEscaped(), elide(snippet, 80).toHtmlEscaped());
        }
    } else if (const QJsonObject meta = m.value(QStringLiteral("interaction_metadata")).toObject();
               !meta.isEmpty()) {
        const QString who = m_client->displayName(str(meta[u"user"].toObject(), "id"), m_guildId);
        const QString command = str(meta, "name");
        line = tr("<b>@%1</b> used %2")
                   .arg(who.toHtmlEscaped(),
                        command.isEmpty() ? tr("a command") : QStringLiteral("/") + command);
    }
    if (line.isEmpty())
        return;
    QLabel* label = textLabel(QStringLiteral("↱ ") + line, true, true);
    label->setObjectName(QStringLiteral("replyLine"));
    label->setContentsMargins(kAvatarSize + 12 - 16, 0, 0, 0);
    column->addWidget(label);
}

void MessageWidget::addEmbed(QVBoxLayout* column, const QJsonObject& embed) {
    const QColor bar = embed.contains(QStringLiteral("color"))
                           ? QColor::fromRgb(static_cast<QRgb>(embed.value(QStringLiteral("color")).toInt()))
                           : chat::muted(palette());
    auto* card = new EmbedCard(bar, this);
    card->setObjectName(QStringLiteral("embed"));
    auto* layout = qobject_cast<QVBoxLayout*>(card->layout());
    if (const QString author = str(embed[u"author"].toObject(), "name"); !author.isEmpty())
        layout->addWidget(textLabel(QStringLiteral("<b>%1</b>").arg(author.toHtmlEscaped()), true));
    if (const QString title = str(embed, "title"); !title.isEmpty()) {
        const QString url = str(embed, "url");
        layout->addWidget(textLabel(url.isEmpty() ? QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped())
                                                  : QStringLiteral("<a href=\"%1\"><b>%2</b></a>")
                                                        .arg(url.toHtmlEscaped(), title.toHtmlEscaped())));
    }
    if (const QString description = str(embed, "description"); !description.isEmpty())
        layout->addWidget(textLabel(chat::richText(m_client, m_guildId, description, palette())));
    const QJsonArray fields = embed.value(QStringLiteral("fields")).toArray();
    if (!fields.isEmpty()) {
        auto* grid = new QGridLayout;
        grid->setHorizontalSpacing(16);
        grid->setVerticalSpacing(6);
        int row = 0, col = 0;
        for (const QJsonValue v : fields) {
            const QJsonObject f = v.toObject();
            const bool inlined = f.value(QStringLiteral("inline")).toBool();
            if (!inlined || col >= 3) {
                row += col > 0 ? 1 : 0;
                col = 0;
            }
            auto* cell = new QVBoxLayout;
            cell->setSpacing(1);
            cell->addWidget(textLabel(QStringLiteral("<b>%1</b>").arg(str(f, "name").toHtmlEscaped()), true));
            cell->addWidget(textLabel(chat::richText(m_client, m_guildId, str(f, "value"), palette())));
            grid->addLayout(cell, row, col, 1, inlined ? 1 : 3, Qt::AlignTop);
            if (inlined) {
                ++col;
            } else {
                ++row;
            }
        }
        layout->addLayout(grid);
    }
    for (const char* key : {"image", "thumbnail"})
        if (const QString url = str(embed[QLatin1String(key)].toObject(), "url"); !url.isEmpty())
            layout->addWidget(textLabel(
                QStringLiteral("[%1] <a href=\"%2\">%2</a>").arg(QLatin1String(key), url.toHtmlEscaped()),
                true, true));
    QStringList footer;
    footer << str(embed[u"footer"].toObject(), "text");
    if (const QString ts = str(embed, "timestamp"); !ts.isEmpty())
        footer << chat::timeText(ts);
    footer.removeAll(QString());
    if (!footer.isEmpty())
        layout->addWidget(textLabel(footer.join(QStringLiteral(" • ")).toHtmlEscaped(), true, true));
    column->addWidget(card);
}

void MessageWidget::addComponents(QBoxLayout* into, const QJsonArray& components, int depth) {
    for (const QJsonValue v : components) {
        const QJsonObject c = v.toObject();
        const int type = c.value(QStringLiteral("type")).toInt();
        if (type == 1) {
            auto* row = new QHBoxLayout;
            row->setSpacing(8);
            for (const QJsonValue child : c.value(QStringLiteral("components")).toArray()) {
                const QJsonObject o = child.toObject();
                row->addWidget(o[u"type"].toInt() == 2 ? makeButton(o) : makeSelect(o));
            }
            row->addStretch(1);
            into->addLayout(row);
        } else if (type == 10) {
            into->addWidget(textLabel(chat::richText(m_client, m_guildId, str(c, "content"), palette())));
        } else if (type == 14) {
            auto* line = new QFrame(this);
            line->setFrameShape(c.value(QStringLiteral("divider")).toBool(true) ? QFrame::HLine
                                                                                : QFrame::NoFrame);
            line->setForegroundRole(QPalette::Mid);
            into->addWidget(line);
        } else if (type == 9) {
            auto* section = new QHBoxLayout;
            auto* texts = new QVBoxLayout;
            addComponents(texts, c.value(QStringLiteral("components")).toArray(), depth + 1);
            section->addLayout(texts, 1);
            const QJsonObject accessory = c.value(QStringLiteral("accessory")).toObject();
            if (accessory.value(QStringLiteral("type")).toInt() == 2)
                section->addWidget(makeButton(accessory), 0, Qt::AlignTop);
            into->addLayout(section);
        } else if (type == 17 && depth == 0) {
            const QJsonValue accent = c.value(QStringLiteral("accent_color"));
            auto* card = new EmbedCard(accent.isDouble() ? QColor::fromRgb(static_cast<QRgb>(accent.toInt()))
                                                         : chat::muted(palette()),
                                       this);
            addComponents(qobject_cast<QVBoxLayout*>(card->layout()),
                          c.value(QStringLiteral("components")).toArray(), depth + 1);
            into->addWidget(card);
        } else if (type == 11 || type == 12 || type == 13) {
            into->addWidget(textLabel(type == 13 ? tr("[file]") : tr("[media]"), true, true));
        }
    }
}

QWidget* MessageWidget::makeButton(const QJsonObject& button) {
    const int style = button.value(QStringLiteral("style")).toInt(2);
    QString text = emojiText(button.value(QStringLiteral("emoji")).toObject());
    if (const QString label = str(button, "label"); !label.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + label;
    if (style == 5)
        text += QStringLiteral(" ↗");
    auto* b =
        new PillButton(text, chat::buttonFill(style, palette()), chat::buttonInk(style, palette()), this);
    b->setProperty("customId", str(button, "custom_id"));
    b->setEnabled(!button.value(QStringLiteral("disabled")).toBool() && style != 6);
    const QString customId = str(button, "custom_id"), url = str(button, "url");
    if (style == 5) {
        b->setToolTip(url);
        connect(b, &QAbstractButton::clicked, this, [url] { QDesktopServices::openUrl(QUrl(url)); });
    } else {
        connect(b, &QAbstractButton::clicked, this,
                [this, customId] { m_client->clickButton(m_channelId, m_id, customId); });
    }
    return b;
}

QWidget* MessageWidget::makeSelect(const QJsonObject& select) {
    const int type = select.value(QStringLiteral("type")).toInt();
    const QString customId = str(select, "custom_id");
    QList<QPair<QString, QString>> options; // label, value
    int preset = -1;
    if (type == 3) {
        for (const QJsonValue v : select.value(QStringLiteral("options")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString emoji = emojiText(o[u"emoji"].toObject());
            options.append({(emoji.isEmpty() ? QString() : emoji + u' ') + str(o, "label"), str(o, "value")});
            if (o.value(QStringLiteral("default")).toBool())
                preset = static_cast<int>(options.size()) - 1;
        }
    } else {
        const SandboxGuild* g = m_client->guild(m_guildId);
        if ((type == 5 || type == 7) && g)
            for (const QString& id : g->members.keys())
                options.append({QStringLiteral("@") + m_client->displayName(id, m_guildId), id});
        if ((type == 6 || type == 7) && g)
            for (const SandboxRole& r : g->roles)
                options.append({QStringLiteral("@") + r.name, r.id});
        if (type == 8)
            for (const SandboxChannel& c : m_client->channelsOf(m_guildId))
                if (c.type != 4)
                    options.append({QStringLiteral("#") + c.name, c.id});
    }
    const QString placeholder =
        str(select, "placeholder").isEmpty() ? tr("Make a selection") : str(select, "placeholder");
    const bool disabled = select.value(QStringLiteral("disabled")).toBool();
    const int componentType = type;
    if (select.value(QStringLiteral("max_values")).toInt(1) > 1) {
        auto* b = new PillButton(placeholder + QStringLiteral("  ▾"), chat::buttonFill(2, palette()),
                                 chat::buttonInk(2, palette()), this);
        b->setProperty("customId", customId);
        b->setEnabled(!disabled);
        connect(b, &QAbstractButton::clicked, this, [this, b, options, customId, componentType] {
            auto* popup = new MultiSelectPopup(
                options,
                [this, customId, componentType](const QStringList& values) {
                    m_client->chooseInSelect(m_channelId, m_id, customId, componentType, values);
                },
                this);
            popup->move(b->mapToGlobal(QPoint(0, b->height())));
            popup->show();
        });
        return b;
    }
    auto* combo = new QComboBox(this);
    combo->setProperty("customId", customId);
    combo->setPlaceholderText(placeholder);
    combo->setMinimumWidth(220);
    for (const auto& [label, value] : options)
        combo->addItem(label, value);
    combo->setCurrentIndex(preset);
    combo->setEnabled(!disabled);
    connect(combo, &QComboBox::activated, this, [this, combo, customId, componentType](int index) {
        m_client->chooseInSelect(m_channelId, m_id, customId, componentType,
                                 {combo->itemData(index).toString()});
    });
    return combo;
}

void MessageWidget::addReactions(QVBoxLayout* column, const QJsonObject& m) {
    const QJsonArray reactions = m_client->reactionsFor(m);
    if (reactions.isEmpty())
        return;
    auto* row = new QHBoxLayout;
    row->setSpacing(4);
    for (const QJsonValue v : reactions) {
        const QJsonObject r = v.toObject();
        const QJsonObject emoji = r.value(QStringLiteral("emoji")).toObject();
        auto* chip = new PillButton(QStringLiteral("%1  %2").arg(emojiText(emoji)).arg(r[u"count"].toInt()),
                                    chat::chipFill(palette()), palette().color(QPalette::Text), this, 8);
        chip->setObjectName(QStringLiteral("reaction"));
        chip->setProperty("emoji", emojiText(emoji));
        chip->setCheckable(true);
        chip->setChecked(r.value(QStringLiteral("me")).toBool());
        chip->setCheckedLook(chat::blend(palette().color(QPalette::Base), chat::blurple(), 0.2),
                             chat::blurple());
        connect(chip, &QAbstractButton::clicked, this,
                [this, emoji] { m_client->toggleReaction(m_channelId, m_id, emoji); });
        row->addWidget(chip);
    }
    row->addStretch(1);
    column->addLayout(row);
}

void MessageWidget::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    menu.addAction(tr("Reply"), this, [this] { Q_EMIT replyRequested(m_channelId, m_id); });
    QMenu* react = menu.addMenu(tr("Add Reaction"));
    QList<QJsonObject> emojis;
    for (const QString& e :
         {QStringLiteral("👍"), QStringLiteral("❤️"), QStringLiteral("😂"), QStringLiteral("🎉"),
          QStringLiteral("👀"), QStringLiteral("✅"), QStringLiteral("❌")})
        emojis.append(QJsonObject{{QStringLiteral("id"), QJsonValue::Null}, {QStringLiteral("name"), e}});
    if (const SandboxGuild* g = m_client->guild(m_guildId))
        for (const QJsonValue e : g->emojis)
            emojis.append(
                QJsonObject{{QStringLiteral("id"), e[u"id"]}, {QStringLiteral("name"), e[u"name"]}});
    for (const QJsonObject& emoji : emojis)
        react->addAction(emojiText(emoji), this,
                         [this, emoji] { m_client->toggleReaction(m_channelId, m_id, emoji); });
    menu.addSeparator();
    menu.addAction(tr("Copy Text"), this,
                   [this] { QApplication::clipboard()->setText(str(m_message, "content")); });
    menu.addAction(tr("Copy Message ID"), this, [this] { QApplication::clipboard()->setText(m_id); });
    menu.exec(event->globalPos());
}

} // namespace botwright::studio
