// SandboxDock's side lists: who may write, the guilds' channels, and the members of the guild.
#include "app/studio/chat_style.h"
#include "app/studio/sandbox_client.h"
#include "app/studio/sandbox_dock.h"

#include <QComboBox>
#include <QListWidget>
#include <QStyle>
#include <QTreeWidget>

#include <algorithm>

namespace botwright::studio {

namespace {

bool isThread(int type) {
    return type == 10 || type == 11 || type == 12;
}

bool isTextLike(int type) {
    return type == 0 || type == 1 || type == 3 || type == 5 || type == 15 || type == 16 || isThread(type);
}

bool isVoice(int type) {
    return type == 2 || type == 13;
}

} // namespace

void SandboxDock::fillSenders() {
    const QSignalBlocker blocker(m_sender);
    m_sender->clear();
    for (const QString& id : m_client->peopleIds()) {
        const QString name = m_client->displayName(id, {});
        m_sender->addItem(QIcon(chat::avatar(name, id, 20, devicePixelRatioF())), name, id);
    }
    m_sender->setCurrentIndex(m_sender->findData(m_client->currentUserId()));
}

void SandboxDock::fillChannels() {
    const QSignalBlocker blocker(m_channels);
    // Both side bars sit on the window colour, the conversation on the base colour, as in Discord.
    // (QTreeView owns its viewport margins, for its header, so the tree's breathing room is a style.)
    QPalette side = m_members->palette();
    side.setColor(QPalette::Base, palette().color(QPalette::Window));
    m_members->setPalette(side);
    m_channels->setStyleSheet(QStringLiteral("QTreeView { border: none; padding: 6px 2px; background: %1; } "
                                             "QTreeView::item { padding: 3px 2px; }")
                                  .arg(palette().color(QPalette::Window).name()));
    m_channels->clear();
    QFont bold = m_channels->font();
    bold.setBold(true);
    QFont small = m_channels->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QBrush muted(chat::muted(palette()));
    QTreeWidgetItem* fallback = nullptr; // #general, else the first text channel
    bool fallbackIsGeneral = false;
    QStringList groups = m_client->guildIds();
    groups.append(QString()); // direct messages
    for (const QString& guildId : groups) {
        const QList<SandboxChannel> channels = m_client->channelsOf(guildId);
        if (guildId.isEmpty() && channels.isEmpty())
            continue;
        const SandboxGuild* g = m_client->guild(guildId);
        auto* top = new QTreeWidgetItem(m_channels, {g ? g->name : tr("Direct Messages")});
        top->setFont(0, bold);
        top->setFlags(Qt::ItemIsEnabled);
        QHash<QString, QTreeWidgetItem*> items;
        for (const SandboxChannel& c : channels) {
            QTreeWidgetItem* parent = items.value(c.parentId, top);
            QTreeWidgetItem* item = nullptr;
            if (c.type == 4) {
                item = new QTreeWidgetItem(top, {c.name.toUpper()});
                item->setFont(0, small);
                item->setForeground(0, muted);
                item->setFlags(Qt::ItemIsEnabled);
            } else if (isTextLike(c.type)) {
                const QString label =
                    isThread(c.type) ? QStringLiteral("↳ ") + c.name : m_client->channelLabel(c.id);
                item = new QTreeWidgetItem(parent, {label});
                item->setData(0, kIdRole, c.id);
                item->setToolTip(0, c.topic);
                const bool general = c.name == QLatin1String("general");
                if (!isThread(c.type) && (!fallback || (general && !fallbackIsGeneral))) {
                    fallback = item;
                    fallbackIsGeneral = general;
                }
            } else if (isVoice(c.type)) {
                item = new QTreeWidgetItem(parent, {c.name});
                item->setIcon(0, style()->standardIcon(QStyle::SP_MediaVolume));
                item->setData(0, kVoiceRole, c.id);
                item->setFlags(Qt::ItemIsEnabled); // not a conversation: never the current channel
                item->setToolTip(
                    0, tr("Voice channel — double-click to join as the person writing, again to leave"));
                for (const SandboxMember& m : m_client->voiceMembers(c.id)) {
                    const QString name = m_client->displayName(m.userId, guildId);
                    QString label = name;
                    if (m.selfDeaf)
                        label += tr("  · deafened");
                    else if (m.selfMute)
                        label += tr("  · muted");
                    auto* person = new QTreeWidgetItem(item, {label});
                    person->setIcon(0, QIcon(chat::avatar(name, m.userId, 18, devicePixelRatioF())));
                    person->setFont(0, small);
                    person->setFlags(Qt::ItemIsEnabled);
                }
            }
            if (item)
                items.insert(c.id, item);
        }
    }
    m_channels->expandAll();
    if (!m_client->channel(m_channelId) && fallback)
        m_channelId = fallback->data(0, kIdRole).toString();
    if (!m_channelId.isEmpty())
        selectChannel(m_channelId);
}

void SandboxDock::fillMembers() {
    m_members->clear();
    const QString guildId = guildOfChannel();
    const SandboxGuild* g = m_client->guild(guildId);
    if (!g)
        return;
    QList<SandboxRole> hoisted;
    for (const SandboxRole& r : g->roles)
        if (r.hoist)
            hoisted.append(r);
    std::sort(hoisted.begin(), hoisted.end(),
              [](const auto& a, const auto& b) { return a.position > b.position; });
    QHash<QString, QStringList> byGroup; // hoisted role id ("" = none) → members
    for (const SandboxMember& m : g->members) {
        QString group;
        for (const SandboxRole& r : hoisted)
            if (m.roles.contains(r.id) && group.isEmpty())
                group = r.id;
        byGroup[group].append(m.userId);
    }
    QList<QPair<QString, QString>> order; // group id, title
    for (const SandboxRole& r : hoisted)
        order.append({r.id, r.name});
    order.append({QString(), tr("Members")});
    QFont small = m_members->font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    small.setBold(true);
    for (const auto& [groupId, title] : order) {
        QStringList ids = byGroup.value(groupId);
        if (ids.isEmpty())
            continue;
        std::sort(ids.begin(), ids.end(), [&](const QString& a, const QString& b) {
            return m_client->displayName(a, guildId)
                       .compare(m_client->displayName(b, guildId), Qt::CaseInsensitive) < 0;
        });
        auto* header =
            new QListWidgetItem(QStringLiteral("%1 — %2").arg(title.toUpper()).arg(ids.size()), m_members);
        header->setFlags(Qt::NoItemFlags);
        header->setFont(small);
        header->setForeground(chat::muted(palette()));
        for (const QString& id : ids) {
            const SandboxUser* u = m_client->user(id);
            const QString name = m_client->displayName(id, guildId);
            auto* item =
                new QListWidgetItem(QIcon(chat::avatar(name, id, 24, devicePixelRatioF())),
                                    u && u->bot ? name + QStringLiteral("  · BOT") : name, m_members);
            item->setData(kIdRole, id);
            item->setToolTip(tr("@%1 · %2 — double-click to mention").arg(u ? u->username : id, id));
            if (const QColor c = m_client->roleColor(guildId, id); c.isValid())
                item->setForeground(chat::readable(c, palette()));
        }
    }
}

} // namespace botwright::studio
