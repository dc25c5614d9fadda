#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace botwright::exporting {

// The last-synced copy of one script: what the server had when this folder last synced it.
struct SyncedCopy {
    qint64 id = 0; // the server's script id; 0 when the index does not know it
    QByteArray source;
};

// The `.botloader/` folder of a project, in the layout of Botloader's VS Code extension, so a
// person can move between the two tools:
//
//   .botloader/index.json                 {"guild": {<CurrentUserGuild>}, "openScripts": [{"id", "name"}]}
//   .botloader/scripts/<name>.ts.bloader  the last-synced copy of <name>.ts (raw source bytes)
//
// A script changed locally when the sha256 of `<name>.ts` differs from its `.ts.bloader` copy.
// `guild` is the whole guild object from `GET /api/guilds` (the extension reads `guild.id`);
// unknown keys in index.json are kept. Every write is atomic (temporary file + rename).
class WorkspaceState final {
public:
    static QString folderFor(const QString& projectRoot); // <root>/.botloader
    static QString indexPathFor(const QString& projectRoot);
    static bool isLinked(const QString& projectRoot); // index.json exists

    // Reads index.json and the scripts folder. Fails (with what to do) when index.json is missing,
    // not JSON, or has no guild id.
    static std::optional<WorkspaceState> load(const QString& projectRoot, QString* error);
    // A new workspace for `guild` (not written until save()).
    static WorkspaceState create(const QString& projectRoot, const QJsonObject& guild);

    QString projectRoot() const { return m_root; }
    QString guildId() const;
    QString guildName() const;
    QJsonObject guild() const { return m_guild; }

    // The ids and names in index.json's openScripts.
    QMap<QString, qint64> indexedScripts() const { return m_ids; }
    std::optional<qint64> scriptId(const QString& name) const;
    // Names with a `.ts.bloader` copy, sorted.
    QStringList syncedNames() const;
    bool hasSyncedCopy(const QString& name) const;
    // Every last-synced copy, read from disk.
    std::optional<QMap<QString, SyncedCopy>> syncedCopies(QString* error) const;
    std::optional<QByteArray> syncedCopy(const QString& name, QString* error) const;
    QString syncedCopyPath(const QString& name) const;

    // Records `source` as the last-synced copy of `name` (written now) with the server id (index
    // updated in memory; save() writes it).
    bool recordSynced(const QString& name, qint64 id, const QByteArray& source, QString* error);
    // Removes the last-synced copy and the index entry of `name`.
    bool forget(const QString& name, QString* error);
    // Writes index.json (and creates the scripts folder).
    bool save(QString* error) const;

    static QByteArray sha256Hex(const QByteArray& bytes);

private:
    explicit WorkspaceState(QString root)
        : m_root(std::move(root)) {}
    void scanCopies();

    QString m_root;
    QJsonObject m_guild;
    QJsonObject m_extra; // keys of index.json other than guild and openScripts
    QMap<QString, qint64> m_ids;
    QStringList m_copies;
};

} // namespace botwright::exporting
