#pragma once

#include "engine/sandbox/fault_settings.h"
#include "engine/sandbox/rate_limiter.h"
#include "engine/sandbox/rest_router.h"
#include "engine/sandbox/sandbox_options.h"

namespace botwright::sandbox {

// The sandbox's REST API v10 (and v9), transport-free: authenticates the caller (`Bot <token>` for
// the bot, a bare user token for simulated people), applies rate limits and REST faults, routes,
// and turns ApiError into Discord's JSON error bodies.
class RestApi final {
public:
    RestApi(World& world, const SandboxOptions& options, FaultSettings& faults);

    // `fullPath` is the path after the host, e.g. /api/v10/channels/1/messages.
    RestResponse handle(const QByteArray& method, const QString& fullPath, RestRequest request);
    void setPublicBaseUrl(const QString& url) { m_publicBaseUrl = url; }
    const RestRouter& router() const { return m_router; }
    qint64 requestsServed() const { return m_served; }

private:
    RestResponse route(RestRequest& request);

    World& m_world;
    const SandboxOptions& m_options;
    FaultSettings& m_faults;
    RestRouter m_router;
    RateLimiter m_limiter;
    QString m_publicBaseUrl;
    qint64 m_served = 0;
};

} // namespace botwright::sandbox
