#pragma once

namespace botwright::core {

// Process-wide malloc settings for Botwright's executables (studio, CLI, worker, benchmarks).
// Gateway events are allocated on one thread and freed on another by the thousand per second; with
// glibc's default 128 KiB trim threshold, freed memory goes back to the kernel and comes back as
// freshly zeroed pages, which cost more than the events themselves. This keeps up to 64 MiB of
// freed memory for reuse. Call once, first thing in main().
void tuneAllocator();

} // namespace botwright::core
