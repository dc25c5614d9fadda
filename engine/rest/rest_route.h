#pragma once

#include <QByteArray>
#include <QString>

namespace botwright::rest {

// HTTP methods the Discord REST API uses.
enum class HttpMethod { Get, Post, Put, Patch, Delete };

QByteArray methodName(HttpMethod method);

// What a request path means for rate limiting and authentication. Discord limits per route and
// major parameter (channel_id, guild_id, webhook_id + token): `key` keeps the major parameter's
// value and replaces every other id ("PATCH /channels/123/messages/:id"); `shape` replaces the
// major value too ("PATCH /channels/:major/messages/:id"), which is what an X-RateLimit-Bucket
// hash is shared by.
struct RestRoute {
    QString key;
    QString shape;
    QString major;              // "channels/123", "guilds/5", "webhooks/7/<token>", or empty
    bool globalExempt = false;  // interaction callbacks: outside the 50/s global limit
    bool sendsAuth = true;      // false for token-in-path routes and GET /gateway
    bool createMessage = false; // POST /channels/{id}/messages (Botloader retries it with backoff)
    bool idempotent = false;    // GET: safe to retry after a network error or a 5xx

    // `path` is relative to /api/v10 ("/channels/123/messages?limit=5"); a query is ignored.
    static RestRoute parse(HttpMethod method, const QString& path);
};

} // namespace botwright::rest
