#include "engine/exporting/workspace_state.h"

#include "engine/exporting/script_validation.h"
#include "engine/project/file_io.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace botwright::exporting {

namespace {

const QString kFolder = QStringLiteral(".botloader");
const QString kCopySuffix = QStringLiteral(".ts.bloader");

QString scriptsFolder(const QString& root) {
    return root + QLatin1Char('/') + kFolder + QStringLiteral("/scripts");
}

} // namespace

QString WorkspaceState::folderFor(const QString& projectRoot) {
    return projectRoot + QLatin1Char('/') + kFolder;
}

QString WorkspaceState::indexPathFor(const QString& projectRoot) {
    return folderFor(projectRoot) + QStringLiteral("/index.json");
}

bool WorkspaceState::isLinked(const QString& projectRoot) {
    return QFileInfo::exists(indexPathFor(projectRoot));
}

QByteArray WorkspaceState::sha256Hex(const QByteArray& bytes) {
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

std::optional<WorkspaceState> WorkspaceState::load(const QString& projectRoot, QString* error) {
    const QString path = indexPathFor(projectRoot);
    if (!QFileInfo::exists(path)) {
        *error = QStringLiteral("%1 is not linked to a server yet (no .botloader/index.json); pick a server "
                                "to link it")
                     .arg(projectRoot);
        return std::nullopt;
    }
    const std::optional<QByteArray> bytes = project::readWholeFile(path, error);
    if (!bytes)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("%1 is not valid JSON (%2); remove the .botloader folder to link the project "
                                "again")
                     .arg(path, parseError.errorString());
        return std::nullopt;
    }
    WorkspaceState state(projectRoot);
    QJsonObject object = document.object();
    state.m_guild = object.take(QStringLiteral("guild")).toObject();
    const QJsonArray scripts = object.take(QStringLiteral("openScripts")).toArray();
    state.m_extra = object;
    if (state.guildId().isEmpty()) {
        *error =
            QStringLiteral("%1 names no guild id; remove the .botloader folder to link the project again")
                .arg(path);
        return std::nullopt;
    }
    for (const QJsonValue& item : scripts) {
        const QJsonObject entry = item.toObject();
        const QString name = entry.value(QLatin1String("name")).toString();
        const QJsonValue id = entry.value(QLatin1String("id"));
        if (checkScriptName(name).isEmpty() && id.isDouble())
            state.m_ids.insert(name, static_cast<qint64>(id.toDouble()));
    }
    state.scanCopies();
    return state;
}

WorkspaceState WorkspaceState::create(const QString& projectRoot, const QJsonObject& guild) {
    WorkspaceState state(projectRoot);
    state.m_guild = guild;
    state.scanCopies(); // a folder left behind by an earlier link keeps its copies
    return state;
}

void WorkspaceState::scanCopies() {
    m_copies.clear();
    const QDir dir(scriptsFolder(m_root));
    for (const QString& file : dir.entryList({QStringLiteral("*") + kCopySuffix}, QDir::Files, QDir::Name)) {
        const QString name = file.chopped(kCopySuffix.size());
        if (checkScriptName(name).isEmpty())
            m_copies.append(name);
    }
}

QString WorkspaceState::guildId() const {
    const QJsonValue id = m_guild.value(QLatin1String("id"));
    return id.isDouble() ? QString::number(static_cast<qint64>(id.toDouble())) : id.toString();
}

QString WorkspaceState::guildName() const {
    return m_guild.value(QLatin1String("name")).toString();
}

std::optional<qint64> WorkspaceState::scriptId(const QString& name) const {
    const auto it = m_ids.constFind(name);
    if (it == m_ids.cend())
        return std::nullopt;
    return *it;
}

QStringList WorkspaceState::syncedNames() const {
    return m_copies;
}

bool WorkspaceState::hasSyncedCopy(const QString& name) const {
    return m_copies.contains(name);
}

QString WorkspaceState::syncedCopyPath(const QString& name) const {
    return scriptsFolder(m_root) + QLatin1Char('/') + name + kCopySuffix;
}

std::optional<QByteArray> WorkspaceState::syncedCopy(const QString& name, QString* error) const {
    return project::readWholeFile(syncedCopyPath(name), error);
}

std::optional<QMap<QString, SyncedCopy>> WorkspaceState::syncedCopies(QString* error) const {
    QMap<QString, SyncedCopy> copies;
    for (const QString& name : m_copies) {
        std::optional<QByteArray> source = syncedCopy(name, error);
        if (!source)
            return std::nullopt;
        copies.insert(name, SyncedCopy{m_ids.value(name, 0), std::move(*source)});
    }
    return copies;
}

bool WorkspaceState::recordSynced(const QString& name, qint64 id, const QByteArray& source, QString* error) {
    if (const QString why = checkScriptName(name); !why.isEmpty()) {
        *error = why;
        return false;
    }
    if (!QDir().mkpath(scriptsFolder(m_root))) {
        *error = QStringLiteral("cannot create %1; check that the project folder is writable")
                     .arg(scriptsFolder(m_root));
        return false;
    }
    if (!project::writeFileAtomically(syncedCopyPath(name), source, error))
        return false;
    if (!m_copies.contains(name)) {
        m_copies.append(name);
        m_copies.sort();
    }
    if (id > 0)
        m_ids.insert(name, id);
    return true;
}

bool WorkspaceState::forget(const QString& name, QString* error) {
    const QString path = syncedCopyPath(name);
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        *error = QStringLiteral("cannot remove %1").arg(path);
        return false;
    }
    m_copies.removeAll(name);
    m_ids.remove(name);
    return true;
}

bool WorkspaceState::save(QString* error) const {
    if (!QDir().mkpath(scriptsFolder(m_root))) {
        *error = QStringLiteral("cannot create %1; check that the project folder is writable")
                     .arg(scriptsFolder(m_root));
        return false;
    }
    QJsonArray scripts;
    for (auto it = m_ids.cbegin(); it != m_ids.cend(); ++it)
        scripts.append(QJsonObject{{QStringLiteral("id"), static_cast<double>(it.value())},
                                   {QStringLiteral("name"), it.key()}});
    QJsonObject object = m_extra;
    object.insert(QStringLiteral("guild"), m_guild);
    object.insert(QStringLiteral("openScripts"), scripts);
    // Compact, as the extension writes it (JSON.stringify).
    return project::writeFileAtomically(indexPathFor(m_root),
                                        QJsonDocument(object).toJson(QJsonDocument::Compact), error);
}

} // namespace botwright::exporting
