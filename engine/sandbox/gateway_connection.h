#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include <deque>
#include <memory>

namespace botwright::protocol {
class ZlibStreamDeflater;
class ZstdStreamCompressor;
} // namespace botwright::protocol

namespace botwright::sandbox {

struct GatewaySession;

// One client socket of the sandbox gateway: its query parameters, transport compressor, send-rate
// window and heartbeat deadline. GatewayServer decides what each frame means.
class GatewayConnection final : public QObject {
    Q_OBJECT
public:
    enum class Compression { None, ZlibStream, ZstdStream };

    GatewayConnection(std::unique_ptr<QWebSocket> socket, QObject* parent);
    ~GatewayConnection() override;

    QWebSocket* socket() const { return m_socket.get(); }
    int id() const { return m_id; }

    // Query parameters (v, encoding, compress) from the upgrade URL; false + reason when unusable.
    bool configureFromUrl(QString* closeReason, int* closeCode);
    Compression compression() const { return m_compression; }
    bool etf() const { return m_etf; }
    int apiVersion() const { return m_version; }

    // Sends one uncompressed JSON frame, encoded and compressed as this socket asked. `splitInto`
    // > 1 sends a compressed payload as that many WebSocket messages.
    void sendFrame(const QByteArray& jsonFrame, int splitInto = 0);
    void closeWith(int code, const QString& reason);
    void dropTcp();
    bool closing() const { return m_closing; }

    // Counts an incoming frame against the send limit; false when the limit is exceeded.
    bool countIncoming(int limit, int windowMs);

    GatewaySession* session = nullptr;
    bool identified = false;
    QTimer heartbeatDeadline;
    qint64 bytesOut = 0;
    qint64 framesOut = 0;

Q_SIGNALS:
    void frameReceived(GatewayConnection* connection, const QByteArray& frame, bool binary);
    void disconnected(GatewayConnection* connection, int closeCode);

private:
    std::unique_ptr<QWebSocket> m_socket;
    int m_id;
    int m_version = 10;
    bool m_etf = false;
    Compression m_compression = Compression::None;
    std::unique_ptr<protocol::ZlibStreamDeflater> m_zlib;
    std::unique_ptr<protocol::ZstdStreamCompressor> m_zstd;
    std::deque<qint64> m_recentFrames;
    QElapsedTimer m_clock;
    bool m_closing = false;
    bool m_closeFrameSeen = false;
};

} // namespace botwright::sandbox
