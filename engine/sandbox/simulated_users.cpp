#include "engine/sandbox/simulated_users.h"

#include "engine/sandbox/dispatch.h"
#include "engine/sandbox/rest_api.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_file.h"

#include <QJsonDocument>
#include <QTimer>

namespace botwright::sandbox {

namespace {

using Trigger = SimulatedAction::Trigger;

const std::pair<const char*, Trigger> kTriggers[] = {{"command", Trigger::Command},
                                                     {"bot_message", Trigger::BotMessage},
                                                     {"component", Trigger::Component},
                                                     {"modal", Trigger::Modal},
                                                     {"after", Trigger::After}};

QString id(protocol::Snowflake v) {
    return QString::number(v);
}

// The first component (at any depth) whose custom_id starts with `prefix`.
QJsonObject findComponent(const QJsonArray& components, const QString& prefix) {
    for (const QJsonValue v : components) {
        const QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("custom_id")).toString().startsWith(prefix) &&
            c.contains(QStringLiteral("custom_id")))
            return c;
        for (const char* key : {"components", "accessory", "component"}) {
            const QJsonValue child = c.value(QLatin1StringView(key));
            if (!child.isArray() && !child.isObject())
                continue;
            const QJsonObject found =
                findComponent(child.isArray() ? child.toArray() : QJsonArray{child}, prefix);
            if (!found.isEmpty())
                return found;
        }
    }
    return {};
}

QByteArray substitute(QByteArray text, const QHash<QString, QString>& context) {
    for (auto it = context.begin(); it != context.end(); ++it)
        text.replace(QByteArray("{" + it.key().toUtf8() + "}"), it.value().toUtf8());
    return text;
}

} // namespace

std::vector<SimulatedAction> readSimulatedActions(const QJsonArray& list, const QString& path) {
    std::vector<SimulatedAction> out;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = QStringLiteral("%1[%2]").arg(path).arg(i);
        const QJsonObject o = list.at(i).toObject();
        const auto fail = [&at](const QString& key, const QString& why) {
            throw WorldFileError(QStringLiteral("%1.%2: %3").arg(at, key, why));
        };
        if (!list.at(i).isObject())
            throw WorldFileError(at + QStringLiteral(": must be an object"));
        SimulatedAction a;
        a.name = o.value(QStringLiteral("name")).toString(QStringLiteral("action %1").arg(i));
        const auto user = protocol::parseSnowflake(o.value(QStringLiteral("user_id")).toString());
        if (!user)
            fail(QStringLiteral("user_id"), QStringLiteral("required snowflake is missing"));
        a.userId = *user;
        if (o.contains(QStringLiteral("channel_id"))) {
            const auto channel = protocol::parseSnowflake(o.value(QStringLiteral("channel_id")).toString());
            if (!channel)
                fail(QStringLiteral("channel_id"),
                     QStringLiteral("not a snowflake (write ids as decimal strings)"));
            a.channelId = *channel;
        }
        const QJsonObject when = o.value(QStringLiteral("when")).toObject();
        bool found = false;
        for (const auto& [key, trigger] : kTriggers)
            if (when.value(QLatin1StringView(key)).isString()) {
                a.trigger = trigger;
                a.match = when.value(QLatin1StringView(key)).toString();
                found = true;
            }
        if (!found || when.size() != 1)
            fail(QStringLiteral("when"),
                 QStringLiteral("must be one of {\"command\"|\"bot_message\"|\"component\"|"
                                "\"modal\"|\"after\": text}"));
        a.interaction = o.value(QStringLiteral("interaction")).toObject();
        a.request = o.value(QStringLiteral("request")).toObject();
        if (a.interaction.isEmpty() == a.request.isEmpty())
            fail(QStringLiteral("interaction"),
                 QStringLiteral("give exactly one of `interaction` and `request`"));
        if (!a.request.isEmpty() && (!a.request.value(QStringLiteral("method")).isString() ||
                                     !a.request.value(QStringLiteral("path")).toString().startsWith(u'/')))
            fail(QStringLiteral("request"), QStringLiteral("needs `method` and a `path` starting with /"));
        a.delayMs = o.value(QStringLiteral("delay_ms")).toInt(0);
        out.push_back(std::move(a));
    }
    return out;
}

QJsonArray writeSimulatedActions(const std::vector<SimulatedAction>& actions) {
    QJsonArray out;
    for (const SimulatedAction& a : actions) {
        QJsonObject o{{QStringLiteral("name"), a.name}, {QStringLiteral("user_id"), id(a.userId)}};
        for (const auto& [key, trigger] : kTriggers)
            if (trigger == a.trigger)
                o.insert(QStringLiteral("when"), QJsonObject{{QLatin1StringView(key), a.match}});
        if (a.channelId)
            o.insert(QStringLiteral("channel_id"), id(a.channelId));
        if (!a.interaction.isEmpty())
            o.insert(QStringLiteral("interaction"), a.interaction);
        if (!a.request.isEmpty())
            o.insert(QStringLiteral("request"), a.request);
        if (a.delayMs)
            o.insert(QStringLiteral("delay_ms"), a.delayMs);
        out.append(o);
    }
    return out;
}

SimulatedUsers::SimulatedUsers(World& world, RestApi& rest, QObject* parent)
    : QObject(parent)
    , m_world(world)
    , m_rest(rest) {
    m_listener = m_world.addListener([this](const Dispatch& d) { onDispatch(d); });
}

SimulatedUsers::~SimulatedUsers() {
    m_world.removeListener(m_listener);
}

void SimulatedUsers::onDispatch(const Dispatch& d) {
    if (d.type == QLatin1StringView("SANDBOX_COMMANDS_UPDATE")) {
        checkCommands();
        return;
    }
    const bool message =
        d.type == QLatin1StringView("MESSAGE_CREATE") || d.type == QLatin1StringView("MESSAGE_UPDATE");
    const bool modal = d.type == QLatin1StringView("SANDBOX_MODAL");
    if (!message && !modal)
        return;
    const QJsonObject o = d.object();
    if (message && o.value(QStringLiteral("author")).toObject().value(QStringLiteral("id")).toString() !=
                       id(m_world.botId()))
        return;
    const QString channelId = o.value(QStringLiteral("channel_id")).toString();
    for (SimulatedAction& a : m_world.simulatedActions()) {
        if (a.done || (a.channelId && id(a.channelId) != channelId))
            continue;
        Context ctx{{QStringLiteral("channel_id"), channelId}};
        if (modal && a.trigger == Trigger::Modal) {
            const QJsonObject m = o.value(QStringLiteral("modal")).toObject();
            const QString customId = m.value(QStringLiteral("custom_id")).toString();
            if (!customId.startsWith(a.match) ||
                o.value(QStringLiteral("user_id")).toString() != id(a.userId))
                continue;
            ctx.insert(QStringLiteral("custom_id"), customId);
            ctx.insert(QStringLiteral("message_id"), o.value(QStringLiteral("message_id")).toString());
            fire(a, ctx);
        } else if (message && a.trigger == Trigger::BotMessage &&
                   o.value(QStringLiteral("content")).toString().contains(a.match)) {
            ctx.insert(QStringLiteral("message_id"), o.value(QStringLiteral("id")).toString());
            const QStringList words =
                o.value(QStringLiteral("content")).toString().split(u' ', Qt::SkipEmptyParts);
            ctx.insert(QStringLiteral("last_word"), words.isEmpty() ? QString() : words.last());
            fire(a, ctx);
        } else if (message && a.trigger == Trigger::Component) {
            const QJsonObject c = findComponent(o.value(QStringLiteral("components")).toArray(), a.match);
            if (c.isEmpty())
                continue;
            ctx.insert(QStringLiteral("message_id"), o.value(QStringLiteral("id")).toString());
            ctx.insert(QStringLiteral("custom_id"), c.value(QStringLiteral("custom_id")).toString());
            ctx.insert(QStringLiteral("component_type"),
                       QString::number(c.value(QStringLiteral("type")).toInt()));
            fire(a, ctx);
        }
    }
}

void SimulatedUsers::checkCommands() {
    for (SimulatedAction& a : m_world.simulatedActions()) {
        if (a.done || a.trigger != Trigger::Command)
            continue;
        const Channel* channel = m_world.channel(a.channelId);
        for (const auto& [commandId, cmd] : m_world.commands()) {
            if (cmd.definition.value(QStringLiteral("name")).toString() != a.match ||
                (cmd.guildId && channel && cmd.guildId != channel->guildId))
                continue;
            fire(a, Context{{QStringLiteral("command_id"), id(commandId)},
                            {QStringLiteral("channel_id"), id(a.channelId)}});
            break;
        }
    }
}

void SimulatedUsers::fire(SimulatedAction& action, Context context) {
    action.done = true;
    const QString name = action.name;
    // Later, from the event loop: never inside the world operation that triggered it.
    QTimer::singleShot(action.delayMs, this, [this, name, context] {
        for (const SimulatedAction& a : m_world.simulatedActions())
            if (a.name == name) {
                perform(a, context);
                return;
            }
    });
}

void SimulatedUsers::perform(const SimulatedAction& action, const Context& ctx) {
    const User* user = m_world.user(action.userId);
    if (!user) {
        Q_EMIT actionRan(action.name, 0, QStringLiteral("no user %1 in the world").arg(action.userId));
        return;
    }
    Context context = ctx;
    if (action.channelId)
        context.insert(QStringLiteral("channel_id"), id(action.channelId));
    if (const Channel* c = m_world.channel(context.value(QStringLiteral("channel_id")).toULongLong()))
        context.insert(QStringLiteral("guild_id"), id(c->guildId));
    RestRequest request;
    request.headers.insert("authorization", user->token.toUtf8());
    request.headers.insert("content-type", "application/json");
    QByteArray method = "POST";
    QString path = QStringLiteral("/api/v10/interactions");
    if (!action.interaction.isEmpty()) {
        QJsonObject body = action.interaction;
        QJsonObject data = body.value(QStringLiteral("data")).toObject();
        const int type = body.value(QStringLiteral("type")).toInt();
        body.insert(QStringLiteral("channel_id"), context.value(QStringLiteral("channel_id")));
        if ((type == 2 || type == 4) && !data.contains(QStringLiteral("id"))) {
            QString commandId = context.value(QStringLiteral("command_id"));
            for (const auto& [cid, cmd] : m_world.commands())
                if (commandId.isEmpty() &&
                    cmd.definition.value(QStringLiteral("name")) == data.value(QStringLiteral("name")))
                    commandId = id(cid);
            data.insert(QStringLiteral("id"), commandId);
        }
        if ((type == 3 || type == 5) && !data.contains(QStringLiteral("custom_id")))
            data.insert(QStringLiteral("custom_id"), context.value(QStringLiteral("custom_id")));
        if (type == 3 && !data.contains(QStringLiteral("component_type")))
            data.insert(QStringLiteral("component_type"),
                        context.value(QStringLiteral("component_type")).toInt());
        if ((type == 3 || type == 5) && !body.contains(QStringLiteral("message_id")) &&
            !context.value(QStringLiteral("message_id")).isEmpty())
            body.insert(QStringLiteral("message_id"), context.value(QStringLiteral("message_id")));
        body.insert(QStringLiteral("data"), data);
        request.body = substitute(QJsonDocument(body).toJson(QJsonDocument::Compact), context);
    } else {
        method = action.request.value(QStringLiteral("method")).toString().toUpper().toLatin1();
        path = QStringLiteral("/api/v10") +
               QString::fromUtf8(
                   substitute(action.request.value(QStringLiteral("path")).toString().toUtf8(), context));
        const QJsonValue body = action.request.value(QStringLiteral("body"));
        if (body.isObject())
            request.body = substitute(QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact), context);
        else if (body.isArray())
            request.body = substitute(QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact), context);
    }
    if (const qsizetype q = path.indexOf(u'?'); q >= 0) {
        request.query = QUrlQuery(path.mid(q + 1));
        path.truncate(q);
    }
    const RestResponse response = m_rest.handle(method, path, request);
    const bool ok = response.status >= 200 && response.status < 300;
    Q_EMIT actionRan(action.name, response.status, ok ? QString() : QString::fromUtf8(response.body));
    if (!ok)
        return;
    for (SimulatedAction& next : m_world.simulatedActions())
        if (!next.done && next.trigger == Trigger::After && next.match == action.name)
            fire(next, context);
}

} // namespace botwright::sandbox
