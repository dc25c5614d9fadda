#pragma once

#include "engine/sandbox/sandbox_options.h"

#include <QJsonObject>
#include <QObject>
#include <QThread>

#include <functional>

namespace botwright::sandbox {

class SandboxServer;

// Runs a SandboxServer on a thread of its own so neither the GUI nor the gateway client ever
// waits for it. Everything crosses threads as queued signals; nothing here blocks.
class SandboxHost final : public QObject {
    Q_OBJECT
public:
    explicit SandboxHost(QObject* parent = nullptr);
    ~SandboxHost() override; // stops the thread

    // Starts listening on 127.0.0.1:`port` (0 = a free port); answers with started() or failed().
    void start(quint16 port = 0, SandboxOptions options = {});
    bool isRunning() const { return m_running; }
    QString restBase() const { return m_restBase; }
    QString gatewayUrl() const { return m_gatewayUrl; }
    QString botToken() const { return m_botToken; }

    // Runs `job` on the sandbox thread (faults, world edits, saving); never blocks the caller.
    void post(std::function<void(SandboxServer&)> job);
    // Asks for the whole world as a world-file object (users with their tokens, guilds, channels,
    // messages, commands); answered by snapshotReady().
    void requestSnapshot();

Q_SIGNALS:
    void started(const QString& restBase, const QString& gatewayUrl, const QString& botToken);
    void failed(const QString& error);
    // A posted job threw; the sandbox keeps running.
    void jobFailed(const QString& error);
    void worldEvent(const QString& type, const QJsonObject& data);
    void snapshotReady(const QJsonObject& world);

private:
    QThread m_thread;
    SandboxServer* m_server = nullptr; // lives on m_thread
    bool m_running = false;
    QString m_restBase;
    QString m_gatewayUrl;
    QString m_botToken;
};

} // namespace botwright::sandbox
