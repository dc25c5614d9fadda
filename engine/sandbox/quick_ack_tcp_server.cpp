#include "engine/sandbox/quick_ack_tcp_server.h"

#include <QTcpSocket>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

namespace botwright::sandbox {

namespace {

void acknowledgeNow([[maybe_unused]] qintptr descriptor) {
#ifdef Q_OS_LINUX
    const int on = 1;
    ::setsockopt(static_cast<int>(descriptor), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#endif
}

} // namespace

void QuickAckTcpServer::incomingConnection(qintptr socketDescriptor) {
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    acknowledgeNow(socketDescriptor);
    // Connected before the HTTP server's own handler, so the ACK leaves before the data is parsed.
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { acknowledgeNow(socket->socketDescriptor()); });
    addPendingConnection(socket);
}

} // namespace botwright::sandbox
