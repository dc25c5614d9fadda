#pragma once

#include <QAbstractHttpServer>

#include <functional>

namespace botwright::sandbox {

class RestApi;

// Qt HttpServer front for RestApi: converts each request, writes status, headers and body.
// WebSocket upgrades are handed to Qt's WebSocket server (newWebSocketConnection).
class SandboxHttpServer final : public QAbstractHttpServer {
    Q_OBJECT
public:
    explicit SandboxHttpServer(RestApi& api, QObject* parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    RestApi& m_api;
};

} // namespace botwright::sandbox
