#pragma once

#include <QDockWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace botwright::sandbox {
class SandboxHost;
class SandboxServer;
} // namespace botwright::sandbox

namespace botwright::studio {

// The "Sandbox Faults" dock: injects gateway and REST faults into the local Discord so a script's
// (or any bot's) recovery can be watched — op 7, op 9, a chosen close code, a TCP drop, a server
// heartbeat request, withheld or delayed ACKs, split compressed frames, REST 429/5xx, a guild
// outage. Every action runs on the sandbox thread; nothing here blocks.
class SandboxFaultsDock final : public QDockWidget {
    Q_OBJECT
public:
    SandboxFaultsDock(sandbox::SandboxHost* host, QWidget* parent = nullptr);

    // The last action, as shown in the dock ("Sent op 7 to every session").
    QString lastAction() const;

private:
    void act(const QString& description, std::function<void(sandbox::SandboxServer&)> job);
    void applyStandingFaults();
    void refreshSessions();

    sandbox::SandboxHost* m_host;
    QComboBox* m_closeCode = nullptr;
    QCheckBox* m_dropAcks = nullptr;
    QSpinBox* m_ackDelay = nullptr;
    QSpinBox* m_splitFrames = nullptr;
    QSpinBox* m_guildCreateDelay = nullptr;
    QComboBox* m_restStatus = nullptr;
    QSpinBox* m_restCount = nullptr;
    QCheckBox* m_rateLimits = nullptr;
    QSpinBox* m_ackWindow = nullptr;
    QSpinBox* m_ackGrace = nullptr;
    QLabel* m_sessions = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace botwright::studio
