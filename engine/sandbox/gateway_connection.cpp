#include "engine/sandbox/gateway_connection.h"

#include "engine/protocol/etf_codec.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/protocol/zlib_stream.h"
#include "engine/protocol/zstd_stream.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <atomic>

namespace botwright::sandbox {

namespace {
std::atomic<int> g_nextConnectionId{1};
}

GatewayConnection::GatewayConnection(std::unique_ptr<QWebSocket> socket, QObject* parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_id(g_nextConnectionId++) {
    m_clock.start();
    heartbeatDeadline.setSingleShot(true);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this,
            [this](const QString& text) { Q_EMIT frameReceived(this, text.toUtf8(), false); });
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray& data) { Q_EMIT frameReceived(this, data, true); });
    // Qt reports close code 1000 for a TCP drop too; only a received close frame (which makes Qt
    // close the socket: aboutToClose) carries the client's real code.
    connect(m_socket.get(), &QWebSocket::aboutToClose, this, [this] { m_closeFrameSeen = true; });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        const int code = m_closing ? -1 : (m_closeFrameSeen ? int(m_socket->closeCode()) : 1006);
        Q_EMIT disconnected(this, code);
    });
}

GatewayConnection::~GatewayConnection() = default;

bool GatewayConnection::configureFromUrl(QString* closeReason, int* closeCode) {
    const QUrlQuery query(m_socket->requestUrl());
    const QString v = query.queryItemValue(QStringLiteral("v"));
    if (!v.isEmpty()) {
        bool ok = false;
        m_version = v.toInt(&ok);
        if (!ok || (m_version != 10 && m_version != 9)) {
            *closeCode = protocol::close_code::InvalidApiVersion;
            *closeReason = protocol::closeCodeReason(*closeCode);
            return false;
        }
    }
    const QString encoding = query.queryItemValue(QStringLiteral("encoding"));
    if (encoding == QStringLiteral("etf")) {
        m_etf = true;
    } else if (!encoding.isEmpty() && encoding != QStringLiteral("json")) {
        *closeCode = protocol::close_code::DecodeError;
        *closeReason = QStringLiteral("Unsupported encoding.");
        return false;
    }
    const QString compress = query.queryItemValue(QStringLiteral("compress"));
    if (compress == QStringLiteral("zlib-stream")) {
        m_compression = Compression::ZlibStream;
        m_zlib = std::make_unique<protocol::ZlibStreamDeflater>(1); // fastest level: loopback favours speed
    } else if (compress == QStringLiteral("zstd-stream")) {
        m_compression = Compression::ZstdStream;
        m_zstd = std::make_unique<protocol::ZstdStreamCompressor>();
    } else if (!compress.isEmpty()) {
        *closeCode = protocol::close_code::DecodeError;
        *closeReason = QStringLiteral("Unsupported compression.");
        return false;
    }
    return true;
}

void GatewayConnection::sendFrame(const QByteArray& jsonFrame, int splitInto) {
    if (m_closing || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    ++framesOut;
    QByteArray payload = jsonFrame;
    if (m_etf)
        payload = protocol::etfEncode(QJsonDocument::fromJson(jsonFrame).object());
    if (m_compression == Compression::None) {
        bytesOut += payload.size();
        if (m_etf)
            m_socket->sendBinaryMessage(payload);
        else
            m_socket->sendTextMessage(QString::fromUtf8(payload));
        return;
    }
    const QByteArray compressed =
        m_compression == Compression::ZlibStream ? m_zlib->compress(payload) : m_zstd->compress(payload);
    bytesOut += compressed.size();
    if (splitInto > 1 && m_compression == Compression::ZlibStream && compressed.size() > splitInto) {
        // Fault: one payload over several messages; only the last one ends in 00 00 FF FF.
        const qsizetype piece = (compressed.size() + splitInto - 1) / splitInto;
        for (qsizetype at = 0; at < compressed.size(); at += piece)
            m_socket->sendBinaryMessage(compressed.mid(at, piece));
        return;
    }
    m_socket->sendBinaryMessage(compressed);
}

void GatewayConnection::closeWith(int code, const QString& reason) {
    if (m_closing)
        return;
    m_closing = true;
    heartbeatDeadline.stop();
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), reason);
}

void GatewayConnection::dropTcp() {
    m_closing = true;
    heartbeatDeadline.stop();
    m_socket->abort();
}

bool GatewayConnection::countIncoming(int limit, int windowMs) {
    const qint64 now = m_clock.elapsed();
    while (!m_recentFrames.empty() && now - m_recentFrames.front() >= windowMs)
        m_recentFrames.pop_front();
    m_recentFrames.push_back(now);
    return static_cast<int>(m_recentFrames.size()) <= limit;
}

} // namespace botwright::sandbox
