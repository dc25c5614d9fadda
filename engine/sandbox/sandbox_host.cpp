#include "engine/sandbox/sandbox_host.h"

#include "engine/sandbox/sandbox_server.h"
#include "engine/sandbox/world_file.h"

#include <QMetaObject>

namespace botwright::sandbox {

SandboxHost::SandboxHost(QObject* parent)
    : QObject(parent) {
    m_thread.setObjectName(QStringLiteral("botwright-sandbox"));
}

SandboxHost::~SandboxHost() {
    if (m_server)
        QMetaObject::invokeMethod(
            m_server, [server = m_server] { delete server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SandboxHost::start(quint16 port, SandboxOptions options) {
    if (m_server)
        return;
    m_thread.start();
    auto* server = new SandboxServer(options);
    server->moveToThread(&m_thread);
    m_server = server;
    connect(server, &SandboxServer::worldEvent, this, &SandboxHost::worldEvent, Qt::QueuedConnection);
    QMetaObject::invokeMethod(server, [this, server, port] {
        QString error;
        const bool ok = server->start(port, &error);
        const QString rest = server->restBase(), gateway = server->gatewayUrl();
        const QString token = server->world().botToken();
        QMetaObject::invokeMethod(this, [this, ok, error, rest, gateway, token] {
            if (!ok) {
                Q_EMIT failed(error);
                return;
            }
            m_running = true;
            m_restBase = rest;
            m_gatewayUrl = gateway;
            m_botToken = token;
            Q_EMIT started(rest, gateway, token);
        });
    });
}

void SandboxHost::post(std::function<void(SandboxServer&)> job) {
    if (!m_server)
        return;
    QMetaObject::invokeMethod(m_server, [this, server = m_server, job = std::move(job)] {
        // A job that throws (an ApiError from a world operation) must not take the studio down.
        try {
            job(*server);
        } catch (const std::exception& e) {
            const QString message = QString::fromUtf8(e.what());
            QMetaObject::invokeMethod(this, [this, message] { Q_EMIT jobFailed(message); });
        }
    });
}

void SandboxHost::requestSnapshot() {
    post([this](SandboxServer& server) {
        const QJsonObject world = saveWorld(server.world());
        QMetaObject::invokeMethod(this, [this, world] { Q_EMIT snapshotReady(world); });
    });
}

} // namespace botwright::sandbox
