#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace botwright::project {

// A project is a folder of TypeScript scripts, one script per `<name>.ts` file directly inside it
// (as Botloader stores guild scripts by name). Declaration files (`*.d.ts`) and hidden entries are
// not scripts.
class Project final {
public:
    // Opens an existing folder. Fails with a readable error if it is missing or not a folder.
    static std::optional<Project> open(const QString& folder, QString* error);
    // Creates the folder (and parents) if needed, then opens it.
    static std::optional<Project> create(const QString& folder, QString* error);
    // Copies the `*.ts` scripts of `source` into `target` (created; existing files are kept) and opens it.
    static std::optional<Project> createFrom(const QString& source, const QString& target, QString* error);

    QString rootPath() const { return m_root; }
    QString name() const;

    QStringList scriptNames() const; // sorted, without the `.ts` extension
    QString scriptPath(const QString& scriptName) const;
    bool contains(const QString& scriptName) const;

    std::optional<QString> readScript(const QString& scriptName, QString* error) const;
    bool writeScript(const QString& scriptName, const QString& source, QString* error) const;
    // Creates a new script with a small starter body; refuses invalid names and existing scripts.
    bool addScript(const QString& scriptName, QString* error) const;

    // Botloader's script name rule: 1–32 characters of letters, digits, `_` and `-`.
    static bool isValidScriptName(const QString& scriptName, QString* why = nullptr);
    // The script name for a file path inside the project, or an empty string if it is not a script.
    static QString scriptNameForFile(const QString& filePath);

private:
    explicit Project(QString root)
        : m_root(std::move(root)) {}
    QString m_root;
};

} // namespace botwright::project
