// RestRoute: the rate-limit route key, its shape, the major parameter and per-route flags.
#include "engine/rest/rest_route.h"
#include "tests/support/qt_catch.h"

using botwright::rest::HttpMethod;
using botwright::rest::RestRoute;

TEST_CASE("route keys keep the major parameter and replace other ids") {
    const RestRoute edit = RestRoute::parse(HttpMethod::Patch, QStringLiteral("/channels/123/messages/456"));
    CHECK(edit.key == QStringLiteral("PATCH /channels/123/messages/:id"));
    CHECK(edit.shape == QStringLiteral("PATCH /channels/:major/messages/:id"));
    CHECK(edit.major == QStringLiteral("channels/123"));
    CHECK(edit.sendsAuth);
    CHECK_FALSE(edit.createMessage);
    CHECK_FALSE(edit.idempotent);

    const RestRoute member = RestRoute::parse(HttpMethod::Get, QStringLiteral("/guilds/5/members/77"));
    CHECK(member.key == QStringLiteral("GET /guilds/5/members/:id"));
    CHECK(member.major == QStringLiteral("guilds/5"));
    CHECK(member.idempotent);

    // Methods are part of the key: a DELETE and a PATCH of one message are separate routes.
    CHECK(RestRoute::parse(HttpMethod::Delete, QStringLiteral("/channels/123/messages/456")).key ==
          QStringLiteral("DELETE /channels/123/messages/:id"));
    CHECK(RestRoute::parse(HttpMethod::Get, QStringLiteral("/users/1234")).key ==
          QStringLiteral("GET /users/:id"));
    CHECK(RestRoute::parse(HttpMethod::Get, QStringLiteral("/users/@me")).major.isEmpty());
}

TEST_CASE("queries are ignored and reactions share one route per message") {
    CHECK(RestRoute::parse(HttpMethod::Get, QStringLiteral("/channels/1/messages?limit=5&before=9")).key ==
          QStringLiteral("GET /channels/1/messages"));
    const RestRoute react = RestRoute::parse(
        HttpMethod::Put, QStringLiteral("/channels/1/messages/2/reactions/%F0%9F%91%8D/@me"));
    CHECK(react.key == QStringLiteral("PUT /channels/1/messages/:id/reactions/:emoji/@me"));
    CHECK(RestRoute::parse(HttpMethod::Put, QStringLiteral("/channels/1/messages/3/reactions/name:42/@me"))
              .key == react.key);
    CHECK(RestRoute::parse(HttpMethod::Get, QString()).key == QStringLiteral("GET /"));
}

TEST_CASE("webhook and interaction tokens are major parameters and are authorised by the path") {
    const RestRoute hook =
        RestRoute::parse(HttpMethod::Post, QStringLiteral("/webhooks/9/aW50ZXJhY3Rpb24/messages/11"));
    CHECK(hook.key == QStringLiteral("POST /webhooks/9/aW50ZXJhY3Rpb24/messages/:id"));
    CHECK(hook.shape == QStringLiteral("POST /webhooks/:major/:major/messages/:id"));
    CHECK(hook.major == QStringLiteral("webhooks/9/aW50ZXJhY3Rpb24"));
    CHECK_FALSE(hook.sendsAuth);
    CHECK_FALSE(hook.globalExempt);

    const RestRoute bare = RestRoute::parse(HttpMethod::Get, QStringLiteral("/webhooks/9"));
    CHECK(bare.major == QStringLiteral("webhooks/9"));
    CHECK(bare.sendsAuth);

    const RestRoute callback =
        RestRoute::parse(HttpMethod::Post, QStringLiteral("/interactions/77/tok3n/callback"));
    CHECK(callback.globalExempt);
    CHECK_FALSE(callback.sendsAuth);
    CHECK(callback.major == QStringLiteral("interactions/77/tok3n"));

    CHECK_FALSE(RestRoute::parse(HttpMethod::Get, QStringLiteral("/gateway")).sendsAuth);
    CHECK(RestRoute::parse(HttpMethod::Get, QStringLiteral("/gateway/bot")).sendsAuth);
}

TEST_CASE("createMessage is recognised by method and shape") {
    CHECK(RestRoute::parse(HttpMethod::Post, QStringLiteral("/channels/1/messages")).createMessage);
    CHECK_FALSE(RestRoute::parse(HttpMethod::Get, QStringLiteral("/channels/1/messages")).createMessage);
    CHECK_FALSE(
        RestRoute::parse(HttpMethod::Post, QStringLiteral("/channels/1/messages/2/crosspost")).createMessage);
    CHECK(botwright::rest::methodName(HttpMethod::Patch) == QByteArrayLiteral("PATCH"));
}
