#pragma once

#include <QTcpServer>

namespace botwright::sandbox {

// The sandbox's listening socket. On Linux every accepted connection acknowledges received data at
// once (TCP_QUICKACK, renewed on each read): clients that leave Nagle's algorithm on — Qt's network
// access manager among them — would otherwise hold the tail of a large request (a file upload) until
// the kernel's delayed ACK fires, adding ~40 ms per upload on a kept-alive connection.
class QuickAckTcpServer final : public QTcpServer {
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr socketDescriptor) override;
};

} // namespace botwright::sandbox
