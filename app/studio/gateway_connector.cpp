#include "app/studio/gateway_connector.h"

#include "app/studio/token_store.h"
#include "engine/gateway/gateway_host.h"
#include "engine/sandbox/sandbox_host.h"

#include <QSettings>

namespace botwright::studio {

GatewayConnector::GatewayConnector(sandbox::SandboxHost* sandbox, gateway::GatewayHost* host,
                                   TokenStore* tokens, QObject* parent)
    : QObject(parent)
    , m_sandbox(sandbox)
    , m_host(host)
    , m_tokens(tokens)
    , m_target(loadSettings()) {
    connect(m_sandbox, &sandbox::SandboxHost::started, this, &GatewayConnector::onSandboxStarted);
    connect(m_sandbox, &sandbox::SandboxHost::failed, this, [this](const QString& error) {
        if (m_target.kind() == gateway::GatewayTarget::Kind::Sandbox)
            Q_EMIT notice(tr("The local sandbox could not start: %1").arg(error));
    });
    connect(m_tokens, &TokenStore::loaded, this, [this] {
        if (!m_waitingForToken)
            return;
        m_waitingForToken = false;
        reconnect();
    });
}

gateway::GatewayTarget GatewayConnector::loadSettings() {
    QSettings settings;
    QVariantMap values;
    for (const QString& key : gateway::GatewayTarget().toSettings().keys())
        if (settings.contains(key))
            values.insert(key, settings.value(key));
    return gateway::GatewayTarget::fromSettings(values);
}

void GatewayConnector::saveSettings(const gateway::GatewayTarget& target) {
    QSettings settings;
    const QVariantMap values = target.toSettings();
    for (auto it = values.begin(); it != values.end(); ++it)
        settings.setValue(it.key(), it.value());
    settings.sync();
}

void GatewayConnector::start() {
    if (m_started)
        return;
    m_started = true;
    if (m_target.kind() == gateway::GatewayTarget::Kind::Sandbox && !m_sandbox->isRunning())
        m_sandbox->start(0); // onSandboxStarted() connects
    else
        reconnect();
}

void GatewayConnector::apply(const gateway::GatewayTarget& target) {
    m_target = target;
    saveSettings(m_target);
    m_started = true;
    Q_EMIT targetChanged();
    reconnect();
}

void GatewayConnector::onSandboxStarted() {
    if (m_target.kind() == gateway::GatewayTarget::Kind::Sandbox)
        reconnect();
}

void GatewayConnector::reconnect() {
    m_waitingForToken = false;
    QString token;
    QString sandboxRestBase;
    if (m_target.kind() == gateway::GatewayTarget::Kind::Sandbox) {
        if (!m_sandbox->isRunning()) {
            m_host->stop();
            m_sandbox->start(0); // connects when it listens
            Q_EMIT notice(tr("Starting the local sandbox…"));
            return;
        }
        token = m_sandbox->botToken();
        sandboxRestBase = m_sandbox->restBase();
    } else {
        if (!m_tokens->isLoaded()) {
            // Reading the keychain can take a moment (or ask the person to unlock it).
            m_waitingForToken = true;
            m_tokens->load();
            return;
        }
        token = m_tokens->token();
    }
    QString error;
    const std::optional<gateway::ShardManagerConfig> config =
        m_target.shardManagerConfig(token, &error, sandboxRestBase);
    if (!config) {
        m_host->stop();
        Q_EMIT notice(tr("Not connected to %1: %2 (Settings ▸ Gateway…)").arg(m_target.displayName(), error));
        return;
    }
    m_host->start(*config); // registers the token for redaction first
    Q_EMIT notice(tr("Connecting the bot to %1…").arg(m_target.displayName()));
}

} // namespace botwright::studio
