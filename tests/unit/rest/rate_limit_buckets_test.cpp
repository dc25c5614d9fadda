// RateLimitBuckets: header parsing and the bucket / global state machine, with a fake clock.
#include "engine/rest/rate_limit_buckets.h"
#include "tests/support/qt_catch.h"

using botwright::rest::HttpMethod;
using botwright::rest::RateLimitBuckets;
using botwright::rest::RestRoute;
using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {

RestRoute route(HttpMethod method, const char* path) {
    return RestRoute::parse(method, QString::fromLatin1(path));
}

RateLimitBuckets::Info limits(const char* bucket, int limit, int remaining, double resetAfter) {
    const Headers headers{{"X-RateLimit-Bucket", bucket},
                          {"X-RateLimit-Limit", QByteArray::number(limit)},
                          {"X-RateLimit-Remaining", QByteArray::number(remaining)},
                          {"X-RateLimit-Reset-After", QByteArray::number(resetAfter, 'f', 3)}};
    return RateLimitBuckets::Info::parse(headers, 200, {}, 0);
}

} // namespace

TEST_CASE("rate-limit headers parse case-insensitively, with decimals and 429 bodies") {
    const Headers headers{{"x-ratelimit-bucket", "abcd1234"},  {"X-RATELIMIT-LIMIT", "5"},
                          {"X-RateLimit-Remaining", "0"},      {"X-RateLimit-Reset", "1470173023.123"},
                          {"X-RateLimit-Reset-After", "1.25"}, {"Content-Type", "application/json"}};
    const RateLimitBuckets::Info info = RateLimitBuckets::Info::parse(headers, 200, {}, 0);
    CHECK(info.bucket == QStringLiteral("abcd1234"));
    CHECK(info.limit == 5);
    CHECK(info.remaining == 0);
    CHECK(info.resetAfterMs == 1250);
    CHECK_FALSE(info.global);
    CHECK(info.retryAfterMs == -1);

    SECTION("Reset alone is turned into a delay with the wall clock") {
        const RateLimitBuckets::Info reset =
            RateLimitBuckets::Info::parse({{"X-RateLimit-Reset", "1000.5"}}, 200, {}, 999000);
        CHECK(reset.resetAfterMs == 1500);
    }
    SECTION("a 429 prefers the body's retry_after and honours global flags") {
        const RateLimitBuckets::Info limited = RateLimitBuckets::Info::parse(
            {{"Retry-After", "1"}, {"X-RateLimit-Scope", "user"}}, 429,
            R"({"message":"You are being rate limited.","retry_after":0.342,"global":true})", 0);
        CHECK(limited.retryAfterMs == 342);
        CHECK(limited.global);
        CHECK(limited.scope == QStringLiteral("user"));
    }
    SECTION("a 429 without a body falls back to Retry-After; X-RateLimit-Global marks it global") {
        const RateLimitBuckets::Info limited = RateLimitBuckets::Info::parse(
            {{"Retry-After", "2"}, {"X-RateLimit-Global", "true"}}, 429, "not json", 0);
        CHECK(limited.retryAfterMs == 2000);
        CHECK(limited.global);
    }
    SECTION("no headers: nothing known") {
        const RateLimitBuckets::Info none = RateLimitBuckets::Info::parse({}, 200, {}, 0);
        CHECK(none.bucket.isEmpty());
        CHECK(none.remaining == -1);
        CHECK(none.resetAfterMs == -1);
    }
}

TEST_CASE("a bucket with nothing remaining holds its route until the reset") {
    RateLimitBuckets buckets(0);
    const RestRoute create = route(HttpMethod::Post, "/channels/1/messages");
    CHECK(buckets.delayMs(create, 0) == 0); // unknown bucket: go
    CHECK(buckets.bucketId(create) == create.key);
    buckets.onSend(create, 0);
    CHECK(buckets.onResponse(create, 200, limits("h1", 5, 1, 2.0), 10) == 0);
    CHECK(buckets.bucketId(create) == QStringLiteral("h1:channels/1"));
    CHECK(buckets.delayMs(create, 10) == 0);
    buckets.onSend(create, 20); // spends the last one before the answer says so
    CHECK(buckets.state(create)->remaining == 0);
    CHECK(buckets.delayMs(create, 20) == 1990);
    buckets.onResponse(create, 200, limits("h1", 5, 0, 1.5), 30);
    CHECK(buckets.delayMs(create, 30) == 1500);
    CHECK(buckets.delayMs(create, 1000) == 530);
    CHECK(buckets.delayMs(create, 1530) == 0);
    // After the reset the next send starts a fresh window.
    buckets.onSend(create, 1530);
    CHECK(buckets.state(create)->remaining == 4);
    CHECK(buckets.delayMs(create, 1531) == 0);
}

TEST_CASE("a bucket hash is shared by routes but never across major parameters") {
    RateLimitBuckets buckets(0);
    const RestRoute edit1 = route(HttpMethod::Patch, "/channels/1/messages/10");
    const RestRoute edit2 = route(HttpMethod::Patch, "/channels/2/messages/20");
    buckets.onResponse(edit1, 200, limits("edit", 5, 0, 3.0), 0);
    CHECK(buckets.delayMs(edit1, 0) == 3000);
    CHECK(buckets.delayMs(edit2, 0) == 0); // another channel: another bucket
    CHECK(buckets.bucketId(edit2) == QStringLiteral("edit:channels/2"));

    // Discord says DELETE of a message shares the bucket (same hash): same counter on one channel.
    const RestRoute delete1 = route(HttpMethod::Delete, "/channels/1/messages/11");
    buckets.onResponse(delete1, 204, limits("edit", 5, 0, 3.0), 0);
    CHECK(buckets.bucketId(delete1) == buckets.bucketId(edit1));
    CHECK(buckets.knownHashCount() == 2); // two route shapes, one hash
}

TEST_CASE("what a route learned before its hash moves to the hashed bucket") {
    RateLimitBuckets buckets(0);
    const RestRoute get = route(HttpMethod::Get, "/guilds/5/roles");
    // A 429 without a bucket header: the route key is the bucket.
    CHECK(buckets.onResponse(get, 429, RateLimitBuckets::Info::parse({}, 429, R"({"retry_after":0.5})", 0),
                             0) == 500);
    CHECK(buckets.delayMs(get, 100) == 400);
    buckets.onResponse(get, 200, limits("roles", 10, 3, 1.0), 200);
    CHECK(buckets.bucketId(get) == QStringLiteral("roles:guilds/5"));
    CHECK(buckets.bucketCount() == 1);
    CHECK(buckets.state(get)->remaining == 3);
}

TEST_CASE("a 429 holds its bucket; a global 429 holds every route except interaction callbacks") {
    RateLimitBuckets buckets(0, 5);
    const RestRoute create = route(HttpMethod::Post, "/channels/1/messages");
    const RestRoute other = route(HttpMethod::Get, "/guilds/5");
    const RestRoute callback = route(HttpMethod::Post, "/interactions/1/tok/callback");
    const auto limited = [](bool global) {
        return RateLimitBuckets::Info::parse(
            {{"Retry-After", "1"}}, 429,
            global ? R"({"retry_after":0.8,"global":true})" : R"({"retry_after":0.8,"global":false})", 0);
    };
    CHECK(buckets.onResponse(create, 429, limited(false), 100) == 805); // + the reset margin
    CHECK(buckets.delayMs(create, 100) == 805);
    CHECK(buckets.delayMs(other, 100) == 0);

    CHECK(buckets.onResponse(other, 429, limited(true), 200) == 805);
    CHECK(buckets.globalPausedUntilMs() == 1005);
    CHECK(buckets.delayMs(route(HttpMethod::Get, "/users/@me"), 500) == 505);
    CHECK(buckets.delayMs(callback, 500) == 0);
    CHECK(buckets.delayMs(other, 1005) == 0);
}

TEST_CASE("the global cap lets at most N requests out in any one-second window") {
    RateLimitBuckets buckets(3);
    const RestRoute a = route(HttpMethod::Get, "/channels/1");
    const RestRoute b = route(HttpMethod::Get, "/channels/2");
    buckets.onSend(a, 0);
    buckets.onSend(b, 10);
    CHECK(buckets.delayMs(a, 20) == 0);
    buckets.onSend(a, 20);
    CHECK(buckets.delayMs(b, 30) == 970); // the send at 0 leaves the window at 1000
    CHECK(buckets.delayMs(route(HttpMethod::Post, "/interactions/1/t/callback"), 30) == 0);
    buckets.onSend(route(HttpMethod::Post, "/interactions/1/t/callback"), 30); // not counted
    CHECK(buckets.delayMs(b, 1000) == 0);
    buckets.onSend(b, 1000);
    CHECK(buckets.delayMs(a, 1001) == 9);

    RateLimitBuckets unlimited(0);
    for (int i = 0; i < 1000; ++i)
        unlimited.onSend(a, 0);
    CHECK(unlimited.delayMs(a, 0) == 0);
}

TEST_CASE("idle buckets are pruned once their window passed") {
    RateLimitBuckets buckets(0);
    const RestRoute a = route(HttpMethod::Get, "/channels/1");
    const RestRoute b = route(HttpMethod::Get, "/channels/2");
    buckets.onResponse(a, 200, limits("c", 5, 4, 1.0), 0);
    buckets.onResponse(b, 200, limits("c", 5, 0, 100.0), 0);
    CHECK(buckets.bucketCount() == 2);
    buckets.prune(60000, 30000);
    CHECK(buckets.bucketCount() == 1); // b's window is still running
    CHECK_FALSE(buckets.state(a).has_value());
    CHECK(buckets.state(b).has_value());
}
