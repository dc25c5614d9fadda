#pragma once

#include "engine/sandbox/fault_settings.h"
#include "engine/sandbox/sandbox_options.h"
#include "engine/sandbox/world.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>

#include <memory>

namespace botwright::sandbox {

class GatewayServer;
class RestApi;
class SandboxHttpServer;
class SimulatedUsers;

// The local Discord: one loopback port serving the REST API under /api/v10 (and v9) and the
// Gateway as a WebSocket upgrade on any other path. Lives on one thread (see SandboxHost for a
// thread of its own); every member must be called there.
class SandboxServer final : public QObject {
    Q_OBJECT
public:
    explicit SandboxServer(SandboxOptions options = {}, QObject* parent = nullptr);
    ~SandboxServer() override;

    // Listens on 127.0.0.1:`port` (0 = any free port). False + `error` when the port is taken.
    bool start(quint16 port = 0, QString* error = nullptr);
    bool running() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QString restBase() const;   // http://127.0.0.1:PORT/api
    QString gatewayUrl() const; // ws://127.0.0.1:PORT

    World& world() { return m_world; }
    SandboxOptions& options() { return m_options; }
    FaultSettings& faults() { return m_faults; }
    GatewayServer& gateway() { return *m_gateway; }
    RestApi& rest() { return *m_rest; }
    // Runs the world file's scripted user actions; actionRan() reports each.
    SimulatedUsers& simulatedUsers() { return *m_simulatedUsers; }

    // Drops every interaction whose 3 s window passed without a callback (Discord shows
    // "interaction failed"); called by a timer and by tests.
    void expireInteractions();

Q_SIGNALS:
    // Every world dispatch (unfiltered by intents), for the studio's sandbox chat.
    void worldEvent(const QString& type, const QJsonObject& data);

private:
    SandboxOptions m_options;
    FaultSettings m_faults;
    World m_world;
    std::unique_ptr<RestApi> m_rest;
    SimulatedUsers* m_simulatedUsers = nullptr; // a child
    GatewayServer* m_gateway = nullptr;         // a child, so it moves to the server's thread with it
    std::unique_ptr<SandboxHttpServer> m_http;
    quint16 m_port = 0;
    int m_listener = 0;
};

} // namespace botwright::sandbox
