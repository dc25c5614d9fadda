#include "engine/sandbox/command_validation.h"

#include "engine/sandbox/api_error.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace botwright::sandbox {

namespace {

QString join(const QString& path, const QString& key) {
    return path.isEmpty() ? key : path + u'.' + key;
}

[[noreturn]] void invalid(const QString& field, const QString& code, const QString& message) {
    throw ApiError::invalidField(field, code, message);
}

void checkName(const QJsonObject& o, const QString& path, bool lowercase) {
    static const QRegularExpression rule(QStringLiteral("^[-_'\\p{L}\\p{N}\\p{Devanagari}\\p{Thai}]{1,32}$"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    const QString name = o.value(QStringLiteral("name")).toString();
    if (name.isEmpty())
        invalid(join(path, QStringLiteral("name")), QStringLiteral("BASE_TYPE_REQUIRED"),
                QStringLiteral("This field is required"));
    if (lowercase && (!rule.match(name).hasMatch() || name != name.toLower()))
        invalid(join(path, QStringLiteral("name")), QStringLiteral("APPLICATION_COMMAND_INVALID_NAME"),
                QStringLiteral("Command name is invalid"));
    if (!lowercase && (name.size() > 32))
        invalid(join(path, QStringLiteral("name")), QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                QStringLiteral("Must be between 1 and 32 in length."));
}

void checkDescription(const QJsonObject& o, const QString& path) {
    const QString description = o.value(QStringLiteral("description")).toString();
    if (description.isEmpty() || description.size() > 100)
        invalid(join(path, QStringLiteral("description")), QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                QStringLiteral("Must be between 1 and 100 in length."));
}

QJsonArray checkOptions(const QJsonArray& options, const QString& path, int depth) {
    if (options.size() > 25)
        invalid(path, QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                QStringLiteral("Must be 25 or fewer in length."));
    QJsonArray out;
    bool optionalSeen = false;
    QStringList names;
    for (qsizetype i = 0; i < options.size(); ++i) {
        const QString at = join(path, QString::number(i));
        QJsonObject o = options[i].toObject();
        const int type = o.value(QStringLiteral("type")).toInt(0);
        if (type < 1 || type > 11)
            invalid(join(at, QStringLiteral("type")), QStringLiteral("BASE_TYPE_CHOICES"),
                    QStringLiteral("Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}."));
        checkName(o, at, true);
        checkDescription(o, at);
        const QString name = o.value(QStringLiteral("name")).toString();
        if (names.contains(name))
            invalid(join(at, QStringLiteral("name")),
                    QStringLiteral("APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS"),
                    QStringLiteral("Option names must be unique"));
        names.append(name);
        const bool required = o.value(QStringLiteral("required")).toBool(false);
        if (required && optionalSeen)
            invalid(join(at, QStringLiteral("required")),
                    QStringLiteral("APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID"),
                    QStringLiteral("Required options must be placed before non-required options"));
        optionalSeen = optionalSeen || !required;
        if (type == 1 || type == 2) {
            if (depth >= 2 || (type == 2 && depth >= 1))
                invalid(join(at, QStringLiteral("type")),
                        QStringLiteral("APPLICATION_COMMAND_OPTION_TYPE_INVALID"),
                        QStringLiteral("Sub-commands nest at most two levels"));
            o.insert(QStringLiteral("options"), checkOptions(o.value(QStringLiteral("options")).toArray(),
                                                             join(at, QStringLiteral("options")), depth + 1));
        }
        const QJsonArray choices = o.value(QStringLiteral("choices")).toArray();
        if (choices.size() > 25)
            invalid(join(at, QStringLiteral("choices")), QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                    QStringLiteral("Must be 25 or fewer in length."));
        if (!choices.isEmpty() && o.value(QStringLiteral("autocomplete")).toBool())
            invalid(join(at, QStringLiteral("autocomplete")),
                    QStringLiteral("APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES"),
                    QStringLiteral("Autocomplete cannot be set with choices"));
        for (qsizetype c = 0; c < choices.size(); ++c) {
            const QJsonObject choice = choices[c].toObject();
            const QString cname = choice.value(QStringLiteral("name")).toString();
            if (cname.isEmpty() || cname.size() > 100)
                invalid(
                    join(join(at, QStringLiteral("choices.") + QString::number(c)), QStringLiteral("name")),
                    QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                    QStringLiteral("Must be between 1 and 100 in length."));
            if (!choice.contains(QStringLiteral("value")))
                invalid(
                    join(join(at, QStringLiteral("choices.") + QString::number(c)), QStringLiteral("value")),
                    QStringLiteral("BASE_TYPE_REQUIRED"), QStringLiteral("This field is required"));
        }
        out.append(o);
    }
    return out;
}

} // namespace

QJsonObject validateCommand(const QJsonObject& body, const QString& path) {
    QJsonObject d = body;
    const int type = d.value(QStringLiteral("type")).toInt(1);
    if (type < 1 || type > 4)
        invalid(join(path, QStringLiteral("type")), QStringLiteral("BASE_TYPE_CHOICES"),
                QStringLiteral("Value must be one of {1, 2, 3, 4}."));
    d.insert(QStringLiteral("type"), type);
    checkName(d, path, type == 1);
    if (type == 1) {
        checkDescription(d, path);
    } else {
        d.insert(QStringLiteral("description"), QString());
        if (d.contains(QStringLiteral("options")))
            invalid(join(path, QStringLiteral("options")),
                    QStringLiteral("APPLICATION_COMMAND_OPTIONS_INVALID"),
                    QStringLiteral("Context menu commands take no options"));
    }
    if (d.contains(QStringLiteral("options")))
        d.insert(QStringLiteral("options"), checkOptions(d.value(QStringLiteral("options")).toArray(),
                                                         join(path, QStringLiteral("options")), 0));
    d.remove(QStringLiteral("id"));
    d.remove(QStringLiteral("application_id"));
    d.remove(QStringLiteral("version"));
    d.remove(QStringLiteral("guild_id"));
    if (!d.contains(QStringLiteral("default_member_permissions")))
        d.insert(QStringLiteral("default_member_permissions"), QJsonValue::Null);
    if (!d.contains(QStringLiteral("nsfw")))
        d.insert(QStringLiteral("nsfw"), false);
    if (!d.contains(QStringLiteral("contexts")))
        d.insert(QStringLiteral("contexts"), QJsonValue::Null);
    if (!d.contains(QStringLiteral("integration_types")))
        d.insert(QStringLiteral("integration_types"), QJsonArray{0});
    return d;
}

} // namespace botwright::sandbox
