#pragma once

#include "engine/runtime/script_runtime.h"

#include <QCommandLineParser>
#include <QObject>

#include <memory>

namespace botwright::gateway {
class ShardManager;
}
namespace botwright::sandbox {
class SandboxServer;
}

namespace botwright::cli {

// What `run` and `test` share: a project's scripts live against a gateway — a local sandbox of
// their own (optionally loaded from a world file) or a server given by --gateway/--rest with the
// token from an environment variable — with the runtime fed by the gateway's dispatches.
class ProjectSession final : public QObject {
    Q_OBJECT
public:
    ProjectSession();
    ~ProjectSession() override;
    static void addOptions(QCommandLineParser& parser);
    // Reads the options; false (and a message on stderr) on a usage error or a failed start.
    bool start(const QCommandLineParser& parser, const QString& projectPath);
    void stop();
    runtime::ScriptRuntime* runtime() const { return m_runtime.get(); }
    static QString describe(const runtime::VmLogEntry& entry);

Q_SIGNALS:
    void failed(const QString& reason);

private:
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<gateway::ShardManager> m_gateway;
    std::unique_ptr<runtime::ScriptRuntime> m_runtime;
};

} // namespace botwright::cli
