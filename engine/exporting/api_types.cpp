#include "engine/exporting/api_types.h"

#include <QJsonArray>

namespace botwright::exporting {

namespace {

constexpr quint64 kAdministrator = 0x8;
constexpr quint64 kManageGuild = 0x20;

QString hintFor(int code) {
    switch (code) {
    case error_code::kSessionExpired:
        return QStringLiteral(
            "The API key was not accepted. Create a new key on botloader.io (user settings) "
            "and enter it again.");
    case error_code::kNoActiveGuild:
        return QStringLiteral("The API key's user is not a member of that server, or the server id is wrong. "
                              "Pick the server again from the list.");
    case error_code::kNotGuildAdmin:
        return QStringLiteral("Managing a server's scripts needs the Administrator or Manage Server "
                              "permission there.");
    case error_code::kInternalError:
        return QStringLiteral("The server failed; try again later.");
    default:
        return {};
    }
}

} // namespace

QStringList ApiError::validationMessages() const {
    QStringList messages;
    for (const QJsonValue& item : extraData.toArray()) {
        const QJsonObject object = item.toObject();
        const QString field = object.value(QLatin1String("field")).toString();
        const QString msg = object.value(QLatin1String("msg")).toString();
        if (!msg.isEmpty())
            messages.append(field.isEmpty() ? msg : field + QStringLiteral(": ") + msg);
    }
    return messages;
}

bool ApiError::hasValidationError(const QString& field, const QString& msg) const {
    for (const QJsonValue& item : extraData.toArray()) {
        const QJsonObject object = item.toObject();
        if (object.value(QLatin1String("field")).toString() == field &&
            object.value(QLatin1String("msg")).toString() == msg)
            return true;
    }
    return false;
}

QString ApiError::message() const {
    QString text;
    if (httpStatus == 0) {
        text = QStringLiteral("no answer from the server: %1").arg(networkError);
    } else if (code != 0 || !description.isEmpty()) {
        text = description.isEmpty() ? QStringLiteral("error") : description;
        const QStringList details = validationMessages();
        if (!details.isEmpty())
            text += QStringLiteral(" (") + details.join(QStringLiteral("; ")) + QStringLiteral(")");
        text += QStringLiteral(" [code %1, HTTP %2]").arg(code).arg(httpStatus);
    } else if (!rawBody.isEmpty()) {
        text = QStringLiteral("HTTP %1: %2").arg(httpStatus).arg(rawBody);
    } else {
        text = QStringLiteral("HTTP %1").arg(httpStatus);
    }
    if (retries > 0)
        text += QStringLiteral(" after %1 %2")
                    .arg(retries)
                    .arg(retries == 1 ? QStringLiteral("retry") : QStringLiteral("retries"));
    const QString hint = hintFor(code);
    if (!hint.isEmpty())
        text += QStringLiteral(". ") + hint;
    return text;
}

std::optional<RemoteScript> RemoteScript::fromJson(const QJsonObject& object) {
    const QJsonValue id = object.value(QLatin1String("id"));
    const QJsonValue name = object.value(QLatin1String("name"));
    const QJsonValue source = object.value(QLatin1String("original_source"));
    if (!id.isDouble() || !name.isString() || !source.isString())
        return std::nullopt;
    RemoteScript script;
    script.id = static_cast<qint64>(id.toDouble());
    script.name = name.toString();
    script.originalSource = source.toString();
    script.enabled = object.value(QLatin1String("enabled")).toBool(true);
    const QJsonValue plugin = object.value(QLatin1String("plugin_id"));
    script.isPlugin = !plugin.isNull() && !plugin.isUndefined();
    script.json = object;
    return script;
}

std::optional<RemoteGuild> RemoteGuild::fromJson(const QJsonObject& entry) {
    const QJsonObject guild = entry.value(QLatin1String("guild")).toObject();
    const QJsonValue id = guild.value(QLatin1String("id"));
    RemoteGuild result;
    if (id.isString())
        result.id = id.toString();
    else if (id.isDouble())
        result.id = QString::number(static_cast<qint64>(id.toDouble()));
    if (result.id.isEmpty())
        return std::nullopt;
    result.name = guild.value(QLatin1String("name")).toString();
    result.icon = guild.value(QLatin1String("icon")).toString();
    result.connected = entry.value(QLatin1String("connected")).toBool();
    result.owner = guild.value(QLatin1String("owner")).toBool();
    const QJsonValue permissions = guild.value(QLatin1String("permissions"));
    result.permissions = permissions.isString() ? permissions.toString().toULongLong()
                                                : static_cast<quint64>(permissions.toDouble());
    result.guild = guild;
    return result;
}

bool RemoteGuild::canManageScripts() const {
    return owner || (permissions & (kAdministrator | kManageGuild)) != 0;
}

} // namespace botwright::exporting
