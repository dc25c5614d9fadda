#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>

// Blocking (event-loop driven) HTTP calls for tests against a real loopback server.
struct RestTestReply {
    int status = 0;
    QJsonDocument json;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QJsonObject object() const { return json.object(); }
    QByteArray header(const QByteArray& name) const;
};

class RestTestClient final {
public:
    explicit RestTestClient(QString restBase)
        : m_base(std::move(restBase)) {}
    // `auth` is the whole Authorization value ("Bot <token>" or a user token); empty = none.
    RestTestReply call(const QByteArray& method, const QString& path, const QString& auth,
                       const QJsonDocument& body = {}, const QByteArray& contentType = "application/json");

private:
    QString m_base;
    QNetworkAccessManager m_manager;
};
