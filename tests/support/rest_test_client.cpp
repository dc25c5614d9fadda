#include "tests/support/rest_test_client.h"

#include <QBuffer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QTimer>

QByteArray RestTestReply::header(const QByteArray& name) const {
    for (const auto& [key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

RestTestReply RestTestClient::call(const QByteArray& method, const QString& path, const QString& auth,
                                   const QJsonDocument& body, const QByteArray& contentType) {
    QNetworkRequest request(QUrl(m_base + path));
    if (!auth.isEmpty())
        request.setRawHeader("Authorization", auth.toUtf8());
    const QByteArray payload = body.isNull() ? QByteArray() : body.toJson(QJsonDocument::Compact);
    if (!payload.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    auto* buffer = new QBuffer;
    buffer->setData(payload);
    buffer->open(QIODevice::ReadOnly);
    QNetworkReply* reply = m_manager.sendCustomRequest(request, method, buffer);
    buffer->setParent(reply);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    RestTestReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.json = QJsonDocument::fromJson(out.body);
    out.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return out;
}
