#pragma once

#include "engine/exporting/api_types.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace botwright::exporting {
class BotloaderApiClient;
}

namespace botwright::studio {

// Picks the server (guild) a project syncs with, from `GET /api/guilds`: the servers of the API
// key's user, those they cannot manage (no Administrator or Manage Server) greyed out, those
// without Botloader's bot marked. Loads when constructed; errors show in the dialog with the
// server's description.
class GuildPickerDialog final : public QDialog {
    Q_OBJECT
public:
    GuildPickerDialog(exporting::BotloaderApiClient* client, const QString& projectName,
                      QWidget* parent = nullptr);

    std::optional<exporting::RemoteGuild> selectedGuild() const;
    bool isLoading() const { return m_loading; }
    QListWidget* list() const { return m_list; }
    QLabel* status() const { return m_status; }
    void reload();

Q_SIGNALS:
    void loaded();

private:
    exporting::BotloaderApiClient* m_client;
    QList<exporting::RemoteGuild> m_guilds;
    QListWidget* m_list;
    QLabel* m_status;
    QPushButton* m_ok;
    QPushButton* m_retry;
    bool m_loading = false;
};

} // namespace botwright::studio
