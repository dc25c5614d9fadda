#pragma once

#include "engine/runtime/script_ops.h"

#include <QJsonObject>
#include <QObject>

class QNetworkAccessManager;

namespace botwright::runtime {

class OpPacer;

struct HttpOpsOptions {
    int minIntervalMs = 1000; // Botloader's free plan: 1 request per second; later calls wait their turn
    int timeoutMs = 30000;    // the whole exchange, from sending to the last body byte
    qint64 maxResponseBytes = 8 * 1024 * 1024;
    qint64 maxRequestBytes = 8 * 1024 * 1024;
};

// The scripts' HttpClient (botloader-sdk.md §7.1) on the host: the `http_request` op
// {method, path, headers, bodyBase64?} → {statusCode, headers, bodyBase64}. Only absolute http and
// https URLs; requests start at most once per `minIntervalMs` in the order they were made (waiting,
// never refused); a non-2xx status is an answer, not an error; a network failure, a timeout or a
// response larger than the cap is an Error. Header names in answers are lower case. Lives on the
// runtime's thread, with its own QNetworkAccessManager (so scripts reach the network through here only).
class HttpOps final : public QObject {
    Q_OBJECT
public:
    explicit HttpOps(HttpOpsOptions options = {}, QObject* parent = nullptr);
    ~HttpOps() override;

    static bool isHttpOp(const QString& op) { return op == QLatin1StringView("http_request"); }
    void request(const QJsonObject& args, ScriptOps::Reply reply);
    // Requests waiting for their turn under the rate limit.
    int waiting() const;

private:
    struct Call;
    void send(const std::shared_ptr<Call>& call);

    HttpOpsOptions m_options;
    QNetworkAccessManager* m_network;
    OpPacer* m_pacer;
};

} // namespace botwright::runtime
