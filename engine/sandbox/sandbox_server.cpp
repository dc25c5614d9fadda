#include "engine/sandbox/sandbox_server.h"

#include "engine/sandbox/gateway_server.h"
#include "engine/sandbox/quick_ack_tcp_server.h"
#include "engine/sandbox/rest_api.h"
#include "engine/sandbox/sandbox_http_server.h"
#include "engine/sandbox/simulated_users.h"
#include "engine/sandbox/world_file.h"

#include <QDateTime>
#include <QMetaMethod>
#include <QTcpServer>
#include <QTimer>
#include <QWebSocket>

namespace botwright::sandbox {

SandboxServer::SandboxServer(SandboxOptions options, QObject* parent)
    : QObject(parent)
    , m_options(options) {
    populateDefaultWorld(m_world);
    m_world.setMessageLimit(m_options.maxMessagesPerChannel);
    m_world.files().setCapacity(m_options.attachmentStoreBytes);
    m_rest = std::make_unique<RestApi>(m_world, m_options, m_faults);
    m_gateway = new GatewayServer(m_world, m_options, m_faults, this);
    m_simulatedUsers = new SimulatedUsers(m_world, *m_rest, this);
    m_world.identifiesLeftSource = [this] { return m_gateway->identifiesLeft(); };
    m_listener = m_world.addListener([this](const Dispatch& d) {
        static const QMetaMethod signal = QMetaMethod::fromSignal(&SandboxServer::worldEvent);
        if (isSignalConnected(signal)) // parsing a byte-only payload costs only when someone listens
            Q_EMIT worldEvent(d.type, d.object());
    });
    auto* expiry = new QTimer(this);
    expiry->setInterval(250);
    connect(expiry, &QTimer::timeout, this, &SandboxServer::expireInteractions);
    expiry->start();
}

SandboxServer::~SandboxServer() {
    m_world.removeListener(m_listener);
    delete m_simulatedUsers; // stops listening while the world still exists
    m_simulatedUsers = nullptr;
    m_world.identifiesLeftSource = nullptr;
    delete m_gateway; // closes its sockets while the world still exists
    m_gateway = nullptr;
    m_http.reset();
}

bool SandboxServer::start(quint16 port, QString* error) {
    m_http = std::make_unique<SandboxHttpServer>(*m_rest);
    connect(m_http.get(), &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (m_http->hasPendingWebSocketConnections())
            m_gateway->accept(m_http->nextPendingWebSocketConnection());
    });
    auto* tcp = new QuickAckTcpServer(m_http.get());
    tcp->setMaxPendingConnections(1024);
    if (!tcp->listen(QHostAddress::LocalHost, port)) {
        if (error)
            *error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(tcp->errorString());
        m_http.reset();
        return false;
    }
    m_http->bind(tcp);
    m_port = tcp->serverPort();
    m_rest->setPublicBaseUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
    m_gateway->setPublicUrl(gatewayUrl());
    return true;
}

QString SandboxServer::restBase() const {
    return QStringLiteral("http://127.0.0.1:%1/api").arg(m_port);
}

QString SandboxServer::gatewayUrl() const {
    return QStringLiteral("ws://127.0.0.1:%1").arg(m_port);
}

void SandboxServer::expireInteractions() {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 ackLimit = qint64{m_options.interactionAckWindowMs} + m_options.interactionAckGraceMs;
    auto& all = m_world.interactions();
    for (auto it = all.begin(); it != all.end();) {
        const Interaction& in = it->second;
        const qint64 age = now - in.deliveredAtMs;
        const bool ackExpired = in.callbackType == 0 && age > ackLimit;
        const bool tokenExpired = age > m_options.interactionTokenLifetimeMs;
        if (ackExpired) {
            Dispatch failed;
            failed.type = QStringLiteral("SANDBOX_INTERACTION_FAILED");
            failed.internal = true;
            failed.data = QJsonObject{{QStringLiteral("id"), QString::number(in.id)},
                                      {QStringLiteral("channel_id"), QString::number(in.channelId)},
                                      {QStringLiteral("user_id"), QString::number(in.userId)}};
            m_world.emitDispatch(failed);
        }
        if (ackExpired || tokenExpired)
            it = m_world.forgetInteraction(it);
        else
            ++it;
    }
}

} // namespace botwright::sandbox
