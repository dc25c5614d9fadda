// SandboxClient's REST calls: what Discord's own client sends when a person writes, reacts, runs a
// command, clicks a component or submits a modal.
#include "app/studio/sandbox_client.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

namespace botwright::studio {

namespace {

QString str(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : (v.isDouble() ? QString::number(v.toInteger()) : QString());
}

bool sameEmoji(const QJsonObject& a, const QJsonObject& b) {
    const QString idA = str(a, "id"), idB = str(b, "id");
    return idA.isEmpty() && idB.isEmpty() ? str(a, "name") == str(b, "name") : idA == idB;
}

// The first concrete reason inside Discord's nested "errors" tree, as "path: message".
QString firstFieldError(const QJsonObject& tree, const QString& path) {
    for (auto it = tree.begin(); it != tree.end(); ++it) {
        if (it.key() == QLatin1String("_errors")) {
            const QJsonObject first = it.value().toArray().first().toObject();
            return path.isEmpty() ? str(first, "message")
                                  : path + QStringLiteral(": ") + str(first, "message");
        }
        const QString found =
            firstFieldError(it.value().toObject(), path.isEmpty() ? it.key() : path + u'.' + it.key());
        if (!found.isEmpty())
            return found;
    }
    return {};
}

} // namespace

void SandboxClient::request(const QByteArray& verb, const QString& path, const QString& authorization,
                            const QJsonValue& body, const QString& what, const Done& done,
                            const QList<rest::RestFile>& files) {
    if (m_restBase.isEmpty()) {
        Q_EMIT requestFailed(what, tr("The local Discord is not running yet"), 0);
        return;
    }
    QNetworkRequest req(QUrl(m_restBase + QStringLiteral("/v10") + path));
    req.setRawHeader("Authorization", authorization.toUtf8());
    req.setRawHeader("User-Agent", "BotwrightStudio (sandbox dock)");
    req.setTransferTimeout(15000);
    QByteArray bytes;
    if (!body.isUndefined()) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        bytes = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                               : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    }
    if (!files.isEmpty()) { // an upload: the JSON goes as payload_json
        const rest::MultipartWriter form(bytes, files);
        req.setHeader(QNetworkRequest::ContentTypeHeader, form.contentType());
        bytes = form.body();
    }
    QNetworkReply* reply = m_network->sendCustomRequest(req, verb, bytes);
    connect(reply, &QNetworkReply::finished, this, [this, reply, what, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll());
        if (status >= 200 && status < 300) {
            if (done)
                done(doc.isArray() ? QJsonObject{{QStringLiteral("items"), doc.array()}} : doc.object());
            return;
        }
        const QJsonObject error = doc.object();
        QString message = str(error, "message");
        if (message.isEmpty())
            message = status ? QStringLiteral("HTTP %1").arg(status) : reply->errorString();
        const QString detail = firstFieldError(error.value(QStringLiteral("errors")).toObject(), {});
        if (!detail.isEmpty())
            message += QStringLiteral(" — ") + detail;
        Q_EMIT requestFailed(what, message, error.value(QStringLiteral("code")).toInt());
    });
}

const SandboxUser* SandboxClient::actor(const QString& userId) const {
    const SandboxUser* u = user(userId);
    return u && !u->bot && !u->token.isEmpty() ? u : nullptr;
}

std::optional<QList<rest::RestFile>> SandboxClient::readFiles(const QStringList& paths, const QString& what) {
    QList<rest::RestFile> files;
    for (const QString& path : paths) {
        QFile file(path);
        if (file.size() > 25ll * 1024 * 1024 || !file.open(QIODevice::ReadOnly)) {
            Q_EMIT requestFailed(what,
                                 file.size() > 25ll * 1024 * 1024
                                     ? tr("%1 is larger than Discord's 25 MB").arg(QFileInfo(path).fileName())
                                     : tr("cannot read %1: %2").arg(path, file.errorString()),
                                 0);
            return std::nullopt;
        }
        files.append(
            rest::RestFile{static_cast<int>(files.size()), QFileInfo(path).fileName(), {}, file.readAll()});
    }
    return files;
}

void SandboxClient::sendMessage(const QString& channelId, const QString& content, const QString& replyTo,
                                const QStringList& paths) {
    const SandboxUser* me = actor(m_currentUser);
    if (!me)
        return Q_EMIT requestFailed(tr("Send"), tr("Choose who sends the message"), 0);
    const std::optional<QList<rest::RestFile>> files = readFiles(paths, tr("Send"));
    if (!files)
        return;
    QJsonObject body{{QStringLiteral("content"), content}};
    if (!replyTo.isEmpty())
        body.insert(QStringLiteral("message_reference"),
                    QJsonObject{{QStringLiteral("message_id"), replyTo}});
    QJsonArray attachments;
    for (const rest::RestFile& f : *files)
        attachments.append(
            QJsonObject{{QStringLiteral("id"), f.id}, {QStringLiteral("filename"), f.filename}});
    if (!attachments.isEmpty())
        body.insert(QStringLiteral("attachments"), attachments);
    request("POST", QStringLiteral("/channels/%1/messages").arg(channelId), me->token, body, tr("Send"), {},
            *files);
}

void SandboxClient::toggleReaction(const QString& channelId, const QString& messageId,
                                   const QJsonObject& emoji) {
    const SandboxUser* me = actor(m_currentUser);
    if (!me)
        return;
    const QString name =
        str(emoji, "id").isEmpty() ? str(emoji, "name") : str(emoji, "name") + u':' + str(emoji, "id");
    bool mine = false;
    if (const QJsonObject* m = message(channelId, messageId))
        for (const QJsonValue r : reactionsFor(*m))
            if (sameEmoji(r[u"emoji"].toObject(), emoji))
                mine = r[u"me"].toBool();
    const QString path = QStringLiteral("/channels/%1/messages/%2/reactions/%3/@me")
                             .arg(channelId, messageId, QString::fromLatin1(QUrl::toPercentEncoding(name)));
    request(mine ? "DELETE" : "PUT", path, me->token, QJsonValue::Undefined, tr("Reaction"), {});
}

void SandboxClient::setVoiceChannel(const QString& guildId, const QString& channelId) {
    const SandboxUser* me = actor(m_currentUser);
    if (!me)
        return;
    const QJsonObject body{{QStringLiteral("channel_id"), channelId.isEmpty() ? QJsonValue() : channelId}};
    request("PUT", QStringLiteral("/sandbox/guilds/%1/voice-states/@me").arg(guildId), me->token, body,
            channelId.isEmpty() ? tr("Leaving voice") : tr("Joining voice"), {});
}

void SandboxClient::fetchMessages(const QString& channelId) {
    const SandboxUser* me = actor(m_currentUser);
    if (!me)
        return;
    request("GET", QStringLiteral("/channels/%1/messages?limit=50").arg(channelId), me->token,
            QJsonValue::Undefined, tr("Messages"), [this, channelId](const QJsonObject& reply) {
                const QJsonArray items = reply.value(QStringLiteral("items")).toArray();
                for (qsizetype i = items.size() - 1; i >= 0; --i) {
                    const QJsonObject m = items[i].toObject();
                    if (!message(channelId, str(m, "id")))
                        applyMessage(m, false);
                }
            });
}

void SandboxClient::fetchMembers(const QString& guildId) {
    const SandboxUser* me = actor(m_currentUser);
    if (!me || !m_guilds.contains(guildId))
        return;
    request("GET", QStringLiteral("/guilds/%1/members?limit=1000").arg(guildId), me->token,
            QJsonValue::Undefined, tr("Members"), [this, guildId](const QJsonObject& reply) {
                if (!m_guilds.contains(guildId))
                    return;
                m_guilds[guildId].members.clear();
                for (const QJsonValue v : reply.value(QStringLiteral("items")).toArray()) {
                    QJsonObject member = v.toObject();
                    member.insert(QStringLiteral("guild_id"), guildId);
                    applyMember(member, false);
                }
            });
}

void SandboxClient::fetchCommands(const QString& guildId) {
    const SandboxUser* me = actor(m_currentUser);
    if (!me || m_applicationId.isEmpty())
        return;
    QStringList paths{QStringLiteral("/applications/%1/commands").arg(m_applicationId)};
    if (!guildId.isEmpty())
        paths.append(QStringLiteral("/applications/%1/guilds/%2/commands").arg(m_applicationId, guildId));
    for (const QString& path : paths) {
        const QString scope = path.contains(QStringLiteral("/guilds/")) ? guildId : QString();
        request("GET", path, me->token, QJsonValue::Undefined, tr("Commands"),
                [this, scope](const QJsonObject& reply) {
                    for (auto it = m_commands.begin(); it != m_commands.end();)
                        it = str(*it, "guild_id") == scope ? m_commands.erase(it) : std::next(it);
                    for (const QJsonValue v : reply.value(QStringLiteral("items")).toArray())
                        m_commands.insert(str(v.toObject(), "id"), v.toObject());
                    Q_EMIT commandsChanged();
                });
    }
}

void SandboxClient::interact(const QString& userId, QJsonObject body, const QString& what, const Done& done,
                             const QList<rest::RestFile>& files) {
    const SandboxUser* who = actor(userId);
    if (!who)
        return Q_EMIT requestFailed(what, tr("Choose who acts"), 0);
    const SandboxChannel* c = channel(str(body, "channel_id"));
    if (c && !c->guildId.isEmpty())
        body.insert(QStringLiteral("guild_id"), c->guildId);
    request("POST", QStringLiteral("/interactions"), who->token, body, what, done, files);
}

void SandboxClient::runCommand(const QString& channelId, const QJsonObject& command,
                               const QJsonArray& options, const QStringList& paths) {
    QJsonObject data{{QStringLiteral("id"), str(command, "id")},
                     {QStringLiteral("name"), str(command, "name")},
                     {QStringLiteral("type"), 1}};
    if (!options.isEmpty())
        data.insert(QStringLiteral("options"), options);
    const QString name = QStringLiteral("/") + str(command, "name");
    const std::optional<QList<rest::RestFile>> files = readFiles(paths, name);
    if (!files)
        return;
    QJsonArray attachments; // as Discord's client: ids as strings, named by the options' values
    for (const rest::RestFile& f : *files)
        attachments.append(QJsonObject{{QStringLiteral("id"), QString::number(f.id)},
                                       {QStringLiteral("filename"), f.filename}});
    if (!attachments.isEmpty())
        data.insert(QStringLiteral("attachments"), attachments);
    interact(
        m_currentUser,
        QJsonObject{{QStringLiteral("type"), 2},
                    {QStringLiteral("channel_id"), channelId},
                    {QStringLiteral("data"), data}},
        name,
        [this, name](const QJsonObject&) {
            Q_EMIT notice(
                tr("%1 sent as %2 — waiting for the bot…").arg(name, displayName(m_currentUser, {})));
        },
        *files);
}

void SandboxClient::autocomplete(const QString& channelId, const QJsonObject& command,
                                 const QJsonArray& options, const Done& done) {
    const QJsonObject data{{QStringLiteral("id"), str(command, "id")},
                           {QStringLiteral("name"), str(command, "name")},
                           {QStringLiteral("type"), 1},
                           {QStringLiteral("options"), options}};
    interact(m_currentUser,
             QJsonObject{{QStringLiteral("type"), 4},
                         {QStringLiteral("channel_id"), channelId},
                         {QStringLiteral("data"), data}},
             tr("Autocomplete"), done);
}

void SandboxClient::clickButton(const QString& channelId, const QString& messageId, const QString& customId) {
    chooseInSelect(channelId, messageId, customId, 2, {});
}

void SandboxClient::chooseInSelect(const QString& channelId, const QString& messageId,
                                   const QString& customId, int componentType, const QStringList& values) {
    QJsonObject data{{QStringLiteral("component_type"), componentType},
                     {QStringLiteral("custom_id"), customId}};
    if (componentType != 2)
        data.insert(QStringLiteral("values"), QJsonArray::fromStringList(values));
    interact(m_currentUser,
             QJsonObject{{QStringLiteral("type"), 3},
                         {QStringLiteral("channel_id"), channelId},
                         {QStringLiteral("message_id"), messageId},
                         {QStringLiteral("data"), data}},
             componentType == 2 ? tr("Button") : tr("Select menu"));
}

void SandboxClient::submitModal(const QString& userId, const QString& channelId, const QString& messageId,
                                const QString& customId, const QJsonArray& components) {
    QJsonObject body{{QStringLiteral("type"), 5},
                     {QStringLiteral("channel_id"), channelId},
                     {QStringLiteral("data"), QJsonObject{{QStringLiteral("custom_id"), customId},
                                                          {QStringLiteral("components"), components}}}};
    if (!messageId.isEmpty())
        body.insert(QStringLiteral("message_id"), messageId);
    interact(userId, body, tr("Modal"));
}

} // namespace botwright::studio
