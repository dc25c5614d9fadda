#include "app/studio/guild_picker_dialog.h"

#include "engine/exporting/botloader_api_client.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace botwright::studio {

GuildPickerDialog::GuildPickerDialog(exporting::BotloaderApiClient* client, const QString& projectName,
                                     QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_list(new QListWidget(this))
    , m_status(new QLabel(this)) {
    setObjectName(QStringLiteral("guildPickerDialog"));
    setWindowTitle(tr("Link %1 to a Server").arg(projectName));
    resize(520, 420);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("<b>%1</b> is not linked to a server yet. Pick the server whose scripts it "
                                "syncs with; the link is kept in the project's .botloader folder (as "
                                "Botloader's VS Code extension keeps it).")
                                 .arg(projectName.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_list->setObjectName(QStringLiteral("guildList"));
    layout->addWidget(m_list, 1);
    m_status->setObjectName(QStringLiteral("guildStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Link"));
    m_retry = buttons->addButton(tr("Reload"), QDialogButtonBox::ResetRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (selectedGuild())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_retry, &QPushButton::clicked, this, &GuildPickerDialog::reload);
    connect(m_list, &QListWidget::currentRowChanged, this,
            [this] { m_ok->setEnabled(selectedGuild().has_value()); });
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] {
        if (selectedGuild())
            accept();
    });
    reload();
}

void GuildPickerDialog::reload() {
    m_loading = true;
    m_list->clear();
    m_ok->setEnabled(false);
    m_retry->setEnabled(false);
    m_status->setText(tr("Asking %1 for your servers…").arg(m_client->baseUrl()));
    m_client->listGuilds(this, [this](const exporting::ApiResult<QList<exporting::RemoteGuild>>& result) {
        m_loading = false;
        m_retry->setEnabled(true);
        if (!result.ok()) {
            m_status->setText(tr("Cannot list your servers: %1").arg(result.error->message()));
            Q_EMIT loaded();
            return;
        }
        m_guilds = result.value;
        int usable = 0;
        for (const exporting::RemoteGuild& guild : std::as_const(m_guilds)) {
            QString text = QStringLiteral("%1  (%2)").arg(guild.name, guild.id);
            if (!guild.connected)
                text += tr(" — Botloader's bot is not in it yet");
            auto* item = new QListWidgetItem(text, m_list);
            if (!guild.canManageScripts()) {
                item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
                item->setToolTip(tr("Managing scripts needs the Administrator or Manage Server permission"));
            } else {
                ++usable;
            }
        }
        m_status->setText(m_guilds.isEmpty()
                              ? tr("The API key's user is in no server.")
                              : tr("%1 server(s), %2 you can manage.").arg(m_guilds.size()).arg(usable));
        for (int i = 0; i < m_list->count(); ++i)
            if (m_list->item(i)->flags() & Qt::ItemIsEnabled) {
                m_list->setCurrentRow(i);
                break;
            }
        Q_EMIT loaded();
    });
}

std::optional<exporting::RemoteGuild> GuildPickerDialog::selectedGuild() const {
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_guilds.size() || !m_guilds[row].canManageScripts())
        return std::nullopt;
    return m_guilds[row];
}

} // namespace botwright::studio
