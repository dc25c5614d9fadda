#include "engine/runtime/command_sync.h"

#include "engine/rest/rest_client.h"

#include <QJsonDocument>

namespace botwright::runtime {

namespace {

int optionType(const QString& kind) {
    static const QHash<QString, int> types{{QStringLiteral("String"), 3},      {QStringLiteral("Integer"), 4},
                                           {QStringLiteral("Boolean"), 5},     {QStringLiteral("User"), 6},
                                           {QStringLiteral("Channel"), 7},     {QStringLiteral("Role"), 8},
                                           {QStringLiteral("Mentionable"), 9}, {QStringLiteral("Number"), 10},
                                           {QStringLiteral("Attachment"), 11}};
    return types.value(kind, 3);
}

int channelType(const QString& kind) {
    static const QHash<QString, int> types{{QStringLiteral("Text"), 0},
                                           {QStringLiteral("Voice"), 2},
                                           {QStringLiteral("Category"), 4},
                                           {QStringLiteral("News"), 5},
                                           {QStringLiteral("NewsThread"), 10},
                                           {QStringLiteral("PublicThread"), 11},
                                           {QStringLiteral("PrivateThread"), 12},
                                           {QStringLiteral("StageVoice"), 13},
                                           {QStringLiteral("GuildDirectory"), 14},
                                           {QStringLiteral("Forum"), 15},
                                           {QStringLiteral("Media"), 16}};
    return types.value(kind, 0);
}

QJsonObject option(const QJsonObject& o) {
    QJsonObject out{{QStringLiteral("type"), optionType(o.value(QStringLiteral("kind")).toString())},
                    {QStringLiteral("name"), o.value(QStringLiteral("name"))},
                    {QStringLiteral("description"), o.value(QStringLiteral("description"))},
                    {QStringLiteral("required"), o.value(QStringLiteral("required")).toBool(true)}};
    const QJsonObject extra = o.value(QStringLiteral("extraOptions")).toObject();
    if (extra.contains(QStringLiteral("minValue")))
        out.insert(QStringLiteral("min_value"), extra.value(QStringLiteral("minValue")));
    if (extra.contains(QStringLiteral("maxValue")))
        out.insert(QStringLiteral("max_value"), extra.value(QStringLiteral("maxValue")));
    if (extra.contains(QStringLiteral("choices")))
        out.insert(QStringLiteral("choices"), extra.value(QStringLiteral("choices")));
    if (extra.contains(QStringLiteral("channelTypes"))) {
        QJsonArray types;
        for (const QJsonValue t : extra.value(QStringLiteral("channelTypes")).toArray())
            types.append(channelType(t.toString()));
        out.insert(QStringLiteral("channel_types"), types);
    }
    if (o.value(QStringLiteral("autocompleteEnabled")).toBool())
        out.insert(QStringLiteral("autocomplete"), true);
    return out;
}

QJsonArray options(const QJsonObject& command) {
    QJsonArray out;
    for (const QJsonValue o : command.value(QStringLiteral("options")).toArray())
        out.append(option(o.toObject()));
    return out;
}

void setPermissions(QJsonObject& out, const QJsonObject& from) {
    if (from.contains(QStringLiteral("defaultMemberPermissions")))
        out.insert(QStringLiteral("default_member_permissions"),
                   from.value(QStringLiteral("defaultMemberPermissions")));
}

qsizetype indexByName(const QJsonArray& list, const QString& name) {
    for (qsizetype i = 0; i < list.size(); ++i)
        if (list.at(i).toObject().value(QStringLiteral("name")).toString() == name)
            return i;
    return -1;
}

} // namespace

CommandSync::CommandSync(rest::RestClient* rest, QObject* parent)
    : QObject(parent)
    , m_rest(rest) {}

void CommandSync::setTarget(const QString& applicationId, const QString& guildId) {
    m_app = applicationId;
    m_guild = guildId;
}

void CommandSync::addMeta(const QJsonObject& meta) {
    for (const QJsonValue c : meta.value(QStringLiteral("commands")).toArray())
        m_commands.append(c);
    for (const QJsonValue g : meta.value(QStringLiteral("commandGroups")).toArray())
        m_groups.append(g);
}

QJsonArray CommandSync::toDiscord(const QJsonArray& commands, const QJsonArray& groups) {
    QJsonArray out;
    // Groups first (merged by name across scripts: the first description wins), then their members.
    QJsonArray merged;
    for (const QJsonValue v : groups) {
        const QJsonObject g = v.toObject();
        const QString name = g.value(QStringLiteral("name")).toString();
        const qsizetype at = indexByName(merged, name);
        QJsonObject entry = at >= 0 ? merged.at(at).toObject() : g;
        QJsonArray subs = at >= 0 ? entry.value(QStringLiteral("subGroups")).toArray() : QJsonArray();
        for (const QJsonValue s : g.value(QStringLiteral("subGroups")).toArray())
            if (indexByName(subs, s.toObject().value(QStringLiteral("name")).toString()) < 0)
                subs.append(s);
        entry.insert(QStringLiteral("subGroups"), subs);
        if (g.contains(QStringLiteral("defaultMemberPermissions")))
            entry.insert(QStringLiteral("defaultMemberPermissions"),
                         g.value(QStringLiteral("defaultMemberPermissions")));
        if (at >= 0)
            merged[at] = entry;
        else
            merged.append(entry);
    }
    for (const QJsonValue v : merged) {
        const QJsonObject g = v.toObject();
        const QString name = g.value(QStringLiteral("name")).toString();
        QJsonArray children;
        for (const QJsonValue s : g.value(QStringLiteral("subGroups")).toArray()) {
            const QString sub = s.toObject().value(QStringLiteral("name")).toString();
            QJsonArray subCommands;
            for (const QJsonValue c : commands) {
                const QJsonObject cmd = c.toObject();
                if (cmd.value(QStringLiteral("group")).toString() == name &&
                    cmd.value(QStringLiteral("subGroup")).toString() == sub)
                    subCommands.append(
                        QJsonObject{{QStringLiteral("type"), 1},
                                    {QStringLiteral("name"), cmd.value(QStringLiteral("name"))},
                                    {QStringLiteral("description"), cmd.value(QStringLiteral("description"))},
                                    {QStringLiteral("options"), options(cmd)}});
            }
            children.append(QJsonObject{
                {QStringLiteral("type"), 2},
                {QStringLiteral("name"), sub},
                {QStringLiteral("description"), s.toObject().value(QStringLiteral("description"))},
                {QStringLiteral("options"), subCommands}});
        }
        for (const QJsonValue c : commands) {
            const QJsonObject cmd = c.toObject();
            if (cmd.value(QStringLiteral("group")).toString() == name &&
                !cmd.contains(QStringLiteral("subGroup")))
                children.append(
                    QJsonObject{{QStringLiteral("type"), 1},
                                {QStringLiteral("name"), cmd.value(QStringLiteral("name"))},
                                {QStringLiteral("description"), cmd.value(QStringLiteral("description"))},
                                {QStringLiteral("options"), options(cmd)}});
        }
        QJsonObject top{{QStringLiteral("type"), 1},
                        {QStringLiteral("name"), name},
                        {QStringLiteral("description"), g.value(QStringLiteral("description"))},
                        {QStringLiteral("options"), children}};
        setPermissions(top, g);
        out.append(top);
    }
    for (const QJsonValue c : commands) {
        const QJsonObject cmd = c.toObject();
        if (cmd.contains(QStringLiteral("group")))
            continue;
        const QString kind = cmd.value(QStringLiteral("kind")).toString();
        QJsonObject entry{{QStringLiteral("name"), cmd.value(QStringLiteral("name"))}};
        if (kind == QLatin1StringView("User") || kind == QLatin1StringView("Message")) {
            entry.insert(QStringLiteral("type"), kind == QLatin1StringView("User") ? 2 : 3);
        } else {
            entry.insert(QStringLiteral("type"), 1);
            entry.insert(QStringLiteral("description"), cmd.value(QStringLiteral("description")));
            entry.insert(QStringLiteral("options"), options(cmd));
        }
        setPermissions(entry, cmd);
        out.append(entry);
    }
    return out;
}

void CommandSync::flush() {
    const QJsonArray body = toDiscord(m_commands, m_groups);
    m_commands = {};
    m_groups = {};
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (m_app.isEmpty() || m_guild.isEmpty() || (m_sentOnce && json == m_lastSent))
        return;
    m_lastSent = json;
    m_sentOnce = true;
    rest::RestRequest request;
    request.method = rest::HttpMethod::Put;
    request.path = QStringLiteral("/applications/%1/guilds/%2/commands").arg(m_app, m_guild);
    request.jsonBody = json;
    const int count = static_cast<int>(body.size());
    m_rest->request(request, this, [this, count](const rest::RestResponse& response) {
        if (response.ok()) {
            Q_EMIT synced(count);
        } else {
            m_sentOnce = false; // try again after the next load
            Q_EMIT failed(response.errorMessage);
        }
    });
}

} // namespace botwright::runtime
