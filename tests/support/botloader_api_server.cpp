#include "tests/support/botloader_api_server.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>

namespace botwright::testing {

namespace {

QByteArray methodName(QHttpServerRequest::Method method) {
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return QByteArrayLiteral("GET");
    case M::Put:
        return QByteArrayLiteral("PUT");
    case M::Delete:
        return QByteArrayLiteral("DELETE");
    case M::Post:
        return QByteArrayLiteral("POST");
    case M::Patch:
        return QByteArrayLiteral("PATCH");
    case M::Head:
        return QByteArrayLiteral("HEAD");
    case M::Options:
        return QByteArrayLiteral("OPTIONS");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

// The descriptions Botloader's ApiErrorResponse prints for the codes used here.
QString describe(int code) {
    switch (code) {
    case 1:
        return QStringLiteral("Session expired");
    case 3:
        return QStringLiteral("internal server error");
    case 4:
        return QStringLiteral("validation failed");
    case 5:
        return QStringLiteral("no active guild");
    case 6:
        return QStringLiteral("not guild admin");
    case 20:
        return QStringLiteral("Script not found");
    default:
        return QStringLiteral("error");
    }
}

} // namespace

BotloaderApiServer::BotloaderApiServer(QObject* parent)
    : QAbstractHttpServer(parent) {}

BotloaderApiServer::~BotloaderApiServer() = default;

bool BotloaderApiServer::listen(quint16 port) {
    m_tcp = new QTcpServer(this);
    if (!m_tcp->listen(QHostAddress::LocalHost, port))
        return false;
    bind(m_tcp);
    return true;
}

QString BotloaderApiServer::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:%1").arg(m_tcp ? m_tcp->serverPort() : 0);
}

void BotloaderApiServer::addApiKey(const QString& key) {
    QMutexLocker lock(&m_mutex);
    m_keys.append(key);
}

QString BotloaderApiServer::addGuild(const QString& name, quint64 permissions, bool connected) {
    QMutexLocker lock(&m_mutex);
    Guild guild;
    guild.id = QString::number(m_nextGuild++);
    guild.name = name;
    guild.permissions = permissions;
    guild.connected = connected;
    m_guilds.insert(guild.id, guild);
    return guild.id;
}

qint64 BotloaderApiServer::addScript(const QString& guild, const QString& name, const QString& source,
                                     bool enabled) {
    QMutexLocker lock(&m_mutex);
    const qint64 id = m_nextScriptId++;
    m_guilds[guild].scripts.insert(id, Script{id, name, source, enabled});
    return id;
}

bool BotloaderApiServer::editScript(const QString& guild, const QString& name, const QString& source) {
    QMutexLocker lock(&m_mutex);
    for (Script& script : m_guilds[guild].scripts)
        if (script.name == name) {
            script.source = source;
            return true;
        }
    return false;
}

bool BotloaderApiServer::removeScript(const QString& guild, const QString& name) {
    QMutexLocker lock(&m_mutex);
    auto& scripts = m_guilds[guild].scripts;
    for (auto it = scripts.begin(); it != scripts.end(); ++it)
        if (it->name == name) {
            scripts.erase(it);
            return true;
        }
    return false;
}

QList<BotloaderApiServer::Script> BotloaderApiServer::scripts(const QString& guild) const {
    QMutexLocker lock(&m_mutex);
    return m_guilds.value(guild).scripts.values();
}

std::optional<BotloaderApiServer::Script> BotloaderApiServer::script(const QString& guild,
                                                                     const QString& name) const {
    QMutexLocker lock(&m_mutex);
    for (const Script& s : m_guilds.value(guild).scripts)
        if (s.name == name)
            return s;
    return std::nullopt;
}

void BotloaderApiServer::addFault(const Fault& fault) {
    QMutexLocker lock(&m_mutex);
    m_faults.append(fault);
}

void BotloaderApiServer::rejectName(const QString& name, const QString& msg) {
    QMutexLocker lock(&m_mutex);
    m_rejectedNames.insert(name, msg);
}

int BotloaderApiServer::reloadCount(const QString& guild) const {
    QMutexLocker lock(&m_mutex);
    return m_guilds.value(guild).reloads;
}

QList<BotloaderApiServer::Request> BotloaderApiServer::requests() const {
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

int BotloaderApiServer::requestCount(const QByteArray& method, const QString& pathPart) const {
    QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const Request& r : m_requests)
        n += r.method == method && r.path.contains(pathPart) ? 1 : 0;
    return n;
}

void BotloaderApiServer::clearRequests() {
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
}

bool BotloaderApiServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) {
    QHash<QByteArray, QByteArray> headers;
    for (const auto& [name, value] : request.headers())
        headers.insert(name.toLower(), value);
    const QByteArray method = methodName(request.method());
    const QString path = request.url().path();
    const QByteArray body = request.body();
    Response response;
    {
        QMutexLocker lock(&m_mutex);
        const std::optional<Fault> fault = takeFault(method, path);
        if (fault && !fault->afterChange) {
            response = fault->body.isEmpty()
                           ? error(fault->status, fault->status == 429 ? 0 : 3,
                                   fault->status == 429 ? QStringLiteral("rate limited") : describe(3))
                           : Response{fault->status, fault->body};
        } else {
            response = route(method, path, headers, body);
            if (fault)
                response = fault->body.isEmpty() ? error(fault->status, 3, describe(3))
                                                 : Response{fault->status, fault->body};
        }
        if (fault && fault->retryAfter >= 0)
            response.headers.append(
                {QByteArrayLiteral("Retry-After"), QByteArray::number(fault->retryAfter)});
        m_requests.append(Request{method, path, headers.value("authorization"), body, response.status});
    }
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    if (!response.body.isEmpty() && !response.contentType.isEmpty())
        responder.writeHeader(QByteArrayLiteral("Content-Type"), response.contentType);
    for (const auto& [name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
    return true;
}

void BotloaderApiServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) {
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}

std::optional<BotloaderApiServer::Fault> BotloaderApiServer::takeFault(const QByteArray& method,
                                                                       const QString& path) {
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        Fault& f = m_faults[i];
        if ((!f.method.isEmpty() && f.method != method) || !path.contains(f.path))
            continue;
        const Fault taken = f;
        if (--f.times <= 0)
            m_faults.removeAt(i);
        return taken;
    }
    return std::nullopt;
}

BotloaderApiServer::Response BotloaderApiServer::error(int status, int code, const QString& description,
                                                       const QJsonValue& extra) {
    // serde_json's to_string of json!({...}): keys in the order given, extra_data null when absent.
    const QJsonObject body{{QStringLiteral("code"), code},
                           {QStringLiteral("description"), description},
                           {QStringLiteral("extra_data"), extra}};
    return Response{status, QJsonDocument(body).toJson(QJsonDocument::Compact)};
}

BotloaderApiServer::Response BotloaderApiServer::json(const QJsonValue& value, int status) {
    const QByteArray bytes = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                             : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return Response{status, bytes};
}

QJsonObject BotloaderApiServer::scriptJson(const Script& script) {
    return QJsonObject{
        {QStringLiteral("id"), static_cast<double>(script.id)},
        {QStringLiteral("name"), script.name},
        {QStringLiteral("original_source"), script.source},
        {QStringLiteral("enabled"), script.enabled},
        {QStringLiteral("contributes"), QJsonObject{{QStringLiteral("commands"), QJsonArray()},
                                                    {QStringLiteral("interval_timers"), QJsonArray()}}},
        {QStringLiteral("plugin_id"), QJsonValue()},
        {QStringLiteral("plugin_auto_update"), QJsonValue()},
        {QStringLiteral("plugin_version_number"), QJsonValue()},
        {QStringLiteral("settings_definitions"), QJsonValue()},
        {QStringLiteral("settings_values"), QJsonArray()},
    };
}

// axum's Json extractor: the content type, then the JSON syntax, then the fields (plain-text bodies).
std::optional<BotloaderApiServer::Response>
BotloaderApiServer::readJsonBody(const QHash<QByteArray, QByteArray>& headers, const QByteArray& body,
                                 QJsonObject* object) {
    if (!headers.value("content-type").startsWith("application/json"))
        return Response{415, QByteArrayLiteral("Expected request with `Content-Type: application/json`"),
                        "text/plain; charset=utf-8"};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Response{400, "Failed to parse the request body as JSON: " + parseError.errorString().toUtf8(),
                        "text/plain; charset=utf-8"};
    if (!document.isObject())
        return Response{
            422,
            QByteArrayLiteral("Failed to deserialize the JSON body into the target type: invalid type: "
                              "expected struct"),
            "text/plain; charset=utf-8"};
    *object = document.object();
    return std::nullopt;
}

QJsonArray BotloaderApiServer::validate(const std::optional<QString>& name,
                                        const std::optional<QString>& source) const {
    QJsonArray errors;
    const auto add = [&errors](const QString& field, const QString& msg) {
        errors.append(QJsonObject{{QStringLiteral("field"), field}, {QStringLiteral("msg"), msg}});
    };
    if (name) {
        // check_script_name: at most 32 chars, and ^[\w_-]*$ (an empty name passes, as upstream).
        static const QRegularExpression rule(QStringLiteral("^[\\w_-]*$"),
                                             QRegularExpression::UseUnicodePropertiesOption);
        if (name->toUcs4().size() > 32)
            add(QStringLiteral("name"), QStringLiteral("name can be max 32 characters long"));
        if (!rule.match(*name).hasMatch())
            add(QStringLiteral("name"), QStringLiteral("name can only contain 'a-z', '-' and '_'"));
        if (const auto it = m_rejectedNames.constFind(*name); it != m_rejectedNames.cend())
            add(QStringLiteral("name"), *it);
    }
    if (source && source->toUtf8().size() > 100000)
        add(QStringLiteral("original_source"), QStringLiteral("source can be max 100KiB"));
    return errors;
}

BotloaderApiServer::Response BotloaderApiServer::route(const QByteArray& method, const QString& path,
                                                       const QHash<QByteArray, QByteArray>& headers,
                                                       const QByteArray& body) {
    QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.value(0) != QLatin1String("api") || parts.value(1) != QLatin1String("guilds"))
        return Response{404, {}, {}};
    // RequireAuthLayer: no session (a missing or unknown key) is "Session expired".
    if (!m_keys.contains(QString::fromUtf8(headers.value("authorization"))))
        return error(400, 1, describe(1));
    if (parts.size() == 2) {
        if (method != "GET")
            return Response{405, {}, {}};
        QJsonArray list;
        for (const Guild& g : std::as_const(m_guilds))
            list.append(
                QJsonObject{{QStringLiteral("connected"), g.connected},
                            {QStringLiteral("guild"),
                             QJsonObject{{QStringLiteral("id"), g.id},
                                         {QStringLiteral("name"), g.name},
                                         {QStringLiteral("icon"), QJsonValue()},
                                         {QStringLiteral("owner"), false},
                                         {QStringLiteral("permissions"), QString::number(g.permissions)},
                                         {QStringLiteral("features"), QJsonArray()}}}});
        return json(QJsonObject{{QStringLiteral("guilds"), list}});
    }
    // current_guild_injector + require_current_guild_admin.
    const auto guild = m_guilds.find(parts[2]);
    if (guild == m_guilds.end())
        return error(400, 5, describe(5));
    if ((guild->permissions & (kAdministrator | kManageGuild)) == 0)
        return error(403, 6, describe(6));
    return guildRoute(method, *guild, parts.mid(3), headers, body);
}

BotloaderApiServer::Response BotloaderApiServer::guildRoute(const QByteArray& method, Guild& guild,
                                                            const QStringList& rest,
                                                            const QHash<QByteArray, QByteArray>& headers,
                                                            const QByteArray& body) {
    if (rest == QStringList{QStringLiteral("reload_vm")}) {
        if (method != "POST")
            return Response{405, {}, {}};
        ++guild.reloads;
        return Response{204, {}, {}};
    }
    if (rest.value(0) != QLatin1String("scripts") || rest.size() > 2)
        return Response{404, {}, {}};

    if (rest.size() == 1) {
        if (method == "GET") {
            QJsonArray list;
            for (const Script& s : std::as_const(guild.scripts))
                list.append(scriptJson(s));
            return json(list);
        }
        if (method != "PUT")
            return Response{405, {}, {}};
        QJsonObject object;
        if (std::optional<Response> rejected = readJsonBody(headers, body, &object))
            return *rejected;
        for (const char* field : {"name", "original_source", "enabled"}) {
            if (!object.contains(QLatin1String(field)))
                return Response{422,
                                "Failed to deserialize the JSON body into the target type: missing field `" +
                                    QByteArray(field) + "`",
                                "text/plain; charset=utf-8"};
        }
        const QString name = object.value(QLatin1String("name")).toString();
        const QString source = object.value(QLatin1String("original_source")).toString();
        if (const QJsonArray errors = validate(name, source); !errors.isEmpty())
            return error(400, 4, describe(4), errors);
        for (const Script& s : std::as_const(guild.scripts))
            if (s.name == name)
                return error(
                    400, 4, describe(4),
                    QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("name")},
                                           {QStringLiteral("msg"), QStringLiteral("Name already taken")}}});
        const Script script{m_nextScriptId++, name, source, object.value(QLatin1String("enabled")).toBool()};
        guild.scripts.insert(script.id, script); // creating does not reload the VM
        return json(scriptJson(script));
    }

    bool isNumber = false;
    const qint64 id = rest[1].toLongLong(&isNumber);
    if (!isNumber)
        return Response{400, QByteArrayLiteral("Invalid URL: Cannot parse `script_id`"),
                        "text/plain; charset=utf-8"};
    const auto it = guild.scripts.find(id);
    if (method == "PATCH") {
        QJsonObject object;
        if (std::optional<Response> rejected = readJsonBody(headers, body, &object))
            return *rejected;
        if (it == guild.scripts.end())
            return error(400, 20, describe(20));
        std::optional<QString> name;
        std::optional<QString> source;
        if (object.contains(QLatin1String("name")) && !object.value(QLatin1String("name")).isNull())
            name = object.value(QLatin1String("name")).toString();
        if (object.contains(QLatin1String("original_source")) &&
            !object.value(QLatin1String("original_source")).isNull())
            source = object.value(QLatin1String("original_source")).toString();
        if (const QJsonArray errors = validate(name, source); !errors.isEmpty())
            return error(400, 4, describe(4), errors);
        if (name)
            for (const Script& s : std::as_const(guild.scripts))
                if (s.name == *name && s.id != id)
                    return error(500, 3, describe(3)); // the store's unique constraint
        if (name)
            it->name = *name;
        if (source)
            it->source = *source;
        if (object.value(QLatin1String("enabled")).isBool())
            it->enabled = object.value(QLatin1String("enabled")).toBool();
        ++guild.reloads; // update_guild_script reloads the guild's VM
        return json(scriptJson(*it));
    }
    if (method == "DELETE") {
        if (it == guild.scripts.end())
            return error(500, 3, describe(3)); // upstream maps "not found" to an internal error here
        const Script removed = *it;
        guild.scripts.erase(it); // deleting does not reload the VM
        return json(scriptJson(removed));
    }
    return Response{405, {}, {}};
}

} // namespace botwright::testing
