#pragma once
// One local Discord for a whole GUI test run, stopped as the application object goes away. (A host
// stopped while the event loop keeps running leaves its GatewayServer's timer behind on this thread —
// that object is created before SandboxServer moves to its thread — and the next event loop crashes;
// one host per process sidesteps that until the engine parents it.)

#include "engine/sandbox/sandbox_host.h"

#include <QCoreApplication>

namespace botwright::testing {

inline sandbox::SandboxHost*& sharedSandboxHostSlot() {
    static sandbox::SandboxHost* host = nullptr;
    return host;
}

inline sandbox::SandboxHost& sharedSandboxHost() {
    sandbox::SandboxHost*& host = sharedSandboxHostSlot();
    if (!host) {
        host = new sandbox::SandboxHost;
        host->start(0);
        qAddPostRoutine([] {
            delete sharedSandboxHostSlot();
            sharedSandboxHostSlot() = nullptr;
        });
    }
    return *host;
}

} // namespace botwright::testing
