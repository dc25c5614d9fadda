#include "tests/support/http_test_server.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QTcpServer>

namespace botwright::test {

HttpTestServer::HttpTestServer(QObject* parent)
    : QAbstractHttpServer(parent) {
    m_clock.start();
}

bool HttpTestServer::listen() {
    m_tcp = new QTcpServer(this);
    if (!m_tcp->listen(QHostAddress::LocalHost, 0))
        return false;
    bind(m_tcp);
    return true;
}

QString HttpTestServer::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:%1").arg(m_tcp ? m_tcp->serverPort() : 0);
}

bool HttpTestServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) {
    const QString path = request.url().path();
    int status = 200;
    QByteArray type = "text/plain; charset=utf-8";
    QByteArray body;
    if (path == QLatin1StringView("/count")) {
        type = "application/json";
        body = QJsonDocument(QJsonObject{{QStringLiteral("requests"), m_arrivals.size()}}).toJson();
    } else {
        m_arrivals.append(m_clock.elapsed());
        if (path == QLatin1StringView("/json")) {
            type = "application/json";
            body = R"({"greeting":"hello","n":42})";
        } else if (path == QLatin1StringView("/text")) {
            body = "text for " + request.value("X-Test") + " \xE2\x9C\x93";
        } else if (path == QLatin1StringView("/echo")) {
            type = "application/json";
            const QByteArray method = QByteArray(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(
                                                     static_cast<int>(request.method())))
                                          .toUpper();
            body = QJsonDocument(QJsonObject{{QStringLiteral("method"), QString::fromLatin1(method)},
                                             {QStringLiteral("contentType"),
                                              QString::fromLatin1(request.value("Content-Type"))},
                                             {QStringLiteral("body"), QString::fromUtf8(request.body())}})
                       .toJson(QJsonDocument::Compact);
        } else if (path == QLatin1StringView("/image.png")) {
            type = "image/png"; // 8x8: red, green, blue and white quadrants
            body = QByteArray::fromBase64(
                "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAGUlEQVR42mP4z8DwHxljgTRXgCaP"
                "AeigAADMMJ9hK4UmRgAAAABJRU5ErkJggg==");
        } else if (path == QLatin1StringView("/missing")) {
            status = 404;
            body = "nothing here";
        } else if (path == QLatin1StringView("/fail")) {
            status = 500;
            body = "broken";
        } else {
            return false;
        }
    }
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(body, type, static_cast<QHttpServerResponder::StatusCode>(status));
    return true;
}

void HttpTestServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) {
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace botwright::test
