#pragma once

#include "engine/gateway/gateway_target.h"

#include <QObject>

namespace botwright::sandbox {
class SandboxHost;
}
namespace botwright::gateway {
class GatewayHost;
}

namespace botwright::studio {

class TokenStore;

// Connects the studio's own bot (a GatewayHost) to the chosen GatewayTarget: the local sandbox with
// the sandbox's own token once it listens, or Discord / a custom server with the token from the
// TokenStore (read from the keychain first when needed). The target is kept in QSettings under
// "gateway/…"; the token never is.
class GatewayConnector final : public QObject {
    Q_OBJECT
public:
    GatewayConnector(sandbox::SandboxHost* sandbox, gateway::GatewayHost* host, TokenStore* tokens,
                     QObject* parent = nullptr);

    const gateway::GatewayTarget& target() const { return m_target; }
    TokenStore* tokenStore() const { return m_tokens; }

    // The first connection after the window appears (later calls do nothing): the sandbox target
    // waits for the sandbox to listen; the others connect at once.
    void start();
    // Saves `target` and reconnects the bot to it.
    void apply(const gateway::GatewayTarget& target);
    // (Re)connects to the current target with the current token.
    void reconnect();

    static gateway::GatewayTarget loadSettings();
    static void saveSettings(const gateway::GatewayTarget& target);

Q_SIGNALS:
    // A line for the status bar: what the connector did, or why it could not connect (never
    // containing the token).
    void notice(const QString& message);
    void targetChanged();

private:
    void onSandboxStarted();

    sandbox::SandboxHost* m_sandbox;
    gateway::GatewayHost* m_host;
    TokenStore* m_tokens;
    gateway::GatewayTarget m_target;
    bool m_started = false;
    bool m_waitingForToken = false;
};

} // namespace botwright::studio
