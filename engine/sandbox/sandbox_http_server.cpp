#include "engine/sandbox/sandbox_http_server.h"

#include "engine/sandbox/rest_api.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

namespace botwright::sandbox {

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
    case M::Head:
        return QByteArrayLiteral("HEAD");
    case M::Options:
        return QByteArrayLiteral("OPTIONS");
    case M::Patch:
        return QByteArrayLiteral("PATCH");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}
} // namespace

SandboxHttpServer::SandboxHttpServer(RestApi& api, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_api(api) {}

bool SandboxHttpServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) {
    // Qt 6.4 offers upgrade requests here first; answering nothing lets its WebSocket server take
    // the socket over (the gateway accepts upgrades on any path).
    if (request.value(QByteArrayLiteral("upgrade"))
            .compare(QByteArrayLiteral("websocket"), Qt::CaseInsensitive) == 0)
        return true;
    RestRequest rest;
    rest.query = request.query();
    for (const auto& [name, value] : request.headers())
        rest.headers.insert(name.toLower(), value);
    rest.body = request.body();
    const RestResponse response =
        m_api.handle(methodName(request.method()), request.url().path(), std::move(rest));

    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    for (const auto& [name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(response.body.size()));
    responder.writeHeader(QByteArrayLiteral("Via"), QByteArrayLiteral("1.1 botwright-sandbox"));
    responder.writeBody(response.body);
    return true;
}

void SandboxHttpServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) {
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace botwright::sandbox
