#include "engine/project/project.h"

#include "engine/project/file_io.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace botwright::project {

namespace {

const QString kExtension = QStringLiteral(".ts");

QString starterSource(const QString& scriptName) {
    return QStringLiteral("import { Discord } from \"botloader\";\n\n"
                          "// %1: runs for every message in the guild.\n"
                          "script.on(\"MESSAGE_CREATE\", async (message) => {\n"
                          "    if (message.author.bot) return;\n"
                          "});\n")
        .arg(scriptName);
}

} // namespace

std::optional<Project> Project::open(const QString& folder, QString* error) {
    const QFileInfo info(folder);
    if (!info.exists()) {
        *error = QStringLiteral("the project folder %1 does not exist").arg(folder);
        return std::nullopt;
    }
    if (!info.isDir()) {
        *error = QStringLiteral("%1 is a file; a project is a folder of .ts scripts").arg(folder);
        return std::nullopt;
    }
    return Project(info.canonicalFilePath());
}

std::optional<Project> Project::create(const QString& folder, QString* error) {
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("cannot create the project folder %1; check that its parent is writable")
                     .arg(folder);
        return std::nullopt;
    }
    return open(folder, error);
}

std::optional<Project> Project::createFrom(const QString& source, const QString& target, QString* error) {
    const std::optional<Project> from = open(source, error);
    if (!from) {
        return std::nullopt;
    }
    std::optional<Project> to = create(target, error);
    if (!to) {
        return std::nullopt;
    }
    for (const QString& name : from->scriptNames()) {
        if (to->contains(name)) {
            continue;
        }
        const std::optional<QString> text = from->readScript(name, error);
        if (!text || !to->writeScript(name, *text, error)) {
            return std::nullopt;
        }
    }
    return to;
}

QString Project::name() const {
    return QFileInfo(m_root).fileName();
}

QStringList Project::scriptNames() const {
    QStringList names;
    const QDir dir(m_root);
    for (const QString& file :
         dir.entryList({QStringLiteral("*.ts")}, QDir::Files | QDir::Readable, QDir::Name)) {
        const QString name = scriptNameForFile(file);
        if (!name.isEmpty()) {
            names.append(name);
        }
    }
    return names;
}

QString Project::scriptPath(const QString& scriptName) const {
    return m_root + QLatin1Char('/') + scriptName + kExtension;
}

bool Project::contains(const QString& scriptName) const {
    return QFileInfo::exists(scriptPath(scriptName));
}

std::optional<QString> Project::readScript(const QString& scriptName, QString* error) const {
    const std::optional<QByteArray> bytes = readWholeFile(scriptPath(scriptName), error);
    if (!bytes) {
        return std::nullopt;
    }
    return QString::fromUtf8(*bytes);
}

bool Project::writeScript(const QString& scriptName, const QString& source, QString* error) const {
    if (!isValidScriptName(scriptName, error)) {
        return false;
    }
    return writeFileAtomically(scriptPath(scriptName), source.toUtf8(), error);
}

bool Project::addScript(const QString& scriptName, QString* error) const {
    if (!isValidScriptName(scriptName, error)) {
        return false;
    }
    if (contains(scriptName)) {
        *error = QStringLiteral("a script named %1 already exists").arg(scriptName);
        return false;
    }
    return writeScript(scriptName, starterSource(scriptName), error);
}

bool Project::isValidScriptName(const QString& scriptName, QString* why) {
    static const QRegularExpression rule(QStringLiteral("^[\\w-]{1,32}$"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    if (rule.match(scriptName).hasMatch()) {
        return true;
    }
    if (why != nullptr) {
        *why = QStringLiteral("\"%1\" is not a valid script name: use 1 to 32 letters, digits, '_' or '-'")
                   .arg(scriptName);
    }
    return false;
}

QString Project::scriptNameForFile(const QString& filePath) {
    const QString file = QFileInfo(filePath).fileName();
    if (!file.endsWith(kExtension) || file.endsWith(QStringLiteral(".d.ts")) ||
        file.startsWith(QLatin1Char('.'))) {
        return {};
    }
    const QString name = file.chopped(kExtension.size());
    return isValidScriptName(name) ? name : QString();
}

} // namespace botwright::project
