#pragma once

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QList>

class QTcpServer;

namespace botwright::test {

// A small HTTP server on loopback for the scripts' HttpClient tests (Qt HttpServer does the HTTP):
//   GET /json     200 {"greeting":"hello","n":42} as application/json
//   GET /text     200 "text for <X-Test header> ✓" as text/plain
//   any /echo     200 {"method","contentType","body"}: what the request carried
//   GET /image.png  200 an 8x8 PNG as image/png
//   GET /missing  404 "nothing here";  GET /fail  500
//   GET /count    200 {"requests": N}, N the requests before this one
// It records when each request arrived (ms on its own monotonic clock).
class HttpTestServer final : public QAbstractHttpServer {
    Q_OBJECT
public:
    explicit HttpTestServer(QObject* parent = nullptr);
    bool listen();
    QString baseUrl() const;
    QList<qint64> arrivals() const { return m_arrivals; }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    QTcpServer* m_tcp = nullptr;
    QElapsedTimer m_clock;
    QList<qint64> m_arrivals;
};

} // namespace botwright::test
