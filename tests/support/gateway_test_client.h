#pragma once

#include "engine/protocol/zlib_stream.h"
#include "engine/protocol/zstd_stream.h"

#include <QJsonObject>
#include <QList>
#include <QWebSocket>

#include <functional>
#include <memory>

// A minimal scripted gateway client for tests: connects, decompresses (zlib-stream / zstd-stream),
// records every received payload and the close code, and waits for conditions with a timeout.
class GatewayTestClient final : public QObject {
    Q_OBJECT
public:
    explicit GatewayTestClient(QObject* parent = nullptr);

    // `query` is appended to the URL, e.g. "?v=10&encoding=json&compress=zlib-stream".
    bool open(const QString& url, const QString& query, int timeoutMs = 5000);
    void send(const QJsonObject& payload);
    void sendRaw(const QByteArray& text);
    void identify(const QString& token, int intents, int shardId = 0, int shardCount = 1);
    void resume(const QString& token, const QString& sessionId, int seq);
    void abort();
    void close(int code);

    // Waits until `predicate` holds for some received payload at index >= `from`; returns its index or -1.
    int waitFor(const std::function<bool(const QJsonObject&)>& predicate, int timeoutMs = 5000, int from = 0);
    int waitForDispatch(const QString& type, int timeoutMs = 5000, int from = 0);
    int waitForOp(int op, int timeoutMs = 5000, int from = 0);
    bool waitForClose(int timeoutMs = 5000);

    QList<QJsonObject> received;
    QList<QByteArray> rawMessages; // as they arrived on the socket
    int closeCode = -1;
    bool closed = false;
    int lastSeq = 0;
    QString decodeError;

private:
    void onMessage(const QByteArray& bytes, bool binary);

    QWebSocket m_socket;
    QString m_compress;
    bool m_etf = false;
    std::unique_ptr<botwright::protocol::ZlibStreamInflater> m_zlib;
    std::unique_ptr<botwright::protocol::ZstdStreamDecompressor> m_zstd;
};
