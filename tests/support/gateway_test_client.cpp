#include "tests/support/gateway_test_client.h"

#include "engine/protocol/etf_codec.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

using namespace botwright::protocol;

GatewayTestClient::GatewayTestClient(QObject* parent)
    : QObject(parent) {
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString& text) { onMessage(text.toUtf8(), false); });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray& data) { onMessage(data, true); });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        closed = true;
        closeCode = m_socket.closeCode();
    });
}

bool GatewayTestClient::open(const QString& url, const QString& query, int timeoutMs) {
    m_compress = QUrlQuery(query.mid(1)).queryItemValue(QStringLiteral("compress"));
    m_etf = QUrlQuery(query.mid(1)).queryItemValue(QStringLiteral("encoding")) == QStringLiteral("etf");
    if (m_compress == QStringLiteral("zlib-stream"))
        m_zlib = std::make_unique<ZlibStreamInflater>();
    else if (m_compress == QStringLiteral("zstd-stream"))
        m_zstd = std::make_unique<ZstdStreamDecompressor>();
    received.clear();
    closed = false;
    closeCode = -1;
    m_socket.open(QUrl(url + query));
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState || closed; },
                           timeoutMs) &&
           !closed;
}

void GatewayTestClient::onMessage(const QByteArray& bytes, bool binary) {
    rawMessages.append(bytes);
    QByteArray payload = bytes;
    if (binary && (m_zlib || m_zstd)) {
        const DecompressResult r = m_zlib ? m_zlib->feed(bytes) : m_zstd->feed(bytes);
        if (r.status == DecompressStatus::NeedMore)
            return;
        if (r.status == DecompressStatus::Error) {
            decodeError = r.error;
            return;
        }
        payload = r.payload;
    }
    QJsonObject o;
    if (m_etf) {
        const EtfDecodeResult decoded = etfDecode(payload);
        if (!decoded.ok)
            decodeError = decoded.error;
        o = decoded.value.toObject();
    } else {
        o = QJsonDocument::fromJson(payload).object();
    }
    if (o.value(QStringLiteral("s")).isDouble())
        lastSeq = o.value(QStringLiteral("s")).toInt();
    received.append(o);
}

void GatewayTestClient::send(const QJsonObject& payload) {
    if (m_etf) {
        m_socket.sendBinaryMessage(etfEncode(payload));
        return;
    }
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
}

void GatewayTestClient::sendRaw(const QByteArray& text) {
    m_socket.sendTextMessage(QString::fromUtf8(text));
}

void GatewayTestClient::identify(const QString& token, int intents, int shardId, int shardCount) {
    send(QJsonObject{{QStringLiteral("op"), 2},
                     {QStringLiteral("d"),
                      QJsonObject{{QStringLiteral("token"), token},
                                  {QStringLiteral("intents"), intents},
                                  {QStringLiteral("shard"), QJsonArray{shardId, shardCount}},
                                  {QStringLiteral("properties"),
                                   QJsonObject{{QStringLiteral("os"), QStringLiteral("linux")},
                                               {QStringLiteral("browser"), QStringLiteral("test")},
                                               {QStringLiteral("device"), QStringLiteral("test")}}}}}});
}

void GatewayTestClient::resume(const QString& token, const QString& sessionId, int seq) {
    send(QJsonObject{{QStringLiteral("op"), 6},
                     {QStringLiteral("d"), QJsonObject{{QStringLiteral("token"), token},
                                                       {QStringLiteral("session_id"), sessionId},
                                                       {QStringLiteral("seq"), seq}}}});
}

void GatewayTestClient::abort() {
    m_socket.abort();
}

void GatewayTestClient::close(int code) {
    m_socket.close(static_cast<QWebSocketProtocol::CloseCode>(code));
}

int GatewayTestClient::waitFor(const std::function<bool(const QJsonObject&)>& predicate, int timeoutMs,
                               int from) {
    int found = -1;
    [[maybe_unused]] const bool done = QTest::qWaitFor(
        [&] {
            for (int i = from; i < received.size(); ++i)
                if (predicate(received[i])) {
                    found = i;
                    return true;
                }
            return false;
        },
        timeoutMs);
    return found;
}

int GatewayTestClient::waitForDispatch(const QString& type, int timeoutMs, int from) {
    return waitFor([&type](const QJsonObject& o) { return o.value(QStringLiteral("t")).toString() == type; },
                   timeoutMs, from);
}

int GatewayTestClient::waitForOp(int op, int timeoutMs, int from) {
    return waitFor([op](const QJsonObject& o) { return o.value(QStringLiteral("op")).toInt() == op; },
                   timeoutMs, from);
}

bool GatewayTestClient::waitForClose(int timeoutMs) {
    return QTest::qWaitFor([this] { return closed; }, timeoutMs);
}
