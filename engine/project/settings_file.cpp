#include "engine/project/settings_file.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace botwright::project {

namespace {

constexpr qint64 kMaxBytes = 16 * 1024 * 1024;

// 1-based line and column of a byte offset.
std::pair<int, int> lineColumn(const QByteArray& bytes, qsizetype offset) {
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes.at(i) == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(bytes.at(i)) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

} // namespace

QString SettingsFile::pathForProject(const QString& projectRoot) {
    return QDir(projectRoot).filePath(QStringLiteral("settings.json"));
}

SettingsFile SettingsFile::load(const QString& projectRoot) {
    const QString path = pathForProject(projectRoot);
    QFile file(path);
    if (!file.exists())
        return {};
    SettingsFile out;
    out.m_exists = true;
    if (!file.open(QIODevice::ReadOnly)) {
        out.m_error = QStringLiteral("%1: cannot be read (%2)").arg(path, file.errorString());
        return out;
    }
    if (file.size() > kMaxBytes) {
        out.m_error = QStringLiteral("%1: is larger than 16 MiB").arg(path);
        return out;
    }
    return parse(file.readAll(), path);
}

SettingsFile SettingsFile::parse(const QByteArray& bytes, const QString& fileName) {
    SettingsFile out;
    out.m_exists = true;
    const auto fail = [&](const QString& problem) {
        out.m_values.clear();
        out.m_error = QStringLiteral("%1: %2").arg(fileName, problem);
        return out;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineColumn(bytes, parseError.offset);
        return fail(QStringLiteral("not valid JSON at line %1, column %2: %3")
                        .arg(line)
                        .arg(column)
                        .arg(parseError.errorString()));
    }
    if (!doc.isObject())
        return fail(QStringLiteral("the top level must be an object of script names, such as "
                                   "{\"myscript\": {\"option\": \"value\"}}"));
    const QJsonObject scripts = doc.object();
    for (auto it = scripts.begin(); it != scripts.end(); ++it) {
        const QString& script = it.key();
        QJsonArray values;
        if (it.value().isObject()) {
            const QJsonObject options = it.value().toObject();
            for (auto o = options.begin(); o != options.end(); ++o)
                values.append(
                    QJsonObject{{QStringLiteral("name"), o.key()}, {QStringLiteral("value"), o.value()}});
        } else if (it.value().isArray()) {
            const QJsonArray pairs = it.value().toArray();
            for (qsizetype i = 0; i < pairs.size(); ++i) {
                const QJsonObject pair = pairs.at(i).toObject();
                if (!pairs.at(i).isObject() || !pair.value(QStringLiteral("name")).isString() ||
                    !pair.contains(QStringLiteral("value")))
                    return fail(QStringLiteral("\"%1\"[%2] must be an object with a string \"name\" and a "
                                               "\"value\"")
                                    .arg(script)
                                    .arg(i));
                values.append(pair);
            }
        } else {
            return fail(QStringLiteral("\"%1\" must be an object of option values (or a list of {\"name\", "
                                       "\"value\"} pairs), not %2")
                            .arg(script, it.value().isNull()     ? QStringLiteral("null")
                                         : it.value().isString() ? QStringLiteral("a string")
                                         : it.value().isBool()   ? QStringLiteral("a boolean")
                                                                 : QStringLiteral("a number")));
        }
        out.m_values.insert(script, values);
    }
    return out;
}

} // namespace botwright::project
