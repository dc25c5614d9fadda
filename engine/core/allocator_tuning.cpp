#include "engine/core/allocator_tuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace botwright::core {

void tuneAllocator() {
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TOP_PAD, 4 * 1024 * 1024);
    // Setting the trim threshold turns off glibc's adaptive mmap threshold: keep blocks of up to
    // 4 MiB (pipe batches, frame buffers) on the heap, where they are reused.
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#endif
}

} // namespace botwright::core
