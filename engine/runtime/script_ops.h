#pragma once

#include "engine/pipeline/transformer.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

namespace botwright::project {
class StorageDatabase;
}
namespace botwright::rest {
class RestClient;
}

namespace botwright::runtime {

class HttpOps;

// What an op answers: a JSON value, or an error under a host error-class name (botloader-sdk.md §12).
struct OpReply {
    bool ok = true;
    QByteArray valueJson; // "null" when empty
    QString errorClass;
    QString message;

    static OpReply value(QByteArray json) { return OpReply{true, std::move(json), {}, {}}; }
    static OpReply error(QString errorClass, QString message) {
        return OpReply{false, {}, std::move(errorClass), std::move(message)};
    }
};

// Serves the script VM's ops (the SDK's discord_* and storage_* calls): checks that every channel
// belongs to the project's guild (§8.1), calls Discord or the sandbox through the rate-limited
// RestClient, turns results into SDK shapes with the pipeline's transformer, and runs storage ops
// on the project's SQLite file; http_request goes to HttpOps. Lives on the runtime's thread.
class ScriptOps final : public QObject {
    Q_OBJECT
public:
    using Reply = std::function<void(const OpReply&)>;
    ScriptOps(rest::RestClient* rest, project::StorageDatabase* storage, QObject* parent = nullptr);

    void setGuildId(quint64 guildId);
    // The application (for interaction webhooks and command registration); READY names it.
    void setApplicationId(const QString& applicationId) { m_app = applicationId; }
    void handle(const QString& op, const QByteArray& argsJson, Reply reply);
    static bool isKnownOp(const QString& op);

private:
    void discord(const QString& op, const QJsonObject& args, Reply reply);
    // Runs `then` once `channelId` is known to belong to the guild; answers NotFound otherwise.
    void withGuildChannel(const QString& channelId, Reply reply, std::function<void()> then);
    void restCall(int method, const QString& path, const QByteArray& body, pipeline::Model model,
                  bool hasResult, Reply reply, const QString& auditReason = {});
    // The table of plain REST ops (script_ops_table.cpp) and the ops that need more than one call or
    // reshape a result (script_ops_extra.cpp); false when `op` is not theirs.
    bool tableOp(const QString& op, const QJsonObject& args, const Reply& reply);
    bool extraOp(const QString& op, const QJsonObject& args, const Reply& reply);
    void memberPermissions(const QJsonObject& args, const Reply& reply);
    // GETs `path` and runs `then` when the JSON's guild (at `guildKey`) is the project's guild.
    void requireOwnedByGuild(const QString& path, const char* guildKey, const QString& refusal, Reply reply,
                             std::function<void()> then);
    void getMembers(const QJsonArray& ids, Reply reply);

    rest::RestClient* m_rest;
    project::StorageDatabase* m_storage;
    quint64 m_guildId = 0;
    QString m_guild;
    QString m_app;
    QHash<QString, bool> m_channelInGuild;
    HttpOps* m_http = nullptr; // the scripts' HttpClient (http_request), made on first use; a child
};

} // namespace botwright::runtime
