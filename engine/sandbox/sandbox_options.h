#pragma once

#include <QString>
#include <QtGlobal>

#include <cstdint>

namespace botwright::sandbox {

// Tunables of the local Discord. Defaults match Discord where it publishes a figure.
struct SandboxOptions {
    // gateway
    int heartbeatIntervalMs = 41250;
    int heartbeatGraceMs = 5000;  // a client is late after interval + grace without a heartbeat
    int resumeWindowMs = 180000;  // a detached session stays resumable this long
    int replayBufferSize = 10000; // dispatches kept per session for resume
    int maxFrameBytes = 4096;     // client frames above this close with 4002
    int sendLimit = 120;          // client frames per window before 4008
    int sendLimitWindowMs = 60000;
    int maxConcurrency = 16;     // identify buckets (shard_id % max_concurrency)
    int identifyWindowMs = 5000; // one Identify per bucket per window, else op 9
    int identifyBudget = 1000;   // identifies per 24 h
    int recommendedShards = 1;
    // world
    int maxMessagesPerChannel = 100000; // oldest messages are dropped beyond this (a runaway script)
    // REST
    bool rateLimitsEnabled = false; // per-route buckets with headers and 429s
    int bucketLimit = 5;            // requests per bucket window when enabled
    int bucketWindowMs = 5000;
    int globalLimitPerSecond = 50;
    // uploads (multipart/form-data): Discord's default attachment_size_limit and request cap
    qint64 attachmentSizeLimit = 10ll * 1024 * 1024;   // per file, else 413 40005
    qint64 maxRequestBytes = 25ll * 1024 * 1024;       // a whole request, else 413 40005
    qint64 attachmentStoreBytes = 512ll * 1024 * 1024; // files kept in memory; the oldest go first
    // interactions
    int interactionAckWindowMs = 3000; // Discord's limit for the first callback
    int interactionAckGraceMs = 1000;  // extra slack for paused debugging sessions
    int interactionTokenLifetimeMs = 15 * 60 * 1000;
};

} // namespace botwright::sandbox
