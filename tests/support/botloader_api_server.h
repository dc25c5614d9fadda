#pragma once
// A local implementation of the parts of Botloader's web API that a script workspace uses, for tests
// and benchmarks. It follows the behaviour of Botloader's backend (components/webapi): the routes,
// the `{code, description, extra_data}` error bodies with their codes and statuses, script
// validation with its exact messages, "Name already taken", update (not create or delete) reloading
// the VM, and its quirks (a delete of a missing script is an internal error). It is not a mock of
// the studio's client: it never looks at who is calling, only at what the API says.
//
// Faults can be injected per request (a 500 once, a 429 with Retry-After, a 503 after the change
// was made, a refused name) to exercise retries and partial failures.

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QString>

#include <optional>

class QTcpServer;

namespace botwright::testing {

class BotloaderApiServer final : public QAbstractHttpServer {
    Q_OBJECT
public:
    static constexpr quint64 kAdministrator = 0x8;
    static constexpr quint64 kManageGuild = 0x20;

    struct Script {
        qint64 id = 0;
        QString name;
        QString source;
        bool enabled = true;
    };
    struct Request {
        QByteArray method;
        QString path;
        QByteArray authorization;
        QByteArray body;
        int status = 0;
    };
    // The next `times` requests whose method matches (empty: any) and whose path contains `path`
    // are answered with `status` (and `retryAfter` seconds in Retry-After when >= 0). With
    // `afterChange`, the request is carried out first and only the answer is replaced (a failure the
    // client cannot tell from one before the change).
    struct Fault {
        QByteArray method;
        QString path;
        int status = 500;
        int times = 1;
        double retryAfter = -1;
        bool afterChange = false;
        QByteArray body; // empty: Botloader's error body for the status
    };

    explicit BotloaderApiServer(QObject* parent = nullptr);
    ~BotloaderApiServer() override;

    bool listen(quint16 port = 0); // on 127.0.0.1
    QString baseUrl() const;       // "http://127.0.0.1:<port>"

    // API keys; every key sees every guild (as one user in all of them).
    void addApiKey(const QString& key);
    // Returns the guild id (a snowflake). `permissions` as Discord's bitfield; `connected`: the bot is in it.
    QString addGuild(const QString& name, quint64 permissions = kAdministrator, bool connected = true);

    qint64 addScript(const QString& guild, const QString& name, const QString& source, bool enabled = true);
    // Server-side edits, as if made on botloader.io.
    bool editScript(const QString& guild, const QString& name, const QString& source);
    bool removeScript(const QString& guild, const QString& name);
    QList<Script> scripts(const QString& guild) const;
    std::optional<Script> script(const QString& guild, const QString& name) const;

    void addFault(const Fault& fault);
    // Creates and renames to `name` are refused with a validation error naming `msg`.
    void rejectName(const QString& name, const QString& msg = QStringLiteral("name is reserved"));

    int reloadCount(const QString& guild) const;
    QList<Request> requests() const;
    int requestCount(const QByteArray& method, const QString& pathPart = {}) const;
    void clearRequests();

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    struct Response {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    struct Guild {
        QString id;
        QString name;
        quint64 permissions = 0;
        bool connected = true;
        QMap<qint64, Script> scripts;
        int reloads = 0;
    };

    Response route(const QByteArray& method, const QString& path,
                   const QHash<QByteArray, QByteArray>& headers, const QByteArray& body);
    Response guildRoute(const QByteArray& method, Guild& guild, const QStringList& rest,
                        const QHash<QByteArray, QByteArray>& headers, const QByteArray& body);
    std::optional<Fault> takeFault(const QByteArray& method, const QString& path);
    QJsonArray validate(const std::optional<QString>& name, const std::optional<QString>& source) const;
    static QJsonObject scriptJson(const Script& script);
    static Response error(int status, int code, const QString& description,
                          const QJsonValue& extra = QJsonValue());
    static Response json(const QJsonValue& value, int status = 200);
    static std::optional<Response> readJsonBody(const QHash<QByteArray, QByteArray>& headers,
                                                const QByteArray& body, QJsonObject* object);

    mutable QMutex m_mutex; // state may be read from another thread (benchmarks)
    QTcpServer* m_tcp = nullptr;
    QList<QString> m_keys;
    QMap<QString, Guild> m_guilds;
    QList<Fault> m_faults;
    QHash<QString, QString> m_rejectedNames;
    QList<Request> m_requests;
    qint64 m_nextScriptId = 1;
    quint64 m_nextGuild = 1100000000000000000ULL;
};

} // namespace botwright::testing
