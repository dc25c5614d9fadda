#pragma once

#include <QHash>
#include <QJsonArray>
#include <QString>

namespace botwright::project {

// A project's script settings values, `<project>/settings.json` (docs/settings-file.md): an object
// of script names, each an object of option values ({"<option>": value}) or Botloader's stored form
// ([{"name", "value"}]). Read whole each time the scripts load; a missing file means no values.
class SettingsFile final {
public:
    static QString pathForProject(const QString& projectRoot);
    // Reads the project's file. On a problem, error() names the file and says what is wrong, and
    // there are no values at all (the scripts run with their defaults).
    static SettingsFile load(const QString& projectRoot);
    // The same for file contents already read; `fileName` is used in messages.
    static SettingsFile parse(const QByteArray& bytes, const QString& fileName);

    bool exists() const { return m_exists; }
    QString error() const { return m_error; }
    // The script's values as Botloader stores them, [{"name", "value"}]; [] when none.
    QJsonArray valuesFor(const QString& scriptName) const { return m_values.value(scriptName); }
    QList<QString> scripts() const { return m_values.keys(); }

private:
    bool m_exists = false;
    QString m_error;
    QHash<QString, QJsonArray> m_values;
};

} // namespace botwright::project
