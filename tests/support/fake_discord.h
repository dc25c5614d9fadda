#pragma once
// A scripted Discord for REST client tests: a real Qt HttpServer on loopback that records every
// request and answers with `answer(request, index)`.

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>

#include <functional>

class FakeDiscord final : public QAbstractHttpServer {
public:
    struct Seen {
        QByteArray method;
        QString path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        qint64 atMs = 0;
        QByteArray header(const QByteArray& name) const {
            for (const auto& [key, value] : headers)
                if (key.compare(name, Qt::CaseInsensitive) == 0)
                    return value;
            return {};
        }
    };
    struct Answer {
        int status = 200;
        QByteArray body = QByteArrayLiteral("{}");
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    std::function<Answer(const Seen&, int)> answer = [](const Seen&, int) { return Answer{}; };
    QList<Seen> seen;

    FakeDiscord() {
        m_port = listen(QHostAddress::LocalHost, 0);
        m_clock.start();
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1/api").arg(m_port); }
    qint64 now() const { return m_clock.elapsed(); }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override {
        using M = QHttpServerRequest::Method;
        Seen s;
        s.method = request.method() == M::Get      ? "GET"
                   : request.method() == M::Post   ? "POST"
                   : request.method() == M::Put    ? "PUT"
                   : request.method() == M::Patch  ? "PATCH"
                   : request.method() == M::Delete ? "DELETE"
                                                   : "OTHER";
        s.path = request.url().path();
        s.headers = request.headers();
        s.body = request.body();
        s.atMs = now();
        seen.append(s);
        const Answer a = answer(s, static_cast<int>(seen.size()) - 1);
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(a.status));
        responder.writeHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
        for (const auto& [name, value] : a.headers)
            responder.writeHeader(name, value);
        responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(a.body.size()));
        responder.writeBody(a.body);
        return true;
    }
    void missingHandler(const QHttpServerRequest&, QTcpSocket*) override {}

private:
    quint16 m_port = 0;
    QElapsedTimer m_clock;
};
